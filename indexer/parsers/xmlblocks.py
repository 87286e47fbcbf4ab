"""Conversion of loosely structured statute XML (AKN, Irish eISB) into heading/paragraph blocks.

Containers and units keep their number and heading as heading blocks; paragraph elements are
split into lines (whole articles in one <p> still get their numbered paragraphs); page furniture
copied into the text by PDF converters is removed. The generic structure recognition then builds
the provision tree from the blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from .numbering import match_article, match_container
from .structure import Block
from .text import PAGE_END
from .textnorm import PAGE_NUMBER, RULE_LINE, furniture_key, furniture_keys, norm_space, reflow
from .xmlwalk import local


@dataclass
class BlockSpec:
    """Element names (lower-case local names) of one XML vocabulary."""

    containers: dict[str, str]
    units: dict[str, str]
    subunits: set[str]
    blocks: set[str]
    skip: set[str]
    num_tags: set[str] = field(default_factory=lambda: {"num"})
    heading_tags: set[str] = field(default_factory=lambda: {"heading"})
    chars: dict[str, str] = field(default_factory=dict)  # empty elements standing for characters
    breaks: set[str] = field(default_factory=lambda: {"br", "eol"})


class BlockConverter:
    """Walks an XML body and collects :class:`Block` objects for :func:`build_tree`."""

    def __init__(self, spec: BlockSpec) -> None:
        self.spec = spec
        self.blocks: list[Block] = []
        self.lines: list[str] = []

    def text(self, el: etree._Element) -> str:
        """Text of ``el`` keeping line breaks, with character elements expanded."""
        parts: list[str] = []

        def walk(node: etree._Element) -> None:
            if node.text:
                parts.append(node.text)
            for child in node:
                name = local(child)
                if name in self.spec.chars:
                    parts.append(self.spec.chars[name])
                elif name and name not in self.spec.skip:
                    walk(child)
                    if name in self.spec.breaks:
                        parts.append("\n")
                if child.tail:
                    parts.append(child.tail)

        walk(el)
        return "".join(parts)

    def _first(self, el: etree._Element, names: set[str]) -> str:
        for child in el:
            if local(child) in names:
                return norm_space(self.text(child))
        return ""

    def para(self, el: etree._Element, prefix: str = "") -> None:
        """One paragraph element, split into its lines."""
        lines = [ln for ln in self.text(el).split("\n") if ln.strip()]
        if prefix:
            lines = [f"{prefix} {lines[0].strip()}", *lines[1:]] if lines else [prefix]
        self.lines.extend(lines)
        self.blocks.extend(Block(norm_space(ln)) for ln in lines)

    def unit(self, el: etree._Element, depth: int) -> None:
        """A container, a unit or a subunit with its number, heading and content."""
        name = local(el)
        num = self._first(el, self.spec.num_tags)
        heading = self._first(el, self.spec.heading_tags)
        if name in self.spec.containers or name in self.spec.units:
            word = self.spec.containers.get(name) or self.spec.units[name]
            if not num and heading:
                label, heading = heading, ""
            elif match_container(num) or match_article(num):
                label = num
            else:
                label = f"{word} {num}".strip()
            level = min(depth + 1, 3) if name in self.spec.containers else 4
            self.blocks.append(Block(label, level))
            if heading:
                self.blocks.append(Block(heading, 5 if name in self.spec.units else level))
            start = len(self.blocks)
            self.children(el, depth + 1)
            if name in self.spec.units and num:
                self._strip_own_number(start, num)
            return
        if not self._content(el, depth, num) and num:
            self.blocks.append(Block(num))

    def _content(self, el: etree._Element, depth: int, prefix: str) -> bool:
        """Write the children of a subunit, the label ``prefix`` before its first paragraph."""
        first = True
        for child in el:
            cname = local(child)
            if cname in self.spec.skip or cname in self.spec.num_tags or cname in self.spec.heading_tags:
                continue
            if cname in self.spec.blocks:
                self.para(child, prefix if first else "")
                first = False
            elif cname in self.spec.subunits and not self._first(child, self.spec.num_tags):
                # an unnumbered wrapper (<content>, <intro>): its first paragraph carries the label
                if self._content(child, depth, prefix if first else ""):
                    first = False
            elif cname in self.spec.containers or cname in self.spec.units or cname in self.spec.subunits:
                if first and prefix:
                    self.blocks.append(Block(prefix))
                first = False
                self.unit(child, depth + 1)
        return not first

    def _strip_own_number(self, start: int, num: str) -> None:
        """Drop the unit's number repeated at the start of its text ("1. (1) This Act" -> "(1) This Act")."""
        if len(self.blocks) <= start or self.blocks[start].level is not None:
            return
        text = self.blocks[start].text
        first, own = match_article(text), match_article(num) or match_article(f"Article {num}")
        if first and own and first.num == own.num:
            self.blocks[start] = Block(first.rest)
            return
        bare = num.strip().rstrip(".")
        m = re.match(rf"^{re.escape(bare)}\.?\s+(?=\S)", text)
        if bare and m:
            self.blocks[start] = Block(text[m.end():])

    def children(self, el: etree._Element, depth: int) -> None:
        """Walk the children of ``el``."""
        for child in el:
            cname = local(child)
            if not cname or cname in self.spec.skip or cname in self.spec.num_tags \
                    or cname in self.spec.heading_tags:
                continue
            if cname in self.spec.blocks:
                self.para(child)
            elif cname in self.spec.containers or cname in self.spec.units or cname in self.spec.subunits:
                self.unit(child, depth)
            else:
                self.children(child, depth)

    def result(self) -> list[Block]:
        """The blocks without page furniture, hard-wrapped lines joined."""
        pages: list[list[str]] = [[]]
        for line in self.lines:
            pages[-1].append(line)
            if PAGE_END.match(line):
                pages.append([])
        junk = furniture_keys(pages) if len(pages) >= 3 else set()
        blocks = [b for b in self.blocks if b.text and not (
            b.level is None and (furniture_key(b.text) in junk or PAGE_END.match(b.text)
                                 or PAGE_NUMBER.match(b.text) or RULE_LINE.match(b.text)))]
        merged: list[Block] = []
        for b in blocks:
            if b.level is None and merged and merged[-1].level is None:
                joined = reflow([merged[-1].text, b.text], hard_wrapped=True)
                if len(joined) == 1:
                    merged[-1] = Block(joined[0])
                    continue
            merged.append(b)
        return merged
