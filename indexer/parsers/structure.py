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
    match_disposition,
    match_enumerator,
)
from .textnorm import SENTENCE_END
from .tree import Node, TextBuilder

# Roman-numeral list types and the letter types they can be confused with: "(i)" after "(h)" is a letter
ALPHA_OF_ROMAN = {"paren_roman": "paren_alpha", "roman_paren": "alpha_paren",
                  "paren_roman_upper": "paren_upper"}
POINT_TYPES = {"paren_alpha", "alpha_paren", "alpha_dot", "paren_roman", "roman_paren", "paren_upper",
               "paren_roman_upper", "paren_double", "arabic_letter"}
# A table of contents starts: "CONTENTS", "Índice", "Inhaltsverzeichnis", "ARRANGEMENT OF SECTIONS"
TOC_HEAD = re.compile(r"^\s*(?:table of contents|contents|arrangement of sections|índice|indice|sommaire|"
                      r"table des matières|inhaltsverzeichnis|inhalt|inhoudsopgave|sisukord)\s*:?\s*$",
                      re.IGNORECASE)
# The words that open the recitals of EU-style acts: "Whereas:", "Considerando:", "considérant ce qui suit:"
RECITALS_INTRO = re.compile(
    r"^\s*(?:whereas|considerando(?: quanto segue| lo siguiente)?|considérant ce qui suit|"
    r"in erwägung nachstehender gründe|overwegende hetgeen volgt|considerando o seguinte)\s*:\s*$",
    re.IGNORECASE)
# An article title run into its first numbered paragraph: "Detenció il·legal 1. El qui, sense..."
GLUED_TITLE = re.compile(
    r"^(?P<head>[A-ZÀ-ÝÇ][^\d.;:()¿?!,]{2,60}?)\s+(?P<body>(?:1\.|\(1\)|1\))\s+[A-ZÀ-Ý].*)$")
# A unit title glued before its text with a dash: "6. Detaining a person ... carried on.--(1) Any person"
DASH_HEAD = re.compile(r"^(?:\d+[A-Z]{0,2}\.\s+)?(?P<head>[^—–]{3,200}?)\.\s*(?:--|—|–)\s*(?P<body>\S.*)$")
QUOTE_OPEN = re.compile(r"^\s*[“\"«‘']\s?")  # quoted inserted text: '"4A. Forced labour'
LEADING_INT = re.compile(r"\d+")  # "279.01" -> 279
DASH_SPLIT = re.compile(r"^(?P<head>[^—–]{3,160}?)\.\s*[—–]+\s*(?P<body>\S.*)$")  # "Short title.—(1) This"


@dataclass
class Block:
    """One paragraph of the document; ``level`` is the markdown heading level when it is a heading."""

    text: str
    level: int | None = None
    hint: bool = False  # emphasised line (e.g. all bold): a heading when it follows a bare article number


def _same_start(a: str, b: str) -> bool:
    """True when two titles start with the same words (ignoring case, numbers and footnote marks)."""
    def norm(s: str) -> str:
        return re.sub(r"[^a-zà-ÿ]+", "", s.lower())[:12]
    return len(norm(a)) >= 6 and norm(a) == norm(b)


def _leading_int(num: str) -> int | None:
    m = LEADING_INT.search(num)
    return int(m.group()) if m else None


