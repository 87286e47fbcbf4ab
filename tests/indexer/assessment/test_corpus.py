"""Verdicts on the real corpus (../shared/corpus), against expectations written from reading the laws.

The whole pipeline runs once per session on a filtered copy of the corpus (six jurisdictions;
the 2 MB French CESEDA, the Canadian immigration act and the French duplicates of the Canadian
acts are left out to keep the run short). Each expectation cites the provision that decides it.
The tests skip, naming what is missing, when the pipeline or the tagger is not available yet.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from indexer.assessment import add_review, assess, compare, gaps

JURISDICTIONS = ("ESP", "FRA", "ARG", "CAN", "MEX", "PAK")
SKIP_PATHS = ("FRA/CESEDA", "CAN/LC_", "CAN/LIPR_", "CAN/IRPA_",
              "MEX/LGPSEDMTP_Ley_General_Trata_de_Personas.pdf",
              "MEX/LGPSEDMTP_Ley_General_Trata_de_Personas_extracted.txt")


def _filtered_corpus(shared: Path, target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    text = (shared / "corpus" / "MANIFEST.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    rows = [r for r in reader if r["jurisdiction_iso3"] in JURISDICTIONS
            and not r["path"].startswith(SKIP_PATHS)]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=reader.fieldnames)
    writer.writeheader()
    writer.writerows(rows)
    (target / "MANIFEST.csv").write_text(out.getvalue(), encoding="utf-8")
    for row in rows:  # copies: the importer refuses symlinks that leave the folder
        dest = target / row["path"]
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shared / "corpus" / row["path"], dest)
    return target


@pytest.fixture(scope="session")
def corpus_db(shared_dir, tmp_path_factory):
    """The six jurisdictions imported and indexed once; yields the database path."""
    try:
        from indexer.pipeline import import_folder, index_pending
        from indexer.settings import Settings
    except ImportError as err:  # pragma: no cover - depends on the lead's pipeline
        pytest.skip(f"indexer.pipeline.import_folder/index_pending not available: {err}")
    root = tmp_path_factory.mktemp("assessment_corpus")
    folder = _filtered_corpus(shared_dir, root / "corpus")
    settings = Settings(data_dir=root / "data", environment="test")
    import_folder(folder, settings)
    index_pending(settings)
    return settings.db_path


@pytest.fixture
def conn(corpus_db):
    from indexer.db import connect

    connection = connect(corpus_db)
    yield connection
    connection.rollback()
    connection.close()


def _nums(verdict) -> set[str]:
    return {e.num for part in verdict.found + verdict.beyond_minimum for e in part.provisions}


# (jurisdiction, requirement, expected verdict, parts that must be missing, the provision that decides it)
EXPECTATIONS = [
    ("ESP", "R1", "met", (), "Código Penal art. 177 bis.1: 'reo de trata de seres humanos'"),
    ("ESP", "R2", "met", (), "art. 177 bis.1: captare, transportare, trasladare, acogiere o recibiere"),
    ("ESP", "R3", "partial", ("means.abduction",),
     "art. 177 bis.1: violence, intimidation, deceit, abuse of superiority/need/vulnerability, payments; "
     "no abduction"),
    ("ESP", "R4", "met", (), "art. 177 bis.1 a)-e): forced labour, slavery, servitude, sexual exploitation, "
     "organ removal"),
    ("ESP", "R5", "met", (), "art. 177 bis.3: consent irrelevant"),
    ("ESP", "R6", "met", (), "art. 177 bis.2: minors, no means"),
    ("ESP", "R8", "met", (), "arts. 15-16 (tentativa), 28-29 (cómplices), 177 bis.8 (conspiración)"),
    ("ESP", "R9", "met", (), "Ley 4/2015 art. 22 (intimidad)"),
    ("ESP", "R10", "met", (), "Ley 4/2015 arts. 7 (información) and 11 (participación)"),
    ("ESP", "R15", "met", (), "LO 4/2000 art. 59 bis (residencia)"),
    ("FRA", "R1", "met", (), "Code pénal art. 225-4-1"),
    ("FRA", "R2", "met", (), "art. 225-4-1 I: recruter, transporter, transférer, héberger, accueillir"),
    ("FRA", "R3", "partial", ("means.abduction",), "art. 225-4-1 I 1°-4°: no abduction among the means"),
    ("FRA", "R4", "met", (), "art. 225-4-1 I: proxénétisme, esclavage, travail forcé, servitude, organes"),
    ("FRA", "R6", "met", (), "art. 225-4-1 II: a minor, even without any of the circumstances"),
    ("ARG", "R1", "met", (), "Código Penal art. 145 bis"),
    ("ARG", "R2", "met", (), "art. 145 bis: ofreciere, captare, trasladare, recibiere o acogiere"),
    ("ARG", "R3", "broader", (), "art. 145 bis lists no means (art. 145 ter: means only aggravate)"),
    ("ARG", "R4", "met", (), "Ley 26.364 art. 2 a)-f): esclavitud, servidumbre, trabajos forzados, "
     "prostitución, órganos"),
    ("ARG", "R5", "met", (), "art. 145 bis: 'aunque mediare el consentimiento de la víctima'"),
    ("ARG", "R6", "met", (), "art. 145 bis: no means for anyone (R3 broader)"),
    ("ARG", "R17", "met", (), "Ley 26.364 art. 5: victims not punishable"),
    ("CAN", "R1", "met", (), "S.C. 2005 c. 43 s. 3, Criminal Code s. 279.01"),
    ("CAN", "R2", "met", (), "s. 279.01(1): recruits, transports, transfers, receives, ... harbours"),
    ("CAN", "R3", "broader", (), "s. 279.01(1): no means, only the purpose of exploiting"),
    ("CAN", "R5", "met", (), "s. 279.01(2): no consent is valid"),
    ("CAN", "R6", "met", (), "S.C. 2010 c. 3, s. 279.011: a person under eighteen, no means"),
    ("CAN", "R7", "met", (), "s. 279.011: 'a person under the age of eighteen years'"),
    ("MEX", "R1", "met", (), "Ley General art. 10"),
    ("MEX", "R2", "met", (), "art. 10: captar, enganchar, transportar, transferir, retener, entregar, "
     "recibir o alojar"),
    ("MEX", "R3", "broader", (), "art. 10 lists no means"),
    ("MEX", "R4", "met", (), "art. 10 I-XI with arts. 11-31 (esclavitud, siervo, prostitución, trabajo "
     "forzado, órganos)"),
    ("PAK", "R1", "met", (), "Prevention of Trafficking in Persons Act 2018 s. 3(1)"),
    ("PAK", "R3", "partial", ("means.abduction", "means.payments_or_benefits"),
     "s. 3(1): force, fraud or coercion only"),
    ("PAK", "R4", "partial", ("purpose.organ_removal",),
     "s. 3: compelled labour (servitude, slavery, forced labour), commercial sex acts; no organs"),
    ("PAK", "R7", "met", (), "s. 2: 'child' means a person under eighteen years of age"),
    ("PAK", "R13", "met", (), "s. 10: safety of victims and witnesses"),
    ("PAK", "R14", "met", (), "s. 12: compensation to victims"),
    ("PAK", "R17", "met", (), "s. 6: a victim shall not be criminally liable"),
]
# Expectations the tagger does not meet yet (measured 2026-11-28 with the tagger of that day): strict, so
# each one fails loudly as soon as the tagger gets it right and the mark must be removed.
# (CAN R3 and CAN R7 were listed here until the tagger found means.not_required on s. 279.01 and
# definition.child_under_18 on s. 279.011.)
KNOWN_TAGGER_GAPS: dict[tuple[str, str], str] = {}


def _cases():
    for iso3, rid, verdict, missing, cited in EXPECTATIONS:
        gap = KNOWN_TAGGER_GAPS.get((iso3, rid))
        marks = [pytest.mark.xfail(strict=True, reason=f"tagger gap: {gap}")] if gap else []
        yield pytest.param(iso3, rid, verdict, missing, cited, marks=marks, id=f"{iso3}-{rid}")


@pytest.fixture(scope="module")
def assessed(corpus_db):
    """One assessment per jurisdiction, shared by the expectation cases."""
    from indexer.db import connect

    connection = connect(corpus_db)
    try:
        return {code: assess(connection, code) for code in JURISDICTIONS}, _tag_counts(connection)
    finally:
        connection.close()


def _tag_counts(conn) -> dict[str, int]:
    rows = conn.execute(
        "SELECT l.jurisdiction, COUNT(*) FROM tags t JOIN provisions p ON p.rowid = t.provision_rowid"
        " JOIN laws l ON l.id = p.law_id WHERE p.is_current = 1 GROUP BY l.jurisdiction")
    return {r[0]: r[1] for r in rows}


@pytest.mark.parametrize("iso3, rid, expected, missing, cited", list(_cases()))
def test_verdict_from_reading_the_law(assessed, iso3, rid, expected, missing, cited):
    results, tags = assessed
    if not tags.get(iso3):
        pytest.skip(f"the tagger produced no tags for {iso3} (indexer/tagging patterns not ready)")
    verdict = results[iso3].verdict(rid)
    cites = sorted(_nums(verdict))[:10]
    assert verdict.verdict == expected, f"{iso3} {rid} ({cited}): {verdict.note} {cites}"
    assert set(missing) <= set(verdict.missing), f"{iso3} {rid} ({cited}) missing {verdict.missing}"
    if expected in {"met", "broader", "partial"}:
        assert verdict.found and all(e.source_url and e.evidence for p in verdict.found for e in p.provisions)


def test_partial_names_what_is_missing_pakistan(assessed):
    results, tags = assessed
    if not tags.get("PAK"):
        pytest.skip("the tagger produced no tags for PAK")
    status = results["PAK"].criminalisation_status
    # s. 3 names no removal of organs: the status is partial and says so
    assert status.status == "partial" and any("removal of organs" in r for r in status.reasons)
    assert results["PAK"].laws_collected == 2  # the Bonded Labour Act 1992 and the 2018 Act (markdown)


def test_beyond_the_minimum_spain(assessed):
    results, tags = assessed
    if not tags.get("ESP"):
        pytest.skip("the tagger produced no tags for ESP")
    # art. 177 bis.1 a), c), e): begging, criminal activities, forced marriage go beyond the Protocol
    beyond = {p.element for p in results["ESP"].verdict("R4").beyond_minimum}
    assert {"purpose.forced_begging", "purpose.forced_criminality", "purpose.forced_marriage"} <= beyond


def test_mexico_offence_inherits_through_references(assessed):
    results, tags = assessed
    if not tags.get("MEX"):
        pytest.skip("the tagger produced no tags for MEX")
    # art. 10 lists the forms of exploitation "de conformidad con" arts. 11-31 (esclavitud art. 11,
    # condición de siervo art. 12, ...): the offence inherits what those articles define
    r4 = results["MEX"].verdict("R4")
    chains = [e.via for part in r4.found for e in part.provisions if e.via]
    assert chains, "no purpose inherited through a reference from art. 10"
    assert any(chain[0].endswith("--art_10") and len(chain) >= 2 for chain in chains)


# verdicts a reviewer could overturn by rejecting one element everywhere it was tagged
FLIP_CANDIDATES = (("ESP", "R5"), ("PAK", "R14"), ("FRA", "R6"), ("MEX", "R5"), ("CAN", "R5"))


def test_review_flips_a_real_verdict(conn, assessed):
    results, _tags = assessed
    chosen = [(code, rid) for code, rid in FLIP_CANDIDATES if results[code].verdict(rid).verdict == "met"
              and results[code].verdict("R3").verdict != "broader"]
    if not chosen:
        pytest.skip("none of the candidate verdicts is met with the current tagger")
    code, rid = chosen[0]
    element = results[code].verdict(rid).found[0].element
    rows = conn.execute(
        "SELECT DISTINCT p.id FROM tags t JOIN provisions p ON p.rowid = t.provision_rowid"
        " JOIN laws l ON l.id = p.law_id WHERE l.jurisdiction = ? AND p.is_current = 1"
        " AND (l.in_force IS NULL OR l.in_force = 1) AND t.element = ?", (code, element)).fetchall()
    conn.execute("BEGIN")  # rolled back by the fixture: the session database stays as indexed
    for row in rows:
        add_review(conn, provision_id=row[0], element=element, action="reject", reviewer="test")
    after = assess(conn, code).verdict(rid)
    assert after.verdict == "not_found" and element in after.missing
    assert after.reviewed and len(after.review_ids) == len(rows)


def test_compare_and_gaps_on_the_corpus(conn, assessed):
    results, tags = assessed
    if not tags:
        pytest.skip("the tagger produced no tags at all")
    matrix = compare(conn, list(JURISDICTIONS))
    assert len(matrix.rows) == 22 and [j.iso3 for j in matrix.jurisdictions] == list(JURISDICTIONS)
    for row in matrix.rows:
        verdicts = {code: results[code].verdict(row.requirement).verdict for code in JURISDICTIONS}
        assert {code: cell.verdict for code, cell in row.cells.items()} == verdicts
        assert row.differs == (len({(c.verdict, tuple(c.missing)) for c in row.cells.values()}) > 1)
    asia = gaps(conn, requirement="R3", region="Asia")
    expected = [] if results["PAK"].verdict("R3").verdict in {"met", "broader"} else ["PAK"]
    assert [r.iso3 for r in asia] == expected


def test_cli_assess_json_uses_this_module(corpus_db, monkeypatch):
    typer_testing = pytest.importorskip("typer.testing")
    from indexer.cli import app
    from indexer.settings import get_settings

    monkeypatch.setenv("PALERMO_DATA_DIR", str(corpus_db.parent))
    monkeypatch.setenv("PALERMO_ENVIRONMENT", "test")
    get_settings.cache_clear()
    try:
        result = typer_testing.CliRunner().invoke(app, ["assess", "PAK", "--json"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["jurisdiction"] == "PAK" and len(data["requirements"]) == 22
    assert data["criminalisation_status"]["victim_scope"] == "victim scope not assessed"
