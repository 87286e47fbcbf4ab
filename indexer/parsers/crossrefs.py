"""Cross-references inside a law ("section 3", "as defined in article 225-4-1", "subsection (2)")."""

from __future__ import annotations

import re
from bisect import bisect_left

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
RELATIVE_WORDS = ("subsection", "paragraph", "apartado", "párrafo", "alinéa", "alinea")


def _key(num: str) -> str:
    """Comparable form of a number: "L. 425-1" -> "l425-1", "177 bis(1)" -> "177bis(1)"."""
    key = re.sub(r"[^a-z0-9.\-()]", "", num.lower())
    return re.sub(r"^([a-z])\.", r"\1", key)


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
            p.refs = [_ref(m, p.text, m.start(), p, by_num, by_eid) for m in REFERENCE.finditer(p.text)]
        return
    matches = list(REFERENCE.finditer(law_text))
    starts = [m.start() for m in matches]
    for p in provisions:
        lo, hi = bisect_left(starts, p.start), bisect_left(starts, p.end)
        p.refs = [_ref(m, law_text, m.start() - p.start, p, by_num, by_eid)
                  for m in matches[lo:hi] if m.end() <= p.end]


def _ref(m: re.Match[str], text: str, start: int, p: Provision, by_num: dict[str, str],
         by_eid: dict[str, Provision]) -> CrossRef:
    word = m.group("word").lower()
    num = m.group("num").strip()
    ext = EXTERNAL.match(text[m.end(): m.end() + 80])
    end = start + len(m.group(0))
    if ext:
        return CrossRef(text=m.group(0), start=start, end=end, target_law=ext.group("law").strip())
    return CrossRef(text=m.group(0), start=start, end=end, target_eid=_resolve(word, num, p, by_num, by_eid))


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
