"""Justice Canada XML (consolidated LIMS Statute/Regulation and as-enacted Bill exchange files)."""

from __future__ import annotations

from datetime import date

from lxml import etree

from indexer.models import DocumentMeta, Law

from .finish import law_from_tree
from .meta import parse_date
from .registry import register
from .tree import Node
from .xmlwalk import XmlSpec, XmlWalker, first_child, local, safe_parse, text_of

UNITS = {"section": "section", "subsection": "subsection", "paragraph": "paragraph",
         "subparagraph": "subparagraph", "clause": "clause", "subclause": "subclause",
         "subsubclause": "subclause", "schedule": "schedule"}
SKIP = {"historicalnote", "footnote", "footnoteref", "identification", "introduction",
        "tableofprovisions", "recentamendments", "reader", "repealed_note", "scheduleformheading",
        "originatingref", "billpiece_note"}
BLOCKS = {"text", "continuedsectionsubsection", "continuedparagraph", "continuedsubparagraph",
          "continuedclause", "continueddefinition", "definition", "provision", "repealed", "formulatext",
          "tablegroup", "titletext_block"}
LIMS = "{http://justice.gc.ca/lims}"


class _Canada:
    """Per-document state: the law named by the current amending heading."""

    def __init__(self) -> None:
        self.target = ""
        self.targets: list[str] = []
        self.spec = XmlSpec(units=UNITS, num_tags={"label"}, heading_tags={"marginalnote"},
                            block_tags=BLOCKS, skip=SKIP, on_unit=self.on_unit)

    def on_unit(self, el: etree._Element, node: Node) -> None:
        """Mark sections inside <AmendedText> as inserted into the target law."""
        anc = el.getparent()
        while anc is not None and local(anc) not in ("amendedtext", "section"):
            anc = anc.getparent()
        if anc is not None and local(anc) == "amendedtext" and node.kind == "section" and self.is_bill:
            node.cite_num = node.num
            word = "s." if self.lang != "fr" else "art."
            node.amends = f"{self.target} {word} {node.num}".strip()

    lang = "en"
    is_bill = True
    targets: list[str] = []


def _title_case(text: str, lang: str) -> str:
    if not text.isupper():
        return text
    return text.title() if lang == "en" else text.capitalize()  # "CODE CRIMINEL" -> "Code criminel"


def _assent_date(ident: etree._Element | None) -> date | None:
    """Royal assent date of an as-enacted bill (<Stages stage="assented-to"><Date>...)."""
    if ident is None:
        return None
    for stage in ident.iter("Stages"):
        if stage.get("stage") == "assented-to":
            y, m, d = (stage.findtext(f".//{k}") or "" for k in ("YYYY", "MM", "DD"))
            if y.isdigit() and m.isdigit() and d.isdigit():
                return parse_date(f"{y}-{int(m):02d}-{int(d):02d}")
    return None


@register("canada-xml")
def parse_canada(data: bytes, meta: DocumentMeta) -> Law:
    """Parse Justice Canada XML: sections with marginal notes, subsections, paragraphs, amendments."""
    root, warnings = safe_parse(data)
    helper = _Canada()
    helper.is_bill = local(root) == "bill"
    helper.lang = (root.get("{http://www.w3.org/XML/1998/namespace}lang") or meta.language or "en")[:2]
    walker = XmlWalker(helper.spec)
    containers: list[tuple[int, Node]] = []
    body = first_child(root, {"body"})
    if body is None:
        body = root
    for child in [*body, *(c for c in root if local(c) == "schedule")]:
        name = local(child)
        if name == "heading":
            level = int(child.get("level") or 1)
            title_el = first_child(child, {"titletext"})
            title = text_of(title_el if title_el is not None else child, {"footnoteref", "marginalnote"})
            if child.get("type") == "amending":
                helper.target = _title_case(title, helper.lang)
                helper.targets.append(helper.target)
            while containers and containers[-1][0] >= level:
                containers.pop()
            node = Node(kind="part" if level == 1 else "division" if level == 2 else "subdivision",
                        heading=title, label=title)
            (containers[-1][1].children if containers else walker.roots).append(node)
            containers.append((level, node))
            walker.tb.line(title)
            continue
        kind = walker.kind(child)
        if kind:
            if child.get("type") == "amending":
                text_el = first_child(child, {"text"})
                ref = first_child(text_el, {"xrefexternal"}) if text_el is not None else None
                if ref is not None and not helper.target:
                    helper.target = text_of(ref)
                    helper.targets.append(helper.target)
            walker.unit(child, kind, containers[-1][1] if containers else None, [])
        elif name not in SKIP:
            walker.walk(child, containers[-1][1] if containers else None)
    ident = first_child(root, {"identification"})
    fields: dict[str, object] = {}
    if ident is not None:
        long_title = first_child(ident, {"longtitle"})
        short = first_child(ident, {"shorttitle"})
        chapter = ident.find(".//{*}AnnualStatuteNumber")
        if chapter is None:
            chapter = ident.find(".//AnnualStatuteNumber")
        year = ident.find(".//AnnualStatuteId/YYYY")
        consolidated = ident.find(".//ConsolidatedNumber")
        fields["title"] = text_of(long_title) if long_title is not None else ""
        fields["short_title"] = text_of(short) if short is not None else ""
        if consolidated is not None:
            fields["number"] = text_of(consolidated)
        elif chapter is not None:
            fields["number"] = f"c. {text_of(chapter)}"
        if year is not None and text_of(year).isdigit():
            fields["year"] = int(text_of(year))
    version = parse_date(root.get(f"{LIMS}pit-date") or root.get(f"{LIMS}current-date") or "") \
        or _assent_date(ident)
    in_force = {"yes": True, "no": False}.get(root.get("in-force") or "")
    title = str(fields.pop("title", ""))
    law = law_from_tree(walker.tb.text(), walker.roots, meta, format="canada-xml", in_force=in_force,
                        version_date=version if isinstance(version, date) else None, **fields)
    law.title = meta.title or title
    law.is_amending = helper.is_bill and any(s.get("type") == "amending" for s in root.iter("Section"))
    law.amends_title = helper.targets[0] if law.is_amending and helper.targets else ""
    law.warnings.extend(warnings)
    return law
