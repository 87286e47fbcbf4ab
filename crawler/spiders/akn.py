"""Akoma Ntoso documents: AfricanLII / Laws.Africa-style ``/akn/...`` work URLs and any AKN XML.

A FRBR work/expression URL without an extension (``…/akn/za/act/2013/7/eng@2015-08-09``)
is fetched as ``….xml``; URLs already ending in ``.xml`` are used as they are.
"""

from __future__ import annotations

from urllib.parse import urlparse, urlunparse

from scrapy.http import Response

from crawler.registry import Source
from crawler.sniff import xml_root
from crawler.spiders.base import BaseSpider


def akn_xml_url(url: str) -> str:
    """``…/akn/na/act/2009/29/eng@2018-12-31`` -> ``…/akn/na/act/2009/29/eng@2018-12-31.xml``."""
    parts = urlparse(url)
    path = parts.path.rstrip("/")
    if "/akn/" not in path or path.endswith((".xml", ".akn")):
        return url
    return urlunparse(parts._replace(path=f"{path}.xml", fragment=""))


class AknSpider(BaseSpider):
    """Akoma Ntoso XML."""

    name = "akn"
    default_format = "akn-xml"

    def document_url(self, url: str, source: Source) -> str:
        """The XML form of an ``/akn/`` URL."""
        return akn_xml_url(url)

    def validate_body(self, body: bytes, fmt: str, response: Response) -> str | None:
        """Well-formed XML whose root is ``akomaNtoso``."""
        reason = super().validate_body(body, fmt, response)
        if reason is None and xml_root(body) != "akomantoso":
            reason = f"not Akoma Ntoso: root element is {xml_root(body) or 'missing'}"
        return reason
