"""legislation.gov.uk: CLML XML through ``/data.xml`` (UK, Scotland, Wales and Northern Ireland acts).

Any legislation.gov.uk URL of a law (``/ukpga/2015/30``, ``/asp/2015/12/contents``,
``/nia/2015/2/enacted``) is turned into its CLML ``…/data.xml`` URL.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse, urlunparse

from scrapy.http import Response

from crawler.registry import Source
from crawler.sniff import xml_root
from crawler.spiders.base import BaseSpider

# "/ukpga/2015/30/contents" -> strips "/contents"; also "/data.xml", "/data.htm", "/data.pdf"
TRAILING_VIEW_RE = re.compile(r"/(?:contents|data\.(?:xml|htm|html|pdf|akn|rdf|feed))/?$")


def data_xml_url(url: str) -> str:
    """``https://www.legislation.gov.uk/ukpga/2015/30/contents`` -> ``…/ukpga/2015/30/data.xml``."""
    parts = urlparse(url)
    path = TRAILING_VIEW_RE.sub("", parts.path.rstrip("/"))
    return urlunparse(parts._replace(path=f"{path}/data.xml", query="", fragment=""))


class LegislationGovUkSpider(BaseSpider):
    """CLML documents of legislation.gov.uk."""

    name = "legislation_gov_uk"
    default_format = "clml"

    def document_url(self, url: str, source: Source) -> str:
        """The ``/data.xml`` form of the law's URL."""
        return data_xml_url(url)

    def validate_body(self, body: bytes, fmt: str, response: Response) -> str | None:
        """Well-formed XML whose root is ``Legislation``."""
        reason = super().validate_body(body, fmt, response)
        if reason is None and xml_root(body) != "legislation":
            reason = f"not CLML: root element is {xml_root(body) or 'missing'}"
        return reason
