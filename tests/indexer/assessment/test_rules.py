"""The verdict rules as pure functions, with property tests (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.assessment import add_review, assess, requirements
from indexer.assessment.models import VERDICT_RANK, Evidence
from indexer.assessment.rules import criminalisation_status, judge, judge_all, scores
from indexer.db import connect
from tests.indexer.assessment.helpers import OFFENCE_TAGS, OFFENCE_TEXT, add_law, add_provision, add_version

SPECS = requirements()
BY_ID = {s.id: s for s in SPECS}
ELEMENTS = sorted({p for s in SPECS for p in s.parts} | {"means.not_required", "purpose.forced_begging",
                                                          "purpose.illegal_adoption"})


def _ev(element: str, pid: str = "X-law--sec_1") -> Evidence:
    return Evidence(provision_id=pid, law_id="X-law", eid="sec_1", evidence=element)


def _found(elements) -> dict[str, list[Evidence]]:
    return {e: [_ev(e)] for e in elements}


def test_all_parts_rule():
    spec = BY_ID["R2"]
    assert judge(spec, {}).verdict == "not_found"
    partial = judge(spec, _found(["act.recruitment", "act.receipt"]))
    assert partial.verdict == "partial"
    assert partial.missing == ["act.transportation", "act.transfer", "act.harbouring"]
    assert judge(spec, _found(spec.parts)).verdict == "met"


def test_means_broader_only_on_offence_provision():
    spec = BY_ID["R3"]
    found = _found(["means.not_required", "means.fraud"])
    assert judge(spec, found, set()).verdict == "partial"
    assert judge(spec, found, {"means.not_required", "crim.offence"}).verdict == "broader"


def test_purposes_beyond_minimum_listed():
    result = judge(BY_ID["R4"], _found([*BY_ID["R4"].parts, "purpose.forced_begging"]))
    assert result.verdict == "met"
    assert [p.element for p in result.beyond_minimum] == ["purpose.forced_begging"]


def test_status_partial_names_what_is_missing():
    found = _found(["crim.offence", *BY_ID["R2"].parts, *BY_ID["R3"].parts,
                    *[p for p in BY_ID["R4"].parts if p != "purpose.organ_removal"]])
    verdicts = judge_all(SPECS, found, laws_collected=2)
    status = criminalisation_status(verdicts, 2)
    assert status.status == "partial" and status.reasons == ["R4: no removal of organs"]
    assert status.deciding == {"R1": "met", "R2": "met", "R3": "met", "R4": "partial"}
    assert criminalisation_status(judge_all(SPECS, {}, laws_collected=1), 1).status == "no_specific_offence"


def test_scores_count_broader_as_met():
    verdicts = judge_all(SPECS, _found(["crim.offence", "means.not_required"]), {"means.not_required"})
    figures = scores(verdicts)
    assert figures.mandatory.met == 4  # R1, R3 broader, R5 and R6 through R3
    assert figures.mandatory.total + figures.consider.total + figures.practice.total == len(SPECS)


@settings(max_examples=300, deadline=None)
@given(base=st.sets(st.sampled_from(ELEMENTS)), offence=st.sets(st.sampled_from(ELEMENTS)),
       extra=st.sampled_from(ELEMENTS), on_offence=st.booleans())
def test_adding_a_found_part_never_lowers_a_verdict(base, offence, extra, on_offence):
    offence = offence & base
    before = judge_all(SPECS, _found(base), offence)
    after = judge_all(SPECS, _found(base | {extra}), offence | ({extra} if on_offence else set()))
    for old, new in zip(before, after, strict=True):
        assert VERDICT_RANK[new.verdict] >= VERDICT_RANK[old.verdict], (old.id, old.verdict, new.verdict)


@settings(max_examples=25, deadline=None)
@given(keep=st.sets(st.sampled_from(range(len(OFFENCE_TAGS))), min_size=1), data=st.data())
def test_rejecting_the_only_supporting_tag_lowers_met(keep, data):
    conn = connect(":memory:")
    add_law(conn, "NZL-act-123456", "NZL", "Invented Act")
    version = add_version(conn, "NZL-act-123456")
    tags = [OFFENCE_TAGS[i] for i in sorted(keep)]
    add_provision(conn, "NZL-act-123456", version, "sec_1", OFFENCE_TEXT, tags=tags)
    before = assess(conn, "NZL")
    met = [v for v in before.requirements if v.verdict == "met"]
    if not met:
        return
    target = data.draw(st.sampled_from(met))
    part = data.draw(st.sampled_from([p.element for p in target.found]))
    add_review(conn, provision_id="NZL-act-123456--sec_1", element=part, action="reject", reviewer="prop")
    after = assess(conn, "NZL").verdict(target.id)
    assert after.verdict in {"partial", "not_found"} and part in after.missing and after.reviewed
    conn.close()

