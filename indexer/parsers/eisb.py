"""Irish Statute Book (eISB) act XML: <act><metadata>, <body> with part/chapter/sect/p."""

from __future__ import annotations

from indexer.models import DocumentMeta, Law

from .finish import law_from_tree
from .meta import parse_date
from .registry import register
from .structure import build_tree
from .xmlblocks import BlockConverter, BlockSpec
from .xmlwalk import first_child, local, safe_parse, text_of

# Empty elements that stand for characters: <emdash/>, <odq/> (“), <afada/> (á) ...
CHARS = {"emdash": "—", "endash": "–", "odq": "“", "cdq": "”", "osq": "‘", "csq": "’", "euro": "€",
         "afada": "á", "efada": "é", "ifada": "í", "ofada": "ó", "ufada": "ú", "Afada": "Á", "Efada": "É",
         "Ifada": "Í", "Ofada": "Ó", "Ufada": "Ú", "pound": "£", "nbsp": " ", "hyphen": "-"}
SPEC = BlockSpec(
    containers={"part": "Part", "chapter": "Chapter", "division": "Division"},
    units={"sect": "Section", "schedule": "Schedule", "article": "Article"},
    subunits={"subsect", "para", "subpara"},
    blocks={"p", "table", "tr"},
    skip={"fn", "marker", "graphic", "hr", "hr1", "acttoc", "frontmatter", "metadata"},
    num_tags={"number"},
    heading_tags={"title"},
    chars={k.lower(): v for k, v in CHARS.items()} | CHARS,
)


@register("eisb-xml")
def parse_eisb(data: bytes, meta: DocumentMeta) -> Law:
    """Parse an eISB act: sections with numbers and titles, text paragraphs."""
    root, warnings = safe_parse(data)
    conv = BlockConverter(SPEC)
    for part in root:
        if local(part) in ("body", "backmatter", "schedules"):
            conv.children(part, 0)
    doc_text, roots = build_tree(conv.result())
    md = first_child(root, {"metadata"})
    fields: dict[str, object] = {}
    title = ""
    if md is not None:
        get = {local(c): text_of(c) for c in md}
        title = get.get("title", "").title() if get.get("title", "").isupper() else get.get("title", "")
        fields["number"] = get.get("number", "")
        fields["year"] = int(get["year"]) if get.get("year", "").isdigit() else None
        raw = get.get("dateofenactment", "")
        if len(raw) == 8 and raw.isdigit():
            fields["version_date"] = parse_date(f"{raw[:4]}-{raw[4:6]}-{raw[6:]}")
    law = law_from_tree(doc_text, roots, meta, format="eisb-xml", **fields)
    law.title = meta.title or title
    law.warnings.extend(warnings)
    return law
