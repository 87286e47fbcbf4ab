"""Parse every document of ../shared/corpus (and ../shared/formats) and report throughput.

Usage: ``python benchmarks/parse.py [--shared DIR] [--formats] [--verbose]``. The last line printed
is JSON with ``mb_per_s`` and ``provisions_per_s`` over the whole corpus (parse time only).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from indexer.models import DocumentMeta  # noqa: E402
from indexer.parsers import ParseError, parse_document  # noqa: E402


def manifest_docs(folder: Path) -> list[tuple[Path, DocumentMeta]]:
    """(path, meta) of every file listed in ``folder/MANIFEST.csv``."""
    out = []
    with (folder / "MANIFEST.csv").open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            meta = DocumentMeta(
                url=row.get("original_official_url") or row.get("official_url") or "",
                jurisdiction=row.get("jurisdiction_iso3", ""), title=row.get("title", ""),
                language=row.get("language", ""), format=row.get("format", ""))
            out.append((folder / row["path"], meta))
    return out


def main() -> int:
    """Run the benchmark and print one line per failure, then the JSON summary."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=os.environ.get("PALERMO_SHARED_DIR", str(REPO.parent / "shared")))
    ap.add_argument("--formats", action="store_true", help="also parse ../shared/formats")
    ap.add_argument("--verbose", action="store_true", help="one line per document")
    args = ap.parse_args()
    shared = Path(args.shared)
    docs = manifest_docs(shared / "corpus")
    if args.formats:
        docs += manifest_docs(shared / "formats")
    total_bytes = total_provisions = parsed = 0
    errors: dict[str, str] = {}
    elapsed = 0.0
    for path, meta in docs:
        data = path.read_bytes()
        t0 = time.perf_counter()
        try:
            law = parse_document(data, meta)
        except ParseError as exc:
            elapsed += time.perf_counter() - t0
            errors[str(path.relative_to(shared))] = exc.reason
            print(f"ERROR {path.relative_to(shared)}: {exc.reason}")
            continue
        elapsed += time.perf_counter() - t0
        parsed += 1
        total_bytes += len(data)
        total_provisions += len(law.provisions)
        if args.verbose:
            rel = path.relative_to(shared)
            print(f"{len(law.provisions):6d} provisions  {len(data) / 1e6:7.3f} MB  {rel}")
    summary = {
        "documents": len(docs), "parsed": parsed, "errors": len(errors),
        "megabytes": round(total_bytes / 1e6, 3), "provisions": total_provisions,
        "seconds": round(elapsed, 3),
        "mb_per_s": round(total_bytes / 1e6 / elapsed, 3) if elapsed else None,
        "provisions_per_s": round(total_provisions / elapsed, 1) if elapsed else None,
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
