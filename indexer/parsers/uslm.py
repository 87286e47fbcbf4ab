"""USLM XML: the US Code (USLM 1.0) and GPO public laws / statute compilations (USLM 2.0)."""

from __future__ import annotations

from lxml import etree

from indexer.models import DocumentMeta, Law

from .finish import law_from_tree
from .meta import parse_date, year_from
from .registry import register
from .tree import Node
from .xmlwalk import XmlSpec, XmlWalker, local, safe_parse, text_of

UNITS = {"title": "title", "subtitle": "subtitle", "chapter": "chapter", "subchapter": "subdivision",
         "part": "part", "subpart": "subdivision", "division": "division", "subdivision": "subdivision",
         "section": "section", "subsection": "subsection", "paragraph": "paragraph",
         "subparagraph": "subparagraph", "clause": "clause", "subclause": "subclause", "item": "item",
         "subitem": "item", "subsubitem": "item", "appendix": "schedule"}
SKIP = {"meta", "notes", "note", "sourcecredit", "toc", "layout", "footnote", "page", "sidenote",
        "editorialnote", "statutorynote", "endmarker", "coverpage", "coverTitle", "preface", "backmatter"}
BLOCKS = {"content", "chapeau", "continuation", "p", "proviso", "quotedtext", "td", "th"}
DOC_META = {"title": "title", "doctitle": "title", "docnumber": "number", "date": "date",
            "approveddate": "date", "processeddate": "date", "enacteddate": "date"}


def _on_unit(el: etree._Element, node: Node) -> None:
    num = el.find("{*}num")
    if num is not None and num.get("value"):
        node.num = num.get("value")
    anc = el.getparent()
    while anc is not None and local(anc) not in ("quotedcontent", "main"):
        anc = anc.getparent()
    if anc is not None and local(anc) == "quotedcontent" and node.kind == "section":
        node.cite_num, node.amends = node.num, f"s. {node.num}"


SPEC = XmlSpec(units=UNITS, num_tags={"num"}, heading_tags={"heading"}, block_tags=BLOCKS, skip=SKIP,
               on_unit=_on_unit)


@register("uslm")
def parse_uslm(data: bytes, meta: DocumentMeta) -> Law:
    """Parse a USLM document: sections with num/heading, nested subsections, quoted amendments."""
    root, warnings = safe_parse(data)
    walker = XmlWalker(SPEC)
    main = next((el for el in root.iter() if local(el) == "main"), root)
    walker.walk(main)
    fields: dict[str, str] = {}
    for el in root.iter():
        name = local(el)
        if name in DOC_META and DOC_META[name] not in fields:
            parent = el.getparent()
            if parent is not None and local(parent) in ("meta", "preface", "docmeta"):
                fields[DOC_META[name]] = text_of(el)
    title = fields.get("title", "")
    law = law_from_tree(walker.tb.text(), walker.roots, meta, format="uslm", number=fields.get("number", ""),
                        version_date=parse_date(fields.get("date", "")),
                        year=year_from(fields.get("date", ""), title))
    law.title = meta.title or title
    law.is_amending = any(p.amends for p in law.provisions)
    law.warnings.extend(warnings)
    return law
