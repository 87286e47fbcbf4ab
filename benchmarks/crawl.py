"""Crawler benchmark: a local server with N small documents, crawled twice through the manifest spider.

Prints progress lines, then, as its LAST line, JSON with:
  pages_per_s               documents stored per second of wall-clock time on the first crawl
                            (politeness off, child-process start-up included)
  pages_per_s_server        the same count over the span between the first and last request the server saw
  recrawl_new_versions      versions stored by the second crawl (must be 0)
  recrawl_conditional_ratio share of the second crawl's requests that carried If-None-Match /
                            If-Modified-Since (must be 1.0; counted by the server, robots.txt and
                            the manifest included)

Usage: python benchmarks/crawl.py [--docs 600]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawler.run import run_crawl  # noqa: E402
from indexer.settings import Settings  # noqa: E402
from tests.crawler.local_server import LocalServer  # noqa: E402


def make_site(root: Path, count: int) -> None:
    """``count`` small invented Markdown statutes and their MANIFEST.csv."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["path", "jurisdiction_iso3", "title", "language", "format"])
    for i in range(count):
        rel = f"docs/{i % 20:02d}/act_{i:05d}.md"
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# Example Act {i}\n\nSection 1. Invented provision number {i} on forced labour.\n",
                        encoding="utf-8")
        writer.writerow([rel, "XYZ", f"Example Act {i}", "en", "markdown"])
    (root / "MANIFEST.csv").write_text(buffer.getvalue(), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=600)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="palermo-bench-") as tmp:
        site, data = Path(tmp) / "site", Path(tmp) / "data"
        make_site(site, args.docs)
        settings = Settings(data_dir=data, environment="test")
        with LocalServer(site) as server:
            manifest = f"{server.url}/MANIFEST.csv"
            start = time.perf_counter()
            first = run_crawl(settings, manifest_url=manifest, polite=False, progress=False)
            elapsed = time.perf_counter() - start
            stamps = [e["at"] for e in server.log]
            span = max(stamps) - min(stamps) if stamps else 0.0
            print(f"first crawl: {first['new_versions']} stored in {elapsed:.2f}s "
                  f"(server saw {len(stamps)} requests over {span:.2f}s), failed={len(first['failed'])}")
            server.reset_log()
            second = run_crawl(settings, manifest_url=manifest, polite=False, progress=False)
            requests = len(server.log)
            conditional = sum(1 for e in server.log if e["conditional"])
            print(f"second crawl: {second['new_versions']} new, {second['unchanged']} unchanged, "
                  f"{conditional}/{requests} conditional requests")
    result = {
        "docs": args.docs,
        "pages_per_s": round(first["new_versions"] / elapsed, 1),
        "pages_per_s_server": round(first["new_versions"] / span, 1) if span else None,
        "first_crawl_failed": len(first["failed"]),
        "recrawl_new_versions": second["new_versions"],
        "recrawl_conditional_ratio": round(conditional / requests, 4) if requests else 0.0,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
