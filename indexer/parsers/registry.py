"""Parser registry: parsers are chosen by format and, where it matters, jurisdiction/language.

Format names: markdown, text, canada-xml, json, pdf, html, akn-xml, clml, uslm, eurlex-html,
boe-xml, eisb-xml. Unknown or empty formats are sniffed from the bytes and the URL.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from indexer.models import DocumentMeta, Law

Parser = Callable[[bytes, DocumentMeta], Law]
_PARSERS: dict[tuple[str, str | None, str | None], Parser] = {}
FORMATS = ("markdown", "text", "canada-xml", "json", "pdf", "html", "akn-xml", "clml", "uslm",
           "eurlex-html", "boe-xml", "eisb-xml")
# Aliases seen in manifests: "CLML", "USLM 1.0 (US Code)", "Akoma Ntoso 3.0 (CSD03 ...)", "eISB Act XML"
ALIASES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"eur-?lex", re.I), "eurlex-html"),
    (re.compile(r"uslm|us ?code", re.I), "uslm"),
    (re.compile(r"clml|legislation\.gov\.uk", re.I), "clml"),
    (re.compile(r"akoma|\bakn\b|akn-xml", re.I), "akn-xml"),
    (re.compile(r"eisb|irish statute", re.I), "eisb-xml"),
    (re.compile(r"canada|lims|justice laws", re.I), "canada-xml"),
    (re.compile(r"\bboe\b|boe-xml", re.I), "boe-xml"),
    (re.compile(r"^(?:md|markdown)$", re.I), "markdown"),
    (re.compile(r"^(?:txt|text|plain|text/plain)$", re.I), "text"),
    (re.compile(r"^(?:html?|text/html|xhtml)$", re.I), "html"),
    (re.compile(r"^(?:pdf|application/pdf)$", re.I), "pdf"),
    (re.compile(r"^(?:json|application/json)$", re.I), "json"),
]
XML_ROOT = re.compile(rb"<(?!\?|!)([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")  # "<akomaNtoso", "<uslm:lawDoc"


def register(fmt: str, *, jurisdiction: str | None = None, language: str | None = None
             ) -> Callable[[Parser], Parser]:
    """Decorator registering a parser for ``fmt`` (optionally only for a jurisdiction/language)."""
    def deco(fn: Parser) -> Parser:
        _PARSERS[(fmt, jurisdiction.upper() if jurisdiction else None,
                  language.lower() if language else None)] = fn
        return fn
    return deco


def lookup(fmt: str, jurisdiction: str = "", language: str = "") -> Parser | None:
    """The most specific parser registered for a format, jurisdiction and language."""
    jur, lang = (jurisdiction or "").upper() or None, (language or "").lower() or None
    for key in ((fmt, jur, lang), (fmt, jur, None), (fmt, None, lang), (fmt, None, None)):
        if key in _PARSERS:
            return _PARSERS[key]
    return None


def normalise_format(fmt: str) -> str:
    """Registry name for a declared format ("CLML" -> "clml"), "" when unknown."""
    fmt = (fmt or "").strip()
    if fmt.lower() in FORMATS:
        return fmt.lower()
    for pattern, name in ALIASES:
        if pattern.search(fmt):
            return name
    return ""


def sniff_format(data: bytes, url: str = "") -> str:
    """Guess the format from the leading bytes and the URL (generic fallback: text)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    low = head.lower()
    url = (url or "").lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head[:1] in (b"{", b"["):
        return "json"
    if head.startswith(b"<"):
        if b"<html" in low or b"<!doctype html" in low:
            return "eurlex-html" if "eur-lex" in url or b"eur-lex" in low else "html"
        root = _xml_root(head)
        if root == "akomantoso":
            return "akn-xml"
        if root in ("uscdoc", "lawdoc", "plaw", "pllaw", "statutecompilation") or b"/schemas/uslm" in low \
                or b"schemas.gpo.gov/xml/uslm" in low:
            return "uslm"
        if root == "legislation" or b"legislation.gov.uk" in low:
            return "clml"
        if root in ("bill", "statute", "regulation") or b"justice canada" in low:
            return "canada-xml"
        if root == "documento" or "boe.es" in url:
            return "boe-xml"
        if root == "act" or "irishstatutebook" in url:
            return "eisb-xml"
        return "html" if root in ("div", "body", "p", "head") else "akn-xml"
    if head.startswith(b"---") or head.startswith(b"#") or url.endswith(".md"):
        return "markdown"
    return "text"


def _xml_root(head: bytes) -> str:
    body = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", head, flags=re.S)
    m = XML_ROOT.search(body)
    return m.group(2).decode("ascii", "ignore").lower() if m else ""
