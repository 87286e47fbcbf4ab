"""Verdicts over time: a diff between two dates and the verdict history (change feed)."""

from __future__ import annotations

import logging
import sqlite3
from contextlib import nullcontext
from datetime import UTC, date, datetime

from indexer.assessment.engine import assess, jurisdictions, normalise_jurisdiction
from indexer.assessment.models import Evidence, RequirementVerdict, VerdictChange
from indexer.db import transaction

log = logging.getLogger(__name__)
CAUSE_MAX = 1000


def _parts(verdict: RequirementVerdict) -> dict[str, list[Evidence]]:
    return {p.element: p.provisions for p in [*verdict.found, *verdict.beyond_minimum]}


def _provision_keys(evidence: list[Evidence]) -> set[tuple[str, str]]:
    return {(e.provision_id, e.evidence) for e in evidence}


def diff(conn: sqlite3.Connection, iso3: str, date_from: date, date_to: date) -> list[VerdictChange]:
    """What changed in a jurisdiction's verdicts between two dates and which provisions caused it.

    A requirement is listed when its verdict, its found parts or the provisions they rest on
    changed. ``caused_by`` holds the provisions of added parts (from the later state) and of
    removed parts (from the earlier state). ValueError when ``date_from`` is after ``date_to``.
    """
    if date_from > date_to:
        raise ValueError(f"date_from {date_from} is after date_to {date_to}")
    code = normalise_jurisdiction(iso3)
    before = assess(conn, code, as_of=date_from)
    after = assess(conn, code, as_of=date_to)
    changes: list[VerdictChange] = []
    for old, new in zip(before.requirements, after.requirements, strict=True):
        old_parts, new_parts = _parts(old), _parts(new)
        added = [e for e in new_parts if e not in old_parts]
        removed = [e for e in old_parts if e not in new_parts]
        caused: list[Evidence] = [ev for e in added for ev in new_parts[e]]
        caused += [ev for e in removed for ev in old_parts[e]]
        for element in new_parts.keys() & old_parts.keys():
            old_keys = _provision_keys(old_parts[element])
            caused += [ev for ev in new_parts[element] if (ev.provision_id, ev.evidence) not in old_keys]
        if old.verdict == new.verdict and not caused:
            continue
        changes.append(VerdictChange(
            requirement=new.id, label=new.label, before=old.verdict, after=new.verdict,
            verdict_changed=old.verdict != new.verdict, added_parts=added, removed_parts=removed,
            caused_by=caused))
    return changes


def _cause(verdict: RequirementVerdict) -> str:
    provisions = sorted({e.provision_id for p in verdict.found for e in p.provisions})
    text = f"found: {', '.join(p.element for p in verdict.found) or 'nothing'}"
    if verdict.missing:
        text += f"; missing: {', '.join(verdict.missing)}"
    if provisions:
        text += f"; provisions: {', '.join(provisions)}"
    return text[:CAUSE_MAX]


def latest_verdicts(conn: sqlite3.Connection, iso3: str) -> dict[str, str]:
    """The last recorded verdict of each requirement of a jurisdiction."""
    rows = conn.execute("SELECT requirement, verdict FROM verdict_history WHERE jurisdiction = ? ORDER BY id",
                        (iso3,))
    return {r["requirement"]: r["verdict"] for r in rows}


def record_verdicts(conn: sqlite3.Connection, iso3s: list[str] | None = None) -> int:
    """Append each verdict that changed since the last run to ``verdict_history``; returns how many.

    The first run of a jurisdiction records every verdict (``previous`` NULL). A jurisdiction whose
    assessment fails is logged and skipped; the others are still recorded.
    """
    codes = [normalise_jurisdiction(c) for c in iso3s] if iso3s is not None else jurisdictions(conn)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    pending: list[tuple] = []
    for code in codes:
        try:
            item = assess(conn, code)
        except Exception:  # one jurisdiction never stops the batch
            log.exception("assessment of %s failed", code)
            continue
        last = latest_verdicts(conn, code)
        for verdict in item.requirements:
            previous = last.get(verdict.id)
            if previous != verdict.verdict:
                pending.append((code, verdict.id, verdict.verdict, previous, now, _cause(verdict)))
    if pending:
        ctx = nullcontext(conn) if conn.in_transaction else transaction(conn)
        with ctx:
            conn.executemany(
                "INSERT INTO verdict_history(jurisdiction, requirement, verdict, previous, at, cause)"
                " VALUES (?,?,?,?,?,?)", pending)
    return len(pending)
