"""A live uvicorn server on 127.0.0.1: real HTTP checks and a bounded schemathesis run.

The server's dataset is a real index built with the lead's pipeline from a few files of
../shared/corpus when it is present (``shared_dir``), else the synthetic fixture.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from indexer.db import connect
from search_api.auth import create_token
from tests.fixtures_data import build_fixture, build_shared_fixture
from tests.search_api.conftest import ADMIN_ENV_SECRET, make_settings
from tests.servers import start_api, stop

REPO = Path(__file__).resolve().parents[2]
SCHEMATHESIS_CLI = Path(__file__).with_name("schemathesis_cli.py")
STARTUP_SECONDS = 30
SCHEMATHESIS_TIMEOUT = 150
# The summary line of a clean run: "1638 generated, 1638 passed"
CASES_RE = re.compile(r"(?P<generated>\d+) generated, (?P<passed>\d+) passed")
SCHEMATHESIS_CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_schema_conformance,response_headers_conformance"
)


@dataclass
class LiveServer:
    """A running server and what the tests need to drive it."""

    url: str
    data: str  # "shared corpus" or "synthetic fixture"
    reviewer_token: str
    process: subprocess.Popen


def _dataset(request: pytest.FixtureRequest, root: Path) -> tuple[Path, str]:
    settings = make_settings(root / "data")
    try:
        shared = request.getfixturevalue("shared_dir")
    except pytest.skip.Exception:
        build_fixture(settings)
        return settings.data_dir, "synthetic fixture"
    (root / "import").mkdir()
    summary = build_shared_fixture(settings, shared, root / "import")
    assert summary["indexed"]["indexed"] >= 5, summary
    return settings.data_dir, "shared corpus"


@pytest.fixture(scope="module")
def live(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Start ``uvicorn --factory search_api.app:create_app`` on a free 127.0.0.1 port (stopped afterwards)."""
    root = tmp_path_factory.mktemp("live")
    data_dir, label = _dataset(request, root)
    conn = connect(data_dir / "palermo.db")
    try:
        token = create_token(conn, "reviewer", "live-tests")
    finally:
        conn.close()
    process, url = start_api(
        data_dir,
        root / "server.log",
        env={"PALERMO_ADMIN_TOKEN": ADMIN_ENV_SECRET, "PALERMO_WRITE_RATE_PER_MINUTE": "100000"},
        timeout=STARTUP_SECONDS,
    )
    try:
        yield LiveServer(url=url, data=label, reviewer_token=token, process=process)
    finally:
        stop(process)


def test_live_read_endpoints(live):
    with httpx.Client(base_url=live.url, timeout=10) as http:
        assert http.get("/readyz").status_code == 200
        search = http.get("/api/search", params={"q": "trafficking OR trata OR mensenhandel"}).json()
        assert search["total"] > 0, live.data
        hit = search["results"][0]
        provision = http.get(f"/api/provisions/{hit['id']}").json()
        assert provision["id"] == hit["id"] and provision["text"] and provision["citation"]
        for tag in provision["tags"]:
            assert 0 <= tag["start"] <= tag["end"] <= len(provision["text"])
        law = http.get(f"/api/laws/{provision['law_id']}").json()
        assert hit["id"] in [entry["id"] for entry in law["toc"]]
        assert http.get(f"/api/laws/{law['id']}/versions").json()
        jurisdictions = http.get("/api/jurisdictions").json()
        codes = [j["iso3"] for j in jurisdictions]
        assert len(codes) >= 2
        assessment = http.get(f"/api/jurisdictions/{codes[0]}/assessment").json()
        assert len(assessment["requirements"]) == 22
        matrix = http.get("/api/compare", params=[("j", codes[0]), ("j", codes[1])]).json()
        assert len(matrix["rows"]) == 22
        assert http.get("/api/gaps", params={"requirement": "R1"}).status_code == 200
        assert http.get(f"/api/provisions/{hit['id']}/similar").status_code == 200
        assert http.get("/api/feeds/changes.atom").text.startswith("<?xml")
        dump = http.get("/api/export/dataset").text.splitlines()
        assert sum('"type": "law"' in line for line in dump) == len(http.get("/api/laws").json()["results"])


