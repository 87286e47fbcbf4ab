"""Helpers for the parser tests: building DocumentMeta and parsing shared-corpus files."""

from __future__ import annotations

import csv
from pathlib import Path

from indexer.models import DocumentMeta


def manifest_rows(folder: Path) -> list[dict[str, str]]:
    """Rows of ``folder/MANIFEST.csv``."""
    with (folder / "MANIFEST.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def meta_for(row: dict[str, str]) -> DocumentMeta:
    """DocumentMeta for one manifest row (corpus and formats manifests use slightly different columns)."""
    return DocumentMeta(
        url=row.get("original_official_url") or row.get("official_url") or "",
        jurisdiction=row.get("jurisdiction_iso3", ""), title=row.get("title", ""),
        language=row.get("language", ""), format=row.get("format", ""),
    )
