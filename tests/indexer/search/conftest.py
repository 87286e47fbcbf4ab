"""Fixtures for the search backend tests: a loaded backend of each kind, and an Elasticsearch endpoint.

Elasticsearch tests run against ``ELASTICSEARCH_URL`` when it is set (a real
cluster). Otherwise an in-memory, wire-compatible server from PyPI is started
on 127.0.0.1 for the session: ``noida-db`` (reports Elasticsearch 8.15) when
installed, else ``osmem-server`` (reports OpenSearch; it needs plain
``application/json`` media types, which only this fixture's transport sends).
Choose with ``PALERMO_ES_EMULATOR=noida|osmem``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
import urllib.request
import uuid
import warnings
from pathlib import Path

import pytest
from elastic_transport import HttpHeaders, Urllib3HttpNode

from tests.indexer.search.corpus import DOCS
from tests.servers import free_port as _free_port

STARTUP_SECONDS = 30


class PlainJsonNode(Urllib3HttpNode):
    """Test-only transport: plain ``application/json`` media types (osmem refuses compatible-with)."""

    def perform_request(self, method, target, body=None, headers=None, **kwargs):  # noqa: D102
        fixed = HttpHeaders()
        for name, value in (headers or {}).items():
            if name.lower() in ("accept", "content-type") and "vnd.elasticsearch+" in value:
                value = value.split(";")[0].replace("vnd.elasticsearch+", "")
            fixed[name] = value
        return super().perform_request(method, target, body=body, headers=fixed, **kwargs)



def _wait_http(url: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the Elasticsearch emulator exited with code {proc.returncode}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=1):
            return
        time.sleep(0.2)
    raise RuntimeError(f"the Elasticsearch emulator did not answer at {url} within {STARTUP_SECONDS} s")


def _noida_binary() -> str | None:
    try:
        from importlib.resources import files

        path = files("noida_db").joinpath("noida-db")
    except ModuleNotFoundError:
        return None
    return str(path) if path.is_file() else None


@pytest.fixture(scope="session")
def es_endpoint(tmp_path_factory: pytest.TempPathFactory):
    """``(url, client options, flavour)`` of an Elasticsearch-compatible server for this session."""
    url = os.environ.get("ELASTICSEARCH_URL")
    if url:
        yield url, {}, "elasticsearch"
        return
    choice = os.environ.get("PALERMO_ES_EMULATOR", "")
    noida = _noida_binary()
    if choice != "osmem" and noida:
        with _noida(noida, tmp_path_factory.mktemp("noida")) as url:
            if url is not None:
                yield url, {}, "noida"
                return
    osmem = pytest.importorskip("osmem_server", reason="no Elasticsearch emulator (noida-db, osmem-server)")
    server = osmem.OsmemServer.start(japanese=False)
    try:
        yield server.url, {"node_class": PlainJsonNode}, "osmem"
    finally:
        server.process.kill()
        server.process.wait(timeout=10)


@contextlib.contextmanager
def _noida(binary: str, data: Path):
    """Run noida-db's Elasticsearch service on a free loopback port; yields its URL (``None`` if it fails)."""
    os.chmod(binary, 0o755)
    port = _free_port()
    proc = subprocess.Popen(
        [binary, "start", "--data-dir", str(data), "--host", "127.0.0.1", "--only", "elasticsearch",
         "--elasticsearch-port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            _wait_http(url, proc)
        except RuntimeError as exc:  # fall back to osmem-server
            warnings.warn(f"noida-db did not start ({exc}); trying osmem-server", stacklevel=2)
            url = None
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        shutil.rmtree(data, ignore_errors=True)


def make_es_backend(es_endpoint):
    """A fresh ElasticsearchBackend on its own alias (indices removed by :func:`drop_es_backend`)."""
    from indexer.search.elastic import ElasticsearchBackend
    from indexer.settings import Settings

    url, options, _flavour = es_endpoint
    settings = Settings(backend="elasticsearch", elasticsearch_url=url,
                        elasticsearch_index=f"palermo-test-{uuid.uuid4().hex[:8]}")
    return ElasticsearchBackend.from_settings(settings, **options)


def drop_es_backend(backend) -> None:
    """Delete every index and the template of a test backend."""
    client = backend.client.options(ignore_status=404)
    with contextlib.suppress(Exception):
        for name in backend._alias_indices():
            client.indices.delete(index=name)
        client.indices.delete_index_template(name=f"{backend.alias}-template")
        client.indices.delete(index=backend.meta_index)
    backend.close()


def _make(kind: str, request: pytest.FixtureRequest, tmp: Path):
    if kind == "embedded":
        from indexer.search.embedded import EmbeddedBackend

        return EmbeddedBackend(tmp / "index"), lambda b: b.close()
    return make_es_backend(request.getfixturevalue("es_endpoint")), drop_es_backend


@pytest.fixture(scope="module", params=["embedded", "elasticsearch"])
def loaded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """A backend of each kind holding the test corpus (read-only tests share it)."""
    backend, drop = _make(request.param, request, tmp_path_factory.mktemp("search"))
    backend.rebuild(DOCS)
    yield backend
    drop(backend)


@pytest.fixture(params=["embedded", "elasticsearch"])
def fresh(request: pytest.FixtureRequest, tmp_path: Path):
    """A backend of each kind holding the test corpus, for one test that writes."""
    backend, drop = _make(request.param, request, tmp_path)
    backend.rebuild(DOCS)
    yield backend
    drop(backend)




@pytest.fixture
def text_analysis(request: pytest.FixtureRequest) -> None:
    """Skip free-text assertions on osmem-server, whose match queries ignore German/Dutch/Portuguese text.

    (osmem 0.1.6 makes every German, Dutch, Portuguese or Italian document match any ``match`` query
    on a custom Snowball analyzer; noida-db and real clusters do not.)
    """
    backend = request.getfixturevalue("fresh" if "fresh" in request.fixturenames else "loaded")
    if backend.name == "elasticsearch" and request.getfixturevalue("es_endpoint")[2] == "osmem":
        pytest.skip("osmem-server mis-evaluates match queries on Snowball analyzers; use noida-db "
                    "or ELASTICSEARCH_URL for free-text assertions")
