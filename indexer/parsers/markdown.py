"""Markdown statutes (often with YAML front matter), e.g. legalize-dev exports and US Code chunks."""

from __future__ import annotations

import re
from typing import Any

import yaml

from indexer.models import DocumentMeta, Law

from .finish import fallback_provision, law_from_tree
from .meta import front_matter_meta
from .numbering import match_article
from .registry import register
from .structure import Block, build_tree
from .textnorm import (
    MD_HEADING,
    SENTENCE_END,
    TABLE_RULE,
    clean_markdown_line,
    decode_bytes,
    is_editorial_note,
    is_structural,
)

# YAML front matter: "---\ntitle: ...\n---\n"
FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
SUP_NUMBER = re.compile(r"^\s*<sup>(\d+[a-z]?)</sup>\s*")  # Swiss paragraph numbers: "<sup>1</sup> Von den"
# A consolidation note left after cleaning: "(Artículo sustituido por art. 1° de la Ley N° 26.842 B.O. ...)"
CONSOLIDATION_NOTE = re.compile(
    r"^\((?:Art[íi]culo|Inciso|P[áa]rrafo|Texto|Expresi[óo]n|Denominaci[óo]n|Nota|Apartado)\b[^()]{0,40}?"
    r"(?:sustituid|incorporad|derogad|modificad|agregad|vetad|observad|según)[^\n]*\)$",
    re.IGNORECASE,
)
QUICK_STRIP = re.compile(r"^[\s>*_+:-]+|\*\*|__")  # markup that hides a line's numbering: "**ARTICULO 1°**"
# A paragraph that is all bold: "**Menschenhandel**", "**Grenzüberschreitender Prostitutionshandel[^358]**"
ALL_BOLD = re.compile(r"^\s*(?:\*\*|__)[^*_]+(?:\*\*|__)\s*$|^\s*\*\*[^*]+\[\^\w+\]\*\*\s*$")
# A chapter heading run into the end of the previous paragraph by a converter:
# "... durchführt und bewertet. Kapitel IV Materielles Strafrecht"
GLUED_HEADING = re.compile(
    r"(?<=[.;:])\s+(?P<head>(?:Kapitel|Chapter|CHAPTER|Chapitre|CHAPITRE|Cap[íi]tulo|CAP[ÍI]TULO|Titel|Title|"
    r"T[íi]tulo|Titre|Part|PART|Teil|Abschnitt)\s+[IVXLC]+\s+[A-ZÄÖÜÉÈ][^.;:]*)$")
HARD_BREAK = re.compile(r"(?: {2,}|\\)$")  # markdown line break: two trailing spaces


def split_front_matter(text: str) -> tuple[dict[str, Any], str, list[str]]:
    """Split ``---`` YAML front matter from the body; malformed YAML becomes a warning."""
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, text, []
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        return {}, text[m.end():], [f"front matter is not valid YAML: {str(exc)[:80]}"]
    return (data if isinstance(data, dict) else {}), text[m.end():], []


def markdown_blocks(body: str) -> list[Block]:
    """Paragraph blocks of a markdown body: headings, paragraphs (soft-wrapped lines joined)."""
    blocks: list[Block] = []
    para: list[str] = []
    broken = False

    def flush() -> None:
        if para:
            raw_para = " ".join(para)
            if not is_editorial_note(raw_para):
                text = clean_markdown_line(SUP_NUMBER.sub(r"(\1) ", raw_para))
                if text:
                    blocks.append(Block(text, hint=bool(ALL_BOLD.match(raw_para)) and len(text) < 150))
            para.clear()

    for raw in body.splitlines():
        if not raw.strip() or TABLE_RULE.match(raw):
            flush()
            continue
        hm = MD_HEADING.match(raw.strip())
        if hm and not raw.startswith("    "):
            flush()
            text = clean_markdown_line(hm.group(2))
            if text:
                blocks.append(Block(text, len(hm.group(1))))
            continue
        line = QUICK_STRIP.sub("", SUP_NUMBER.sub(r"(\1) ", raw))
        if not line:
            continue
        if para and (broken or is_structural(line) or raw.lstrip().startswith("|")):
            flush()
        para.append(raw.strip())
        broken = bool(HARD_BREAK.search(raw))
    flush()
    return _join_broken(blocks)


def _join_broken(blocks: list[Block]) -> list[Block]:
    """Join paragraphs split mid-sentence by blank lines ("Será reprimido con" + "prisión de...")."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1].text if out and out[-1].level is None else None
        open_note = prev is not None and prev.count("(") > prev.count(")") and len(prev) < 200
        if b.level is not None and not is_structural(b.text) and (open_note or b.text[:1].islower()):
            b = Block(b.text)  # a heading that is really a piece of a broken paragraph or note
        if prev is not None and b.level is None and not is_structural(b.text) and (
                (b.text[:1].islower() and not SENTENCE_END.search(prev)) or open_note):
            out[-1] = Block(f"{prev} {b.text}")
        else:
            out.append(b)
    kept: list[Block] = []
    for b in out:
        if b.level is None and CONSOLIDATION_NOTE.match(b.text):
            continue
        m = GLUED_HEADING.search(b.text) if b.level is None else None
        if m and len(m.group("head").split()) <= 16:
            kept.extend([Block(b.text[: m.start()].rstrip()), Block(m.group("head"))])
        else:
            kept.append(b)
    return kept


@register("markdown")
def parse_markdown(data: bytes, meta: DocumentMeta) -> Law:
    """Parse a markdown statute: front matter -> metadata, headings/paragraphs -> provision tree."""
    text, warnings = decode_bytes(data)
    fm, body, fm_warn = split_front_matter(text.replace("\r\n", "\n"))
    fields = front_matter_meta(fm)
    blocks = markdown_blocks(body)
    unit = str(fm.get("section") or fm.get("article") or "").strip()
    if unit and not any(match_article(b.text) for b in blocks[:50]):
        # a one-provision extract ("section: 144" in the front matter): its number opens the text
        word = "Section" if "section" in fm else "Article"
        blocks.insert(0, Block(f"{word} {unit}", 5))
    doc_text, roots = build_tree(blocks)
    title = fields.pop("title", "")
    law = law_from_tree(doc_text, roots, meta, format="markdown", **fields)
    law.title = meta.title or title
    law.warnings.extend(warnings + fm_warn)
    if not law.provisions:
        num = str(fm.get("section") or fm.get("article") or "")
        fallback_provision(law, num)
    return law
