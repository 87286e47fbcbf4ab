"""HTML statute pages: generic pages and EUR-Lex (OJ / consolidated) documents.

The page is parsed with lxml (no network, scripts/styles/navigation dropped, hidden elements
skipped); block elements become paragraphs and headings keep their level, then the generic
structure recognition builds the provision tree.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from indexer.models import DocumentMeta, Law

from .errors import ParseError
from .finish import law_from_tree
from .registry import register
from .structure import Block, build_tree
from .textnorm import decode_bytes, norm_space

DROP = {"script", "style", "noscript", "nav", "header", "footer", "form", "button", "select", "iframe",
        "svg", "template", "head"}
BLOCK = {"p", "div", "li", "dd", "dt", "tr", "td", "th", "section", "article", "blockquote", "pre",
         "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "br", "hr", "center", "body"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# EUR-Lex classes: article numbers and titles, section/chapter titles ("oj-ti-art", "ti-art", "sti-art")
EURLEX_LEVELS = {"ti-art": 4, "oj-ti-art": 4, "sti-art": 5, "oj-sti-art": 5, "ti-section-1": 3,
                 "oj-ti-section-1": 3, "ti-section-2": 3, "oj-ti-section-2": 3, "title-article-norm": 4,
                 "stitle-article-norm": 5, "title-division-1": 3, "title-division-2": 3}
HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)  # style="display:none"


def html_blocks(root: etree._Element, class_levels: dict[str, int] | None = None) -> list[Block]:
    """Paragraph blocks of an HTML tree in document order (headings keep their level)."""
    class_levels = class_levels or {}
    blocks: list[Block] = []
    buf: list[str] = []
    level_stack: list[int | None] = [None]

    def flush() -> None:
        text = norm_space("".join(buf))
        buf.clear()
        if text:
            blocks.append(Block(text, level_stack[-1]))

    def walk(el: etree._Element) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or tag in DROP or HIDDEN.search(el.get("style") or ""):
            if el.tail:
                buf.append(el.tail)
            return
        is_block = tag in BLOCK
        level = HEADINGS.get(tag)
        for cls in (el.get("class") or "").split():
            level = class_levels.get(cls, level)
        if is_block or level:
            flush()
            level_stack.append(level if level else level_stack[-1] if tag not in BLOCK else None)
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
        if is_block or level:
            flush()
            level_stack.pop()
        if el.tail:
            buf.append(el.tail)

    walk(root)
    flush()
    return blocks


def parse_html_tree(data: bytes) -> tuple[etree._Element, list[str]]:
    """Parse HTML bytes safely; ParseError when there is no usable document."""
    text, warnings = decode_bytes(data)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"malformed HTML: {exc}") from exc
    return root, warnings


def _parse(data: bytes, meta: DocumentMeta, fmt: str, class_levels: dict[str, int] | None) -> Law:
    root, warnings = parse_html_tree(data)
    title_el = root.find(".//title")
    title = norm_space(title_el.text_content()) if title_el is not None else ""
    body = root.find("body")
    doc_text, roots = build_tree(html_blocks(body if body is not None else root, class_levels))
    law = law_from_tree(doc_text, roots, meta, format=fmt)
    law.title = meta.title or title
    lang = root.get("lang") or ""
    if lang and not meta.language and root.get("dir") is None:
        law.warnings.append(f"page declares lang={lang!r}; language detected from text")
    law.warnings.extend(warnings)
    return law


@register("html")
def parse_html(data: bytes, meta: DocumentMeta) -> Law:
    """Parse a generic HTML statute page."""
    return _parse(data, meta, "html", None)


@register("eurlex-html")
def parse_eurlex(data: bytes, meta: DocumentMeta) -> Law:
    """Parse a EUR-Lex HTML document (article title classes become headings)."""
    return _parse(data, meta, "eurlex-html", EURLEX_LEVELS)
