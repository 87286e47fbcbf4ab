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


def _needs_tags(conn, iso3: str) -> None:
    count = conn.execute(
        "SELECT COUNT(*) FROM tags t JOIN provisions p ON p.rowid = t.provision_rowid"
        " JOIN laws l ON l.id = p.law_id WHERE l.jurisdiction = ? AND p.is_current = 1",
        (iso3,)).fetchone()[0]
    if not count:
        pytest.skip(f"the tagger produced no tags for {iso3} (indexer/tagging patterns not ready)")


def _nums(verdict) -> set[str]:
    return {e.num for part in verdict.found + verdict.beyond_minimum for e in part.provisions}


def _cites(verdict, fragment: str) -> bool:
    return any(fragment in num for num in _nums(verdict))


def test_spain(conn):
    _needs_tags(conn, "ESP")
    result = assess(conn, "ESP")
    # Código Penal art. 177 bis.1: "será castigado ... como reo de trata de seres humanos"
    assert result.verdict("R1").verdict == "met" and _cites(result.verdict("R1"), "177 bis")
    # art. 177 bis.1: captare, transportare, trasladare, acogiere o recibiere
    assert result.verdict("R2").verdict == "met"
    # art. 177 bis.1 lists violence, intimidation, deceit, abuse of superiority / need / vulnerability and
    # payments, but not abduction
    r3 = result.verdict("R3")
    assert r3.verdict == "partial" and "means.abduction" in r3.missing
    # art. 177 bis.1 a)-e): forced labour, slavery, servitude, begging, sexual exploitation, criminal
    # activities, organ removal, forced marriage
    r4 = result.verdict("R4")
    assert r4.verdict == "met"
    assert {"purpose.forced_begging", "purpose.forced_criminality", "purpose.forced_marriage"} <= {
        p.element for p in r4.beyond_minimum}
    assert result.verdict("R5").verdict == "met"  # art. 177 bis.3 (consent irrelevant)
    assert result.verdict("R6").verdict == "met"  # art. 177 bis.2 (minors: no means)
    # general part: arts. 15-16 (tentativa), 28-29 (cómplices); art. 177 bis.8 (conspiración)
    assert result.verdict("R8").verdict == "met"
    assert result.verdict("R9").verdict == "met"  # Ley 4/2015 art. 22 (intimidad)
    assert result.verdict("R10").verdict == "met"  # Ley 4/2015 arts. 7 (información) and 11 (participación)
    assert result.verdict("R15").verdict == "met"  # LO 4/2000 art. 59 bis (residencia)
    assert result.criminalisation_status.status == "partial"
    assert result.laws_collected == 3


def test_france(conn):
    _needs_tags(conn, "FRA")
    result = assess(conn, "FRA")
    # Code pénal art. 225-4-1 I: recruter, transporter, transférer, héberger, accueillir
    assert result.verdict("R1").verdict == "met" and _cites(result.verdict("R1"), "225-4-1")
    assert result.verdict("R2").verdict == "met"
    # 225-4-1 I 1°-4°: menace, contrainte, violence, manœuvre dolosive, abus d'autorité, vulnérabilité,
    # rémunération; no abduction
    r3 = result.verdict("R3")
    assert r3.verdict == "partial" and "means.abduction" in r3.missing
    # 225-4-1 I: proxénétisme / agressions sexuelles, esclavage, travail forcé, servitude, prélèvement
    # d'organes, mendicité, crimes ou délits
    r4 = result.verdict("R4")
    assert r4.verdict == "met"
    assert "purpose.forced_begging" in {p.element for p in r4.beyond_minimum}
    assert result.verdict("R6").verdict == "met"  # 225-4-1 II (mineur: no circumstance needed)


def test_argentina_is_broader(conn):
    _needs_tags(conn, "ARG")
    result = assess(conn, "ARG")
    # Código Penal art. 145 bis: "ofreciere, captare, trasladare, recibiere o acogiere personas con fines de
    # explotación ... aunque mediare el consentimiento de la víctima": no means; art. 145 ter makes the
    # means aggravating circumstances only
    assert result.verdict("R1").verdict == "met"
    r3 = result.verdict("R3")
    assert r3.verdict == "broader" and r3.beyond_minimum[0].element == "means.not_required"
    assert result.verdict("R5").verdict == "met"
    assert result.verdict("R6").verdict == "met"
    # Ley 26.364 art. 2 a)-f): esclavitud o servidumbre, trabajos forzados, prostitución,
    # extracción de órganos
    assert result.verdict("R4").verdict == "met"
    assert result.verdict("R2").verdict == "met"
    assert result.criminalisation_status.status == "all_forms"
    # Ley 26.364 art. 6: alojamiento, asistencia psicológica y médica, capacitación laboral, información
    assert result.verdict("R11").verdict in {"met", "partial"} and result.verdict("R11").found
    assert result.verdict("R17").verdict == "met"  # Ley 26.364 art. 5 (no punibilidad)


