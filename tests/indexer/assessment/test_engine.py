"""assess() on synthetic laws: verdicts, evidence, cross-references, in-force status, scores, status."""

from __future__ import annotations

from datetime import date

import pytest

from indexer.assessment import assess, requirements
from tests.indexer.assessment.helpers import (
    DEFINITION_TAGS,
    OFFENCE_TAGS,
    PURPOSES,
    REF_TO_SEC_2,
    add_law,
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


def test_complete_law_meets_criminalisation_requirements(conn):
    full_law(conn)
    result = assess(conn, "esp")
    assert result.jurisdiction == "ESP" and result.name == "Spain" and result.region == "Southern Europe"
    for rid in ("R1", "R2", "R3", "R4", "R5"):
        assert result.verdict(rid).verdict == "met", rid
    assert result.verdict("R6").verdict == "not_found"
    assert result.criminalisation_status.status == "all_forms"
    assert result.criminalisation_status.victim_scope == "victim scope not assessed"
    assert result.newest_text_date == date(2020, 5, 1)
    r4 = result.verdict("R4")
    assert [p.element for p in r4.beyond_minimum] == ["purpose.forced_begging"]
    assert r4.newest_text_date == date(2020, 5, 1)


def test_evidence_cites_law_provision_link_and_quote(conn):
    full_law(conn)
    r1 = assess(conn, "ESP").verdict("R1")
    evidence = r1.found[0].provisions[0]
    assert evidence.provision_id == "ESP-test-act-aaaaaa--sec_1"
    assert evidence.law_title == "Invented Trafficking Act"
    assert evidence.num == "1" and evidence.eid == "sec_1"
    assert evidence.source_url == "https://example.org/ESP-test-act-aaaaaa"
    assert evidence.evidence == "commits an offence"
    assert evidence.end - evidence.start == len(evidence.evidence)


def test_offence_inherits_definitions_through_reference_with_chain(conn):
    full_law(conn)
    r4 = assess(conn, "ESP").verdict("R4")
    slavery = next(p for p in r4.found if p.element == "purpose.slavery")
    vias = [e.via for e in slavery.provisions]
    assert ["ESP-test-act-aaaaaa--sec_1", "ESP-test-act-aaaaaa--sec_2"] in vias
    assert [] in vias  # the definition itself also counts directly


def test_reference_to_another_named_law_counts_only_through_the_chain(conn):
    # The definitions live in a law of another collection (an EU directive); the offence names it.
    add_law(conn, "EU-directive-x-bbbbbb", "EU", "Directive on preventing trafficking", number="2011/36/EU")
    dv = add_version(conn, "EU-directive-x-bbbbbb", version_date="2011-04-05")
    add_provision(conn, "EU-directive-x-bbbbbb", dv, "art_2", "Exploitation includes servitude and slavery.",
                  tags=[("purpose.servitude", "servitude"), ("purpose.slavery", "slavery")])
    add_law(conn, "FRA-code-cccccc", "FRA", "Invented penal code", in_force=True)
    fv = add_version(conn, "FRA-code-cccccc", version_date="2019-01-01")
    text = ("Recruiting a person for exploitation within the meaning of article 2 of Directive 2011/36/EU"
            " is punished.")
    ref = {"text": "article 2 of Directive 2011/36/EU", "start": 0, "end": 10, "target_eid": "art_2",
           "target_law": "Directive 2011/36/EU"}
    add_provision(conn, "FRA-code-cccccc", fv, "art_1", text,
                  tags=[("crim.offence", "is punished"), ("act.recruitment", "Recruiting")], refs=[ref])
    r4 = assess(conn, "FRA").verdict("R4")
    assert r4.verdict == "partial"
    assert sorted(p.element for p in r4.found) == ["purpose.servitude", "purpose.slavery"]
    assert r4.found[0].provisions[0].via == ["FRA-code-cccccc--art_1", "EU-directive-x-bbbbbb--art_2"]
    assert r4.found[0].provisions[0].law_title == "Directive on preventing trafficking"
    # without the reference nothing from the other collection counts
    conn.execute("UPDATE provisions SET refs_json = '[]'")
    conn.commit()
    assert assess(conn, "FRA").verdict("R4").verdict == "not_found"


def test_means_not_required_on_offence_makes_r3_broader_and_meets_r5_r6(conn):
    add_law(conn, "GBR-act-dddddd", "GBR", "Invented Slavery Act")
    v = add_version(conn, "GBR-act-dddddd")
    text = ("A person commits an offence if the person arranges the travel of another person"
            " with a view to exploitation.")
    add_provision(conn, "GBR-act-dddddd", v, "sec_1", text, tags=[
        ("crim.offence", "commits an offence"), ("act.transportation", "arranges the travel"),
        ("means.not_required", "arranges the travel of another person with a view to exploitation")])
    result = assess(conn, "GBR")
    r3 = result.verdict("R3")
    assert r3.verdict == "broader" and r3.beyond_minimum[0].element == "means.not_required"
    assert result.verdict("R5").verdict == "met" and "R3 is broader" in result.verdict("R5").note
    assert result.verdict("R6").verdict == "met"
    assert result.criminalisation_status.status == "partial"  # R2, R4 incomplete


def test_means_not_required_outside_an_offence_is_not_broader(conn):
    add_law(conn, "GBR-act-eeeeee", "GBR", "Invented Guidance Act")
    v = add_version(conn, "GBR-act-eeeeee")
    add_provision(conn, "GBR-act-eeeeee", v, "sec_9", "Guidance may say that no means need be shown.",
                  tags=[("means.not_required", "no means need be shown")])
    assert assess(conn, "GBR").verdict("R3").verdict == "not_found"


def test_partial_names_missing_parts_and_status_reasons(conn):
    add_law(conn, "PAK-act-ffffff", "PAK", "Invented Prevention Act")
    v = add_version(conn, "PAK-act-ffffff")
    tags = [t for t in OFFENCE_TAGS if t[0] not in {"means.abuse_of_vulnerability", "act.harbouring"}]
    text = ("Whoever recruits, transports, transfers, harbours or receives a person by threat, force, "
            "coercion, abduction, fraud, deception, abuse of power, abuse of vulnerability or payments "
            "commits an offence; the consent of the victim is no defence.")
    add_provision(conn, "PAK-act-ffffff", v, "sec_3", text, tags=tags)
    result = assess(conn, "PAK")
    r3 = result.verdict("R3")
    assert r3.verdict == "partial" and r3.missing == ["means.abuse_of_vulnerability"]
    assert r3.missing_labels == ["Abuse of a position of vulnerability"]
    assert "Abuse of a position of vulnerability" in r3.note
    status = result.criminalisation_status
    assert status.status == "partial"
    assert any("abuse of a position of vulnerability" in r for r in status.reasons)
    assert any("R4" in r for r in status.reasons)  # no purposes at all


def test_repealed_laws_excluded_unknown_status_included(conn):
    full_law(conn, "ARG", "ARG-old-act-111111", in_force=False)
    result = assess(conn, "ARG")
    assert result.verdict("R1").verdict == "not_found"
    assert result.laws_collected == 1 and result.laws_used == 0
    assert result.criminalisation_status.status == "no_specific_offence"
    assert "1 collected law" in result.verdict("R1").note
    full_law(conn, "ARG", "ARG-new-act-222222", in_force=None)
    result = assess(conn, "ARG")
    assert result.verdict("R1").verdict == "met" and result.laws_collected == 2 and result.laws_used == 1
    assert {law.law_id: law.used for law in result.laws} == {"ARG-new-act-222222": True,
                                                             "ARG-old-act-111111": False}


def test_jurisdiction_without_laws_says_so(conn):
    result = assess(conn, "MEX")
    assert all(v.verdict == "not_found" for v in result.requirements)
    assert "0 collected laws" in result.verdict("R14").note
    assert result.criminalisation_status.status == "no_specific_offence"
    assert result.scores.mandatory.met == 0 and result.scores.mandatory.total == 14


def test_bad_jurisdiction_code_is_rejected(conn):
    with pytest.raises(ValueError):
        assess(conn, "E5P")


def test_scores_are_figures_per_obligation_and_group(conn):
    full_law(conn)
    scores = assess(conn, "ESP").scores
    specs = requirements()
    assert scores.mandatory.total == sum(s.obligation == "mandatory" for s in specs)
    assert scores.practice.total == sum(s.obligation == "practice" for s in specs)
    assert scores.mandatory.met == 5  # R1-R5
    assert scores.by_group["definition"].met == 4 and scores.by_group["definition"].total == 6


def test_as_of_uses_version_in_force_on_that_date(conn):
    law_id, _ = full_law(conn, version_date="2020-05-01")
    v2 = add_version(conn, law_id, version_date="2023-02-01")
    add_provision(conn, law_id, v2, "sec_1", "Whoever recruits another person commits an offence.",
                  tags=[("crim.offence", "commits an offence"), ("act.recruitment", "recruits")],
                  refs=[REF_TO_SEC_2])
    add_provision(conn, law_id, v2, "sec_2", "Exploitation includes slavery.", tags=[DEFINITION_TAGS[2]])
    assert assess(conn, "ESP").verdict("R2").verdict == "partial"
    past = assess(conn, "ESP", as_of=date(2021, 1, 1))
    assert past.verdict("R2").verdict == "met" and past.newest_text_date == date(2020, 5, 1)
    assert past.verdict("R4").verdict == "met"
    assert assess(conn, "ESP", as_of=date(2019, 1, 1)).verdict("R1").verdict == "not_found"
    assert set(PURPOSES) - {p.element for p in assess(conn, "ESP").verdict("R4").found} == {
        "purpose.sexual_exploitation", "purpose.forced_labour", "purpose.servitude", "purpose.organ_removal"}


def test_self_reference_is_not_followed_and_sub_provisions_are(conn):
    add_law(conn, "CAN-act-777777", "CAN", "Invented Criminal Code Amendment")
    v = add_version(conn, "CAN-act-777777")
    self_ref = {"text": "section 4", "start": 0, "end": 9, "target_eid": "sec_4", "target_law": None}
    add_provision(conn, "CAN-act-777777", v, "sec_4",
                  "Section 4: whoever holds a person for exploitation commits an offence.",
                  tags=[("crim.offence", "commits an offence")], refs=[self_ref])
    add_provision(conn, "CAN-act-777777", v, "sec_4__subsec_1", "Exploitation here includes servitude.",
                  tags=[("purpose.servitude", "servitude")], refs=[self_ref])
    found = assess(conn, "CAN").verdict("R4").found[0]
    assert [e.via for e in found.provisions] == [[]]
    ref = {"text": "section 4", "start": 0, "end": 9, "target_eid": "SEC_4", "target_law": None}
    add_provision(conn, "CAN-act-777777", v, "sec_9",
                  "Whoever finances an offence under section 4 commits an offence.",
                  tags=[("crim.offence", "commits an offence")], refs=[ref])
    found = assess(conn, "CAN").verdict("R4").found[0]
    assert ["CAN-act-777777--sec_9", "CAN-act-777777--sec_4__subsec_1"] in [e.via for e in found.provisions]


def test_means_not_required_on_a_trafficking_definition_is_broader(conn):
    add_law(conn, "ARG-act-121212", "ARG", "Invented Definitions Act")
    v = add_version(conn, "ARG-act-121212")
    add_provision(conn, "ARG-act-121212", v, "art_2", "Trafficking means receiving persons for exploitation.",
                  tags=[("act.receipt", "receiving persons"),
                        ("means.not_required", "receiving persons for exploitation")])
    assert assess(conn, "ARG").verdict("R3").verdict == "broader"


def test_same_quote_in_a_section_and_its_subsection_is_cited_once(conn):
    add_law(conn, "IRL-act-343434", "IRL", "Invented Act")
    v = add_version(conn, "IRL-act-343434")
    whole = "(1) A person who recruits another commits an offence. (2) Attempt is an offence."
    add_provision(conn, "IRL-act-343434", v, "sec_4", whole, tags=[("crim.offence", "commits an offence")])
    add_provision(conn, "IRL-act-343434", v, "sec_4__subsec_1",
                  "A person who recruits another commits an offence.",
                  tags=[("crim.offence", "commits an offence")])
    add_provision(conn, "IRL-act-343434", v, "sec_40", "Whoever hides a person commits an offence.",
                  tags=[("crim.offence", "commits an offence")])
    cited = [e.eid for e in assess(conn, "IRL").verdict("R1").found[0].provisions]
    assert cited == ["sec_4__subsec_1", "sec_40"]


def test_definition_scoped_to_an_offence_applies_to_it(conn):
    # "For the purposes of section 1, ..." : the reference runs from the definition to the offence
    add_law(conn, "NZL-act-565656", "NZL", "Invented Crimes Act")
    v = add_version(conn, "NZL-act-565656")
    add_provision(conn, "NZL-act-565656", v, "sec_1",
                  "Whoever transports a person for exploitation commits an offence.",
                  tags=[("crim.offence", "commits an offence"), ("act.transportation", "transports")])
    add_provision(conn, "NZL-act-565656", v, "sec_1__subsec_1", "The offence is complete without any means.",
                  tags=[("crim.offence", "The offence")])
    scope = {"text": "section 1", "start": 20, "end": 29, "target_eid": "sec_1", "target_law": None}
    add_provision(conn, "NZL-act-565656", v, "sec_5", "For the purposes of section 1, a person exploits "
                  "another who is held in servitude, whatever the means.",
                  tags=[("purpose.servitude", "servitude"), ("means.not_required", "whatever the means")],
                  refs=[scope])
    result = assess(conn, "NZL")
    servitude = result.verdict("R4").found[0].provisions
    # reached from sec_1 and from its subsection: the more specific chain is shown once
    chain = ["NZL-act-565656--sec_1__subsec_1", "NZL-act-565656--sec_5"]
    assert sorted(e.via for e in servitude) == [[], chain]
    assert result.verdict("R3").verdict == "broader"


def test_law_named_by_reference_is_resolved_carefully(conn):
    from indexer.assessment.crossrefs import resolve_law

    add_law(conn, "CAN-amending-1", "CAN", "An Act to amend the Criminal Code (trafficking)")
    conn.execute("UPDATE laws SET is_amending = 1 WHERE id = 'CAN-amending-1'")
    add_law(conn, "ARG-ley-1", "ARG", "Ley de prevención de la trata", number="26.364")
    add_law(conn, "FRA-code-1", "FRA", "Code pénal (version consolidée)")
    conn.commit()
    assert resolve_law(conn, "Criminal Code", "CAN") is None
    assert resolve_law(conn, "Act", "CAN") is None
    assert resolve_law(conn, "Ley 26.364", "ARG") == "ARG-ley-1"
    assert resolve_law(conn, "Code pénal", "FRA") == "FRA-code-1"
    assert resolve_law(conn, "CAN-amending-1", "FRA") == "CAN-amending-1"


def test_assessment_is_memoised_until_the_data_changes(conn):
    """A second call reuses the result; a new tag (this connection or a commit) recomputes it."""
    add_law(conn, "IRL-act-777777", "IRL", "Invented Act")
    v = add_version(conn, "IRL-act-777777")
    add_provision(conn, "IRL-act-777777", v, "sec_1", "A person who recruits another commits an offence.",
                  tags=[("act.recruitment", "recruits")])
    first = assess(conn, "IRL")
    assert assess(conn, "IRL") is first
    assert first.verdict("R1").verdict == "not_found"
    add_provision(conn, "IRL-act-777777", v, "sec_2", "Trafficking in persons is an offence.",
                  tags=[("crim.offence", "is an offence")])
    second = assess(conn, "IRL")
    assert second is not first and second.verdict("R1").verdict == "met"
