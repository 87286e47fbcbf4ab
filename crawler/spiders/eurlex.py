"""EUR-Lex: an EU act by CELEX number, as HTML in the entry's language.

``celex: 32011L0036`` + ``language: en`` ->
``https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:32011L0036``.
"""

from __future__ import annotations

import re

from scrapy.http import Response

from crawler.registry import Source
from crawler.spiders.html_page import HtmlPageSpider

# "32011L0036", "32024L1712", "52022PC0732"
CELEX_RE = re.compile(r"^[0-9CE]\d{4}[A-Z]{1,2}\d{4}(?:\(\d+\))?$")
HTML_URL = "https://eur-lex.europa.eu/legal-content/{lang}/TXT/HTML/?uri=CELEX:{celex}"
# EUR-Lex answers 200 with this page when a CELEX number or language version does not exist
NOT_FOUND_RE = re.compile(
    rb"The requested document does not exist|Le document demand\xc3\xa9 n'existe pas", re.I
)


def celex_url(celex: str, language: str) -> str:
    """HTML URL of a CELEX number in a language (``en`` -> ``EN``)."""
    if not CELEX_RE.match(celex):
        raise ValueError(f"bad CELEX number {celex!r}")
    return HTML_URL.format(lang=language.split("-")[0].upper(), celex=celex)


class EurlexSpider(HtmlPageSpider):
    """EU legislation from EUR-Lex."""

    name = "eurlex"
    default_format = "eurlex-html"

    def document_url(self, url: str, source: Source) -> str:
        """The CELEX HTML URL when the entry names a CELEX number, else the given URL."""
        return celex_url(source.celex, source.language) if source.celex else url

    def source_requests(self, source: Source):
        """One request per language URL (a CELEX entry needs only one)."""
        urls = [source.urls[0]] if source.celex else source.urls
        for url in urls:
            doc_url = self.document_url(url, source)
            extra = {"celex": source.celex} if source.celex else {}
            yield self.document_request(doc_url, self.source_meta(source, doc_url, **extra))

    def validate_body(self, body: bytes, fmt: str, response: Response) -> str | None:
        """EUR-Lex's 'document does not exist' page is a failure, not a version."""
        if NOT_FOUND_RE.search(body[:200000]):
            return "EUR-Lex: the requested document does not exist"
        return super().validate_body(body, fmt, response)