def test_canada(conn):
    _needs_tags(conn, "CAN")
    result = assess(conn, "CAN")
    # S.C. 2005 c. 43 s. 3 enacting Criminal Code s. 279.01: "recruits, transports, transfers, receives,
    # holds, conceals or harbours a person ... for the purpose of exploiting them"
    assert result.verdict("R1").verdict == "met" and _cites(result.verdict("R1"), "279.01")
    assert result.verdict("R2").verdict == "met"
    # s. 279.01(2): no consent ... is valid
    assert result.verdict("R5").verdict == "met"
    # S.C. 2010 c. 3, Criminal Code s. 279.011: trafficking of a person under eighteen, no means
    assert result.verdict("R6").verdict == "met"
    # only the three amending acts are collected here (not the consolidated Criminal Code)
    assert result.laws_collected == 3


TAGGER_GAP_CAN = ("tagger gap (measured 2026-11-28): means.not_required is not tagged on Criminal Code"
                  " s. 279.01 nor definition.child_under_18 on s. 279.011; remove this mark when it is")


@pytest.mark.xfail(strict=True, reason=TAGGER_GAP_CAN)
def test_canada_offence_without_means_is_broader(conn):
    _needs_tags(conn, "CAN")
    result = assess(conn, "CAN")
    # s. 279.01 lists no means: the offence is complete with the act and the exploitative purpose
    assert result.verdict("R3").verdict == "broader"
    # s. 279.011: "a person under the age of eighteen years"
    assert result.verdict("R7").verdict == "met"


def test_mexico_follows_references(conn):
    _needs_tags(conn, "MEX")
    result = assess(conn, "MEX")
    # Ley General art. 10: "captar, enganchar, transportar, transferir, retener, entregar, recibir o alojar
    # ... con fines de explotación": no means
    assert result.verdict("R1").verdict == "met"
    assert result.verdict("R3").verdict == "broader"
    # art. 10 lists the forms of exploitation "de conformidad con" arts. 11-31 (esclavitud art. 11,
    # condición de siervo art. 12, ...): the offence inherits what those articles define
    r4 = result.verdict("R4")
    assert r4.verdict == "met"
    chains = [e.via for part in r4.found for e in part.provisions if e.via]
    if not chains:
        pytest.skip("no resolved cross-reference from art. 10 to arts. 11-31 (parser refs_json not resolved)")
    assert any("art_10" in chain[0] for chain in chains)


def test_pakistan_partial_with_named_gaps(conn):
    _needs_tags(conn, "PAK")
    result = assess(conn, "PAK")
    # Prevention of Trafficking in Persons Act 2018, s. 3(1): recruits, harbours, transports, provides or
    # obtains ... for compelled labour or commercial sex acts through the use of force, fraud or coercion
    assert result.verdict("R1").verdict == "met"
    r3 = result.verdict("R3")
    assert r3.verdict == "partial"
    assert {"means.abduction", "means.payments_or_benefits"} <= set(r3.missing)
    # s. 3(3)(b): compelled labour includes servitude, slavery, debt bondage and forced labour; no organs
    r4 = result.verdict("R4")
    assert r4.verdict == "partial" and "purpose.organ_removal" in r4.missing
    assert result.verdict("R7").verdict == "met"  # s. 2: child means a person under eighteen years of age
    assert result.verdict("R13").verdict == "met"  # s. 10: safety of victims and witnesses
    assert result.verdict("R14").verdict == "met"  # s. 12: compensation to victims
    assert result.verdict("R17").verdict == "met"  # s. 6: a victim shall not be criminally liable
    status = result.criminalisation_status
    assert status.status == "partial" and any("removal of organs" in r for r in status.reasons)


def test_review_flips_a_real_verdict(conn):
    _needs_tags(conn, "ESP")
    assert assess(conn, "ESP").verdict("R5").verdict == "met"
    rows = conn.execute(
        "SELECT DISTINCT p.id FROM tags t JOIN provisions p ON p.rowid = t.provision_rowid"
        " JOIN laws l ON l.id = p.law_id WHERE l.jurisdiction = 'ESP' AND p.is_current = 1"
        " AND t.element = 'definition.consent_irrelevant'").fetchall()
    conn.execute("BEGIN")  # rolled back by the fixture: the session database stays as indexed
    for row in rows:
        add_review(conn, provision_id=row[0], element="definition.consent_irrelevant", action="reject",
                   reviewer="test")
    r5 = assess(conn, "ESP").verdict("R5")
    assert r5.verdict == "not_found" and r5.reviewed and len(r5.review_ids) == len(rows)


def test_compare_and_gaps_on_the_corpus(conn):
    _needs_tags(conn, "ESP")
    matrix = compare(conn, list(JURISDICTIONS))
    assert len(matrix.rows) == 22 and "R3" in matrix.differing
    r3 = next(r for r in matrix.rows if r.requirement == "R3")
    assert r3.cells["ARG"].verdict == "broader" and r3.cells["PAK"].verdict == "partial"
    rows = gaps(conn, requirement="R3", region="Asia")
    assert [r.iso3 for r in rows] == ["PAK"] and "means.abduction" in rows[0].missing


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
