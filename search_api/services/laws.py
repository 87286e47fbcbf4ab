"""Laws: list, detail with table of contents, stored versions and the diff between two versions."""

from __future__ import annotations

import difflib
import json
import sqlite3
from datetime import date

from search_api.errors import BadRequest, NotFound
from search_api.schemas import (
    LawDetail,
    LawDiff,
    LawList,
    LawVersionOut,
    ProvisionChange,
    ProvisionRef,
    TocEntry,
)
from search_api.services.common import get_law_row, law_summary

MAX_DIFF_LINES = 400


def _current_version(
    conn: sqlite3.Connection, law_id: str, current_version_id: int | None
) -> sqlite3.Row | None:
    if current_version_id is not None:
        row = conn.execute("SELECT * FROM law_versions WHERE id = ?", (current_version_id,)).fetchone()
        if row is not None:
            return row
    return conn.execute(
        "SELECT * FROM law_versions WHERE law_id = ? ORDER BY fetched_at DESC, id DESC LIMIT 1", (law_id,)
    ).fetchone()


def list_laws(
    conn: sqlite3.Connection,
    *,
    jurisdiction: list[str] | None = None,
    q: str = "",
    in_force: bool | None = None,
    page: int = 1,
    page_size: int = 50,
) -> LawList:
    """Laws ordered by jurisdiction and title, filtered by jurisdiction, title words and in-force status."""
    where, args = ["1 = 1"], []
    if jurisdiction:
        where.append(f"l.jurisdiction IN ({', '.join('?' * len(jurisdiction))})")
        args.extend(jurisdiction)
    if q:
        where.append(
            "(l.title LIKE ? ESCAPE '\\' OR l.short_title LIKE ? ESCAPE '\\' OR l.number LIKE ? ESCAPE '\\')"
        )
        pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        args.extend([pattern] * 3)
    if in_force is True:
        where.append("(l.in_force IS NULL OR l.in_force = 1)")
    elif in_force is False:
        where.append("l.in_force = 0")
    clause = " AND ".join(where)
    total = conn.execute(f"SELECT COUNT(*) FROM laws l WHERE {clause}", args).fetchone()[0]
    rows = conn.execute(
        f"""SELECT l.*, v.version_date AS vdate,
               (SELECT COUNT(*) FROM provisions p WHERE p.law_id = l.id AND p.is_current = 1) AS n
            FROM laws l LEFT JOIN law_versions v ON v.id = l.current_version_id
            WHERE {clause} ORDER BY l.jurisdiction, l.title, l.id LIMIT ? OFFSET ?""",
        [*args, page_size, (page - 1) * page_size],
    ).fetchall()
    return LawList(
        total=total,
        page=page,
        page_size=page_size,
        results=[law_summary(r, r["n"], r["vdate"]) for r in rows],
    )


def get_law(conn: sqlite3.Connection, law_id: str) -> LawDetail:
    """A law's metadata and table of contents (current provisions in document order)."""
    row = get_law_row(conn, law_id)
    version = _current_version(conn, law_id, row["current_version_id"])
    toc: list[TocEntry] = []
    depth: dict[str, int] = {}
    warnings: list[str] = []
    if version is not None:
        provisions = conn.execute(
            "SELECT p.rowid AS rowid, id, eid, num, heading, kind, parent_eid, "
            "(SELECT group_concat(DISTINCT element) FROM tags t WHERE t.provision_rowid = p.rowid) AS els "
            "FROM provisions p WHERE version_id = ? ORDER BY ord",
            (version["id"],),
        ).fetchall()
        for p in provisions:
            level = depth.get(p["parent_eid"], -1) + 1 if p["parent_eid"] else 0
            depth[p["eid"]] = level
            toc.append(
                TocEntry(
                    id=p["id"],
                    eid=p["eid"],
                    num=p["num"],
                    heading=p["heading"],
                    kind=p["kind"],
                    level=level,
                    parent_eid=p["parent_eid"],
                    elements=sorted(set((p["els"] or "").split(","))) if p["els"] else [],
                )
            )
        try:
            warnings = [str(w) for w in json.loads(version["warnings_json"] or "[]")]
        except ValueError:
            warnings = []
    count = conn.execute("SELECT COUNT(*) FROM law_versions WHERE law_id = ?", (law_id,)).fetchone()[0]
    summary = law_summary(row, len(toc), version["version_date"] if version is not None else None)
    return LawDetail(**summary.model_dump(), versions=count, warnings=warnings, toc=toc)


