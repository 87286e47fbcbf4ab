"""Manifest spider: a CSV of documents (mirrors, institutional collections, ../shared/corpus).

The manifest needs the columns ``path, jurisdiction_iso3, title, language,
format``; each path is relative to the manifest URL. The other columns go
into ``DocumentMeta.extra``. Usage::

    scrapy crawl manifest -a manifest_url=http://127.0.0.1:8000/MANIFEST.csv
"""

from __future__ import annotations

import csv
import io
import posixpath
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urljoin, urlparse

from scrapy.http import Response

from crawler.registry import Source
from crawler.sniff import FORMATS
from crawler.spiders.base import BaseSpider
from crawler.store import failure_item
from indexer.models import DocumentMeta

REQUIRED_COLUMNS = ("path", "jurisdiction_iso3", "title", "language", "format")


class ManifestError(ValueError):
    """The manifest cannot be used at all."""


def manifest_rows(body: bytes) -> list[dict[str, str]]:
    """Parse a manifest CSV (UTF-8, optional BOM); raises ManifestError when columns are missing."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ManifestError(f"manifest is not UTF-8: {exc}") from exc
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip() for c in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ManifestError(f"manifest lacks column(s): {', '.join(missing)}")
    rows = []
    for row in reader:
        rows.append({(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None})
    return rows


def document_url(manifest_url: str, path: str) -> str:
    """URL of a manifest path; refuses absolute URLs, other hosts and paths escaping the manifest folder."""
    if not path:
        raise ManifestError("empty path")
    if urlparse(path).scheme or path.startswith(("/", "\\")):
        raise ManifestError(f"path must be relative: {path!r}")
    normal = posixpath.normpath(path)
    if normal.startswith("..") or "\\" in path:
        raise ManifestError(f"path escapes the manifest folder: {path!r}")
    return urljoin(manifest_url, quote(normal, safe="/"))


class ManifestSpider(BaseSpider):
    """Fetch every file listed by one or more manifests."""

    name = "manifest"

    def __init__(self, *args: Any, manifest_url: str | None = None, source_id: str = "manifest",
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.manifest_url = manifest_url
        self.manifest_source_id = source_id

    async def start(self):
        """The manifest URL given as argument, else the registry's manifest entries."""
        if self.manifest_url:
            yield self.aux_request(self.manifest_url, self.parse_manifest,
                                   palermo_source={"id": self.manifest_source_id})
            return
        async for request in super().start():
            yield request

    def source_requests(self, source: Source):
        """A registry entry of family ``manifest``: its URLs are manifests."""
        for url in source.urls:
            yield self.aux_request(url, self.parse_manifest, palermo_source={"id": source.id})

    def parse_manifest(self, response: Response) -> Iterator[Any]:
        """One document request per manifest row; bad rows become failure items."""
        source_id = response.meta.get("palermo_source", {}).get("id", self.manifest_source_id)
        try:
            rows = manifest_rows(response.body)
        except ManifestError as exc:
            yield failure_item(response.url, str(exc), source_id=source_id, status=response.status)
            return
        manifest_url = response.url
        seen: set[str] = set()
        for number, row in enumerate(rows, start=2):
            try:
                url = document_url(manifest_url, row.get("path", ""))
            except ManifestError as exc:
                yield failure_item(f"{manifest_url}#row={number}", f"bad manifest row: {exc}",
                                   source_id=source_id)
                continue
            if url in seen:  # a path listed twice is fetched once
                continue
            seen.add(url)
            fmt = row.get("format", "").strip().lower()
            extra = {k: v for k, v in row.items() if k not in REQUIRED_COLUMNS and v}
            extra["manifest_url"] = manifest_url
            extra["path"] = row["path"]
            if fmt and fmt not in FORMATS:
                extra["declared_format"] = fmt
                fmt = ""  # unknown: sniffed from the bytes
            meta = DocumentMeta(
                url=url, source_id=source_id, jurisdiction=row.get("jurisdiction_iso3", ""),
                title=row.get("title", ""), language=row.get("language", ""), format=fmt, extra=extra,
            )
            yield self.document_request(url, meta)
