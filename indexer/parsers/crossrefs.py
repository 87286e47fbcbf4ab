"""Cross-references inside a law ("section 3", "as defined in article 225-4-1", "subsection (2)")."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from indexer.models import CrossRef, Provision

# "section 279.01(1)", "article 225-4-1", "artículo 177 bis", "art. 5", "§ 232a", "Artikel 273f",
# "subsection (2)", "paragraph (a)", "apartado 1", "alinéa 2"
REFERENCE = re.compile(
    r"(?=[sSaApP§])\b(?P<word>sections?|articles?|art[ií]culos?|artigos?|artikel|art\.|ss?\.|§§?|subsections?|"
    r"paragraphs?|apartados?|párrafos?|alin[ée]as?)\s*"
    r"(?P<num>\(?(?:[A-Z]\.?\s?)?\d+[a-zA-Z]{0,2}(?:[.\-]\d+[a-zA-Z]{0,2})*\)?(?:\s(?:bis|ter|quater)\b)?"
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
# Further numbers of a list: ", 279.02", " and 279.03", " to 279.04", " y 6", " à 225-4-9", " et 7"
LIST_ITEM = re.compile(
    r"\s*(?:,|,?\s+(?:and|or|to|à|a|y|e|o|et|ou|und|oder|bis|en)\b)\s*"
    r"(?P<num>(?:[A-Z]\.?\s?)?\d+[a-zA-Z]{0,2}(?:[.\-]\d+[a-zA-Z]{0,2})*(?:\s(?:bis|ter|quater)\b)?"
    r"(?:\(\w{1,6}\))*)(?![\w/])"
)
RELATIVE_WORDS = ("subsection", "paragraph", "apartado", "párrafo", "alinéa", "alinea")


KEY_DROP = re.compile(r"[^a-z0-9.\-()]")  # "177 bis(1)" -> "177bis(1)"


@lru_cache(maxsize=16384)
def _key(num: str) -> str:
    """Comparable form of a number: "L. 425-1" -> "l425-1", "177 bis(1)" -> "177bis(1)"."""
    key = KEY_DROP.sub("", num.lower())
    return key[0] + key[2:] if len(key) > 2 and key[1] == "." and key[0].isalpha() else key


@dataclass
class _Hit:
    start: int
    end: int
    word: str
    num: str
    law: str | None


def scan(text: str) -> list[_Hit]:
    """References in ``text``, list items included ("sections 279.01 to 279.03", "arts. 5 y 6")."""
    hits: list[_Hit] = []
    for m in REFERENCE.finditer(text):
        group = [_Hit(m.start(), m.end(), m.group("word").lower(), m.group("num").strip(), None)]
        pos = m.end()
        while len(group) < 30:
            item = LIST_ITEM.match(text, pos)
            if not item:
                break
            num = item.group("num").strip()
            group.append(_Hit(item.start("num"), item.end("num"), group[0].word, num, None))
            pos = item.end()
        ext = EXTERNAL.match(text[pos: pos + 80])
        if ext:
            for hit in group:
                hit.law = ext.group("law").strip()
        hits.extend(group)
    return hits


def extract_refs(provisions: list[Provision], law_text: str | None = None) -> None:
    """Fill ``Provision.refs`` (offsets relative to the provision's text), resolving targets in-law.

    With ``law_text`` the text is scanned once and each reference is given to every provision whose
    span contains it (parents include their children's references).
    """
    by_num: dict[str, str] = {}
    for p in provisions:
        if p.num:
            by_num.setdefault(_key(p.num), p.eid)
    by_eid = {p.eid: p for p in provisions}
    if law_text is None:
        for p in provisions:
            p.refs = [_ref(h, p.text, 0, p, by_num, by_eid) for h in scan(p.text)]
        return
    hits = scan(law_text)
    starts = [h.start for h in hits]
    for p in provisions:
        lo, hi = bisect_left(starts, p.start), bisect_left(starts, p.end)
        p.refs = [_ref(h, law_text, p.start, p, by_num, by_eid) for h in hits[lo:hi] if h.end <= p.end]


def _ref(hit: _Hit, text: str, base: int, p: Provision, by_num: dict[str, str],
         by_eid: dict[str, Provision]) -> CrossRef:
    words = text[hit.start:hit.end]
    if hit.law:
        return CrossRef(text=words, start=hit.start - base, end=hit.end - base, target_law=hit.law)
    return CrossRef(text=words, start=hit.start - base, end=hit.end - base,
                    target_eid=_resolve(hit.word, hit.num, p, by_num, by_eid))


def _resolve(word: str, num: str, p: Provision, by_num: dict[str, str],
             by_eid: dict[str, Provision]) -> str | None:
    key = _key(num)
    relative = num.startswith("(") or (word.startswith(RELATIVE_WORDS) and re.fullmatch(r"\d+[a-z]?", num))
    if relative:  # "subsection (2)", "apartado 1": relative to the citing provision and its ancestors
        inner = key.strip("()")
        node: Provision | None = p
        while node is not None:
            hit = by_num.get(f"{_key(node.num)}({inner})")
            if hit:
                return hit
            node = by_eid.get(node.parent_eid) if node.parent_eid else None
        return None
    return by_num.get(key) or by_num.get(key.split("(")[0] if "(" in key else key)