class _Builder:
    """One pass over the blocks: containers, articles, enumerated subdivisions, insertions, recitals."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = [b for b in blocks if b.text.strip()]
        self.tb = TextBuilder()
        self.roots: list[Node] = []
        self.containers: list[tuple[int, int, Node]] = []  # (heading level, container rank, node)
        self.art: Node | None = None
        self.outer: Node | None = None  # amending article while ``art`` is inserted text
        self.stack: list[tuple[str, Node]] = []
        self.pending_heading = False
        self.heading_tail = False
        self.keep_depth = False
        self.recitals = False  # between "Whereas:" and the enacting words / first article
        self.recital: Node | None = None
        self.enum_text = ""
        self.last_bare = 0
        self.heading_mode, self.section_container, self.bare_mode = self._survey()
        self.toc = self._toc_range()
        # no numbered units at all (numbers lost in conversion): each heading opens an unnumbered unit
        self.headings_only = self.bare_mode and not any(
            BARE_SECTION_HEAD.match(b.text) for b in self.blocks if not b.level)

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
        # bare numbered sections ("3. Trafficking.—(1) ...") only when keyword headings are (nearly) absent
        return heading_mode, section_container, keyword == 0 or (keyword <= 2 and bare > 20 * keyword)

    def _toc_range(self) -> range:
        """Blocks of a table of contents: from its title to the repeat of its first entry's number."""
        for i, b in enumerate(self.blocks[:2000]):
            if not TOC_HEAD.match(b.text):
                continue
            first = None
            for j in range(i + 1, min(len(self.blocks), i + 3000)):
                text = self.blocks[j].text
                h = match_article(text)
                m = None if h else BARE_SECTION_HEAD.match(text)
                num = h.num if h else m.group("num") if m else None
                if num is None:
                    continue
                if first is None:
                    first = num
                elif num == first:
                    return range(i + 1, j)
            return range(0)
        return range(0)

    # --- containers and articles -------------------------------------------------
    def _parent_list(self) -> list[Node]:
        return self.containers[-1][2].children if self.containers else self.roots

    def _close_article(self) -> None:
        self.recitals, self.recital = False, None
        self.art, self.outer, self.stack, self.pending_heading = None, None, [], False
        self.keep_depth = False

    def _open_container(self, h: Heading, level: int) -> None:
        self._close_article()
        # A heading closes the open containers of deeper levels; at the same markdown level (codes
        # that write "#### Titre", "#### Chapitre", "#### Section" alike) only those of equal or
        # lower rank: a chapter stays open under its title, a new title closes both.
        while self.containers and (self.containers[-1][0] > level or (
                self.containers[-1][0] == level and self.containers[-1][1] >= h.rank)):
            self.containers.pop()
        node = Node(kind=h.kind, num=h.num, heading=h.rest, label=h.label)
        self._parent_list().append(node)
        self.containers.append((level, h.rank, node))

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
        nxt_words = len(next_text.split())
        broken = is_heading and words >= 6 and not SENTENCE_END.search(rest) and next_text[:1].islower() and (
            nxt_words > 12 or SENTENCE_END.search(next_text) is not None)
        if broken:
            is_heading = False  # a paragraph broken into a heading line: "Artículo 2º: Se entiende por..."
        short = words <= 10 and not rest.endswith((":", ";", ",", "—", "–", "-")) and ". " not in rest
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
            self.heading_tail = is_heading and not SENTENCE_END.search(rest)
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

    def _first_body_line(self, text: str, start: int) -> tuple[str, int]:
        """Undo two converter artefacts on an article's first line: its own number repeated
        ("Artículo 2º: Se entiende...") and its title glued to the text ("Detenció il·legal 1. El qui")."""
        art = self.art
        if art is None or art.start >= 0 or self.stack or art.kind == "hcontainer":
            return text, start
        h = match_article(text)
        if h is not None and h.num == art.num and h.rest:
            cut = h.rest_offset + len(text[h.rest_offset:]) - len(text[h.rest_offset:].lstrip())
            return text[cut:], start + cut
        dash = DASH_HEAD.match(text)
        if dash and (not art.heading or _same_start(dash.group("head"), art.heading)):
            # "6. Detaining a person in premises ....--(1) Any person who": the title repeated in the text
            art.heading = art.heading or dash.group("head").strip()
            return text[dash.start("body"):], start + dash.start("body")
        m = GLUED_TITLE.match(text) if not art.heading else None
        if m:
            art.heading = m.group("head")
            return text[m.start("body"):], start + m.start("body")
        return text, start

    def _body(self, text: str, start: int, end: int) -> None:
        self.pending_heading = False
        text, start = self._first_body_line(text, start)
        self.enum_text = text
        enum = match_enumerator(text)
        if enum and self._enumerate(enum, start, end):
            return
        if self.stack and not self.keep_depth and (len(self.stack) > 1 or self.stack[0][0] in POINT_TYPES):
            # unnumbered text after a list closes the points ("a) ... e)" then the closing words)
            self.stack = self.stack[:1] if self.stack[0][0] not in POINT_TYPES else []
        self._extend(start, end)

    def _enumerate(self, enum: tuple[str, str, int], start: int, end: int) -> bool:
        typ, val, label_end = enum
        types = [t for t, _ in self.stack]
        if typ in ALPHA_OF_ROMAN and len(val) == 1:
            alpha = ALPHA_OF_ROMAN[typ]
            last_alpha = next((n.num for t, n in reversed(self.stack) if t == alpha), None)
            follows = bool(last_alpha) and len(last_alpha) == 1 and ord(val) == ord(last_alpha) + 1
            if follows or (typ not in types and val.lower() != "i"):
                typ = alpha
        if typ in types:
            while self.stack and self.stack[-1][0] != typ:
                self.stack.pop()
            self.stack.pop()
        elif not is_first_value(val) and not (not self.stack and (
                typ in ("paren_num", "num_dot") or (self.art is not None and self.art.start < 0))):
            return False  # "(c)" cannot open a list, except as the first words of a unit (an extract)
        node = Node(kind=ENUM_KIND[typ], num=val, label=self.enum_text[:label_end].strip())
        parent = self.stack[-1][1] if self.stack else self.art
        if parent is None:
            return False
        parent.children.append(node)
        self.stack.append((typ, node))
        self._extend(start, end)
        node.start = start + label_end
        node.end = end
        # a titled item ("(A) Eligibility for benefits") keeps the unnumbered text that follows
        self.keep_depth = (end - node.start) < 100 and not SENTENCE_END.search(self.enum_text[label_end:])
        return True

    # --- main loop ------------------------------------------------------------------
    def _after_intro(self, line_start: int) -> bool:
        """True when the previous line introduces inserted text ("... the following article 5:")."""
        host = self.outer or self.art
        if host is None or host.start < 0 or line_start <= host.start:
            return False
        last = self.tb.previous_line().rstrip()
        return last.endswith((":", "—", "–")) and bool(AMEND_INTRO.search(last)) \
            and bool(TARGET_PROVISION.search(last))

    def _article_heading(self, block: Block, line_start: int) -> Heading | None:
        if not block.level and self._after_intro(line_start):
            h = match_article(block.text)
            quoted = QUOTE_OPEN.match(block.text)
            m = None if h else BARE_SECTION_HEAD.match(block.text[quoted.end():] if quoted else block.text)
            if m and m.group("rest")[:1].isupper():  # '"4A. Forced labour' inserted after an intro
                cut = quoted.end() if quoted else 0
                num = m.group("num")
                return Heading("section", num, num, m.group("rest"), cut + m.start("rest"))
            return h
        if self.heading_mode and not block.level:
            return None
        h = match_article(block.text) or match_disposition(block.text)
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
        if self._after_intro(line_start):
            return amend_target(self.tb.previous_line().rstrip(), h)
        if self.outer is not None:
            a, b = _leading_int(self.outer.num), _leading_int(h.num)
            if a is not None and b is not None and b not in (a, a + 1):
                return self.art.amends if self.art is not None else None
        return None

    def run(self) -> tuple[str, list[Node]]:
        """Write every block and build the tree; returns (document text, root nodes)."""
        for i, block in enumerate(self.blocks):
            text = block.text.strip()
            next_text = self.blocks[i + 1].text.strip() if i + 1 < len(self.blocks) else ""
            if i in self.toc:
                self.tb.line(text)
                continue
            start, end = self.tb.line(text)
            if self.heading_tail and not block.level and text[:1].islower() and len(text.split()) <= 12 \
                    and not SENTENCE_END.search(text) and self.art is not None and self.art.start < 0:
                self.art.heading = f"{self.art.heading} {text}"  # heading wrapped onto a second line
                self.heading_tail = False
                continue
            self.heading_tail = False
            if self.pending_heading and (block.level or block.hint) and self.art is not None and not (
                    match_article(text) or match_container(text)):
                self.art.heading = text
                self.pending_heading = False
                continue
            cont = None if match_article(text) and not (self.section_container and text[:1] in "Ss") \
                else match_container(text)
            plain_ok = len(text) < 120 and not (self.art and self.heading_mode and not (
                cont and cont.num and cont.rest[:1].isupper()))
            if cont and (block.level or plain_ok):
                self._open_container(cont, block.level or 10 + cont.rank)
                continue
            h = self._article_heading(Block(text, block.level), start)
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
                if block.level >= 2 or (self.headings_only and i > 0):
                    node = Node(kind="hcontainer", heading=text)
                    self._parent_list().append(node)
                    self.art = node
                continue
            if self.art is None and self._recital_line(text, start, end):
                continue
            if self.art is not None:
                self._body(text, start, end)
        return self.tb.text(), self.roots

    def _recital_line(self, text: str, start: int, end: int) -> bool:
        """Recitals: "(12) ..." paragraphs after "Whereas:", until the enacting words (all capitals)."""
        if RECITALS_INTRO.match(text):
            self.recitals = True
            return True
        if not self.recitals:
            return False
        enum = match_enumerator(text)
        if enum and enum[0] == "paren_num":
            self.recital = Node(kind="recital", num=enum[1], cite_num=f"recital {enum[1]}",
                                label=f"Recital {enum[1]}")
            self._parent_list().append(self.recital)
            self.recital.extend(start + enum[2], end)
            return True
        if text.isupper() or text.endswith(":") and text.upper() == text:
            self.recitals, self.recital = False, None
            return False
        if self.recital is not None:
            self.recital.extend(start, end)
            return True
        return False


def build_tree(blocks: list[Block]) -> tuple[str, list[Node]]:
    """Write ``blocks`` as the document text and recognise its provision tree."""
    return _Builder(blocks).run()
