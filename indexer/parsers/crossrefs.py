"""Cross-references inside a law ("section 3", "as defined in article 225-4-1", "subsection (2)")."""

from __future__ import annotations

import re

from indexer.models import CrossRef, Provision

from .tree import eid_token

# "section 279.01(1)", "article 225-4-1", "artículo 177 bis", "art. 5", "§ 232a", "Artikel 273f",
# "subsection (2)", "paragraph (a)", "apartado 1", "alinéa 2"
REFERENCE = re.compile(
    r"\b(?P<word>sections?|articles?|art[ií]culos?|artigos?|artikel|art\.|ss?\.|§§?|subsections?|"
    r"paragraphs?|apartados?|párrafos?|alin[ée]as?)\s*"
    r"(?P<num>\(?[A-Z]?\d+[a-zA-Z]{0,2}(?:[.\-]\d+[a-zA-Z]{0,2})*\)?(?:\s(?:bis|ter|quater)\b)?"
    r"(?:\(\w{1,6}\))*|\([a-z]{1,4}\)|\(\d+(?:\.\d+)?\))",
    re.IGNORECASE,
)
# A reference to another law follows the number: "section 3 of the Criminal Code", "artículo 5 de la Ley
# 4/2000", "article L. 425-1 du code" (but not "of this Act", "de la presente ley", "de este Código")
EXTERNAL = re.compile(
    r"^\s*,?\s*(?:of|de|del|du|des|der|van|in)\s+(?:the\s+|la\s+|le\s+|l'|el\s+)?"
    r"(?!this\b|présente?\b|presente\b|este\b|esta\b|dieses\b|deze\b|that\b)"
    r"(?P<law>(?:[A-ZÀ-Ý][\w'’.\-]*\s?){1,6}(?:\d+[\d/.\-]*)?|[Ll]ey\s+[\d./]+|[Ll]oi\s+n°\s*[\d\-]+|"
    r"code\s+\w+)"
)
RELATIVE_WORDS = ("subsection", "paragraph", "apartado", "párrafo", "alinéa", "alinea")


def _norm(num: str) -> str:
    return eid_token(num.replace(" ", "")) if num else ""


def extract_refs(provisions: list[Provision]) -> None:
    """Fill ``Provision.refs`` (offsets relative to the provision's text), resolving targets in-law."""
    by_num: dict[str, str] = {}
    for p in provisions:
        if p.num:
            key = re.sub(r"[^a-z0-9.\-()]", "", p.num.lower())
            by_num.setdefault(key, p.eid)
    by_eid = {p.eid: p for p in provisions}
    for p in provisions:
        refs: list[CrossRef] = []
        for m in REFERENCE.finditer(p.text):
            word = m.group("word").lower()
            num = m.group("num").strip()
            after = p.text[m.end(): m.end() + 80]
            ext = EXTERNAL.match(after)
            if ext:
                refs.append(CrossRef(text=m.group(0), start=m.start(), end=m.end(),
                                     target_law=ext.group("law").strip()))
                continue
            refs.append(CrossRef(text=m.group(0), start=m.start(), end=m.end(),
                                 target_eid=_resolve(word, num, p, by_num, by_eid)))
        p.refs = refs


def _resolve(word: str, num: str, p: Provision, by_num: dict[str, str],
             by_eid: dict[str, Provision]) -> str | None:
    key = re.sub(r"[^a-z0-9.\-()]", "", num.lower())
    if word.startswith(RELATIVE_WORDS) or num.startswith("("):
        inner = key.strip("()")
        node: Provision | None = p
        while node is not None:
            hit = by_num.get(f"{node.num.lower().replace(' ', '')}({inner})")
            if hit:
                return hit
            node = by_eid.get(node.parent_eid) if node.parent_eid else None
        return None
    return by_num.get(key) or by_num.get(key.split("(")[0] if "(" in key else key)
