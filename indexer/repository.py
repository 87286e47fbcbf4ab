"""Writing parsed laws into the system of record and reading them back for the search index.

A law keeps one stable id across versions; each stored document version that
parses becomes a ``law_versions`` row, and its provisions replace the previous
version's as the current ones (old rows stay, with ``is_current = 0``).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterator

from indexer.db import transaction
from indexer.models import Law, Provision, StoredDocument, Tag, text_hash

# "Ley Orgánica 10/1995, del Código Penal" -> "ley-organica-10-1995-del-codigo-penal"
SLUG_STRIP_RE = re.compile(r"[^a-z0-9]+")


def slugify(text: str, limit: int = 40) -> str:
    """ASCII, lower-case, hyphenated slug of a title."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return SLUG_STRIP_RE.sub("-", ascii_text.lower()).strip("-")[:limit].strip("-") or "law"


def law_key(doc: StoredDocument) -> str:
    """What identifies a law across versions: the manifest path when known, else its URL."""
    return doc.extra.get("path") or doc.source_id and f"{doc.source_id}|{doc.url}" or doc.url


def law_id_for(doc: StoredDocument, title: str) -> str:
    """Stable law id such as ``ESP-ley-organica-10-1995-3f2a9c``."""
    digest = hashlib.sha1(law_key(doc).encode("utf-8")).hexdigest()[:6]
    iso3 = (doc.jurisdiction or "XXX").upper()
    return f"{iso3}-{slugify(title)}-{digest}"


def provision_id(law_id: str, eid: str) -> str:
    """The public id of a provision: ``<law_id>--<eid>``."""
    return f"{law_id}--{eid}"


def split_provision_id(pid: str) -> tuple[str, str]:
    """Inverse of :func:`provision_id`."""
    law_id, _, eid = pid.partition("--")
    return law_id, eid


def store_law(conn: sqlite3.Connection, law: Law, doc: StoredDocument) -> str:
    """Store a parsed (and tagged) law version; returns the law id. One transaction."""
    title = law.title or doc.title or "Untitled"
    law_id = law.id or law_id_for(doc, title)
    fetched_at = doc.fetched_at.isoformat()
    with transaction(conn):
        conn.execute(
            "INSERT INTO laws(id, jurisdiction, title, short_title, number, year, language, format, in_force,"
            " source_url, is_amending, amends_title) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(id) DO UPDATE SET title=excluded.title, short_title=excluded.short_title,"
            " number=excluded.number, year=excluded.year, language=excluded.language, format=excluded.format,"
            " in_force=excluded.in_force, source_url=excluded.source_url, is_amending=excluded.is_amending,"
            " amends_title=excluded.amends_title",
            (
                law_id,
                (law.jurisdiction or doc.jurisdiction).upper(),
                title,
                law.short_title,
                law.number,
                law.year,
                law.language or doc.language,
                law.format or doc.format,
                None if law.in_force is None else int(law.in_force),
                official_url(law, doc),
                int(law.is_amending),
                law.amends_title,
            ),
        )
        cur = conn.execute(
            "INSERT INTO law_versions(law_id, document_id, version_date, fetched_at, text, warnings_json)"
            " VALUES (?,?,?,?,?,?) ON CONFLICT(law_id, document_id) DO UPDATE SET text=excluded.text"
            " RETURNING id",
            (
                law_id,
                doc.id,
                law.version_date.isoformat() if law.version_date else None,
                fetched_at,
                law.text,
                json.dumps(law.warnings),
            ),
        )
        version_id = cur.fetchone()[0]
        conn.execute("DELETE FROM provisions WHERE version_id = ?", (version_id,))
        conn.execute("UPDATE provisions SET is_current = 0 WHERE law_id = ?", (law_id,))
        _insert_provisions(conn, law_id, version_id, law.provisions)
        conn.execute("UPDATE laws SET current_version_id = ? WHERE id = ?", (version_id, law_id))
    return law_id


def official_url(law: Law, doc: StoredDocument) -> str:
    """The link a reader should follow: the official URL from the manifest when given."""
    return doc.extra.get("original_official_url") or law.source_url or doc.final_url or doc.url


