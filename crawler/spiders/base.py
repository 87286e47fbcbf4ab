"""The shared base spider: registry entries -> conditional requests -> checked items.

A family spider only says how a registry entry becomes document URLs
(``document_url`` / ``source_requests``) and how its bodies are checked
(``validate_body``); the base class handles 304s, content-type and emptiness
checks, provenance and turning every error into a failure item.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.failures import describe_failure
from crawler.registry import RegistryError, Source, load_sources
from crawler.sniff import XML_FORMATS, check_response, check_xml, media_type, sniff_format
from crawler.store import document_item, failure_item, provenance_headers, unchanged_item
from indexer.models import DocumentMeta

# PDF trailer marker; a body cut short usually lacks it in its last bytes.
PDF_EOF = b"%%EOF"


def split_ids(value: str | list[str] | None) -> list[str]:
    """``"a,b"`` or ``["a", "b"]`` -> ``["a", "b"]``."""
    if not value:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return list(value)


class BaseSpider(scrapy.Spider):
    """Common behaviour of every Palermo spider (not itself registered: it has no ``name``)."""

    default_format: ClassVar[str] = ""
    handle_httpstatus_list: ClassVar[list[int]] = [304]

    def __init__(self, *args: Any, source_ids: str | list[str] | None = None, registry: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.source_ids = split_ids(source_ids)
        self.registry_path = registry

    # -- sources -----------------------------------------------------------
    def sources(self) -> list[Source]:
        """Registry entries of this spider's family (restricted to ``source_ids`` when given)."""
        entries = [s for s in load_sources(self.registry_path) if s.family == self.name]
        if self.source_ids:
            entries = [s for s in entries if s.id in self.source_ids]
        elif not getattr(self, "include_non_default", False):
            entries = [s for s in entries if s.default]
        return entries

    async def start(self):
        """Requests for every selected registry entry (a broken entry becomes a failure item)."""
        try:
            sources = self.sources()
        except RegistryError as exc:
            yield failure_item("registry", f"bad registry: {exc}")
            return
        for source in sources:
            try:
                for request in self.source_requests(source):
                    yield request
            except Exception as exc:  # a bad entry must not stop the others
                reason = f"bad source entry {source.id}: {exc}"
                yield failure_item(source.urls[0], reason, source_id=source.id)

    def source_meta(self, source: Source, url: str, **extra: str) -> DocumentMeta:
        """Document metadata of a registry entry."""
        return DocumentMeta(
            url=url, source_id=source.id, jurisdiction=source.jurisdiction, title=source.title,
            language=source.language, format=source.format or self.default_format,
            extra={"family": source.family, **({"notes": source.notes} if source.notes else {}), **extra},
        )

    def document_url(self, url: str, source: Source) -> str:
        """The URL of the document behind a registry URL (identity by default)."""
        return url

    def source_requests(self, source: Source) -> Iterable[scrapy.Request]:
        """One document request per registry URL."""
        for url in source.urls:
            doc_url = self.document_url(url, source)
            yield self.document_request(doc_url, self.source_meta(source, doc_url))

    def document_request(self, url: str, meta: DocumentMeta, *, callback=None,
                         doc_urls: list[str] | None = None, **extra_meta: Any) -> scrapy.Request:
        """A conditional-ready request whose response is stored under ``meta.url``.

        ``dont_filter``: a redirect back to an already seen URL must reach the redirect limit and become a
        failure ("redirect loop") instead of being dropped silently by the duplicate filter.
        """
        return scrapy.Request(
            url, callback=callback or self.parse_document, errback=self.on_error, dont_filter=True,
            meta={"palermo_meta": meta.model_dump(), "palermo_doc_urls": doc_urls or [meta.url],
                  "handle_httpstatus_list": [304], **extra_meta},
        )

    def aux_request(self, url: str, callback, **extra_meta: Any) -> scrapy.Request:
        """A request for a listing/manifest page (revalidated through the validator cache)."""
        return scrapy.Request(url, callback=callback, errback=self.on_error, dont_filter=True,
                              meta={"palermo_cache": True, **extra_meta})

    # -- responses -----------------------------------------------------------
    def parse(self, response: Response, **kwargs: Any):
        """Default callback (documents)."""
        return self.parse_document(response)

    def parse_document(self, response: Response) -> Iterator[dict[str, Any]]:
        """A document response: 304 -> unchanged; else checked and stored."""
        meta = DocumentMeta.model_validate(response.meta["palermo_meta"])
        if response.status == 304:
            for url in response.meta.get("palermo_doc_urls") or [meta.url]:
                yield unchanged_item(url, meta.source_id)
            return
        yield from self.handle_body(response, meta)

    def handle_body(self, response: Response, meta: DocumentMeta) -> Iterator[dict[str, Any]]:
        """Check a fresh body and yield a document or a failure item."""
        ctype = media_type(response.headers.get("Content-Type"))
        body = response.body
        fmt = meta.format
        if not body:
            yield failure_item(meta.url, "empty body", source_id=meta.source_id, status=response.status)
            return
        if not fmt:
            fmt = sniff_format(body, response.url, ctype)
        reason = check_response(fmt, ctype, body) or self.validate_body(body, fmt, response)
        if reason:
            yield failure_item(meta.url, reason, source_id=meta.source_id, status=response.status)
            return
        stored = meta.model_copy(update={"format": fmt, "content_type": ctype})
        yield self.make_document(stored, body, response)

    def make_document(self, meta: DocumentMeta, body: bytes, response: Response) -> dict[str, Any]:
        """The document item for a checked body."""
        return document_item(meta, body, final_url=response.url, status=response.status,
                             headers=provenance_headers(response.headers))

    def validate_body(self, body: bytes, fmt: str, response: Response) -> str | None:
        """Format checks beyond the content type: XML well-formedness, PDF trailer."""
        if fmt in XML_FORMATS:
            return check_xml(body)
        if fmt == "pdf" and body[-4096:].rfind(PDF_EOF) == -1:
            return "truncated PDF (no %%EOF trailer)"
        return None

    def on_error(self, failure: Failure) -> Iterator[dict[str, Any]]:
        """Every download error becomes a failure item with a one-line reason."""
        request = failure.request
        meta = request.meta.get("palermo_meta") or {}
        timeout = request.meta.get("download_timeout") or self.settings.getfloat("DOWNLOAD_TIMEOUT")
        maxsize = request.meta.get("download_maxsize") or self.settings.getint("DOWNLOAD_MAXSIZE")
        reason, status = describe_failure(failure, timeout=timeout, maxsize=maxsize)
        self.logger.warning("failed %s: %s", request.url, reason)
        yield failure_item(meta.get("url") or request.url, reason, source_id=meta.get("source_id", ""),
                           status=status)
