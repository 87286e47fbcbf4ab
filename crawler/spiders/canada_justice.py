"""Justice Canada Laws Website: consolidated acts and regulations as XML (English and French).

``https://laws-lois.justice.gc.ca/eng/acts/C-46/`` -> ``…/eng/XML/C-46.xml`` and
``https://laws-lois.justice.gc.ca/fra/lois/C-46/`` -> ``…/fra/XML/C-46.xml``.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse, urlunparse

from scrapy.http import Response

from crawler.registry import Source
from crawler.sniff import xml_root
from crawler.spiders.base import BaseSpider

# "/eng/acts/C-46/", "/fra/lois/C-46/index.html", "/eng/regulations/SOR-2002-227/FullText.html"
LAW_PATH_RE = re.compile(r"^/(eng|fra)/(?:acts|lois|regulations|reglements)/([^/]+)(?:/.*)?$", re.I)
ROOTS = frozenset({"statute", "regulation", "bill"})


def xml_url(url: str) -> str:
    """The XML URL of a Justice Laws page (XML URLs are returned unchanged)."""
    parts = urlparse(url)
    match = LAW_PATH_RE.match(parts.path)
    if not match:
        return url
    lang, code = match.group(1).lower(), match.group(2)
    return urlunparse(parts._replace(path=f"/{lang}/XML/{code}.xml", query="", fragment=""))


class CanadaJusticeSpider(BaseSpider):
    """Canada's consolidated federal acts and regulations (LIMS XML)."""

    name = "canada_justice"
    default_format = "canada-xml"

    def document_url(self, url: str, source: Source) -> str:
        """The ``/XML/<code>.xml`` form of the law's URL."""
        return xml_url(url)

    def validate_body(self, body: bytes, fmt: str, response: Response) -> str | None:
        """Well-formed XML whose root is Statute/Regulation/Bill."""
        reason = super().validate_body(body, fmt, response)
        if reason is None and xml_root(body) not in ROOTS:
            reason = f"not Justice Canada XML: root element is {xml_root(body) or 'missing'}"
        return reason
