"""Reviews: confirm / reject / add, reviewed beats automatic, audit trail, re-crawl staleness, queue."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from indexer.assessment import add_review, assess, effective_tags, review_history, review_queue
from tests.indexer.assessment.helpers import add_law, add_provision, add_version, full_law, make_db

PID = "ESP-test-act-aaaaaa--sec_1"


@pytest.fixture
def conn(tmp_path):
    connection = make_db(tmp_path)
    full_law(connection)
    yield connection
    connection.close()


def _rowid(conn, pid=PID):
    return conn.execute("SELECT rowid FROM provisions WHERE id = ? AND is_current = 1", (pid,)).fetchone()[0]


def test_rejecting_the_only_supporting_tag_flips_met_to_not_found(conn):
    assert assess(conn, "ESP").verdict("R1").verdict == "met"
    review = add_review(conn, provision_id=PID, element="crim.offence", action="reject", reviewer="ana",
                        note="this sentence only defines")
    assert review.id and review.action == "reject" and review.reviewer == "ana"
    r1 = assess(conn, "ESP").verdict("R1")
    assert r1.verdict == "not_found" and r1.reviewed and r1.review_ids == [review.id]
    assert "crim.offence" not in {t.element for t in effective_tags(conn, _rowid(conn))}


def test_rejecting_one_means_turns_met_into_partial(conn):
    add_review(conn, provision_id=PID, element="means.fraud", action="reject", reviewer="ana")
    r3 = assess(conn, "ESP").verdict("R3")
    assert r3.verdict == "partial" and r3.missing == ["means.fraud"]


def test_confirm_marks_evidence_reviewed_and_add_creates_a_tag(conn):
    add_review(conn, provision_id=PID, element="act.receipt", action="confirm", reviewer="bo")
    r2 = assess(conn, "ESP").verdict("R2")
    receipt = next(p for p in r2.found if p.element == "act.receipt").provisions[0]
    assert receipt.reviewed and receipt.confidence == 1.0 and r2.reviewed
    assert assess(conn, "ESP").verdict("R6").verdict == "not_found"
    add_review(conn, provision_id=PID, element="definition.child_no_means", action="add", reviewer="bo",
               evidence="the consent of the victim is no defence", note="read with section 4")
    r6 = assess(conn, "ESP").verdict("R6")
    assert r6.verdict == "met" and r6.found[0].provisions[0].reviewed
    tag = next(t for t in effective_tags(conn, _rowid(conn)) if t.element == "definition.child_no_means")
    text = conn.execute("SELECT text FROM provisions WHERE id = ?", (PID,)).fetchone()[0]
    assert text[tag.start:tag.end] == tag.evidence and tag.source == "review"


def test_later_review_beats_earlier_one(conn):
    add_review(conn, provision_id=PID, element="crim.offence", action="reject", reviewer="ana")
    add_review(conn, provision_id=PID, element="crim.offence", action="confirm", reviewer="bo")
    assert assess(conn, "ESP").verdict("R1").verdict == "met"


@pytest.mark.parametrize("kwargs, message", [
    ({"element": "crim.unknown", "action": "add"}, "unknown element"),
    ({"element": "crim.offence", "action": "delete"}, "action"),
    ({"element": "crim.offence", "action": "reject", "reviewer": " "}, "reviewer"),
    ({"element": "crim.offence", "action": "reject", "provision_id": "nope--sec_1"}, "unknown provision"),
    ({"element": "prot.housing", "action": "reject"}, "no prot.housing tag"),
    ({"element": "prot.housing", "action": "confirm"}, "no prot.housing tag"),
    ({"element": "prot.housing", "action": "add", "start": 5, "end": 900}, "not inside"),
    ({"element": "prot.housing", "action": "add", "evidence": "not in the text"}, "not in the provision"),
    ({"element": "prot.housing", "action": "add", "evidence": "xyz", "start": 0, "end": 3}, "does not match"),
    ({"element": "prot.housing", "action": "add"}, "needs an evidence"),
])
def test_bad_reviews_are_refused(conn, kwargs, message):
    args = {"provision_id": PID, "reviewer": "ana", **kwargs}
    with pytest.raises(ValueError, match=message):
        add_review(conn, **args)
    assert conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 0


def test_audit_trail_keeps_who_when_before_after_and_is_append_only(conn):
    review = add_review(conn, provision_id=PID, element="crim.offence", action="reject", reviewer="ana")
    row = conn.execute("SELECT * FROM reviews WHERE id = ?", (review.id,)).fetchone()
    assert row["reviewer"] == "ana" and row["created_at"] and row["text_hash"]
    assert [t["element"] for t in json.loads(row["before_json"])] == ["crim.offence"]
    assert json.loads(row["after_json"]) == []
    audit = conn.execute("SELECT * FROM audit_log WHERE target = ?", (PID,)).fetchone()
    assert audit["actor"] == "ana" and audit["action"] == "review.reject"
    assert json.loads(audit["detail_json"])["review_id"] == review.id
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE reviews SET reviewer = 'eve'")
    conn.rollback()
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM reviews")
    conn.rollback()


def _recrawl(conn, text_change: bool):
    """A new version of the law: the same provisions, sec_1 slightly reworded when ``text_change``."""
    old = {r["eid"]: dict(r) for r in conn.execute(
        "SELECT * FROM provisions WHERE law_id = 'ESP-test-act-aaaaaa' AND is_current = 1")}
    tags = {eid: [(t["element"], t["evidence"]) for t in conn.execute(
        "SELECT * FROM tags WHERE provision_rowid = ?", (row["rowid"],))] for eid, row in old.items()}
    version = add_version(conn, "ESP-test-act-aaaaaa", version_date="2024-03-01",
                          fetched_at="2024-03-02T00:00:00+00:00")
    for eid, row in old.items():
        text = row["text"] + (" It applies also abroad." if text_change and eid == "sec_1" else "")
        add_provision(conn, "ESP-test-act-aaaaaa", version, eid, text, num=row["num"], tags=tags[eid],
                      refs=json.loads(row["refs_json"]))


def test_review_survives_recrawl_with_same_text(conn):
    add_review(conn, provision_id=PID, element="crim.offence", action="reject", reviewer="ana")
    _recrawl(conn, text_change=False)
    r1 = assess(conn, "ESP").verdict("R1")
    assert r1.verdict == "not_found" and not r1.needs_rereview


def test_changed_text_keeps_review_but_needs_rereview(conn):
    review = add_review(conn, provision_id=PID, element="crim.offence", action="reject", reviewer="ana")
    _recrawl(conn, text_change=True)
    r1 = assess(conn, "ESP").verdict("R1")
    assert r1.verdict == "met"  # the stale rejection no longer applies to the new text...
    # ...and it says so
    assert r1.needs_rereview and r1.rereview_ids == [review.id] and "re-review" in r1.note
    assert conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 1
    history = review_history(conn, PID)
    assert [(r.id, r.needs_rereview, r.reviewer) for r in history] == [(review.id, True, "ana")]
    queue = review_queue(conn)
    assert queue[0]["kind"] == "needs_rereview" and queue[0]["review_id"] == review.id
    add_review(conn, provision_id=PID, element="crim.offence", action="reject", reviewer="ana")
    r1 = assess(conn, "ESP").verdict("R1")
    assert r1.verdict == "not_found" and not r1.needs_rereview
    assert all(item["kind"] != "needs_rereview" for item in review_queue(conn))


def test_as_of_ignores_reviews_made_later(conn):
    add_review(conn, provision_id=PID, element="crim.offence", action="reject", reviewer="ana")
    assert assess(conn, "ESP", as_of=date(2021, 1, 1)).verdict("R1").verdict == "met"
    assert assess(conn, "ESP", as_of=date(2999, 1, 1)).verdict("R1").verdict == "not_found"


def test_review_queue_lists_low_confidence_tags_until_reviewed(tmp_path):
    conn = make_db(tmp_path)
    add_law(conn, "CAN-act-999999", "CAN", "Invented Victims Act")
    v = add_version(conn, "CAN-act-999999")
    add_provision(conn, "CAN-act-999999", v, "sec_5", "Victims may be given shelter and counselling.",
                  tags=[("prot.housing", "shelter", 0.4), ("prot.counselling", "counselling", 0.95)])
    queue = review_queue(conn)
    assert [(q["kind"], q["element"]) for q in queue] == [("low_confidence", "prot.housing")]
    add_review(conn, provision_id="CAN-act-999999--sec_5", element="prot.housing", action="confirm",
               reviewer="cy")
    assert review_queue(conn) == []
    assert review_queue(conn, threshold=1.0, limit=1)[0]["element"] == "prot.counselling"


def test_confirmation_survives_retagging_that_drops_the_tag(conn):
    add_review(conn, provision_id=PID, element="act.receipt", action="confirm", reviewer="bo")
    conn.execute("DELETE FROM tags WHERE element = 'act.receipt'")  # a new tagger no longer finds it
    conn.commit()
    receipt = next(p for p in assess(conn, "ESP").verdict("R2").found if p.element == "act.receipt")
    assert receipt.provisions[0].evidence == "receives" and receipt.provisions[0].reviewed
