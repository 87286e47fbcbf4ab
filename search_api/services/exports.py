"""Streamed exports: rows with a stable column order as CSV or JSON, and the JSON Lines dataset dump."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from indexer.db import connect

ASSESSMENT_COLUMNS = (
    "jurisdiction",
    "requirement",
    "label",
    "group",
    "obligation",
    "verdict",
    "part",
    "status",
    "provision_id",
    "law_title",
    "num",
    "source_url",
    "evidence",
    "reviewed",
    "needs_rereview",
    "newest_text_date",
)
GAP_COLUMNS = (
    "iso3",
    "name",
    "region",
    "requirement",
    "label",
    "obligation",
    "element",
    "verdict",
    "missing",
    "laws_collected",
    "criminalisation_status",
)
COMPARE_FIXED_COLUMNS = ("requirement", "label", "group", "obligation", "differs")
DATASET_BATCH = 500


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def stream_csv(columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """CSV text (header first, RFC 4180 quoting), one chunk per row."""
    columns = list(columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_cell(row.get(c)) for c in columns])
        yield buffer.getvalue()


def stream_json(columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A JSON array of objects whose keys follow ``columns``, one chunk per row."""
    columns = list(columns)
    yield "["
    first = True
    for row in rows:
        item = {c: row.get(c) for c in columns}
        yield ("" if first else ",") + "\n" + json.dumps(item, ensure_ascii=False, default=str)
        first = False
    yield "\n]\n"


def assessment_rows(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One row per (requirement, part, provision): found parts, beyond-minimum parts and missing parts."""
    iso3 = data.get("jurisdiction", "")
    for req in data.get("requirements", []):
        base = {
            "jurisdiction": iso3,
            "requirement": req.get("id"),
            "label": req.get("label", ""),
            "group": req.get("group", ""),
            "obligation": req.get("obligation", ""),
            "verdict": req.get("verdict"),
            "reviewed": req.get("reviewed", False),
            "needs_rereview": req.get("needs_rereview", False),
            "newest_text_date": req.get("newest_text_date"),
        }
        for status, parts in (
            ("found", req.get("found", [])),
            ("beyond_minimum", req.get("beyond_minimum", [])),
        ):
            for part in parts:
                for ev in part.get("provisions", []) or [{}]:
                    yield {
                        **base,
                        "part": part.get("element"),
                        "status": status,
                        "provision_id": ev.get("provision_id"),
                        "law_title": ev.get("law_title"),
                        "num": ev.get("num"),
                        "source_url": ev.get("source_url"),
                        "evidence": ev.get("evidence"),
                    }
        for element in req.get("missing", []):
            yield {**base, "part": element, "status": "missing"}
        if not req.get("found") and not req.get("missing"):
            yield {**base, "part": "", "status": ""}


def compare_columns(data: dict[str, Any]) -> list[str]:
    """The matrix columns: the fixed ones, then one per jurisdiction in the requested order."""
    return [*COMPARE_FIXED_COLUMNS, *[j.get("iso3", "") for j in data.get("jurisdictions", [])]]


def compare_rows(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One row per requirement with the verdict of each jurisdiction."""
    for row in data.get("rows", []):
        out = {
            "requirement": row.get("requirement"),
            "label": row.get("label"),
            "group": row.get("group"),
            "obligation": row.get("obligation"),
            "differs": row.get("differs"),
        }
        for iso3, cell in (row.get("cells") or {}).items():
            out[iso3] = cell.get("verdict") if isinstance(cell, dict) else cell
        yield out


def dataset_lines(db_path: Path) -> Iterator[str]:
    """The whole dataset as JSON Lines: each law, then its current provisions with their tags.

    Tags are the effective ones (reviews applied, as ``GET /api/provisions/{id}`` shows them); a
    reviewed provision also lists its reviews.
    """
    conn = connect(db_path, readonly=True)
    try:
        reviewed = {r[0] for r in conn.execute("SELECT DISTINCT provision_id FROM reviews")}
        yield json.dumps({"type": "meta", "format": "palermo-dataset", "version": 1}) + "\n"
        laws = conn.execute("SELECT * FROM laws ORDER BY jurisdiction, id").fetchall()
        for law in laws:
            item = dict(law)
            item["in_force"] = None if law["in_force"] is None else bool(law["in_force"])
            item["is_amending"] = bool(law["is_amending"])
            yield json.dumps({"type": "law", **item}, ensure_ascii=False) + "\n"
            cursor = conn.execute(
                "SELECT p.rowid AS rowid, p.id, p.eid, p.num, p.heading, p.kind, p.path_json, p.text, "
                "p.text_hash, p.parent_eid, p.ord, p.refs_json, p.version_id FROM provisions p "
                "WHERE p.law_id = ? AND p.is_current = 1 ORDER BY p.ord",
                (law["id"],),
            )
            while batch := cursor.fetchmany(DATASET_BATCH):
                tags = _tags_for(conn, [r["rowid"] for r in batch])
                for r in batch:
                    extra = _reviewed(conn, r["id"], r["rowid"]) if r["id"] in reviewed else {}
                    yield (
                        json.dumps(
                            {
                                "type": "provision",
                                "id": r["id"],
                                "law_id": law["id"],
                                "jurisdiction": law["jurisdiction"],
                                "eid": r["eid"],
                                "num": r["num"],
                                "heading": r["heading"],
                                "kind": r["kind"],
                                "path": json.loads(r["path_json"] or "[]"),
                                "parent_eid": r["parent_eid"],
                                "ord": r["ord"],
                                "version_id": r["version_id"],
                                "text": r["text"],
                                "text_hash": r["text_hash"],
                                "refs": json.loads(r["refs_json"] or "[]"),
                                "tags": tags.get(r["rowid"], []),
                                **extra,
                            },
                            ensure_ascii=False,
                        )
                        + "\n"
                    )
    finally:
        conn.close()


def _reviewed(conn, provision_id: str, rowid: int) -> dict[str, Any]:
    """Effective tags and the reviews of a reviewed provision."""
    from search_api.services.provisions import provision_tags

    tags = [t.model_dump(exclude={"label"}) for t in provision_tags(conn, rowid)]
    reviews = [
        dict(r)
        for r in conn.execute(
            'SELECT id, element, action, evidence, start, "end", note, reviewer, created_at, text_hash '
            "FROM reviews WHERE provision_id = ? ORDER BY id",
            (provision_id,),
        )
    ]
    return {"tags": tags, "reviews": reviews}


def _tags_for(conn, rowids: list[int]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    if not rowids:
        return out
    marks = ",".join("?" * len(rowids))
    rows = conn.execute(
        'SELECT provision_rowid, element, evidence, start, "end", confidence, rule_ids_json, source '
        f"FROM tags "
        f"WHERE provision_rowid IN ({marks}) ORDER BY start, element",
        rowids,
    )
    for r in rows:
        out.setdefault(r["provision_rowid"], []).append(
            {
                "element": r["element"],
                "evidence": r["evidence"],
                "start": r["start"],
                "end": r["end"],
                "confidence": r["confidence"],
                "rule_ids": json.loads(r["rule_ids_json"] or "[]"),
                "source": r["source"],
            }
        )
    return out
