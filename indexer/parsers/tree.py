"""Intermediate provision tree shared by every parser, and its flattening into Provisions.

A parser writes the normalised document text through a :class:`TextBuilder` (or
computes offsets itself) and builds :class:`Node` objects whose ``start``/``end``
point into that text. :func:`flatten` turns the tree into the flat, document-ordered
list of :class:`indexer.models.Provision` with AKN-style eIds, citation numbers and
ancestor paths.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from indexer.models import Provision

# kind -> Akoma Ntoso eId prefix
EID_PREFIX = {
    "book": "book", "part": "part", "title": "title", "chapter": "chp", "section_group": "sec",
    "subtitle": "subtitle", "division": "dvs", "subdivision": "subdvs", "hcontainer": "hcontainer",
    "article": "art", "section": "sec", "subsection": "subsec", "paragraph": "para",
    "subparagraph": "subpara", "clause": "clause", "subclause": "subclause", "point": "point",
    "item": "item", "indent": "indent", "schedule": "sched", "annex": "annex", "rule": "rule",
    "recital": "rec", "regulation": "reg", "provision": "prov", "definition": "def",
}
# kinds that are containers (labels in paths and eId prefixes, never Provision rows)
CONTAINER_KINDS = {"book", "part", "title", "chapter", "section_group", "subtitle", "division",
                   "subdivision"}
# kinds whose children cite as "<num>(<child>)"
_SAFE_EID_CHARS = re.compile(r"[^a-z0-9.\-]+")  # "177 Bis" -> "177bis"


@dataclass
class Node:
    """One unit of a statute: a container, an article/section or one of its subdivisions."""

    kind: str
    num: str = ""
    heading: str = ""
    label: str = ""
    start: int = -1
    end: int = -1
    children: list[Node] = field(default_factory=list)
    amends: str | None = None
    cite_num: str | None = None  # full citation number when it must not be composed from the parent

    def extend(self, start: int, end: int) -> None:
        """Grow the node's text span to cover ``[start, end)``."""
        if self.start < 0 or start < self.start:
            self.start = start
        self.end = max(self.end, end)


class TextBuilder:
    """Accumulates the normalised document text and hands out offsets of what is written."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.pos = 0

    def line(self, text: str) -> tuple[int, int]:
        """Append ``text`` as one line; return its ``(start, end)`` span (newline excluded)."""
        text = text.replace("\n", " ").strip()
        start = self.pos
        self._parts.append(text + "\n")
        self.pos += len(text) + 1
        return start, start + len(text)

    def labelled(self, label: str, text: str) -> tuple[int, int]:
        """Append ``label text`` as one line; return the span of ``text`` only."""
        label = label.strip()
        if not label:
            return self.line(text)
        text = text.replace("\n", " ").strip()
        start, end = self.line(f"{label} {text}" if text else label)
        return (start + len(label) + 1, end) if text else (end, end)

    def previous_line(self) -> str:
        """The line written before the last one ("" when there is none)."""
        return self._parts[-2].rstrip("\n") if len(self._parts) >= 2 else ""

    def text(self) -> str:
        """The whole text written so far."""
        return "".join(self._parts)


# Greek letters used as number suffixes, by their alphabet position: "17Α" -> "17a", "5Β" -> "5b"
GREEK_TO_LATIN = str.maketrans("αβγδεζηθικλμνξοπρστυφχψω", "abcdefghijklmnopqrstuvwx")


def eid_token(num: str) -> str:
    """Lower-case eId number token: ``"177 bis"`` -> ``"177bis"``, ``"(a)"`` -> ``"a"``."""
    num = unicodedata.normalize("NFKD", num.lower().translate(GREEK_TO_LATIN))
    num = "".join(ch for ch in num if not unicodedata.combining(ch))
    token = _SAFE_EID_CHARS.sub("", num.replace("(", "").replace(")", ""))
    return token.strip(".-") or "x"


def _compose_num(parent: str, child: str) -> str:
    child = child.strip()
    if not parent:
        return f"({child.strip('()')})" if child else child
    if not child:
        return parent
    inner = child.strip("()")
    return f"{parent}({inner})"


def _span_text(text: str, node: Node) -> tuple[int, int, str]:
    start, end = max(node.start, 0), max(node.end, node.start, 0)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end, text[start:end]


def flatten(roots: list[Node], text: str) -> list[Provision]:
    """Flatten a node forest into document-ordered Provisions (containers only shape ids/paths)."""
    # first pass: numbers of top-level units, to decide whether container prefixes are needed
    counts: dict[tuple[str, str], int] = {}

    def count(nodes: list[Node]) -> None:
        for node in nodes:
            if node.kind in CONTAINER_KINDS:
                count(node.children)
            elif node.end > node.start or node.children:
                key = (node.kind, eid_token(node.num))
                counts[key] = counts.get(key, 0) + 1

    count(roots)  # kept for callers that want to know about repeated numbers
    out: list[Provision] = []
    seen: set[str] = set()

    def unique(eid: str) -> str:
        if eid not in seen:
            seen.add(eid)
            return eid
        i = 2
        while f"{eid}_{i}" in seen:
            i += 1
        seen.add(f"{eid}_{i}")
        return f"{eid}_{i}"

    def walk(nodes: list[Node], prefix: str, path: list[str], parent: Provision | None) -> None:
        for node in nodes:
            label = node.label or " ".join(x for x in (node.kind.capitalize(), node.num) if x)
            part = f"{EID_PREFIX.get(node.kind, node.kind)}_{eid_token(node.num)}" if node.num else \
                EID_PREFIX.get(node.kind, node.kind)
            if node.kind in CONTAINER_KINDS:
                title = node.heading.strip()
                entry = f"{label}: {title}" if title and title not in label else label
                walk(node.children, f"{prefix}{part}__", [*path, entry], parent)
                continue
            if parent is None:
                eid = f"{prefix}{part}" if part in seen or not node.num else part
                num = node.cite_num if node.cite_num is not None else node.num
            else:
                eid = f"{parent.eid}__{part}"
                num = node.cite_num if node.cite_num is not None else _compose_num(parent.num, node.num)
            start, end, body = _span_text(text, node)
            if not body and not node.children:
                continue
            eid = unique(eid)
            prov = Provision(
                eid=eid, num=num, heading=node.heading.strip(), kind=node.kind, path=list(path),
                text=body, start=start, end=end, parent_eid=parent.eid if parent else None,
                order=len(out), amends=node.amends,
            )
            out.append(prov)
            walk(node.children, prefix, [*path, label], prov)

    walk(roots, "", [], None)
    return out
