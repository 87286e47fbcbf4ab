"""Real crawls (Scrapy in a child process) against a misbehaving local server on 127.0.0.1."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from crawler.raw_store import RawStore
from crawler.run import REPO_ROOT, run_crawl
from indexer.settings import Settings
from tests.crawler.local_server import LocalServer

EXAMPLES = Path(__file__).parent / "examples"
COLUMNS = ["path", "jurisdiction_iso3", "title", "language", "format", "notes"]
GOOD_DOCS = {
    "docs/a.md": "---\ntitle: Act A\n---\n# Act A\n\nSection 1. Nobody may be held in servitude.\n",
    "docs/b.md": "# Act B\n\nArticle 2. Recruiting a person by deceit for exploitation is an offence.\n",
    "docs/c.json": json.dumps({"provisions": [{"num": "3", "text": "Victims receive shelter."}]}),
    "docs/d.txt": "Section 4. The consent of the victim is irrelevant.\n",
    "docs/e.md": "# Act E\n\nServed after one server error.\n",
    "docs/f.md": "# Act F\n\nServed after one 429 answer.\n",
}


def write_docs(root: Path, docs: dict[str, str]) -> None:
    for rel, text in docs.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def write_manifest(root: Path, rows: list[tuple[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for path, fmt in rows:
        writer.writerow([path, "XYZ", f"Document {path}", "en", fmt, "invented test document"])
    (root / "MANIFEST.csv").write_text(buffer.getvalue(), encoding="utf-8")


def settings_for(tmp_path: Path, **extra) -> Settings:
    return Settings(data_dir=tmp_path / "data", environment="test", **extra)


def stored(settings: Settings) -> list[sqlite3.Row]:
    conn = sqlite3.connect(settings.db_path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute("SELECT * FROM documents ORDER BY id").fetchall()
    finally:
        conn.close()


FAST = {"PALERMO_RETRY_BACKOFF_BASE": 0.1, "RETRY_TIMES": 2}


def crawl(settings: Settings, **kwargs) -> dict:
    """A local, impolite crawl with short retry backoff."""
    return run_crawl(settings, polite=False, progress=False, scrapy_settings=FAST, **kwargs)


@pytest.mark.slow
def test_manifest_crawl_failures_and_recrawl(tmp_path: Path):
    """Good files are stored once; every bad response is a failure record; a re-crawl is conditional."""
    site = tmp_path / "site"
    write_docs(site, GOOD_DOCS)
    rows = [("docs/a.md", "markdown"), ("docs/b.md", "markdown"), ("docs/c.json", "json"),
            ("docs/d.txt", "text"),
            ("flaky500/docs/e.md", "markdown"), ("ratelimited/docs/f.md", "markdown"),
            ("slow/docs/a.md", "markdown"), ("big.md", "markdown"), ("loop/a", "markdown"),
            ("gone.md", "markdown"), ("missing.md", "markdown"), ("empty.md", "markdown"),
            ("truncated.md", "markdown"), ("wrongtype.pdf", "pdf"), ("notype.pdf", "pdf"),
            ("private/secret.md", "markdown"), ("down.md", "markdown"), ("bigstream.md", "markdown")]
    write_manifest(site, rows)
    settings = settings_for(tmp_path, download_timeout=1, max_response_bytes=1024 * 1024)
    with LocalServer(site, slow_seconds=3.0, big_bytes=2 * 1024 * 1024) as server:
        manifest = f"{server.url}/MANIFEST.csv"
        report = crawl(settings, manifest_url=manifest)
        reasons = {item["url"].removeprefix(server.url + "/"): item["reason"] for item in report["failed"]}
        assert report["new_versions"] == 6, report
        assert report["fetched"] == 6
        assert reasons["gone.md"] == "HTTP 410"
        assert reasons["missing.md"] == "HTTP 404"
        assert reasons["empty.md"] == "empty body"
        assert reasons["truncated.md"].startswith("truncated body")
        assert reasons["big.md"].startswith("over-size body")
        assert reasons["loop/a"].startswith("redirect loop")
        assert reasons["slow/docs/a.md"].startswith("timeout")
        assert reasons["wrongtype.pdf"] == "wrong content type 'text/html' for pdf"
        assert reasons["notype.pdf"].startswith("missing content type")
        assert reasons["private/secret.md"] == "forbidden by robots.txt"
        assert reasons["down.md"] == "HTTP 503 after retries"
        assert server.hits["/down.md"] == 3  # RETRY_TIMES=2: first try + 2 retries
        assert reasons["bigstream.md"].startswith("over-size body")
        assert len(reasons) == 12
        assert "/private/secret.md" not in server.hits  # robots.txt obeyed: never requested
        # 500 then 200, 429 (Retry-After: 1) then 200: retried, and the 429 retry waited
        assert server.hits["/flaky500/docs/e.md"] == 2
        times = [e["at"] for e in server.log if e["path"] == "/ratelimited/docs/f.md"]
        assert len(times) == 2 and times[1] - times[0] >= 0.9
        assert all("+https://" in e["ua"] or "(+" in e["ua"] for e in server.log)  # UA with contact URL
        # provenance of a stored version
        store = RawStore(settings)
        doc = store.latest(f"{server.url}/docs/a.md")
        assert doc is not None and doc.sha256 == hashlib.sha256(GOOD_DOCS["docs/a.md"].encode()).hexdigest()
        assert doc.http_status == 200 and doc.etag and doc.format == "markdown" and doc.jurisdiction == "XYZ"
        assert doc.extra["notes"] == "invented test document"
        failures = store.conn.execute("SELECT COUNT(*) FROM fetch_failures").fetchone()[0]
        assert failures == 12
        store.conn.close()

        # second crawl: nothing new, and every request for something stored before is conditional
        server.reset_log()
        again = crawl(settings, manifest_url=manifest)
        assert again["new_versions"] == 0 and again["unchanged"] == 6, again
        known = {"/MANIFEST.csv", "/robots.txt"} | {"/" + path for path, _ in rows[:6]}
        seen = [e for e in server.log if e["path"] in known]
        assert seen and all(e["conditional"] for e in seen), [e for e in seen if not e["conditional"]]

        # a changed body becomes a second version beside the first one
        (site / "docs/a.md").write_text(GOOD_DOCS["docs/a.md"] + "\nSection 2. Amended.\n", encoding="utf-8")
        third = crawl(settings, manifest_url=manifest)
        assert third["new_versions"] == 1
    store = RawStore(settings)
    versions = store.versions(f"{server.url}/docs/a.md")
    assert len(versions) == 2 and versions[0].sha256 != versions[1].sha256
    assert store.read_bytes(versions[0]).decode() == GOOD_DOCS["docs/a.md"]
    assert len(stored(settings)) == 7


def _registry(path: Path, base: str) -> Path:
    entries = [
        {"id": "usa-local-good", "jurisdiction": "USA", "language": "en", "title": "Local title zip",
         "family": "uscode", "urls": [f"{base}/uscode/xml_usc18@199-1.zip"], "chapters": ["77"],
         "cited_from": "test"},
        {"id": "usa-local-bomb", "jurisdiction": "USA", "language": "en", "title": "Zip bomb",
         "family": "uscode", "urls": [f"{base}/bomb.zip"], "chapters": ["77"], "cited_from": "test"},
        {"id": "usa-local-corrupt", "jurisdiction": "USA", "language": "en", "title": "Corrupt zip",
         "family": "uscode", "urls": [f"{base}/corrupt.zip"], "chapters": ["77"], "cited_from": "test"},
        {"id": "xyz-local-akn", "jurisdiction": "XYZ", "language": "en", "title": "AKN act",
         "family": "akn", "urls": [f"{base}/akn/xy/act/2020/4/eng@2021-02-01"], "cited_from": "test"},
        {"id": "xyz-local-pdf", "jurisdiction": "XYZ", "language": "fr", "title": "PDF act",
         "family": "pdf", "urls": [f"{base}/gazette/act.pdf"], "cited_from": "test"},
    ]
    path.write_text(yaml.safe_dump(entries), encoding="utf-8")
    return path


@pytest.mark.slow
def test_registry_spiders_zip_bomb_and_corrupt_zip(tmp_path: Path):
    """Registry sources through their spiders: one chapter from a zip, zip bomb and corrupt zip refused."""
    site = tmp_path / "site"
    (site / "uscode").mkdir(parents=True)
    (site / "uscode/xml_usc18@199-1.zip").write_bytes((EXAMPLES / "uscode/response.zip").read_bytes())
    (site / "akn/xy/act/2020/4").mkdir(parents=True)
    (site / "akn/xy/act/2020/4/eng@2021-02-01.xml").write_bytes((EXAMPLES / "akn/response.xml").read_bytes())
    (site / "gazette").mkdir()
    (site / "gazette/act.pdf").write_bytes((EXAMPLES / "pdf/response.pdf").read_bytes())
    settings = settings_for(tmp_path)
    with LocalServer(site) as server:
        registry = _registry(tmp_path / "sources.yaml", server.url)
        report = crawl(settings, registry=str(registry))
        reasons = {item["url"].removeprefix(server.url): item["reason"] for item in report["failed"]}
        assert report["new_versions"] == 3, report
        assert "zip bomb" in reasons["/bomb.zip"]
        assert reasons["/corrupt.zip"].startswith("corrupt zip")
        again = crawl(settings, registry=str(registry))
        assert again["new_versions"] == 0 and again["unchanged"] == 3
    store = RawStore(settings)
    chapter = store.latest(f"{server.url}/uscode/xml_usc18@199-1.zip#/us/usc/t18/ch77")
    assert chapter is not None and chapter.format == "uslm"
    body = store.read_bytes(chapter)
    assert b"/us/usc/t18/ch77" in body and b"/us/usc/t18/ch76" not in body
    assert store.latest(f"{server.url}/akn/xy/act/2020/4/eng@2021-02-01.xml").format == "akn-xml"


def test_unknown_source_and_offline_return_normally(tmp_path: Path):
    """Unknown ids and unreachable hosts give one-line reasons; run_crawl still returns a report."""
    settings = settings_for(tmp_path)
    report = run_crawl(settings, source_ids=["no-such-source"], polite=False, progress=False)
    assert report["fetched"] == 0 and "unknown source id" in report["failed"][0]["reason"]
    registry = tmp_path / "offline.yaml"
    registry.write_text(yaml.safe_dump([{
        "id": "xyz-refused", "jurisdiction": "XYZ", "language": "en", "title": "Nothing listens here",
        "family": "pdf", "urls": ["http://127.0.0.1:9/act.pdf"], "cited_from": "test"}]), encoding="utf-8")
    report = run_crawl(settings, polite=False, progress=False, registry=str(registry),
                       scrapy_settings={"RETRY_TIMES": 0})
    assert report["fetched"] == 0
    assert report["failed"] == [{"url": "http://127.0.0.1:9/act.pdf", "reason": "connection refused"}]


@pytest.mark.slow
def test_sigkill_mid_crawl_then_resume(tmp_path: Path):
    """A crawl killed with SIGKILL and restarted stores every file exactly once, with no temp file left."""
    site = tmp_path / "site"
    docs = {f"docs/doc{i:03d}.md": f"# Document {i}\n\nSection {i}. Invented text number {i}.\n"
            for i in range(60)}
    write_docs(site, docs)
    write_manifest(site, [(path, "markdown") for path in docs])
    settings = settings_for(tmp_path)
    with LocalServer(site, delay=0.05) as server:
        manifest = f"{server.url}/MANIFEST.csv"
        job = tmp_path / "job.json"
        job.write_text(json.dumps({
            "settings": settings.model_dump_json(), "manifest_url": manifest, "polite": False,
            "scrapy_settings": {"CONCURRENT_REQUESTS_PER_DOMAIN": 2, "CONCURRENT_REQUESTS": 2},
            "report": str(tmp_path / "report.json")}), encoding="utf-8")
        proc = subprocess.Popen([sys.executable, "-m", "crawler.run", "--job", str(job)], cwd=str(REPO_ROOT),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if settings.db_path.exists() and len(_safe_rows(settings)) >= 10:
                break
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        partial = len(_safe_rows(settings))
        assert 10 <= partial < 60, f"kill came too late or too early ({partial} stored)"
        report = run_crawl(settings, manifest_url=manifest, polite=False, progress=False)
    assert report["failed"] == []
    rows = stored(settings)
    assert len(rows) == 60 and len({r["url"] for r in rows}) == 60
    for row in rows:
        rel = row["url"].removeprefix(server.url + "/")
        assert row["sha256"] == hashlib.sha256(docs[rel].encode()).hexdigest()
        assert (settings.blob_dir / row["blob_path"]).read_bytes() == docs[rel].encode()
    assert not list(settings.blob_dir.rglob(".tmp-*"))


def _safe_rows(settings: Settings) -> list:
    try:
        return stored(settings)
    except sqlite3.Error:
        return []


@pytest.mark.slow
def test_shared_corpus_stored_exactly_once(shared_dir: Path, tmp_path: Path):
    """Every file of ../shared/corpus/MANIFEST.csv is stored once with its sha256; a re-crawl adds nothing."""
    corpus = shared_dir / "corpus"
    with (corpus / "MANIFEST.csv").open(encoding="utf-8") as fh:
        listed = [row["path"] for row in csv.DictReader(fh)]
    settings = settings_for(tmp_path)
    with LocalServer(corpus) as server:
        manifest = f"{server.url}/MANIFEST.csv"
        first = run_crawl(settings, manifest_url=manifest, polite=False, progress=False)
        second = run_crawl(settings, manifest_url=manifest, polite=False, progress=False)
    assert first["failed"] == [], first["failed"][:3]
    rows = stored(settings)
    by_path = {row["url"].removeprefix(server.url + "/"): row for row in rows}
    assert len(rows) == len(set(listed))
    from urllib.parse import unquote
    for path in set(listed):
        row = by_path.get(path) or {unquote(k): v for k, v in by_path.items()}[path]
        assert row["sha256"] == hashlib.sha256((corpus / path).read_bytes()).hexdigest()
    assert second["new_versions"] == 0 and second["unchanged"] == len(set(listed))
