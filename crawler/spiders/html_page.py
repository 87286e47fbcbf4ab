"""Generic HTML statute pages (official portals without an XML service).

The raw HTML is stored as fetched (exact provenance); trafilatura, a
maintained main-content extractor, checks that the page carries a statute
text and gives its title and size, kept in ``extra``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import trafilatura
from scrapy.http import Response

from crawler.spiders.base import BaseSpider
from indexer.models import DocumentMeta

MIN_MAIN_TEXT = 200  # characters of main text below which a page is taken for an error/landing page


def main_text(html: bytes | str) -> tuple[str, str]:
    """``(title, main text)`` of an HTML page extracted by trafilatura ('' when none)."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True) or ""
    meta = trafilatura.extract_metadata(html)
    title = (meta.title if meta and meta.title else "") or ""
    return title, text


class HtmlPageSpider(BaseSpider):
    """Statute pages in HTML."""

    name = "html_page"
    default_format = "html"

    def handle_body(self, response: Response, meta: DocumentMeta) -> Iterator[dict[str, Any]]:
        """Check the page, then store it with its extracted title and text size."""
        for item in super().handle_body(response, meta):
            if item["kind"] == "document":
                title, text = main_text(item["body"])
                item["meta"]["extra"].update({"page_title": title[:300], "main_text_chars": str(len(text))})
            yield item

    def validate_body(self, body: bytes, fmt: str, response: Response) -> str | None:
        """A page without a main text of some length is an error or landing page."""
        _title, text = main_text(body)
        if len(text) < MIN_MAIN_TEXT:
            return f"no statute text found in the page ({len(text)} characters of main text)"
        return None
