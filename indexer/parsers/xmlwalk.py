"""Safe XML parsing and a spec-driven walker that turns statute XML into the provision tree.

Each XML format describes which elements are units (article/section/subsection...), which hold
their number, heading and text, and which are skipped (notes, history); the walker writes the text
through a TextBuilder and builds :class:`Node` objects with exact offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from .errors import ParseError
from .numbering import clean_num
from .textnorm import decode_bytes, norm_space
from .tree import CONTAINER_KINDS, Node, TextBuilder

XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")  # '<?xml version="1.0" encoding="UTF-16"?>'
LABEL_PARENS = re.compile(r"^\((.+)\)$")  # "(1)" -> "1", "(xlvii.1)" -> "xlvii.1"


def safe_parse(data: bytes) -> tuple[etree._Element, list[str]]:
    """Parse XML without network access, DTD loading or entity expansion; ParseError when malformed."""
    warnings: list[str] = []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, LookupError) as exc:
        # a wrong declared encoding: retry with the bytes decoded (UTF-8, else cp1252)
        text, warnings = decode_bytes(data)
        body = XML_DECL.sub("", text.lstrip("\ufeff"), count=1)
        try:
            root = etree.fromstring(body.encode("utf-8"), parser)
        except etree.XMLSyntaxError:
            raise ParseError(f"malformed XML: {exc}") from exc
        warnings.append(f"XML encoding declaration ignored (wrong for these bytes): {exc}")
    if root is None:
        raise ParseError("malformed XML: no root element")
    return root, warnings


def local(el: etree._Element) -> str:
    """Lower-case local name of an element ("{ns}Section" -> "section"); "" for comments/PIs."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def text_of(el: etree._Element, skip: frozenset[str] | set[str] = frozenset(),
            stop: frozenset[str] | set[str] = frozenset()) -> str:
    """Normalised text content of ``el`` without ``skip`` subtrees, not descending into ``stop``."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            name = local(child)
            if name and name not in skip and name not in stop:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return norm_space("".join(parts))


def first_child(el: etree._Element, names: set[str] | frozenset[str]) -> etree._Element | None:
    """First direct child whose local name is in ``names``."""
    for child in el:
        if local(child) in names:
            return child
    return None


def clean_label(label: str) -> str:
    """Number from a printed label: "(1)" -> "1", "279.01" -> "279.01", "1." -> "1", "Section 5" -> "5"."""
    label = norm_space(label).strip().strip("[]").strip()
    label = re.sub(r"^(?:section|article|art\.|sec\.|§|schedule|part|chapter|title)\s+", "", label,
                   flags=re.IGNORECASE)
    m = LABEL_PARENS.match(label)
    if m:
        label = m.group(1)
    return clean_num(label.rstrip(".").strip())


@dataclass
class XmlSpec:
    """How one XML vocabulary encodes statutes (all names are lower-case local names)."""

    units: dict[str, str]
    num_tags: set[str]
    heading_tags: set[str]
    block_tags: set[str]
    skip: set[str] = field(default_factory=set)
    # a hook deciding the kind of a unit from the element (e.g. USLM <level>), may return None
    kind_of: Callable[[etree._Element], str | None] | None = None
    # hook called for each unit node after it is built (e.g. to mark inserted text)
    on_unit: Callable[[etree._Element, Node], None] | None = None
    # printed form of a unit's label from its kind, raw number text and element: "1" -> "(1)"
    label_format: Callable[[str, str, etree._Element], str] | None = None


class XmlWalker:
    """Walks an XML statute with an :class:`XmlSpec`, building text and nodes."""

    def __init__(self, spec: XmlSpec) -> None:
        self.spec = spec
        self.tb = TextBuilder()
        self.roots: list[Node] = []

    def kind(self, el: etree._Element) -> str | None:
        """The unit kind of ``el`` (spec hook first, then the element name), None for non-units."""
        if self.spec.kind_of is not None:
            k = self.spec.kind_of(el)
            if k is not None:
                return k or None
        return self.spec.units.get(local(el))

    def walk(self, el: etree._Element, parent: Node | None = None, chain: list[Node] | None = None) -> None:
        """Walk ``el`` and its subtree, attaching units under ``parent`` (roots when None)."""
        chain = chain or []
        for child in el:
            name = local(child)
            if not name or name in self.spec.skip:
                continue
            kind = self.kind(child)
            if kind:
                self.unit(child, kind, parent, chain)
            elif name in self.spec.block_tags:
                self.block(child, chain)
            elif name in self.spec.num_tags or name in self.spec.heading_tags:
                continue
            else:
                self.walk(child, parent, chain)

    def unit(self, el: etree._Element, kind: str, parent: Node | None, chain: list[Node]) -> None:
        """Build one unit node, its heading line and its body."""
        num_el = first_child(el, self.spec.num_tags)
        head_el = first_child(el, self.spec.heading_tags)
        label = text_of(num_el, self.spec.skip) if num_el is not None else ""
        if label and self.spec.label_format is not None and num_el is not None:
            label = self.spec.label_format(kind, label, num_el)
        node = Node(kind=kind, num=clean_label(label) if label else "",
                    heading=text_of(head_el, self.spec.skip) if head_el is not None else "",
                    label=label)
        if not node.label:
            node.label = node.heading[:80] if node.heading and kind in CONTAINER_KINDS else kind.capitalize()
        (parent.children if parent is not None else self.roots).append(node)
        if self.spec.on_unit is not None:
            self.spec.on_unit(el, node)
        is_container = kind in CONTAINER_KINDS
        if is_container or kind in ("article", "section", "schedule", "annex", "rule", "regulation") \
                or node.heading:
            title = " ".join(x for x in (label, node.heading) if x)
            if title:
                self.tb.line(title)
            node.label = label or node.label
            self.pending_label = ""
        else:
            self.pending_label = label
        body_chain = chain if is_container else [*chain, node]
        self.walk(el, node, body_chain)
        self.pending_label = ""

    pending_label = ""

    def block(self, el: etree._Element, chain: list[Node]) -> None:
        """Write one block of text (a <Text>/<p>) for the open units in ``chain``."""
        stop = set(self.spec.units) | self.spec.block_tags
        text = text_of(el, self.spec.skip, stop)
        if text:
            label, self.pending_label = self.pending_label, ""
            start, end = self.tb.labelled(label, text) if label else self.tb.line(text)
            line_start = start - len(label) - 1 if label else start
            for i, node in enumerate(chain):
                node.extend(start if i == len(chain) - 1 else line_start, end)
        self._nested(el, chain)

    def _nested(self, el: etree._Element, chain: list[Node]) -> None:
        """Units or blocks nested inside a block (lists inside <p>, sections in quoted content)."""
        for child in el:
            name = local(child)
            if not name or name in self.spec.skip:
                continue
            kind = self.kind(child)
            if kind:
                self.unit(child, kind, chain[-1] if chain else None, chain[:-1] if chain else [])
            elif name in self.spec.block_tags:
                self.block(child, chain)
            else:
                self._nested(child, chain)
