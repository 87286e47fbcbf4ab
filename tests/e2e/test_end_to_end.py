"""End to end on the embedded default: crawl a local mirror, index, serve, search, assess.

Serves a few files of ../shared/corpus from a local HTTP server on 127.0.0.1,
runs ``palermo crawl --manifest``, ``palermo index`` (twice: the second run
does nothing) and ``palermo serve``, then checks through HTTP.
"""

from __future__ import annotations

import csv
import functools
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from tests.servers import free_port

pytestmark = [pytest.mark.shared, pytest.mark.slow]

# A few real statutes in three languages and three formats.
E2E_FILES = (
    "ARG/Ley_26364_Trata_de_Personas.md",
    "CAN/SC_2005_c43_trafficking_in_persons_en.xml",
    "CAN/LC_2005_ch43_traite_des_personnes_fr.xml",
)
PALERMO = [sys.executable, "-m", "indexer.cli"]



class QuietHandler(SimpleHTTPRequestHandler):
    """Static file handler that does not log every request."""

    def log_message(self, *args) -> None:  # noqa: D401 - silence
        return


@pytest.fixture(scope="module")
def mirror(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """A local HTTP mirror of a few corpus files with a filtered MANIFEST.csv."""
    root = tmp_path_factory.mktemp("mirror")
    with (shared_dir / "corpus" / "MANIFEST.csv").open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = [r for r in reader if r["path"] in E2E_FILES]
        fields = reader.fieldnames
    assert len(rows) == len(E2E_FILES)
    for row in rows:
        target = root / row["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shared_dir / "corpus" / row["path"], target)
    with (root / "MANIFEST.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), functools.partial(QuietHandler, directory=root))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/MANIFEST.csv"
    server.shutdown()


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment of the palermo subprocesses: a fresh data dir, test settings."""
    data = tmp_path_factory.mktemp("data")
    return {
        **os.environ,
        "PALERMO_DATA_DIR": str(data),
        "PALERMO_ENVIRONMENT": "test",
        "PALERMO_BACKEND": "embedded",
    }


def palermo(args: list[str], env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess:
    """Run the CLI and return the finished process."""
    return subprocess.run(PALERMO + args, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def server(mirror: str, env: dict[str, str], tmp_path_factory: pytest.TempPathFactory):
    """Crawl, index and serve; yields the base URL of the live server."""
    report_path = tmp_path_factory.mktemp("report") / "report.json"
    crawl = palermo(["crawl", "--manifest", mirror, "--report", str(report_path)], env)
    assert crawl.returncode == 0, crawl.stderr
    report = json.loads(report_path.read_text())
    assert report["new_versions"] == len(E2E_FILES), report
    assert report["failed"] == []

    first = palermo(["index"], env)
    assert first.returncode == 0, first.stderr
    assert f"indexed {len(E2E_FILES)}" in first.stderr, first.stderr
    second = palermo(["index"], env)
    assert second.returncode == 0, second.stderr
    assert "documents 0, indexed 0" in second.stderr, second.stderr

    port = free_port()
    proc = subprocess.Popen(
        PALERMO + ["serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail(f"server did not start: {proc.stderr.read() if proc.stderr else ''}")
    yield base
    proc.terminate()
    proc.wait(timeout=20)


def test_search_returns_highlighted_provision_of_the_jurisdiction(server: str) -> None:
    """A Spanish trafficking term finds an Argentine provision with the hit marked."""
    body = httpx.get(f"{server}/api/search", params={"q": "trata de personas", "jurisdiction": "ARG"}).json()
    assert body["total"] > 0
    hit = body["results"][0]
    assert hit["jurisdiction"] == "ARG"
    assert "<mark>" in hit["snippet"]
    assert {"id", "jurisdiction", "law", "ref", "snippet", "elements"} <= set(hit)
    provision = httpx.get(f"{server}/api/provisions/{hit['id']}")
    assert provision.status_code == 200


def test_english_search_and_tags(server: str) -> None:
    """The Canadian act is searchable in English and its offence carries act elements."""
    body = httpx.get(
        f"{server}/api/search", params={"q": "recruits transports", "jurisdiction": "CAN"}
    ).json()
    assert body["total"] > 0
    assert any(e.startswith("act.") for hit in body["results"] for e in hit["elements"])


def test_assessment_has_r1_to_r7_with_verdicts(server: str) -> None:
    """The scorecard of a crawled jurisdiction has every spine requirement with a verdict."""
    body = httpx.get(f"{server}/api/jurisdictions/ARG/assessment").json()
    assert body["jurisdiction"] == "ARG"
    verdicts = {r["id"]: r["verdict"] for r in body["requirements"]}
    for rid in (f"R{i}" for i in range(1, 8)):
        assert verdicts.get(rid) in {"met", "partial", "not_found", "broader"}, (rid, verdicts)
    assert verdicts["R1"] == "met"


def test_cli_assess_json_matches_api(server: str, env: dict[str, str]) -> None:
    """`palermo assess ISO3 --json` gives the same verdicts as the API."""
    cli = palermo(["assess", "CAN", "--json"], env)
    assert cli.returncode == 0, cli.stderr
    from_cli = {r["id"]: r["verdict"] for r in json.loads(cli.stdout)["requirements"]}
    api = httpx.get(f"{server}/api/jurisdictions/CAN/assessment").json()
    assert from_cli == {r["id"]: r["verdict"] for r in api["requirements"]}


def test_web_search_page_renders(server: str) -> None:
    """The UI is served by the same app and shows the hit."""
    page = httpx.get(f"{server}/search", params={"q": "trata"})
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    assert "<mark>" in page.text
