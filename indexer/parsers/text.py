"""Plain-text statutes (e.g. text extracted from an official PDF), with page furniture removed."""

from __future__ import annotations

import re

from indexer.models import DocumentMeta, Law

from .finish import law_from_tree
from .registry import register
from .structure import Block, build_tree
from .textnorm import (
    PAGE_NUMBER,
    decode_bytes,
    drop_footnote_marks,
    is_editorial_note,
    reflow,
    strip_page_furniture,
)

# A page-count footer that ends a page in extracted text: "1 de 60", "Page 3 of 10"
PAGE_END = re.compile(r"^\s*(?:page\s+)?\d{1,4}\s+(?:de|of|von|sur)\s+\d{1,4}\s*$", re.IGNORECASE)


def split_pages(text: str) -> list[list[str]]:
    """Pages of extracted text, split at form feeds or "N de M" page footers."""
    pages: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        parts = line.split("\f")
        for i, part in enumerate(parts):
            if i:
                pages.append([])
            pages[-1].append(part)
            if PAGE_END.match(part):
                pages.append([])
    return [p for p in pages if any(x.strip() for x in p)]


def text_blocks(pages: list[list[str]]) -> list[Block]:
    """Blocks of a paginated text: furniture removed, wrapped lines and hyphenation joined."""
    lines = strip_page_furniture(pages) if len(pages) >= 3 else [ln for p in pages for ln in p]
    lines = [ln for ln in lines if not PAGE_NUMBER.match(ln) and not is_editorial_note(ln)]
    return [Block(drop_footnote_marks(line)) for line in reflow(lines, hard_wrapped=True)]


@register("text")
def parse_text(data: bytes, meta: DocumentMeta) -> Law:
    """Parse a plain-text statute into a provision tree."""
    text, warnings = decode_bytes(data)
    doc_text, roots = build_tree(text_blocks(split_pages(text)))
    law = law_from_tree(doc_text, roots, meta, format="text")
    law.warnings.extend(warnings)
    return law
