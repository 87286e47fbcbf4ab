"""Assessing one jurisdiction: read its laws in force (now or as of a date), apply reviews,
follow cross-references and judge every requirement with :mod:`indexer.assessment.rules`.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections import OrderedDict
from datetime import date
from pathlib import Path

from indexer.assessment.crossrefs import Node, RefGraph, defines_offence
from indexer.assessment.models import Evidence, JurisdictionAssessment, LawSummary, RequirementVerdict
from indexer.assessment.regions import jurisdiction_name, region_of
from indexer.assessment.reviews import effective_outcomes, load_reviews
from indexer.assessment.rules import criminalisation_status, judge_all, scores
from indexer.assessment.spec import MEANS_NOT_REQUIRED, requirements

# "ESP", "gbr", "EU", "COE"
JURISDICTION_RE = re.compile(r"^[A-Za-z]{2,3}$")
PROVISION_SELECT = (
    "SELECT p.rowid AS rowid, p.id, p.law_id, p.version_id, p.eid, p.num, p.heading, p.text_hash,"
    " p.refs_json, p.ord, v.version_date, v.fetched_at FROM provisions p"
    " JOIN law_versions v ON v.id = p.version_id"
)


def normalise_jurisdiction(iso3: str) -> str:
    """Upper-case code; ValueError when it is not 2-3 letters."""
    code = (iso3 or "").strip()
    if not JURISDICTION_RE.match(code):
        raise ValueError(f"not a jurisdiction code: {iso3!r} (expected ISO 3166 alpha-3, or EU/UN/COE)")
    return code.upper()


def _version_day(version_date: str | None, fetched_at: str | None) -> date | None:
    for value in (version_date, fetched_at):
        if value:
            try:
                return date.fromisoformat(str(value)[:10])
            except ValueError:
                continue
    return None


def _version_for(conn: sqlite3.Connection, law_id: str, as_of: date) -> int | None:
    """The newest version of a law dated (or, undated, fetched) no later than ``as_of``."""
    row = conn.execute(
        "SELECT id FROM law_versions WHERE law_id = ?"
        " AND substr(COALESCE(version_date, fetched_at), 1, 10) <= ?"
        " ORDER BY substr(COALESCE(version_date, fetched_at), 1, 10) DESC, fetched_at DESC, id DESC LIMIT 1",
        (law_id, as_of.isoformat())).fetchone()
    return row["id"] if row else None


def _provision_rows(conn: sqlite3.Connection, law_ids: list[str], as_of: date | None) -> list[dict]:
    rows: list[dict] = []
    if as_of is None:
        for law_id in law_ids:
            rows += [dict(r) for r in conn.execute(
                PROVISION_SELECT + " WHERE p.law_id = ? AND p.is_current = 1 ORDER BY p.ord", (law_id,))]
        return rows
    for law_id in law_ids:
        version = _version_for(conn, law_id, as_of)
        if version is not None:
            rows += [dict(r) for r in conn.execute(
                PROVISION_SELECT + " WHERE p.version_id = ? ORDER BY p.ord", (version,))]
    return rows


def load_nodes(conn: sqlite3.Connection, laws: list[dict], as_of: date | None) -> list[Node]:
    """Provisions of some laws with their reviewed tags (reviews made by ``as_of`` when given)."""
    by_id = {law["id"]: law for law in laws}
    rows = _provision_rows(conn, list(by_id), as_of)
    outcomes = effective_outcomes(conn, rows, load_reviews(conn, list(by_id), as_of))
    return [Node(row=r, tags=outcomes[r["rowid"]].tags, law=by_id[r["law_id"]],
                 applied=outcomes[r["rowid"]].applied, stale=outcomes[r["rowid"]].stale) for r in rows]


def _evidence(node: Node, tag, via: list[str] | None = None) -> Evidence:
    return Evidence(
        provision_id=node.pid, law_id=node.row["law_id"], law_title=node.law.get("title", ""),
        num=node.row.get("num") or "", eid=node.row["eid"], source_url=node.law.get("source_url") or "",
        evidence=tag.evidence, start=tag.start, end=tag.end, confidence=tag.confidence,
        reviewed=tag.source == "review", version_date=_version_day(node.row.get("version_date"),
                                                                  node.row.get("fetched_at")),
        via=list(via or []), ord=node.row.get("ord") or 0)


def collect(conn: sqlite3.Connection, nodes: list[Node], jurisdiction: str, as_of: date | None
            ) -> tuple[dict[str, list[Evidence]], set[str]]:
    """Element -> evidence (direct and inherited through references), and the elements of the provisions
    that establish or define the offence (see :func:`defines_offence`)."""
    def loader(law_id: str) -> list[Node]:
        law = conn.execute("SELECT * FROM laws WHERE id = ?", (law_id,)).fetchone()
        if law is None or law["in_force"] == 0:
            return []
        return load_nodes(conn, [dict(law)], as_of)

    graph = RefGraph(nodes, conn, jurisdiction, loader)
    found: dict[str, list[Evidence]] = {}
    seen: set[tuple] = set()
    offence: set[str] = set()

    def add(element: str, ev: Evidence) -> None:
        key = (element, ev.provision_id, ev.start, ev.end, tuple(ev.via))
        if key not in seen:
            seen.add(key)
            found.setdefault(element, []).append(ev)

    for node in nodes:
        for tag in node.tags:
            add(tag.element, _evidence(node, tag))
        if not defines_offence(node):
            continue
        inherited = graph.inherited(node) + graph.scoped(node)
        for target, tag, chain in inherited:
            add(tag.element, _evidence(target, tag, chain))
        offence |= node.elements | {tag.element for _t, tag, _c in inherited}
    return {element: most_specific(items) for element, items in found.items()}, offence


def most_specific(items: list[Evidence]) -> list[Evidence]:
    """Drop a provision's evidence when one of its own sub-provisions quotes the same words.

    Parsers keep a section's full text and its subsections' texts; "s. 279.01(1)" is the better citation
    than "s. 279.01" for the same quote. Chains of references are compared without their last link.
    """
    def key(ev: Evidence) -> tuple:
        return ev.law_id, ev.evidence, tuple(ev.via[:-1])

    by_key: dict[tuple, list[str]] = {}
    for ev in items:
        by_key.setdefault(key(ev), []).append(ev.eid)
    kept = [ev for ev in items if not any(other.startswith(ev.eid + "__") for other in by_key[key(ev)])]
    # the same inherited quote reached from a section and from its own subsection: keep the subsection
    by_chain: dict[tuple, list[str]] = {}
    for ev in kept:
        if ev.via:
            by_chain.setdefault((ev.provision_id, ev.start, ev.end, tuple(ev.via[1:])), []).append(ev.via[0])
    return [ev for ev in kept if not ev.via or not any(
        other.startswith(ev.via[0] + "__")
        for other in by_chain[(ev.provision_id, ev.start, ev.end, tuple(ev.via[1:]))])]


def _review_marks(verdict: RequirementVerdict, nodes: list[Node], parts: set[str]) -> None:
    applied = sorted({rid for n in nodes for e in parts for rid in n.applied.get(e, [])})
    stale = sorted({rid for n in nodes for e in parts for rid in n.stale.get(e, [])})
    verdict.reviewed = bool(applied) or any(
        ev.reviewed for part in verdict.found + verdict.beyond_minimum for ev in part.provisions)
    verdict.review_ids = applied
    verdict.needs_rereview = bool(stale)
    verdict.rereview_ids = stale
    if stale:
        extra = f"{len(stale)} review(s) it rests on were made on an older text: needs re-review"
        verdict.note = f"{verdict.note}; {extra}" if verdict.note else extra


MEMO_SIZE = 512
_MEMO: OrderedDict[tuple, JurisdictionAssessment] = OrderedDict()
_MEMO_LOCK = threading.Lock()


def data_stamp(conn: sqlite3.Connection) -> tuple | None:
    """What identifies the data a connection sees: the database file and WAL (size, mtime) plus this
    connection's own change counter (uncommitted writes count too); None for an in-memory database."""
    row = conn.execute("PRAGMA database_list").fetchone()
    path = Path(row[2]) if row and row[2] else None
    if path is None:
        return None
    stats = []
    for file in (path, path.with_name(path.name + "-wal")):
        try:
            stat = file.stat()
            stats.append((stat.st_mtime_ns, stat.st_size))
        except OSError:
            stats.append(None)
    return (str(path), *stats, id(conn), conn.total_changes)