def _insert_provisions(
    conn: sqlite3.Connection, law_id: str, version_id: int, provisions: list[Provision]
) -> None:
    seen: set[str] = set()
    for order, prov in enumerate(provisions):
        eid = prov.eid or f"prov_{order + 1}"
        base, n = eid, 2
        while eid in seen:  # parsers should give unique eIds; never lose a provision if not
            eid, n = f"{base}_{n}", n + 1
        seen.add(eid)
        cur = conn.execute(
            "INSERT INTO provisions(id, law_id, version_id, eid, num, heading, kind, path_json, text,"
            ' text_hash, start, "end", parent_eid, ord, refs_json, amends, is_current)'
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)",
            (
                provision_id(law_id, eid),
                law_id,
                version_id,
                eid,
                prov.num,
                prov.heading,
                prov.kind,
                json.dumps(prov.path, ensure_ascii=False),
                prov.text,
                text_hash(prov.text),
                prov.start,
                prov.end,
                prov.parent_eid,
                order,
                json.dumps([r.model_dump() for r in prov.refs]),
                prov.amends,
            ),
        )
        rowid = cur.lastrowid
        conn.executemany(
            'INSERT INTO tags(provision_rowid, element, evidence, start, "end", confidence, rule_ids_json,'
            " source)"
            " VALUES (?,?,?,?,?,?,?,?)",
            [
                (rowid, t.element, t.evidence, t.start, t.end, t.confidence, json.dumps(t.rule_ids), t.source)
                for t in prov.tags
            ],
        )


def auto_tags(conn: sqlite3.Connection, provision_rowid: int) -> list[Tag]:
    """The tagger's tags of one provision row, before reviews."""
    rows = conn.execute("SELECT * FROM tags WHERE provision_rowid = ? ORDER BY start", (provision_rowid,))
    return [
        Tag(
            element=r["element"],
            evidence=r["evidence"],
            start=r["start"],
            end=r["end"],
            confidence=r["confidence"],
            rule_ids=json.loads(r["rule_ids_json"]),
            source=r["source"],
        )
        for r in rows
    ]


UNNUMBERED_LABELS = {"hcontainer": "unnumbered provision", "body": "whole text", "": "provision"}


def citation_label(num: str, kind: str, language: str) -> str:
    """A short citation label such as ``art. 177 bis`` or ``s. 279.01``."""
    if not num:  # AKN's generic containers mean nothing to a reader
        return UNNUMBERED_LABELS.get(kind, kind)
    prefix = {
        "article": "art.",
        "section": "s.",
        "subsection": "s.",
        "paragraph": "para.",
        "schedule": "sch.",
        "annex": "annex",
        "point": "pt.",
    }.get(kind, "")
    if kind == "section" and language in {"de", "et"}:
        prefix = "§"
    return f"{prefix} {num}".strip()


def iter_index_docs(conn: sqlite3.Connection, law_ids: list[str] | None = None) -> Iterator[dict]:
    """Search-index documents for the current provisions (of some laws, or all), tags after reviews."""
    from indexer.assessment import effective_tags, region_of, requirements

    element_to_reqs: dict[str, list[str]] = {}
    for req in requirements():
        for part in req.parts:
            element_to_reqs.setdefault(part, []).append(req.id)
    sql = (
        "SELECT p.rowid AS prow, p.*, l.title AS law_title, l.jurisdiction, l.language, l.year, l.in_force,"
        " v.version_date FROM provisions p JOIN laws l ON l.id = p.law_id"
        " JOIN law_versions v ON v.id = p.version_id WHERE p.is_current = 1"
    )
    params: list[str] = []
    if law_ids is not None:
        sql += f" AND p.law_id IN ({','.join('?' * len(law_ids))})"
        params = list(law_ids)
    regions: dict[str, str] = {}
    for row in conn.execute(sql, params).fetchall():
        iso3 = row["jurisdiction"]
        if iso3 not in regions:
            regions[iso3] = region_of(iso3)
        elements = sorted({t.element for t in effective_tags(conn, row["prow"])})
        reqs = sorted({r for e in elements for r in element_to_reqs.get(e, [])}, key=lambda r: int(r[1:]))
        yield {
            "id": row["id"],
            "law_id": row["law_id"],
            "law_title": row["law_title"],
            "jurisdiction": iso3,
            "region": regions[iso3],
            "language": row["language"],
            "eid": row["eid"],
            "num": row["num"],
            "ref": citation_label(row["num"], row["kind"], row["language"]),
            "heading": row["heading"],
            "text": row["text"],
            "elements": elements,
            "requirements": reqs,
            "year": row["year"],
            "version_date": row["version_date"],
            "in_force": None if row["in_force"] is None else bool(row["in_force"]),
            "ord": row["ord"],
        }
