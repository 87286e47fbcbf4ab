"""diff() between two dates and record_verdicts() (verdict history change feed)."""

from __future__ import annotations

from datetime import date

import pytest

from indexer.assessment import diff, record_verdicts
from tests.indexer.assessment.helpers import (
    OFFENCE_TAGS,
    OFFENCE_TEXT,
    add_provision,
    add_version,
    full_law,
    make_db,
)


@pytest.fixture
def conn(tmp_path):
    connection = make_db(tmp_path)
    yield connection
    connection.close()


def _amend(conn, law_id: str, *, drop: str, version_date: str) -> None:
    """A new version of the invented law whose offence no longer carries ``drop``."""
    version = add_version(conn, law_id, version_date=version_date,
                          fetched_at=version_date + "T00:00:00+00:00")
    add_provision(conn, law_id, version, "sec_1", OFFENCE_TEXT, num="1",
                  tags=[t for t in OFFENCE_TAGS if t[0] != drop])


def test_diff_names_the_change_and_the_provision(conn):
    law_id, _ = full_law(conn, version_date="2018-01-01")
    _amend(conn, law_id, drop="means.abuse_of_vulnerability", version_date="2022-06-01")
    changes = {c.requirement: c for c in diff(conn, "ESP", date(2019, 1, 1), date(2023, 1, 1))}
    r3 = changes["R3"]
    assert (r3.before, r3.after, r3.verdict_changed) == ("met", "partial", True)
    assert r3.removed_parts == ["means.abuse_of_vulnerability"]
    assert r3.caused_by[0].provision_id == f"{law_id}--sec_1"
    assert r3.caused_by[0].version_date == date(2018, 1, 1)
    # the new version has no sec_2: the purposes it defined are gone as well
    assert changes["R4"].after == "not_found" and "purpose.slavery" in changes["R4"].removed_parts
    assert diff(conn, "ESP", date(2019, 1, 1), date(2019, 6, 1)) == []
    with pytest.raises(ValueError):
        diff(conn, "ESP", date(2023, 1, 1), date(2019, 1, 1))


def test_diff_from_before_any_law(conn):
    full_law(conn, version_date="2018-01-01")
    changes = diff(conn, "ESP", date(2000, 1, 1), date(2020, 1, 1))
    r1 = next(c for c in changes if c.requirement == "R1")
    assert (r1.before, r1.after, r1.added_parts) == ("not_found", "met", ["crim.offence"])


def test_record_verdicts_appends_only_changes(conn):
    law_id, _ = full_law(conn)
    first = record_verdicts(conn)
    assert first == 22
    assert record_verdicts(conn, ["ESP"]) == 0
    _amend(conn, law_id, drop="crim.offence", version_date="2024-01-01")
    changed = record_verdicts(conn, ["esp"])
    rows = conn.execute("SELECT * FROM verdict_history WHERE previous IS NOT NULL ORDER BY id").fetchall()
    assert changed == len(rows) and changed >= 2
    r1 = next(r for r in rows if r["requirement"] == "R1")
    assert (r1["previous"], r1["verdict"]) == ("met", "not_found") and "missing: crim.offence" in r1["cause"]
    assert conn.execute("SELECT COUNT(*) FROM verdict_history").fetchone()[0] == 22 + changed
