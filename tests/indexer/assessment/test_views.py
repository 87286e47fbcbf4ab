"""compare(), gaps(), regions and names."""

from __future__ import annotations

import pytest

from indexer.assessment import compare, continent_of, gaps, jurisdiction_name, region_of
from tests.indexer.assessment.helpers import add_law, add_provision, add_version, full_law, make_db


@pytest.fixture
def conn(tmp_path):
    connection = make_db(tmp_path)
    full_law(connection, "ESP", "ESP-test-act-aaaaaa")
    full_law(connection, "FRA", "FRA-test-act-bbbbbb")
    add_law(connection, "PAK-act-cccccc", "PAK", "Invented Prevention Act")
    v = add_version(connection, "PAK-act-cccccc")
    add_provision(connection, "PAK-act-cccccc", v, "sec_3",
                  "Whoever recruits a person by fraud commits an offence.",
                  tags=[("crim.offence", "commits an offence"), ("act.recruitment", "recruits"),
                        ("means.fraud", "fraud")])
    add_provision(connection, "PAK-act-cccccc", v, "sec_9", "A victim may be paid compensation by the court.",
                  tags=[("prot.compensation", "compensation")])
    yield connection
    connection.close()


def test_regions_come_from_country_converter_data():
    assert region_of("PAK") == "Southern Asia" and continent_of("PAK") == "Asia"
    assert region_of("ARG") == "South America"
    assert region_of("EU") == "" and region_of("UN") == "" and region_of("ZZZ") == ""
    assert jurisdiction_name("MEX") == "Mexico" and jurisdiction_name("COE") == "Council of Europe"


def test_compare_matrix_marks_differing_cells(conn):
    result = compare(conn, ["esp", "FRA", "PAK", "ESP"])
    assert [j.iso3 for j in result.jurisdictions] == ["ESP", "FRA", "PAK"]
    r2 = next(r for r in result.rows if r.requirement == "R2")
    assert r2.differs and r2.cells["ESP"].verdict == "met" and r2.cells["PAK"].verdict == "partial"
    assert r2.cells["PAK"].missing == ["act.transportation", "act.transfer", "act.harbouring", "act.receipt"]
    assert r2.cells["PAK"].provision_ids == ["PAK-act-cccccc--sec_3"]
    assert r2.cells["ESP"].link.endswith("ESP#R2")
    r22 = next(r for r in result.rows if r.requirement == "R22")
    assert not r22.differs and "R22" not in result.differing and "R2" in result.differing
    assert result.jurisdictions[2].criminalisation_status.status == "partial"


def test_compare_needs_two_to_twenty(conn):
    with pytest.raises(ValueError, match="2 to 20"):
        compare(conn, ["ESP"])
    with pytest.raises(ValueError, match="2 to 20"):
        compare(conn, ["ESP", "esp"])
    codes = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG", "HHH", "III", "JJJ", "KKK", "LLL", "MMM",
             "NNN", "OOO", "PPP", "QQQ", "RRR", "SSS", "TTT", "UUU"]
    with pytest.raises(ValueError, match="2 to 20"):
        compare(conn, codes)
    with pytest.raises(ValueError, match="jurisdiction code"):
        compare(conn, ["ESP", "12"])


def test_gaps_for_a_requirement_with_region_and_obligation(conn):
    rows = gaps(conn, requirement="r2")
    assert [(r.iso3, r.verdict) for r in rows] == [("PAK", "partial")]
    assert rows[0].region == "Southern Asia" and "act.receipt" in rows[0].missing
    assert rows[0].criminalisation_status == "partial"
    assert gaps(conn, requirement="R2", region="Europe") == []
    assert [r.iso3 for r in gaps(conn, requirement="R2", region="southern asia")] == ["PAK"]
    r14 = gaps(conn, requirement="R14")
    assert sorted(r.iso3 for r in r14) == ["ESP", "FRA"] and all(r.verdict == "not_found" for r in r14)
    assert gaps(conn, requirement="R14", obligation="consider") == []


def test_gaps_for_an_element(conn):
    rows = gaps(conn, element="purpose.organ_removal")
    assert [(r.iso3, r.requirement, r.missing) for r in rows] == [("PAK", "R4", ["purpose.organ_removal"])]
    legal = gaps(conn, element="crim.legal_persons")  # in no requirement: still a gap view
    assert sorted(r.iso3 for r in legal) == ["ESP", "FRA", "PAK"] and legal[0].requirement == ""


def test_gaps_without_filter_and_bad_filters(conn):
    rows = gaps(conn, obligation="practice", region="Asia")
    assert {r.requirement for r in rows} == {"R17", "R18", "R19", "R22"}
    with pytest.raises(ValueError):
        gaps(conn, requirement="R99")
    with pytest.raises(ValueError):
        gaps(conn, element="prot.unknown")
    with pytest.raises(ValueError):
        gaps(conn, region="Atlantis")
    with pytest.raises(ValueError):
        gaps(conn, obligation="optional")
