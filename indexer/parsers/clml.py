"""legislation.gov.uk CLML XML (Crown Legislation Markup Language), revised or as enacted."""

from __future__ import annotations

from lxml import etree

from indexer.models import DocumentMeta, Law

from .finish import law_from_tree
from .meta import parse_date
from .registry import register
from .tree import Node
from .xmlwalk import XmlSpec, XmlWalker, first_child, local, safe_parse, text_of

UNITS = {"p1": "section", "p2": "subsection", "p3": "paragraph", "p4": "subparagraph", "p5": "clause",
         "p6": "subclause", "part": "part", "chapter": "chapter", "pblock": "subdivision",
         "psubblock": "subdivision", "schedule": "schedule", "group": "division"}
SKIP = {"metadata", "commentaries", "commentaryref", "contents", "primaryprelims", "secondaryprelims",
        "footnotes", "footnoteref", "marginnotes", "resources", "includedocument", "signee"}
BLOCKS = {"text", "td", "th"}
SUB_KINDS = {"p1": "paragraph", "p2": "subparagraph", "p3": "clause", "p4": "subclause"}


def _in_schedule(el: etree._Element) -> bool:
    anc = el.getparent()
    while anc is not None:
        if local(anc) == "schedule":
            return True
        if local(anc) == "blockamendment":
            return False
        anc = anc.getparent()
    return False


def _kind_of(el: etree._Element) -> str | None:
    name = local(el)
    if name in SUB_KINDS and _in_schedule(el):
        return SUB_KINDS[name]
    return UNITS.get(name)


def _on_unit(el: etree._Element, node: Node) -> None:
    parent = el.getparent()
    if not node.heading and parent is not None and local(parent) == "p1group":
        title = first_child(parent, {"title"})
        node.heading = text_of(title, SKIP) if title is not None else ""
    if node.kind == "schedule" and not node.heading:
        block = first_child(el, {"titleblock"})
        title = first_child(block, {"title"}) if block is not None else None
        node.heading = text_of(title, SKIP) if title is not None else ""
    anc = el.getparent()
    while anc is not None and local(anc) not in ("blockamendment", "body", "schedules"):
        anc = anc.getparent()
    if anc is not None and local(anc) == "blockamendment" and node.kind == "section":
        node.cite_num, node.amends = node.num, f"s. {node.num}"


def _label(kind: str, raw: str, num_el: etree._Element) -> str:
    before, after = num_el.get("PuncBefore"), num_el.get("PuncAfter")
    if before is not None or after is not None:
        return f"{before or ''}{raw}{after or ''}"
    if kind in ("section", "part", "chapter", "schedule", "subdivision", "division") or raw.startswith("("):
        return raw
    return f"({raw})"


SPEC = XmlSpec(units=UNITS, num_tags={"pnumber", "number"}, heading_tags={"title", "titleblock"},
               block_tags=BLOCKS, skip=SKIP, kind_of=_kind_of, on_unit=_on_unit, label_format=_label)


@register("clml")
def parse_clml(data: bytes, meta: DocumentMeta) -> Law:
    """Parse a legislation.gov.uk CLML document (body and schedules)."""
    root, warnings = safe_parse(data)
    walker = XmlWalker(SPEC)
    primary = next((c for c in root if local(c) in ("primary", "secondary", "euretained")), root)
    for part in primary:
        if local(part) in ("body", "schedules", "ebody"):
            walker.walk(part)
    fields: dict[str, object] = {"title": ""}
    for el in root.iter():
        name = local(el)
        if name == "title" and el.getparent() is not None and local(el.getparent()) == "metadata":
            fields["title"] = text_of(el)
        elif name == "year" and el.get("Value", "").isdigit():
            fields["year"] = int(el.get("Value"))
        elif name == "number" and el.get("Value"):
            fields["number"] = el.get("Value")
        elif name == "enactmentdate" and el.get("Date"):
            fields.setdefault("version_date", parse_date(el.get("Date")))
    start = parse_date(root.get("RestrictStartDate") or "")
    if start:
        fields["version_date"] = start
    prelims = root.find(".//{*}PrimaryPrelims")
    if prelims is not None and not fields["title"]:
        title_el = first_child(prelims, {"title"})
        fields["title"] = text_of(title_el, SKIP) if title_el is not None else ""
    title = str(fields.pop("title"))
    repealed = "(repealed)" in (text_of(prelims) if prelims is not None else "").lower()
    law = law_from_tree(walker.tb.text(), walker.roots, meta, format="clml",
                        in_force=False if repealed else None, **fields)
    law.title = meta.title or title
    law.warnings.extend(warnings)
    return law
