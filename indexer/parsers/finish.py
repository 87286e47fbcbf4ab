"""Common post-processing of every parsed Law: metadata defaults, offsets check, refs, amendments."""

from __future__ import annotations

import re

from indexer.models import DocumentMeta, Law, Provision

from .amending import is_amending_title
from .crossrefs import extract_refs
from .errors import ParseError
from .lang import detect_language
from .meta import number_from, year_from
from .tree import Node, flatten

# The provision part of an amendment attribution: "Penal Code art. 12 bis" -> "Penal Code"
TARGET_SUFFIX = re.compile(r"\s*(?:^|\s)(?:s\.|art\.|§)\s+\S.*$")


def law_from_tree(text: str, roots: list[Node], meta: DocumentMeta, **fields: object) -> Law:
    """A Law whose provisions are the flattened ``roots`` over ``text``."""
    law = Law(jurisdiction=meta.jurisdiction or "", title=meta.title or "", text=text, **fields)
    law.provisions = flatten(roots, text)
    return law


def fallback_provision(law: Law, num: str = "", kind: str = "section") -> None:
    """When no structure was recognised, the whole text becomes one provision (with a warning)."""
    body = law.text.strip()
    if not body:
        return
    start = law.text.index(body[:50])
    eid = f"sec_{num.lower()}" if num else "body"
    law.provisions = [Provision(eid=eid, num=num, kind=kind if num else "body", text=body, start=start,
                                end=start + len(body))]
    law.warnings.append("no provision structure recognised: whole text kept as one provision")


def finish_law(law: Law, meta: DocumentMeta, fmt: str) -> Law:
    """Fill metadata defaults, verify offsets, extract cross-references and amendment flags."""
    law.format = law.format or fmt
    law.jurisdiction = meta.jurisdiction or law.jurisdiction
    law.title = (meta.title or law.title or _first_line(law.text)).strip()
    law.language = (meta.language or law.language or detect_language(law.text)).lower()
    law.source_url = meta.url or law.source_url
    law.year = law.year or year_from(law.title, law.short_title)
    law.number = law.number or number_from(law.title)
    if not law.provisions:
        fallback_provision(law)
    if not law.provisions:
        raise ParseError("no text: the document contains no statute text")
    good: list[Provision] = []
    for p in law.provisions:
        if law.text[p.start:p.end] != p.text:
            law.warnings.append(f"offset mismatch dropped for {p.eid}")
            continue
        good.append(p)
    for i, p in enumerate(good):
        p.order = i
    law.provisions = good
    extract_refs(law.provisions, law.text)
    top = [p for p in law.provisions if not p.parent_eid and p.kind != "recital"]
    hosts = {p.parent_eid for p in law.provisions if p.amends}
    if is_amending_title(law.title) or (top and len(hosts) >= max(1, 0.3 * len(top))):
        law.is_amending = True  # the title says so, or a good share of its articles insert text
    if law.is_amending and not law.amends_title:
        targets = [TARGET_SUFFIX.sub("", p.amends) for p in law.provisions if p.amends]
        law.amends_title = next((t for t in targets if t and not t.startswith(("s.", "art.", "§"))), "")
    return law


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""
