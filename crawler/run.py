"""Run a crawl in a child process and return its report.

Twisted's reactor cannot be restarted inside one process, so ``run_crawl``
starts ``python -m crawler.run --job FILE`` (a fresh interpreter running
Scrapy's CrawlerProcess) and reads the report it writes. The CLI
(``palermo crawl``) and the tests can therefore call it any number of times.

Standalone use::

    python -m crawler.run --manifest http://127.0.0.1:8000/MANIFEST.csv --report report.json
    python -m crawler.run --source gbr-modern-slavery-act-2015 --source can-criminal-code-en
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from indexer.settings import Settings, get_settings

REPO_ROOT = Path(__file__).resolve().parents[1]


def empty_report() -> dict[str, Any]:
    """The report shape shared with the CLI."""
    return {"fetched": 0, "unchanged": 0, "new_versions": 0, "failed": [], "requests": 0,
            "conditional_requests": 0}


def plan_crawl(manifest_url: str | None, source_ids: list[str] | None,
               registry: str | None = None) -> tuple[list[tuple[str, dict[str, Any]]], list[dict[str, str]]]:
    """Which spiders to run with which arguments, plus failures found before crawling."""
    from crawler.registry import RegistryError, load_sources, select_sources

    if manifest_url:
        return [("manifest", {"manifest_url": manifest_url})], []
    try:
        sources = select_sources(load_sources(registry), source_ids)
    except RegistryError as exc:
        return [], [{"url": ",".join(source_ids or []) or "registry", "reason": str(exc)}]
    by_family: dict[str, list[str]] = {}
    for source in sources:
        by_family.setdefault(source.family, []).append(source.id)
    plan = [(family, {"source_ids": ids, **({"registry": registry} if registry else {})})
            for family, ids in by_family.items()]
    return plan, []


def crawl_in_this_process(job: dict[str, Any]) -> dict[str, Any]:
    """Run the planned spiders with CrawlerProcess (once per process) and return the report."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings as ScrapySettings

    from crawler.config import scrapy_overrides
    from crawler.raw_store import RawStore

    settings = Settings.model_validate_json(job["settings"])
    report = empty_report()
    plan, failed = plan_crawl(job.get("manifest_url"), job.get("source_ids"), job.get("registry"))
    report["failed"].extend(failed)
    store = RawStore(settings)
    store.cleanup_temp()
    for item in failed:
        store.record_failure(item["url"], item["reason"])
    store.conn.close()
    if not plan:
        return report
    scrapy_settings = ScrapySettings()
    scrapy_settings.setmodule("crawler.settings", priority="project")
    overrides = scrapy_overrides(settings, polite=job.get("polite", True),
                                 progress_events=job.get("progress", False))
    overrides.update(job.get("scrapy_settings") or {})
    scrapy_settings.setdict(overrides, priority="cmdline")
    if job.get("log_file"):
        scrapy_settings.set("LOG_FILE", job["log_file"], priority="cmdline")
    process = CrawlerProcess(scrapy_settings, install_root_handler=True)
    crawlers = []
    for name, kwargs in plan:
        crawler = process.create_crawler(name)
        process.crawl(crawler, **kwargs)
        crawlers.append(crawler)
    process.start()
    totals: Counter[str] = Counter()
    for crawler in crawlers:
        stats = crawler.stats.get_stats()
        for key in ("fetched", "unchanged", "new_versions", "requests", "conditional_requests"):
            totals[key] += int(stats.get(f"palermo/{key}", 0))
        report["failed"].extend(stats.get("palermo/failed", []))
    report.update(totals)
    return report


def _progress_loop(proc: subprocess.Popen, show: bool) -> None:
    """Read the child's JSON-lines events; show a live counter when ``show``."""
    assert proc.stdout is not None
    counts: Counter[str] = Counter()
    if not show:
        for _line in proc.stdout:
            pass
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  transient=False) as bar:
        task = bar.add_task("crawling", total=None)
        for line in proc.stdout:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            counts[event.get("event", "?")] += 1
            bar.update(task, description=(
                f"crawling: {counts['new']} new, {counts['unchanged']} unchanged, {counts['failed']} failed"
                f" - {event.get('url', '')[-60:]}"))


def run_crawl(settings: Settings | None = None, *, manifest_url: str | None = None,
              source_ids: list[str] | None = None, polite: bool = True, progress: bool = True,
              registry: str | None = None, scrapy_settings: dict[str, Any] | None = None,
              timeout: float | None = None) -> dict[str, Any]:
    """Crawl a manifest, some registry entries, or the registry's default sources.

    Returns ``{"fetched", "unchanged", "new_versions", "failed": [{"url", "reason"}], "requests",
    "conditional_requests"}``. Never raises for network problems: they are listed in ``failed``.
    ``registry`` (another sources YAML) and ``scrapy_settings`` (extra Scrapy settings) serve tests.
    """
    settings = settings or get_settings()
    log_dir = settings.data_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / f"crawl-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}.log"
    with tempfile.TemporaryDirectory(prefix="palermo-crawl-") as tmp:
        job_path, report_path = Path(tmp) / "job.json", Path(tmp) / "report.json"
        job = {"settings": settings.model_dump_json(), "manifest_url": manifest_url, "source_ids": source_ids,
               "polite": polite, "progress": True, "registry": registry, "scrapy_settings": scrapy_settings,
               "log_file": str(log_file), "report": str(report_path)}
        job_path.write_text(json.dumps(job), encoding="utf-8")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT),
                                                                          os.environ.get("PYTHONPATH")])))
        proc = subprocess.Popen([sys.executable, "-m", "crawler.run", "--job", str(job_path)],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
                                cwd=str(REPO_ROOT))
        try:
            _progress_loop(proc, progress)
            code = proc.wait(timeout=timeout)
        except (KeyboardInterrupt, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()
            raise
        if report_path.is_file():
            return json.loads(report_path.read_text(encoding="utf-8"))
        report = empty_report()
        report["failed"].append({"url": manifest_url or ",".join(source_ids or []) or "registry",
                                 "reason": f"crawler process exited with code {code}; see {log_file}"})
        return report


def main(argv: list[str] | None = None) -> int:
    """``python -m crawler.run``: child mode (``--job``) or a standalone crawl."""
    parser = argparse.ArgumentParser(prog="python -m crawler.run", description=__doc__.splitlines()[0])
    parser.add_argument("--job", help=argparse.SUPPRESS)
    parser.add_argument("--manifest", help="URL of a MANIFEST.csv to crawl")
    parser.add_argument("--source", action="append", default=None, help="registry source id (repeatable)")
    parser.add_argument("--report", help="write the JSON report to this file")
    parser.add_argument("--impolite", action="store_true", help="no delays (local servers only)")
    args = parser.parse_args(argv)
    if args.job:
        job = json.loads(Path(args.job).read_text(encoding="utf-8"))
        report = crawl_in_this_process(job)
        tmp = Path(job["report"]).with_suffix(".tmp")
        tmp.write_text(json.dumps(report), encoding="utf-8")
        os.replace(tmp, job["report"])
        return 0
    report = run_crawl(manifest_url=args.manifest, source_ids=args.source, polite=not args.impolite,
                       progress=sys.stderr.isatty())
    text = json.dumps(report, indent=2)
    if args.report:
        Path(args.report).write_text(text, encoding="utf-8")
    print(text)
    return 1 if report["fetched"] == 0 and report["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