def assess(conn: sqlite3.Connection, iso3: str, *, as_of: date | None = None) -> JurisdictionAssessment:
    """Every requirement's verdict for one jurisdiction (memoised until the data changes).

    Comparisons, gap lists and scorecards ask for the same jurisdictions again and again; the
    result is recomputed whenever the database, its WAL or the connection's own writes change.
    Treat the returned object as read-only.
    """
    stamp = data_stamp(conn)
    if stamp is None:
        return compute_assessment(conn, iso3, as_of=as_of)
    key = (stamp, normalise_jurisdiction(iso3), as_of)
    with _MEMO_LOCK:
        if key in _MEMO:
            _MEMO.move_to_end(key)
            return _MEMO[key]
    result = compute_assessment(conn, iso3, as_of=as_of)
    with _MEMO_LOCK:
        _MEMO[key] = result
        while len(_MEMO) > MEMO_SIZE:
            _MEMO.popitem(last=False)
    return result


def compute_assessment(
    conn: sqlite3.Connection, iso3: str, *, as_of: date | None = None
) -> JurisdictionAssessment:
    """Every requirement's verdict for one jurisdiction, from its laws in force (or of unknown status).

    With ``as_of``, each law is read in its newest version dated no later than that day, and only
    reviews made by then apply. A jurisdiction without collected laws gets ``not_found`` everywhere,
    with the count of collected laws in each note.
    """
    code = normalise_jurisdiction(iso3)
    laws = [dict(r) for r in conn.execute("SELECT * FROM laws WHERE jurisdiction = ? ORDER BY id", (code,))]
    used = [law for law in laws if law["in_force"] != 0]
    nodes = load_nodes(conn, used, as_of)
    found, offence = collect(conn, nodes, code, as_of)
    specs = requirements()
    verdicts = judge_all(specs, found, offence, laws_collected=len(laws))
    for spec, verdict in zip(specs, verdicts, strict=True):
        parts = set(spec.parts)
        if spec.rule in {"means", "or_means_broader"}:
            parts.add(MEANS_NOT_REQUIRED)
        _review_marks(verdict, nodes, parts)
    versions: dict[str, date | None] = {}
    for node in nodes:
        day = _version_day(node.row.get("version_date"), node.row.get("fetched_at"))
        versions.setdefault(node.row["law_id"], day)
    summaries = [LawSummary(law_id=law["id"], title=law["title"],
                            in_force=None if law["in_force"] is None else bool(law["in_force"]),
                            used=law["id"] in versions, version_date=versions.get(law["id"]),
                            source_url=law.get("source_url") or "") for law in laws]
    dates = [d for d in versions.values() if d]
    return JurisdictionAssessment(
        jurisdiction=code, name=jurisdiction_name(code), region=region_of(code), as_of=as_of,
        laws_collected=len(laws), laws_used=len(versions), laws=summaries,
        newest_text_date=max(dates) if dates else None,
        criminalisation_status=criminalisation_status(verdicts, len(laws)), scores=scores(verdicts),
        requirements=verdicts,
        elements={e: len({ev.provision_id for ev in evs}) for e, evs in sorted(found.items()) if evs},
        needs_rereview=any(v.needs_rereview for v in verdicts))


def jurisdictions(conn: sqlite3.Connection) -> list[str]:
    """Every jurisdiction with at least one collected law."""
    return [r[0] for r in conn.execute("SELECT DISTINCT jurisdiction FROM laws ORDER BY jurisdiction")]
