"""Listing pages (a country page on SHERLOC/NATLEX-style databases): follow links to document files.

A registry entry of family ``listing`` gives the page URL(s); ``follow`` (a regex)
restricts which links are documents, ``max_documents`` bounds how many are
fetched. Each document is checked like any other (format sniffed from the bytes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from scrapy.http import Response
from scrapy.linkextractors import LinkExtractor

from crawler.registry import Source
from crawler.spiders.base import BaseSpider
from crawler.store import failure_item

# "/docs/penal-code.pdf", "/natlex/docs/ELECTRONIC/123/456/F789/ABC.pdf?x=1", "…/act.docx"
DOCUMENT_LINK_RE = r"\.(?:pdf|xml|docx?|rtf|txt|html?)(?:[?#].*)?$"


class ListingSpider(BaseSpider):
    """Follow document links of listing pages."""

    name = "listing"
    default_format = ""

    def source_requests(self, source: Source):
        """The listing page(s), revalidated through the validator cache."""
        for url in source.urls:
            yield self.aux_request(url, self.parse_listing, palermo_source=source.model_dump())

    def parse_listing(self, response: Response) -> Iterator[Any]:
        """Document requests for the matching links of a listing page."""
        source = Source.model_validate(response.meta["palermo_source"])
        if not hasattr(response, "text") or not response.body:
            yield failure_item(response.url, "listing page is empty or not HTML", source_id=source.id,
                               status=response.status)
            return
        try:
            allow = [re.compile(source.follow or DOCUMENT_LINK_RE, re.I)]
        except re.error as exc:
            yield failure_item(response.url, f"bad follow regex: {exc}", source_id=source.id)
            return
        extractor = LinkExtractor(allow=allow, deny_extensions=[], unique=True)
        links = extractor.extract_links(response)
        if not links:
            yield failure_item(response.url, "listing page has no document links", source_id=source.id,
                               status=response.status)
            return
        for link in links[: source.max_documents]:
            title = " ".join(link.text.split()) or source.title
            meta = self.source_meta(source, link.url, listing_url=response.url)
            meta = meta.model_copy(update={"title": title[:300], "format": source.format})
            yield self.document_request(link.url, meta)