def test_live_http_semantics(live):
    with httpx.Client(base_url=live.url, timeout=10) as http:
        first = http.get("/api/elements", headers={"Accept-Encoding": "gzip"})
        assert first.headers["content-encoding"] == "gzip"
        assert first.headers["x-content-type-options"] == "nosniff"
        raw = httpx.get(live.url + "/api/elements", headers={"Accept-Encoding": "gzip"}, timeout=10)
        assert raw.headers["content-encoding"] == "gzip" and len(raw.json()) == 72
        assert gzip.decompress(gzip.compress(b"x")) == b"x"
        conditional = http.get("/api/elements", headers={"If-None-Match": first.headers["etag"]})
        assert conditional.status_code == 304
        missing = http.get("/api/laws/does-not-exist")
        assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
        assert http.get("/api/search", params={"q": '"unbalanced'}).status_code in (200, 400)


def test_live_auth(live):
    with httpx.Client(base_url=live.url, timeout=10) as http:
        search = http.get("/api/search", params={"page_size": 20}).json()
        provision = next(
            p for p in (http.get(f"/api/provisions/{hit['id']}").json() for hit in search["results"])
            if len(p["text"]) >= 10
        )
        body = {
            "provision_id": provision["id"],
            "element": "crim.offence",
            "action": "add",
            "evidence": provision["text"][:10],
            "start": 0,
            "end": min(10, len(provision["text"])),
        }
        assert http.post("/api/reviews", json=body).status_code == 401
        reviewer = {"Authorization": f"Bearer {live.reviewer_token}"}
        assert http.post("/api/admin/reindex", headers=reviewer).status_code == 403
        created = http.post("/api/reviews", json=body, headers=reviewer)
        assert created.status_code == 201, created.text
        after = http.get(f"/api/provisions/{provision['id']}").json()
        assert [r["reviewer"] for r in after["reviews"]][-1] == "live-tests"


def _schemathesis(live: LiveServer, workdir: Path, config: str | None, phases: str):
    """Run the schemathesis CLI (through the shim in schemathesis_cli.py) against the live server."""
    workdir.mkdir(parents=True, exist_ok=True)
    args = [sys.executable, str(SCHEMATHESIS_CLI)]
    if config is not None:
        (workdir / "schemathesis.toml").write_text(config, encoding="utf-8")
        args += ["--config-file", str(workdir / "schemathesis.toml")]
    args += [
        "run",
        f"{live.url}/openapi.json",
        "--checks",
        SCHEMATHESIS_CHECKS,
        "--max-examples",
        os.environ.get("PALERMO_SCHEMATHESIS_EXAMPLES", "10"),
        "--seed",
        os.environ.get("PALERMO_SCHEMATHESIS_SEED", "20261128"),
        "--phases",
        phases,
        "--workers",
        "2",
        "--no-color",
        "--generation-database",
        "none",
        "--request-timeout",
        "60",
        "-H",
        f"Authorization: Bearer {live.reviewer_token}",
        # crawl/reindex start real background jobs; they answer 403 to a reviewer anyway
        "--exclude-path",
        "/api/admin/crawl",
        "--exclude-path",
        "/api/admin/reindex",
    ]
    return subprocess.run(args, cwd=workdir, capture_output=True, text=True, timeout=SCHEMATHESIS_TIMEOUT)


def test_schemathesis_finds_no_server_error_or_schema_violation(live, tmp_path):
    with httpx.Client(base_url=live.url, timeout=10) as http:
        hit = http.get("/api/search", params={"page_size": 1}).json()["results"][0]
        law_id, iso3 = hit["law_id"], hit["jurisdiction"]
    runs = {
        "free": _schemathesis(live, tmp_path / "free", None, "examples,coverage,fuzzing"),
        # with real ids the generated cases reach the logic behind the path parameters
        "real-ids": _schemathesis(
            live,
            tmp_path / "ids",
            (
                "[parameters]\n"
                f'"path.provision_id" = "{hit["id"]}"\n"path.law_id" = "{law_id}"\n"path.iso3" = "{iso3}"\n'
            ),
            "examples,fuzzing",
        ),
    }
    for name, result in runs.items():
        output = result.stdout + result.stderr
        (tmp_path / f"schemathesis-{name}.txt").write_text(output, encoding="utf-8")
        assert result.returncode == 0, f"schemathesis ({name}, {live.data}) failed:\n{output[-6000:]}"
        counts = CASES_RE.search(output)
        assert counts, output[-3000:]
        assert int(counts["generated"]) > 100 and counts["generated"] == counts["passed"], output[-3000:]
