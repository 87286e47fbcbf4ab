"""Jurisdictions: counts, scores, assessments (cached per data version), comparison and gaps."""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from datetime import date
from pathlib import Path
from typing import Any

from search_api.errors import ApiError, BadRequest, NotFound
from search_api.schemas import JurisdictionDetail, JurisdictionSummary
from search_api.services.common import LOG, assessment_api, law_summary, norm_iso3

CACHE_SIZE = 256
_CACHE: OrderedDict[tuple, Any] = OrderedDict()
_LOCK = threading.Lock()


def db_stamp(conn: sqlite3.Connection) -> str:
    """A token that changes whenever the database file (or its WAL) changes."""
    row = conn.execute("PRAGMA database_list").fetchone()
    path = Path(row[2]) if row and row[2] else None
    if path is None:
        return "memory"
    parts = []
    for file in (path, path.with_name(path.name + "-wal")):
        try:
            stat = file.stat()
            parts.append(f"{stat.st_mtime_ns}:{stat.st_size}")
        except OSError:
            parts.append("-")
    return f"{path}|{'|'.join(parts)}"


def _cached(key: tuple, compute):
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    value = compute()
    with _LOCK:
        _CACHE[key] = value
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return value


def known_jurisdictions(conn: sqlite3.Connection) -> list[str]:
    """ISO3 codes of the jurisdictions with at least one collected law."""
    return [r[0] for r in conn.execute("SELECT DISTINCT jurisdiction FROM laws ORDER BY jurisdiction")]


def require_jurisdiction(conn: sqlite3.Connection, iso3: str) -> str:
    """The normalised code of a collected jurisdiction (400 malformed, 404 no law collected)."""
    code = norm_iso3(iso3)
    if conn.execute("SELECT 1 FROM laws WHERE jurisdiction = ? LIMIT 1", (code,)).fetchone() is None:
        raise NotFound("Jurisdiction", code)
    return code


def assess(conn: sqlite3.Connection, iso3: str, as_of: date | None = None) -> Any:
    """The :func:`indexer.assessment.assess` result for ``iso3`` (cached until the database changes)."""
    engine = assessment_api("assess")
    return _cached(("assess", db_stamp(conn), iso3, as_of), lambda: engine(conn, iso3, as_of=as_of))


def _name_region(iso3: str) -> tuple[str, str]:
    try:
        return assessment_api("jurisdiction_name")(iso3) or iso3, assessment_api("region_of")(iso3) or ""
    except Exception as exc:
        LOG.debug("names unavailable: %s", exc)
        return iso3, ""


def _counts(conn: sqlite3.Connection, iso3: str | None = None) -> dict[str, dict[str, Any]]:
    where, args = ("WHERE l.jurisdiction = ?", (iso3,)) if iso3 else ("", ())
    rows = conn.execute(
        f"""
        SELECT l.jurisdiction AS j, COUNT(DISTINCT l.id) AS laws,
               MAX(v.version_date) AS newest
        FROM laws l LEFT JOIN law_versions v ON v.id = l.current_version_id {where}
        GROUP BY l.jurisdiction ORDER BY l.jurisdiction""",
        args,
    ).fetchall()
    out = {r["j"]: {"laws": r["laws"], "newest": r["newest"], "provisions": 0, "tagged": 0} for r in rows}
    prov = conn.execute(
        f"""
        SELECT l.jurisdiction AS j, COUNT(*) AS n,
               SUM(EXISTS (SELECT 1 FROM tags t WHERE t.provision_rowid = p.rowid)) AS tagged
        FROM provisions p JOIN laws l ON l.id = p.law_id
        {where + " AND" if where else "WHERE"} p.is_current = 1 GROUP BY l.jurisdiction""",
        args,
    )
    for r in prov:
        if r["j"] in out:
            out[r["j"]]["provisions"], out[r["j"]]["tagged"] = r["n"], r["tagged"] or 0
    return out


def _summary(conn: sqlite3.Connection, iso3: str, counts: dict[str, Any], with_scores: bool) -> dict:
    name, region = _name_region(iso3)
    data: dict[str, Any] = {
        "iso3": iso3,
        "name": name,
        "region": region,
        "laws": counts["laws"],
        "provisions": counts["provisions"],
        "tagged_provisions": counts["tagged"],
        "newest_version_date": counts["newest"],
    }
    if with_scores:
        try:
            result = assess(conn, iso3)
            data["scores"] = result.scores.model_dump(mode="json")
            data["criminalisation_status"] = result.criminalisation_status.model_dump(mode="json")
        except ApiError:
            pass  # assessment engine not available: counts only
    return data


