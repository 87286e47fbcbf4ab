"""Akoma Ntoso XML (AKN 3.0 and its drafts): acts, bills, amendments, any namespace prefix."""

from __future__ import annotations

from lxml import etree

from indexer.models import DocumentMeta, Law

from .finish import law_from_tree
from .meta import parse_date
from .registry import register
from .structure import build_tree
from .xmlblocks import BlockConverter, BlockSpec
from .xmlwalk import local, safe_parse, text_of

SPEC = BlockSpec(
    containers={"book": "Book", "part": "Part", "title": "Title", "subtitle": "Subtitle",
                "chapter": "Chapter", "subchapter": "Subchapter", "division": "Division",
                "subdivision": "Subdivision"},
    units={"article": "Article", "section": "Section", "rule": "Rule", "regulation": "Regulation"},
    subunits={"paragraph", "subparagraph", "subsection", "point", "item", "clause", "subclause", "indent",
              "list", "alinea", "level", "hcontainer", "blocklist", "intro", "wrapup", "content",
              "listintroduction", "listwrapup", "crossheading", "subheading"},
    blocks={"p", "block", "tblock", "ul", "ol", "li", "td", "th", "table"},
    skip={"meta", "note", "notes", "authorialnote", "toc", "coverpage", "remark", "footnote", "eop"},
)
BODIES = {"body", "mainbody", "amendmentbody", "judgmentbody", "debatebody", "preamble", "conclusions",
          "attachments", "components"}
LANG3 = {"spa": "es", "eng": "en", "fra": "fr", "ita": "it", "deu": "de", "por": "pt", "nld": "nl",
         "ara": "ar", "ell": "el", "cat": "ca", "est": "et", "nep": "ne", "hin": "hi", "swe": "sv"}


def _metadata(root: etree._Element) -> dict[str, object]:
    out: dict[str, object] = {}
    for el in root.iter():
        name = local(el)
        if name == "frbrlanguage" and el.get("language"):
            out.setdefault("language", LANG3.get(el.get("language"), el.get("language")[:2]))
        elif name == "frbrnumber" and el.get("value"):
            out.setdefault("number", el.get("value"))
        elif name == "frbrdate" and el.get("date") and "version_date" not in out:
            out["version_date"] = parse_date(el.get("date"))
        elif name in ("doctitle", "shorttitle", "longtitle") and text_of(el):
            out["title"] = text_of(el)
        elif name == "docnumber" and "number" not in out:
            out["number"] = text_of(el)
            out.setdefault("title", text_of(el))
    return out


@register("akn-xml")
def parse_akn(data: bytes, meta: DocumentMeta) -> Law:
    """Parse an Akoma Ntoso document (act, bill, amendment; other document types as text)."""
    root, warnings = safe_parse(data)
    doc = next((c for c in root if isinstance(c.tag, str) and local(c) not in SPEC.skip), root)
    conv = BlockConverter(SPEC)
    for part in doc:
        if local(part) in BODIES:
            conv.children(part, 0)
    doc_text, roots = build_tree(conv.result())
    fields = _metadata(root)
    title = str(fields.pop("title", ""))
    law = law_from_tree(doc_text, roots, meta, format="akn-xml", **fields)
    law.title = meta.title or title
    law.is_amending = local(doc) == "amendment"
    law.warnings.extend(warnings)
    return law
