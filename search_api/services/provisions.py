"""Provision detail: text, hierarchy, tags with evidence, reviews, cross-references, citation."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from indexer.models import SearchHit
from indexer.search import SearchBackend
from search_api.errors import ApiError, NotFound
from search_api.schemas import (
    CrossRefOut,
    PathItem,
    ProvisionDetail,
    ProvisionRef,
    ReviewOut,
    TagOut,
)
from search_api.services.common import LOG, assessment_api, citation, element_label

MAX_DEPTH = 32

CURRENT_SQL = """
SELECT p.rowid AS rowid, p.*, l.title AS law_title, l.jurisdiction AS jurisdiction, l.language AS language,
       l.source_url AS source_url, l.in_force AS in_force, v.version_date AS version_date
FROM provisions p JOIN laws l ON l.id = p.law_id JOIN law_versions v ON v.id = p.version_id
WHERE p.id = ? AND p.is_current = 1 ORDER BY p.version_id DESC LIMIT 1
"""


def _json_list(raw: str | None) -> list[Any]:
    try:
        value = json.loads(raw or "[]")
    except (TypeError, ValueError):
        return []
    return value if isinstance(value, list) else []


def current_row(conn: sqlite3.Connection, provision_id: str) -> sqlite3.Row:
    """The current ``provisions`` row (joined with its law) of a public id; 404 when unknown."""
    row = conn.execute(CURRENT_SQL, (provision_id,)).fetchone()
    if row is None:
        raise NotFound("Provision", provision_id)
    return row


def _ref(row: sqlite3.Row) -> ProvisionRef:
    return ProvisionRef(
        id=row["id"], eid=row["eid"], num=row["num"], heading=row["heading"], kind=row["kind"]
    )


def _raw_tags(conn: sqlite3.Connection, rowid: int) -> list[dict]:
    rows = conn.execute(
        'SELECT element, evidence, start, "end", confidence, rule_ids_json, source FROM tags '
        "WHERE provision_rowid = ? ORDER BY start, element",
        (rowid,),
    )
    return [{**dict(r), "rule_ids": _json_list(r["rule_ids_json"])} for r in rows]


def provision_tags(conn: sqlite3.Connection, rowid: int) -> list[TagOut]:
    """Tags of a provision with reviews applied (raw tags when the assessment engine is absent)."""
    items: list[dict]
    try:
        effective = assessment_api("effective_tags")
    except ApiError as exc:  # engine not installed: stored tags (no review applied) rather than nothing
        LOG.warning("effective_tags unavailable, showing stored tags: %s", exc.detail)
        items = _raw_tags(conn, rowid)
    else:  # errors of the engine itself propagate: never show rejected tags as valid evidence
        items = [t.model_dump() if hasattr(t, "model_dump") else dict(t) for t in effective(conn, rowid)]
    out = []
    for tag in items:
        out.append(
            TagOut(
                element=tag["element"],
                label=element_label(tag["element"]),
                evidence=tag.get("evidence") or "",
                start=int(tag.get("start") or 0),
                end=int(tag.get("end") or 0),
                confidence=float(tag.get("confidence") or 0.0),
                rule_ids=[str(x) for x in tag.get("rule_ids") or []],
                source=str(tag.get("source") or "auto"),
            )
        )
    return sorted(out, key=lambda t: (t.start, t.element))


def provision_reviews(conn: sqlite3.Connection, provision_id: str, text_hash: str) -> list[ReviewOut]:
    """Every review of a provision, oldest first, flagged when the text changed since."""
    rows = conn.execute(
        'SELECT id, element, action, evidence, start, "end", note, reviewer, created_at, text_hash '
        "FROM reviews WHERE provision_id = ? ORDER BY id",
        (provision_id,),
    )
    return [
        ReviewOut(
            id=r["id"],
            element=r["element"],
            action=r["action"],
            evidence=r["evidence"],
            start=r["start"],
            end=r["end"],
            note=r["note"],
            reviewer=r["reviewer"],
            created_at=r["created_at"],
            needs_rereview=r["text_hash"] != text_hash,
        )
        for r in rows
    ]


def _cross_refs(conn: sqlite3.Connection, law_id: str, raw: str | None) -> list[CrossRefOut]:
    out = []
    for ref in _json_list(raw):
        if not isinstance(ref, dict) or "text" not in ref:
            continue
        target_id = None
        target_eid = ref.get("target_eid")
        if target_eid:
            target_law = ref.get("target_law") or law_id
            candidate = f"{target_law}--{target_eid}"
            hit = conn.execute(
                "SELECT 1 FROM provisions WHERE id = ? AND is_current = 1 LIMIT 1", (candidate,)
            )
            target_id = candidate if hit.fetchone() else None
        out.append(
            CrossRefOut(
                text=str(ref["text"]),
                start=int(ref.get("start") or 0),
                end=int(ref.get("end") or 0),
                target_eid=target_eid,
                target_law=ref.get("target_law"),
                target_id=target_id,
            )
        )
    return out


def _hierarchy(conn: sqlite3.Connection, row: sqlite3.Row) -> list[PathItem]:
    chain: list[PathItem] = []
    parent = row["parent_eid"]
    seen = set()
    while parent and parent not in seen and len(chain) < MAX_DEPTH:
        seen.add(parent)
        prow = conn.execute(
            "SELECT id, eid, num, heading, kind, parent_eid FROM provisions WHERE version_id = ? AND eid = ?",
            (row["version_id"], parent),
        ).fetchone()
        if prow is None:
            chain.append(PathItem(eid=parent))
            break
        chain.append(
            PathItem(
                eid=prow["eid"], num=prow["num"], heading=prow["heading"], kind=prow["kind"], id=prow["id"]
            )
        )
        parent = prow["parent_eid"]
    return list(reversed(chain))


def get_provision(conn: sqlite3.Connection, provision_id: str) -> ProvisionDetail:
    """Everything about one current provision; raises 404 ``NotFound`` when unknown."""
    row = current_row(conn, provision_id)
    previous = conn.execute(
        "SELECT id, eid, num, heading, kind FROM provisions WHERE version_id = ? AND ord < ? "
        "ORDER BY ord DESC LIMIT 1",
        (row["version_id"], row["ord"]),
    ).fetchone()
    following = conn.execute(
        "SELECT id, eid, num, heading, kind FROM provisions WHERE version_id = ? AND ord > ? "
        "ORDER BY ord LIMIT 1",
        (row["version_id"], row["ord"]),
    ).fetchone()
    children = conn.execute(
        "SELECT id, eid, num, heading, kind FROM provisions WHERE version_id = ? AND parent_eid = ? "
        "ORDER BY ord",
        (row["version_id"], row["eid"]),
    ).fetchall()
    in_force = row["in_force"]
    return ProvisionDetail(
        id=row["id"],
        law_id=row["law_id"],
        law_title=row["law_title"],
        jurisdiction=row["jurisdiction"],
        language=row["language"],
        eid=row["eid"],
        num=row["num"],
        heading=row["heading"],
        kind=row["kind"],
        text=row["text"],
        text_hash=row["text_hash"],
        start=row["start"],
        end=row["end"],
        path=[str(p) for p in _json_list(row["path_json"])],
        hierarchy=_hierarchy(conn, row),
        parent_eid=row["parent_eid"],
        children=[_ref(c) for c in children],
        previous=_ref(previous) if previous else None,
        next=_ref(following) if following else None,
        amends=row["amends"],
        tags=provision_tags(conn, row["rowid"]),
        reviews=provision_reviews(conn, row["id"], row["text_hash"]),
        cross_references=_cross_refs(conn, row["law_id"], row["refs_json"]),
        official_url=row["source_url"],
        citation=citation(
            row["law_title"],
            row["kind"],
            row["num"],
            row["eid"],
            row["jurisdiction"],
            row["version_date"],
            row["language"],
        ),
        version_id=row["version_id"],
        version_date=row["version_date"],
        in_force=None if in_force is None else bool(in_force),
    )


def similar(
    backend: SearchBackend,
    conn: sqlite3.Connection,
    provision_id: str,
    *,
    size: int = 10,
    other_jurisdictions: bool = True,
) -> list[SearchHit]:
    """Provisions resembling ``provision_id`` (404 when the provision does not exist)."""
    current_row(conn, provision_id)
    return backend.similar(provision_id, size=size, other_jurisdictions=other_jurisdictions)