def list_jurisdictions(
    conn: sqlite3.Connection, *, region: str | None = None, with_scores: bool = True
) -> list[JurisdictionSummary]:
    """Every collected jurisdiction with law/provision counts and (when available) assessment scores."""
    out = []
    for iso3, counts in _counts(conn).items():
        item = JurisdictionSummary(**_summary(conn, iso3, counts, with_scores))
        if region and item.region.lower() != region.lower():
            continue
        out.append(item)
    return out


def get_jurisdiction(conn: sqlite3.Connection, iso3: str) -> JurisdictionDetail:
    """One jurisdiction: counts, scores, criminalisation status, its laws and provisions per element."""
    code = require_jurisdiction(conn, iso3)
    counts = _counts(conn, code)[code]
    laws = conn.execute(
        """SELECT l.*, v.version_date AS vdate,
                  (SELECT COUNT(*) FROM provisions p WHERE p.law_id = l.id AND p.is_current = 1) AS n
           FROM laws l LEFT JOIN law_versions v ON v.id = l.current_version_id
           WHERE l.jurisdiction = ? ORDER BY l.title, l.id""",
        (code,),
    ).fetchall()
    elements = conn.execute(
        """SELECT t.element AS element, COUNT(DISTINCT t.provision_rowid) AS n FROM tags t
           JOIN provisions p ON p.rowid = t.provision_rowid JOIN laws l ON l.id = p.law_id
           WHERE l.jurisdiction = ? AND p.is_current = 1 GROUP BY t.element ORDER BY t.element""",
        (code,),
    )
    return JurisdictionDetail(
        **_summary(conn, code, counts, True),
        law_list=[law_summary(r, r["n"], r["vdate"]) for r in laws],
        elements={r["element"]: r["n"] for r in elements},
    )


def assessment(conn: sqlite3.Connection, iso3: str, as_of: date | None = None) -> dict[str, Any]:
    """A jurisdiction's verdicts (now or as of a date) as JSON-ready data."""
    code = require_jurisdiction(conn, iso3)
    return assess(conn, code, as_of).model_dump(mode="json")


def assessment_json(conn: sqlite3.Connection, iso3: str, as_of: date | None = None) -> bytes:
    """The same as :func:`assessment`, serialised once per data version (the API's hot path)."""
    code = require_jurisdiction(conn, iso3)
    return _cached(
        ("assessment-json", db_stamp(conn), code, as_of),
        lambda: assess(conn, code, as_of).model_dump_json().encode("utf-8"),
    )


def cached_assessment_json(conn: sqlite3.Connection, iso3: str, as_of: date | None = None) -> bytes | None:
    """The serialised assessment when it is already cached for the current data version, else None."""
    code = require_jurisdiction(conn, iso3)
    with _LOCK:
        return _CACHE.get(("assessment-json", db_stamp(conn), code, as_of))


def compare(conn: sqlite3.Connection, iso3s: list[str], compare_max: int) -> dict[str, Any]:
    """The requirements x jurisdictions matrix of 2..``compare_max`` collected jurisdictions."""
    codes = list(dict.fromkeys(norm_iso3(j) for j in iso3s))
    if not 2 <= len(codes) <= compare_max:
        raise BadRequest(
            f"compare needs 2 to {compare_max} distinct jurisdictions (j=GBR&j=FRA); got {len(codes)}",
            title="Invalid comparison",
        )
    for code in codes:
        require_jurisdiction(conn, code)
    engine = assessment_api("compare")
    try:
        result = _cached(("compare", db_stamp(conn), tuple(codes)), lambda: engine(conn, codes))
    except ValueError as exc:
        raise BadRequest(str(exc), title="Invalid comparison") from exc
    return result.model_dump(mode="json")


def gaps(
    conn: sqlite3.Connection,
    *,
    requirement: str | None = None,
    element: str | None = None,
    region: str | None = None,
    obligation: str | None = None,
) -> list[dict[str, Any]]:
    """Jurisdictions where a requirement (or element) is partial or not found, with what is missing."""
    if not requirement and not element:
        raise BadRequest("give a requirement (R1-R22) or an element id", title="Invalid gap query")
    engine = assessment_api("gaps")
    key = ("gaps", db_stamp(conn), requirement, element, region, obligation)
    try:
        rows = _cached(
            key,
            lambda: engine(
                conn, requirement=requirement, element=element, region=region, obligation=obligation
            ),
        )
    except (ValueError, KeyError) as exc:
        raise BadRequest(str(exc).strip("'\""), title="Invalid gap query") from exc
    return [r.model_dump(mode="json") for r in rows]
