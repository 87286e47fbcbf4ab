"""Format names, content-type checks and byte sniffing shared by every spider.

A spider knows the format it expects (``clml``, ``pdf``...). A response is
accepted when its Content-Type is compatible with that format, or when the
Content-Type is missing/generic and the bytes themselves look like the
format. An empty or unknown format is sniffed from the bytes and the URL.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

from lxml import etree

FORMATS = (
    "markdown", "text", "canada-xml", "json", "pdf", "html", "akn-xml", "clml", "uslm",
    "eurlex-html", "boe-xml", "eisb-xml",
)
XML_FORMATS = frozenset({"canada-xml", "akn-xml", "clml", "uslm", "boe-xml", "eisb-xml"})
HTML_FORMATS = frozenset({"html", "eurlex-html"})

# Content types (lower-case, without parameters) accepted per format family.
XML_TYPES = ("application/xml", "text/xml", "application/akn+xml", "application/xhtml+xml")
HTML_TYPES = ("text/html", "application/xhtml+xml")
PDF_TYPES = ("application/pdf", "application/x-pdf", "application/acrobat")
JSON_TYPES = ("application/json", "text/json", "application/ld+json")
GENERIC_TYPES = ("application/octet-stream", "binary/octet-stream", "application/download",
                 "application/force-download", "text/plain")

# "<?xml version='1.0'?>\n<!-- c --><an:akomaNtoso xmlns:an=..." -> local name of the first element
XML_ROOT_RE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]")
# "<!DOCTYPE html>" or "<html lang='en'>"
HTML_START_RE = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
# "---\ntitle: Penal Code\n---" (YAML front matter) or "# Title"
MARKDOWN_RE = re.compile(r"^(?:---\s*\n|#{1,6} \S)", re.M)

ROOT_FORMATS = {
    "akomantoso": "akn-xml",
    "legislation": "clml",
    "uscdoc": "uslm", "lawdoc": "uslm", "plaw": "uslm", "bill": "uslm", "statutecompilation": "uslm",
    "resolution": "uslm", "engrossedamendment": "uslm",
    "statute": "canada-xml", "regulation": "canada-xml",
    "documento": "boe-xml", "response": "boe-xml",
    "act": "eisb-xml",
}


def media_type(content_type: str | bytes | None) -> str:
    """``'text/html; charset=utf-8'`` -> ``'text/html'`` (empty string when absent)."""
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    return (content_type or "").split(";")[0].strip().lower()


def xml_root(body: bytes) -> str:
    """Lower-case local name of the root element of an XML document ('' when none is found).

    ``<?xml ...?>``, ``<!DOCTYPE ...>`` and comments never match the regex (``?``/``!`` are not name
    characters), so the first match is the root element.
    """
    match = XML_ROOT_RE.search(body[:4096])
    return match.group(1).decode("ascii", "replace").lower() if match else ""


def strip_bom(body: bytes) -> bytes:
    """Bytes without a leading UTF-8 byte-order mark and whitespace."""
    return body.lstrip().removeprefix(b"\xef\xbb\xbf").lstrip()


def looks_like(fmt: str, body: bytes) -> bool:
    """True when the bytes plausibly are a document of format ``fmt``."""
    stripped = strip_bom(body[:4096])
    if fmt == "pdf":
        return body[:1024].find(b"%PDF-") != -1
    if fmt in XML_FORMATS:
        return stripped.startswith(b"<") and not HTML_START_RE.match(stripped)
    if fmt in HTML_FORMATS:
        return stripped.startswith(b"<") and b"<" in stripped and bool(
            HTML_START_RE.match(stripped) or re.search(rb"<(body|div|p|h1)[\s>]", body[:65536], re.I))
    if fmt == "json":
        try:
            json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return False
        return True
    if fmt in ("markdown", "text"):
        return b"\x00" not in body[:8192] and not body.startswith(b"%PDF") and _is_text(body)
    return True


def _is_text(body: bytes) -> bool:
    try:
        body[:65536].decode("utf-8")
    except UnicodeDecodeError as exc:  # a multi-byte char cut at the slice end is fine
        return exc.start >= 65536 - 4
    return True


def content_type_ok(fmt: str, content_type: str) -> bool:
    """Is the (parameter-less) content type compatible with the expected format?"""
    ctype = media_type(content_type)
    if fmt == "pdf":
        return ctype in PDF_TYPES
    if fmt in XML_FORMATS:
        return ctype in XML_TYPES or ctype.endswith("+xml")
    if fmt in HTML_FORMATS:
        return ctype in HTML_TYPES
    if fmt == "json":
        return ctype in JSON_TYPES
    if fmt in ("markdown", "text"):
        return ctype.startswith("text/") and ctype != "text/html"
    return bool(ctype)


def check_response(fmt: str, content_type: str, body: bytes) -> str | None:
    """Reason why a body must not be stored as ``fmt``, or None when it is acceptable."""
    if not body:
        return "empty body"
    if not fmt:
        return None  # unknown format: nothing to check against
    ctype = media_type(content_type)
    if not ctype:
        if looks_like(fmt, body):
            return None
        return f"missing content type and the body does not look like {fmt}"
    if content_type_ok(fmt, ctype):
        if not looks_like(fmt, body):
            return f"body does not look like {fmt} (content type {ctype})"
        return None
    if ctype in GENERIC_TYPES and looks_like(fmt, body):
        return None
    return f"wrong content type {ctype!r} for {fmt}"


def check_xml(body: bytes) -> str | None:
    """Parse XML safely (no entities, no network); the reason when it is not well-formed."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        return f"XML is not well-formed (truncated?): {str(exc)[:200]}"
    return None


def sniff_format(body: bytes, url: str = "", content_type: str = "") -> str:
    """Guess the format name of a document from its bytes, URL and content type.

    Returns '' for XML of an unknown vocabulary: it is stored as fetched and the indexer's
    generic fallback decides.
    """
    head = strip_bom(body[:8192])
    ctype = media_type(content_type)
    host = urlparse(url).netloc.lower()
    path = urlparse(url).path.lower()
    if body[:1024].find(b"%PDF-") != -1 or ctype in PDF_TYPES:
        return "pdf"
    if HTML_START_RE.match(head) or ctype in HTML_TYPES:
        return "eurlex-html" if "eur-lex.europa.eu" in host else "html"
    if head.startswith(b"<"):
        root = xml_root(head)
        if root == "legislation" and b"legislation.gov.uk" not in head:
            return "canada-xml" if "justice.gc.ca" in host else "clml"
        if root in ("html", "body"):
            return "html"
        return ROOT_FORMATS.get(root, "akn-xml" if "/akn/" in path else "")  # '' = unknown XML: parser sniffs
    if head.startswith((b"{", b"[")) and looks_like("json", body):
        return "json"
    if path.endswith((".md", ".markdown")) or ctype == "text/markdown":
        return "markdown"
    text = body[:8192].decode("utf-8", "replace")
    if MARKDOWN_RE.search(text):
        return "markdown"
    return "text"
