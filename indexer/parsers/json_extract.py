"""Provision-level JSON extracts: ``{"title": ..., "provisions": [{"section", "title", "content"}]}``."""

from __future__ import annotations

import json
import re
from typing import Any

from indexer.models import DocumentMeta, Law

from .errors import ParseError
from .finish import law_from_tree
from .meta import in_force_from, parse_date, year_from
from .numbering import match_article
from .registry import register
from .structure import Block, build_tree
from .textnorm import decode_bytes, drop_footnote_marks, reflow
from .xmlwalk import clean_label

# Subsection labels run into one line: "... of India. (2) It extends ..." / "...; (b) the person"
INLINE_ENUM = re.compile(r"(?<=[.;:—–-])\s+(?=(?:\(\d+[A-Za-z]?\)|\([a-z]{1,3}\))\s)")
# Footnotes appended to a provision's content: "\n\n[Footnote] 1.Subs. by Act 44 of 1986 ..."
FOOTNOTES = re.compile(r"\n\s*\[(?:Footnotes?|Notes?)\]", re.IGNORECASE)
LIST_KEYS = ("provisions", "sections", "articles", "items")
NUM_KEYS = ("section", "article", "number", "num", "provision_ref", "ref", "id")
TEXT_KEYS = ("content", "text", "body")
HEADING_KEYS = ("title", "heading", "name")


def _first(item: dict[str, Any], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = item.get(key)
        if isinstance(value, str | int | float) and str(value).strip():
            return str(value).strip()
    return ""


def _num(item: dict[str, Any]) -> str:
    raw = _first(item, NUM_KEYS)
    raw = re.sub(r"^(?:art|sec|s)(?=\d)", "", raw, flags=re.IGNORECASE)
    return clean_label(raw)


def provision_list(doc: Any) -> list[dict[str, Any]]:
    """The list of provision objects in a JSON extract (top-level list or a known key)."""
    if isinstance(doc, list):
        return [x for x in doc if isinstance(x, dict)]
    if isinstance(doc, dict):
        for key in LIST_KEYS:
            if isinstance(doc.get(key), list):
                return [x for x in doc[key] if isinstance(x, dict)]
    raise ParseError("JSON has no list of provisions (expected a 'provisions' array)")


@register("json")
def parse_json(data: bytes, meta: DocumentMeta) -> Law:
    """Parse a JSON provision extract; each entry becomes a section/article with its subdivisions."""
    text, warnings = decode_bytes(data)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"malformed JSON: {exc}") from exc
    items = provision_list(doc)
    info = doc if isinstance(doc, dict) else {}
    lang = (meta.language or str(info.get("language") or "")).lower()
    word = "Section" if lang in ("en", "ne", "hi", "") else "Article"
    blocks: list[Block] = []
    chapter = None
    for item in items:
        content = _first(item, TEXT_KEYS)
        num = _num(item)
        if item.get("chapter") and item.get("chapter") != chapter:
            chapter = str(item["chapter"])
            blocks.append(Block(chapter, 1))
        blocks.append(Block(f"{word} {num}" if num else word, 2))
        heading = _first(item, HEADING_KEYS)
        label = match_article(heading) if heading else None
        if label is not None:  # "Άρθρο 15: Υποκίνηση" / "المادة الثانية عشرة:" repeat the number
            heading = label.rest.strip(" :.-–—")
        if heading:
            blocks.append(Block(heading, 3))
        lines: list[str] = []
        content = FOOTNOTES.split(content, maxsplit=1)[0]
        for para in re.split(r"\n\s*\n", content):
            lines.extend(INLINE_ENUM.split(drop_footnote_marks(para.replace("\n", " "))))
        blocks.extend(Block(line) for line in reflow(lines, hard_wrapped=False))
    doc_text, roots = build_tree(blocks)
    title = str(info.get("title") or info.get("title_en") or "")
    law = law_from_tree(doc_text, roots, meta, format="json",
                        short_title=str(info.get("short_name") or info.get("short_title") or ""),
                        in_force=in_force_from(info.get("status")),
                        version_date=parse_date(info.get("in_force_date") or info.get("issued_date")),
                        year=year_from(str(info.get("title_en") or ""), title,
                                       str(info.get("issued_date") or "")))
    law.title = meta.title or title
    law.warnings.extend(warnings)
    if not items:
        raise ParseError("JSON provision list is empty")
    return law
