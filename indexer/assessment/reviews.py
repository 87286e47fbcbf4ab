"""Reviews: confirm, reject or add a tag; reviewed beats automatic; an append-only audit trail.

A review is keyed by the provision's public id (``<law_id>--<eid>``) plus the hash
of the text it judged. When a re-crawl changes the text, the review is kept but
no longer applied: it is "stale" and the provision needs re-review (the verdicts
that rest on its elements say so) until a reviewer looks again.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Literal

from indexer.assessment.spec import element_ids
from indexer.db import transaction
from indexer.models import Review, Tag

REVIEW_ACTIONS = ("confirm", "reject", "add")
LOW_CONFIDENCE = 0.6


@dataclass
class ReviewOutcome:
    """Tags of one provision after its reviews, and which reviews applied or went stale."""

    tags: list[Tag]
    applied: dict[str, list[int]] = field(default_factory=dict)  # element -> review ids applied
    stale: dict[str, list[int]] = field(default_factory=dict)  # element -> review ids on an older text


def _span_match(tag: Tag, start: int | None, end: int | None) -> bool:
    return start is None or (tag.start == start and (end is None or tag.end == end))


def _reviewed(tag: Tag, review_id: int) -> Tag:
    return tag.model_copy(update={"source": "review", "confidence": 1.0,
                                  "rule_ids": [*tag.rule_ids, f"review:{review_id}"]})


def apply_reviews(auto: list[Tag], reviews: Iterable, text_hash: str) -> ReviewOutcome:
    """Apply reviews (oldest first) to a provision's automatic tags; reviews of another text are stale."""
    state: dict[str, list[Tag]] = {}
    for tag in auto:
        state.setdefault(tag.element, []).append(tag)
    outcome = ReviewOutcome(tags=[])
    for review in sorted(reviews, key=lambda r: r["id"]):
        element, rid = review["element"], review["id"]
        if review["text_hash"] != text_hash:
            outcome.stale.setdefault(element, []).append(rid)
            continue
        # a review of the current text settles any stale one on the same element
        outcome.stale.pop(element, None)
        outcome.applied.setdefault(element, []).append(rid)
        start, end = review["start"], review["end"]
        current = state.get(element, [])
        if review["action"] == "reject":
            state[element] = [t for t in current if not _span_match(t, start, end)]
        elif review["action"] == "confirm":
            base = [t for t in current if _span_match(t, start, end)]
            if not base:  # confirming after a rejection brings the automatic tag back
                base = [t for t in auto if t.element == element and _span_match(t, start, end)]
            if not base and review["evidence"] and start is not None:
                # re-tagging dropped the tag: the reviewer's word holds
                base = [Tag(element=element, evidence=review["evidence"], start=start,
                            end=end if end is not None else start + len(review["evidence"]), confidence=1.0)]
            keep = [t for t in current if not _span_match(t, start, end)]
            state[element] = keep + [_reviewed(t, rid) for t in base]
        else:
            added = Tag(element=element, evidence=review["evidence"], start=start or 0, end=end or 0,
                        confidence=1.0, rule_ids=[f"review:{rid}"], source="review")
            state[element] = [t for t in current if (t.start, t.end) != (added.start, added.end)] + [added]
    outcome.tags = sorted((t for tags in state.values() for t in tags), key=lambda t: (t.start, t.element))
    return outcome


def _auto_tags(conn: sqlite3.Connection, rowids: list[int]) -> dict[int, list[Tag]]:
    out: dict[int, list[Tag]] = {r: [] for r in rowids}
    for chunk in range(0, len(rowids), 500):
        part = rowids[chunk:chunk + 500]
        rows = conn.execute(
            f'SELECT * FROM tags WHERE provision_rowid IN ({",".join("?" * len(part))}) ORDER BY start, id',
            part)
        for r in rows:
            out[r["provision_rowid"]].append(Tag(
                element=r["element"], evidence=r["evidence"], start=r["start"], end=r["end"],
                confidence=max(0.0, min(1.0, r["confidence"])),
                rule_ids=json.loads(r["rule_ids_json"] or "[]"),
                source="review" if r["source"] == "review" else "auto"))
    return out


def load_reviews(conn: sqlite3.Connection, law_ids: list[str], as_of: date | None = None) -> dict[str, list]:
    """Reviews of some laws by provision id (only those made by the end of ``as_of`` when given)."""
    out: dict[str, list] = {}
    for chunk in range(0, len(law_ids), 500):
        part = law_ids[chunk:chunk + 500]
        sql = f"SELECT * FROM reviews WHERE law_id IN ({','.join('?' * len(part))})"
        params: list = list(part)
        if as_of is not None:
            sql += " AND substr(created_at, 1, 10) <= ?"
            params.append(as_of.isoformat())
        for r in conn.execute(sql + " ORDER BY id", params):
            out.setdefault(r["provision_id"], []).append(dict(r))
    return out


