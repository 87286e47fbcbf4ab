"""Spain's BOE consolidated legislation through its open-data API (XML), by BOE identifier.

``https://www.boe.es/buscar/act.php?id=BOE-A-1995-25444`` (or ``boe_id: BOE-A-1995-25444``)
-> ``https://www.boe.es/datosabiertos/api/legislacion-consolidada/id/BOE-A-1995-25444/texto``.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from scrapy.http import Response

from crawler.registry import Source
from crawler.sniff import xml_root
from crawler.spiders.base import BaseSpider

# "BOE-A-1995-25444"
BOE_ID_RE = re.compile(r"\bBOE-[A-Z]-\d{4}-\d+\b")
API_URL = "https://www.boe.es/datosabiertos/api/legislacion-consolidada/id/{boe_id}/texto"
# "<status><code>404</code>" in an API answer
API_STATUS_RE = re.compile(rb"<status>\s*<code>\s*(\d+)\s*</code>", re.S)


def boe_api_url(url: str, boe_id: str = "") -> str:
    """The consolidated-text API URL of a BOE id or BOE page URL (API URLs are kept)."""
    if "/datosabiertos/api/" in url:
        return url
    ident = boe_id or (parse_qs(urlparse(url).query).get("id") or [""])[0]
    if not BOE_ID_RE.fullmatch(ident or ""):
        match = BOE_ID_RE.search(url)
        ident = match.group(0) if match else ""
    if not ident:
        raise ValueError(f"no BOE identifier in {url!r}")
    return API_URL.format(boe_id=ident)


class BoeSpider(BaseSpider):
    """Consolidated Spanish legislation (BOE open data XML)."""

    name = "boe"
    default_format = "boe-xml"

    def document_url(self, url: str, source: Source) -> str:
        """The API URL for the entry's BOE id."""
        return boe_api_url(url, source.boe_id)

    def validate_body(self, body: bytes, fmt: str, response: Response) -> str | None:
        """Well-formed XML; an API answer with an error status is a failure."""
        reason = super().validate_body(body, fmt, response)
        if reason:
            return reason
        match = API_STATUS_RE.search(body[:2048])
        if match and match.group(1) != b"200":
            return f"BOE API status {match.group(1).decode()}"
        if xml_root(body) not in ("response", "documento", "texto"):
            return f"not BOE XML: root element is {xml_root(body) or 'missing'}"
        return None
