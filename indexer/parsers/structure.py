"""Generic structure recognition over paragraphs of text (markdown, plain text, PDF, HTML).

``build_tree`` writes the paragraphs into the normalised document text and recognises
containers (book/part/title/chapter), articles/sections, their enumerated subdivisions
("1.", "(a)", "i)") and text inserted by amending provisions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .amending import AMEND_INTRO, TARGET_PROVISION, amend_target
from .numbering import (
    BARE_SECTION_HEAD,
    ENUM_KIND,
    Heading,
    is_first_value,
    match_annex,
    match_article,
    match_container,
    match_enumerator,
)
from .textnorm import SENTENCE_END
from .tree import Node, TextBuilder

ALPHA_OF_ROMAN = {"paren_roman": "paren_alpha", "roman_paren": "alpha_paren"}
POINT_TYPES = {"paren_alpha", "alpha_paren", "alpha_dot", "paren_roman", "roman_paren", "paren_upper",
               "arabic_letter"}
LEADING_INT = re.compile(r"\d+")  # "279.01" -> 279
DASH_SPLIT = re.compile(r"^(?P<head>[^—–]{3,160}?)\.?\s*[—–]+\s*(?P<body>\S.*)$")  # "Short title.—(1) This"


@dataclass
class Block:
    """One paragraph of the document; ``level`` is the markdown heading level when it is a heading."""

    text: str
    level: int | None = None


def _leading_int(num: str) -> int | None:
    m = LEADING_INT.search(num)
    return int(m.group()) if m else None


class _Builder:
    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = [b for b in blocks if b.text.strip()]
        self.tb = TextBuilder()
        self.roots: list[Node] = []
        self.containers: list[tuple[int, Node]] = []
        self.art: Node | None = None
        self.outer: Node | None = None  # amending article while ``art`` is inserted text
        self.stack: list[tuple[str, Node]] = []
        self.pending_heading = False
        self.last_bare = 0
        self.heading_mode, self.section_container, self.bare_mode = self._survey()

    def _survey(self) -> tuple[bool, bool, bool]:
        head_articles = plain_articles = articles = sections = bare = 0
        for b in self.blocks:
            if not b.level and BARE_SECTION_HEAD.match(b.text):
                bare += 1
            h = match_article(b.text)
            if not h:
                continue
            if b.level:
                head_articles += 1
            else:
                plain_articles += 1
            articles += h.kind == "article"
            sections += h.kind == "section" and h.label.lower().startswith("section")
        heading_mode = head_articles >= 3 and head_articles >= plain_articles
        section_container = articles >= 3 and articles >= 2 * sections
        keyword = head_articles + plain_articles
        return heading_mode, section_container, keyword < 2 or (keyword < 10 and bare > 5 * keyword)

    # --- containers and articles -------------------------------------------------
    def _parent_list(self) -> list[Node]:
        return self.containers[-1][1].children if self.containers else self.roots

    def _close_article(self) -> None:
        self.art, self.outer, self.stack, self.pending_heading = None, None, [], False

    def _open_container(self, h: Heading, level: int) -> None:
        self._close_article()
        while self.containers and self.containers[-1][0] >= level:
            self.containers.pop()
        node = Node(kind=h.kind, num=h.num, heading=h.rest, label=h.label)
        self._parent_list().append(node)
        self.containers.append((level, node))

    def _open_article(self, h: Heading, start: int, end: int, is_heading: bool, inserted: str | None,
                      next_text: str = "") -> None:
        node = Node(kind=h.kind, num=h.num, label=h.label)
        if inserted is not None and (self.outer or self.art):
            host = self.outer or self.art
            node.amends, node.cite_num = inserted, h.num
            host.children.append(node)
            self.outer = host
        else:
            self._close_article()
            self._parent_list().append(node)
        self.art, self.stack = node, []
        rest, rest_start = h.rest, start + h.rest_offset
        rest_start += len(h.rest) - len(h.rest.lstrip()) if rest else 0
        if not rest:
            self.pending_heading = True
            return
        words = len(rest.split())
        broken = is_heading and words >= 6 and not SENTENCE_END.search(rest) and next_text[:1].islower()
        if broken:
            is_heading = False  # a paragraph broken into a heading line: "Artículo 2º: Se entiende por..."
        short = words <= 10 and not rest.endswith((":", ";", ",")) and ". " not in rest
        heading_like = not broken and (is_heading or short)
        split = DASH_SPLIT.match(rest)
        if split and not is_heading and not match_enumerator(rest) and len(split.group("head").split()) <= 15:
            node.heading = split.group("head").strip()
            self._body(split.group("body"), rest_start + split.start("body"), end)
            return
        if heading_like and not match_enumerator(rest):
            split = DASH_SPLIT.match(rest)
            if split and not is_heading:
                node.heading = split.group("head").strip()
                self._body(split.group("body"), rest_start + split.start("body"), end)
                return
            node.heading = rest.rstrip(".").strip() if not is_heading else rest.strip()
            return
        self._body(rest, rest_start, end)

    # --- body text ------------------------------------------------------------------
    def _extend(self, start: int, end: int) -> None:
        for _, node in self.stack:
            node.extend(start, end)
        if self.art is not None:
            self.art.extend(start, end)
        if self.outer is not None:
            self.outer.extend(start, end)

    def _body(self, text: str, start: int, end: int) -> None:
        self.pending_heading = False
        enum = match_enumerator(text)
        if enum and self._enumerate(enum, start, end):
            return
        if self.stack and (len(self.stack) > 1 or self.stack[0][0] in POINT_TYPES):
            self.stack = self.stack[:1] if self.stack[0][0] not in POINT_TYPES else []
        self._extend(start, end)

    def _enumerate(self, enum: tuple[str, str, int], start: int, end: int) -> bool:
        typ, val, label_end = enum
        types = [t for t, _ in self.stack]
        if typ in ALPHA_OF_ROMAN and len(val) == 1:
            alpha = ALPHA_OF_ROMAN[typ]
            last_alpha = next((n.num for t, n in reversed(self.stack) if t == alpha), None)
            follows = bool(last_alpha) and len(last_alpha) == 1 and ord(val) == ord(last_alpha) + 1
            if follows or (typ not in types and val != "i"):
                typ = alpha
        if typ in types:
            while self.stack and self.stack[-1][0] != typ:
                self.stack.pop()
            self.stack.pop()
        elif not is_first_value(val) and not (not self.stack and typ in ("paren_num", "num_dot")):
            return False
        node = Node(kind=ENUM_KIND[typ], num=val)
        parent = self.stack[-1][1] if self.stack else self.art
        if parent is None:
            return False
        parent.children.append(node)
        self.stack.append((typ, node))
        self._extend(start, end)
        node.start = start + label_end
        node.end = end
        return True

    # --- main loop ------------------------------------------------------------------
    def _article_heading(self, block: Block) -> Heading | None:
        if self.heading_mode and not block.level:
            return None
        h = match_article(block.text)
        if h and self.section_container and h.kind == "section" and h.label.lower().startswith("section"):
            return None
        if h is None and self.bare_mode and not block.level:
            m = BARE_SECTION_HEAD.match(block.text)
            if m and (m.group("rest")[0].isupper() or re.match(r"\(\d", m.group("rest"))):
                n = _leading_int(m.group("num"))
                if n is not None and (self.last_bare < n <= self.last_bare + 10 or n == 1 or (
                        n == self.last_bare and m.group("num")[-1].isalpha())):
                    self.last_bare = n
                    return Heading("section", m.group("num"), m.group("num"), m.group("rest"),
                                   m.start("rest"))
        return h

    def _insertion_target(self, h: Heading, line_start: int) -> str | None:
        host = self.outer or self.art
        if host is None or host.start < 0:
            return None
        last_line = self.tb.previous_line().rstrip() if line_start > host.start else ""
        if last_line.endswith(":") and AMEND_INTRO.search(last_line) and TARGET_PROVISION.search(last_line):
            return amend_target(last_line, h)
        if self.outer is not None:
            a, b = _leading_int(self.outer.num), _leading_int(h.num)
            if a is not None and b is not None and b not in (a, a + 1):
                return self.art.amends if self.art is not None else None
        return None

    def run(self) -> tuple[str, list[Node]]:
        for i, block in enumerate(self.blocks):
            text = block.text.strip()
            next_text = self.blocks[i + 1].text.strip() if i + 1 < len(self.blocks) else ""
            start, end = self.tb.line(text)
            if self.pending_heading and block.level and self.art is not None and not (
                    match_article(text) or match_container(text)):
                self.art.heading = text
                self.pending_heading = False
                continue
            cont = None if match_article(text) and not (self.section_container and text[:1] in "Ss") \
                else match_container(text)
            if cont and (block.level or len(text) < 120) and not (self.art and not block.level
                                                                  and self.heading_mode):
                self._open_container(cont, block.level or 10 + cont.rank)
                continue
            h = self._article_heading(Block(text, block.level))
            if h:
                inserted = self._insertion_target(h, start)
                self._open_article(h, start, end, bool(block.level), inserted, next_text)
                continue
            annex = match_annex(text) if (block.level or len(text) < 80) else None
            if annex and (block.level or not self.art):
                self._close_article()
                self._open_article(annex, start, end, True, None)
                continue
            if block.level and not (self.art is not None and match_enumerator(text)):
                self._close_article()
                if block.level >= 2:
                    node = Node(kind="hcontainer", heading=text)
                    self._parent_list().append(node)
                    self.art = node
                continue
            if self.art is not None:
                self._body(text, start, end)
        return self.tb.text(), self.roots


def build_tree(blocks: list[Block]) -> tuple[str, list[Node]]:
    """Write ``blocks`` as the document text and recognise its provision tree."""
    return _Builder(blocks).run()