def _version_out(row: sqlite3.Row, current_id: int | None) -> LawVersionOut:
    return LawVersionOut(
        id=row["id"],
        document_id=row["document_id"],
        version_date=row["version_date"],
        fetched_at=row["fetched_at"],
        is_current=row["id"] == current_id,
        provisions=row["n"],
    )


def list_versions(conn: sqlite3.Connection, law_id: str) -> list[LawVersionOut]:
    """Every stored version of a law, oldest first."""
    law = get_law_row(conn, law_id)
    current = _current_version(conn, law_id, law["current_version_id"])
    current_id = current["id"] if current is not None else None
    rows = conn.execute(
        "SELECT v.*, (SELECT COUNT(*) FROM provisions p WHERE p.version_id = v.id) AS n FROM law_versions v "
        "WHERE v.law_id = ? ORDER BY v.fetched_at, v.id",
        (law_id,),
    ).fetchall()
    return [_version_out(r, current_id) for r in rows]


def _resolve_version(versions: list[LawVersionOut], ref: str, law_id: str) -> LawVersionOut:
    """A version by id (``"12"``) or the newest one on or before a date (``"2020-01-31"``)."""
    ref = ref.strip()
    if ref.isdigit():
        for version in versions:
            if version.id == int(ref):
                return version
        raise NotFound("Law version", f"{law_id}@{ref}")
    try:
        day = date.fromisoformat(ref)
    except ValueError as exc:
        raise BadRequest(
            f"{ref!r} is neither a version id nor a date (YYYY-MM-DD)", title="Invalid version"
        ) from exc
    candidates = [v for v in versions if (v.version_date or v.fetched_at[:10]) <= day.isoformat()]
    if not candidates:
        raise NotFound("Law version", f"{law_id} on or before {day.isoformat()}")
    return max(candidates, key=lambda v: ((v.version_date or v.fetched_at[:10]), v.fetched_at, v.id))


def diff_versions(conn: sqlite3.Connection, law_id: str, date_from: str, date_to: str) -> LawDiff:
    """Provisions added, removed and changed between two versions (ids or dates) of a law."""
    versions = list_versions(conn, law_id)
    if not versions:
        raise NotFound("Law version", law_id)
    old, new = _resolve_version(versions, date_from, law_id), _resolve_version(versions, date_to, law_id)

    def load(version_id: int) -> dict[str, sqlite3.Row]:
        rows = conn.execute(
            "SELECT id, eid, num, heading, kind, text, text_hash FROM provisions "
            "WHERE version_id = ? ORDER BY ord",
            (version_id,),
        )
        return {r["eid"]: r for r in rows}

    before, after = load(old.id), load(new.id)
    added = [
        ProvisionRef(id=r["id"], eid=r["eid"], num=r["num"], heading=r["heading"], kind=r["kind"])
        for eid, r in after.items()
        if eid not in before
    ]
    removed = [
        ProvisionRef(id=r["id"], eid=r["eid"], num=r["num"], heading=r["heading"], kind=r["kind"])
        for eid, r in before.items()
        if eid not in after
    ]
    changed, unchanged = [], 0
    for eid, r in after.items():
        prior = before.get(eid)
        if prior is None:
            continue
        if prior["text_hash"] == r["text_hash"] and prior["text"] == r["text"]:
            unchanged += 1
            continue
        lines = list(
            difflib.unified_diff(
                prior["text"].splitlines(),
                r["text"].splitlines(),
                fromfile=f"{eid}@{old.id}",
                tofile=f"{eid}@{new.id}",
                lineterm="",
            )
        )
        changed.append(ProvisionChange(eid=eid, num=r["num"], diff="\n".join(lines[:MAX_DIFF_LINES])))
    return LawDiff(
        law_id=law_id,
        from_version=old,
        to_version=new,
        added=added,
        removed=removed,
        changed=changed,
        unchanged=unchanged,
    )