def effective_outcomes(conn: sqlite3.Connection, rows: list,
                       reviews: dict[str, list]) -> dict[int, ReviewOutcome]:
    """Reviewed tags of many provision rows (each row needs ``rowid``, ``id`` and ``text_hash``)."""
    autos = _auto_tags(conn, [r["rowid"] for r in rows])
    return {r["rowid"]: apply_reviews(autos[r["rowid"]], reviews.get(r["id"], []), r["text_hash"])
            for r in rows}


def effective_tags(conn: sqlite3.Connection, provision_rowid: int) -> list[Tag]:
    """Automatic tags of one provision row with its reviews applied (reviewed beats automatic)."""
    row = conn.execute("SELECT rowid, id, text_hash FROM provisions WHERE rowid = ?",
                       (provision_rowid,)).fetchone()
    if row is None:
        return []
    reviews = _reviews_of(conn, row["id"])
    return apply_reviews(_auto_tags(conn, [row["rowid"]])[row["rowid"]], reviews, row["text_hash"]).tags


def _parse_time(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def _reviews_of(conn: sqlite3.Connection, provision_id: str) -> list[dict]:
    return [dict(r) for r in conn.execute("SELECT * FROM reviews WHERE provision_id = ? ORDER BY id",
                                          (provision_id,))]


def _dump(tags: list[Tag], element: str) -> list[dict]:
    return [t.model_dump() for t in tags if t.element == element]


def _resolve_span(text: str, evidence: str, start: int | None, end: int | None) -> tuple[str, int, int]:
    if start is None and end is None:
        if not evidence.strip():
            raise ValueError("an added tag needs an evidence quote or a span (start, end)")
        found = text.find(evidence)
        if found < 0:
            raise ValueError("the evidence quote is not in the provision's text")
        return evidence, found, found + len(evidence)
    if start is None or end is None or not 0 <= start < end <= len(text):
        raise ValueError(f"span ({start}, {end}) is not inside the provision's text (length {len(text)})")
    if evidence and evidence != text[start:end]:
        raise ValueError("the evidence quote does not match the text at the span")
    return text[start:end], start, end


def add_review(
    conn: sqlite3.Connection,
    *,
    provision_id: str,
    element: str,
    action: Literal["confirm", "reject", "add"],
    reviewer: str,
    evidence: str = "",
    start: int | None = None,
    end: int | None = None,
    note: str = "",
) -> Review:
    """Record a reviewer's decision on a current provision; writes ``reviews`` and ``audit_log`` rows.

    Raises ValueError for an unknown element, action or provision, an empty reviewer, a span outside
    the text, or a confirm/reject of a tag the provision does not carry.
    """
    if element not in element_ids():
        raise ValueError(f"unknown element {element!r}")
    if action not in REVIEW_ACTIONS:
        raise ValueError(f"action must be one of {', '.join(REVIEW_ACTIONS)}")
    if not reviewer or not reviewer.strip():
        raise ValueError("a review needs a reviewer")
    row = conn.execute("SELECT rowid, * FROM provisions WHERE id = ? AND is_current = 1",
                       (provision_id,)).fetchone()
    if row is None:
        raise ValueError(f"unknown provision {provision_id!r}")
    prior = _reviews_of(conn, provision_id)
    auto = _auto_tags(conn, [row["rowid"]])[row["rowid"]]
    before = apply_reviews(auto, prior, row["text_hash"]).tags
    if action == "add":
        evidence, start, end = _resolve_span(row["text"], evidence, start, end)
    else:
        candidates = [t for t in before + auto if t.element == element and _span_match(t, start, end)]
        current = [t for t in before if t.element == element and _span_match(t, start, end)]
        if action == "reject" and not current:
            raise ValueError(f"{provision_id} carries no {element} tag to reject")
        if action == "confirm" and not candidates:
            raise ValueError(f"{provision_id} carries no {element} tag to confirm")
        evidence = evidence or candidates[0].evidence
        if action == "confirm" and start is None and len({(t.start, t.end) for t in candidates}) == 1:
            # the span keeps the confirmation alive if a later re-tagging drops the tag
            start, end = candidates[0].start, candidates[0].end
    now = datetime.now(UTC).isoformat(timespec="microseconds")
    new = {"id": (prior[-1]["id"] + 1) if prior else 1, "element": element, "action": action, "start": start,
           "end": end, "evidence": evidence, "text_hash": row["text_hash"]}
    after = apply_reviews(auto, [*prior, new], row["text_hash"]).tags
    detail = {"provision_id": provision_id, "element": element, "action": action, "note": note,
              "before": _dump(before, element), "after": _dump(after, element), "text_hash": row["text_hash"]}
    ctx = nullcontext(conn) if conn.in_transaction else transaction(conn)
    with ctx:
        cur = conn.execute(
            "INSERT INTO reviews(provision_id, law_id, eid, text_hash, element, action, evidence, start,"
            ' "end", note, reviewer, created_at, before_json, after_json)'
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (provision_id, row["law_id"], row["eid"], row["text_hash"], element, action, evidence, start, end,
             note, reviewer.strip(), now, json.dumps(detail["before"], ensure_ascii=False),
             json.dumps(detail["after"], ensure_ascii=False)))
        review_id = cur.lastrowid
        conn.execute("INSERT INTO audit_log(at, actor, action, target, detail_json) VALUES (?,?,?,?,?)",
                     (now, reviewer.strip(), f"review.{action}", provision_id,
                      json.dumps({**detail, "review_id": review_id}, ensure_ascii=False)))
    return Review(id=review_id, provision_id=provision_id, eid=row["eid"], text_hash=row["text_hash"],
                  element=element, action=action, evidence=evidence, start=start, end=end, note=note,
                  reviewer=reviewer.strip(), created_at=datetime.fromisoformat(now), needs_rereview=False)


def review_queue(conn: sqlite3.Connection, *, limit: int = 100,
                 threshold: float = LOW_CONFIDENCE) -> list[dict]:
    """What a reviewer should look at: reviews whose provision text changed, then low-confidence tags."""
    queue: list[dict] = []
    latest = conn.execute(
        "SELECT r.*, p.text_hash AS current_hash, p.rowid AS prow FROM reviews r"
        " JOIN (SELECT provision_id, element, MAX(id) AS mid FROM reviews GROUP BY provision_id, element) m"
        " ON m.mid = r.id LEFT JOIN provisions p ON p.id = r.provision_id AND p.is_current = 1 ORDER BY r.id")
    for r in latest:
        if r["current_hash"] == r["text_hash"]:
            continue
        queue.append({
            "kind": "needs_rereview" if r["prow"] is not None else "provision_gone",
            "provision_id": r["provision_id"], "law_id": r["law_id"], "eid": r["eid"],
            "element": r["element"],
            "review_id": r["id"], "action": r["action"], "reviewer": r["reviewer"], "evidence": r["evidence"],
            "confidence": None, "reviewed_at": r["created_at"]})
    if len(queue) < limit:
        rows = conn.execute(
            "SELECT t.element, t.evidence, t.start, t.\"end\", t.confidence, p.id AS provision_id,"
            " p.law_id, p.eid"
            " FROM tags t JOIN provisions p ON p.rowid = t.provision_rowid"
            " WHERE p.is_current = 1 AND t.source = 'auto' AND t.confidence < ?"
            " AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.provision_id = p.id AND r.element = t.element"
            " AND r.text_hash = p.text_hash) ORDER BY t.confidence, p.id LIMIT ?",
            (threshold, limit - len(queue)))
        queue.extend({"kind": "low_confidence", **dict(r), "review_id": None} for r in rows)
    return queue[:limit]


def review_history(conn: sqlite3.Connection, provision_id: str | None = None, *,
                   limit: int = 100) -> list[Review]:
    """The audit trail of reviews, newest first (of one provision when given), each marked
    ``needs_rereview`` when the provision's current text is not the text it judged."""
    sql = ("SELECT r.*, p.text_hash AS current_hash FROM reviews r"
           " LEFT JOIN provisions p ON p.id = r.provision_id AND p.is_current = 1")
    params: list = []
    if provision_id:
        sql += " WHERE r.provision_id = ?"
        params.append(provision_id)
    rows = conn.execute(sql + " ORDER BY r.id DESC LIMIT ?", [*params, max(1, limit)])
    return [Review(id=r["id"], provision_id=r["provision_id"], eid=r["eid"], text_hash=r["text_hash"],
                   element=r["element"], action=r["action"], evidence=r["evidence"], start=r["start"],
                   end=r["end"], note=r["note"], reviewer=r["reviewer"],
                   created_at=_parse_time(r["created_at"]),
                   needs_rereview=r["current_hash"] != r["text_hash"]) for r in rows]
