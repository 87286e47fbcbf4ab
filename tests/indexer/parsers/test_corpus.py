"""Real statutes from ../shared: the quality table and a parse of every listed file."""

from __future__ import annotations

import re

import pytest

from indexer.parsers import ParseError, parse_document

from .manifest_helpers import manifest_rows, meta_for
from .quality_table import TABLE

pytestmark = pytest.mark.shared
_WS = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


@pytest.fixture(scope="module")
def corpus_laws(shared_dir):
    """Every corpus file parsed once: path -> Law or ParseError."""
    out = {}
    for row in manifest_rows(shared_dir / "corpus"):
        data = (shared_dir / "corpus" / row["path"]).read_bytes()
        try:
            out[row["path"]] = parse_document(data, meta_for(row))
        except ParseError as exc:
            out[row["path"]] = exc
    return out


def test_table_covers_every_file_with_trafficking_provisions(shared_dir):
    listed = {r["path"] for r in manifest_rows(shared_dir / "corpus") if r["trafficking_provisions"].strip()}
    no_text_layer = {"PAK/Prevention_of_Trafficking_in_Persons_Act_2018.pdf"}
    assert listed - set(TABLE) <= no_text_layer
    assert set(TABLE) <= listed


def test_quality_table_at_least_95_percent(corpus_laws):
    """Listed provisions are found with the right number, starting and ending where the statute does."""
    total, misses = 0, []
    for path, items in TABLE.items():
        law = corpus_laws[path]
        assert not isinstance(law, ParseError), f"{path}: {law.reason}"
        by_num: dict[str, list] = {}
        for p in law.provisions:
            by_num.setdefault(p.num, []).append(p)
        for num, first, last in items:
            total += 1
            candidates = by_num.get(num, [])
            ok = any(_norm(p.text).startswith(_norm(first)) and _norm(p.text).endswith(_norm(last))
                     for p in candidates)
            if not ok:
                got = _norm(candidates[0].text)[:60] if candidates else "(not found)"
                misses.append(f"{path} {num!r}: {got!r}")
    rate = 1 - len(misses) / total
    print(f"quality table: {total - len(misses)}/{total} = {rate:.3f}")
    assert rate >= 0.95, "\n".join(misses)


def test_quality_table_offsets_point_into_law_text(corpus_laws):
    for path in TABLE:
        law = corpus_laws[path]
        for p in law.provisions:
            assert law.text[p.start:p.end] == p.text, (path, p.eid)


def _check_parsed(path: str, result, failures: list[str]) -> None:
    if isinstance(result, ParseError):
        assert result.reason, path
        if "no text layer" not in result.reason:
            failures.append(f"{path}: {result.reason}")
        return
    if not result.provisions or not all(p.text for p in result.provisions):
        failures.append(f"{path}: no provisions")
    eids = [p.eid for p in result.provisions]
    assert len(eids) == len(set(eids)), f"{path}: duplicate eIds"
    assert result.language, path


def test_every_corpus_file_parses_or_has_a_reason(corpus_laws):
    """Each corpus file yields provisions, or a ParseError whose reason is "no text layer"."""
    failures: list[str] = []
    for path, result in corpus_laws.items():
        _check_parsed(path, result, failures)
    assert not failures, "\n".join(failures)


def test_every_formats_sample_parses(shared_dir):
    failures: list[str] = []
    for row in manifest_rows(shared_dir / "formats"):
        data = (shared_dir / "formats" / row["path"]).read_bytes()
        try:
            result = parse_document(data, meta_for(row))
        except ParseError as exc:
            result = exc
        _check_parsed(row["path"], result, failures)
    assert not failures, "\n".join(failures)


def test_scanned_pdf_is_recorded_as_no_text_layer(corpus_laws):
    err = corpus_laws["PAK/Prevention_of_Trafficking_in_Persons_Act_2018.pdf"]
    assert isinstance(err, ParseError) and "no text layer" in err.reason


def test_amending_acts_attribute_inserted_provisions(corpus_laws):
    law = corpus_laws["CAN/SC_2005_c43_trafficking_in_persons_en.xml"]
    assert law.is_amending and law.amends_title.lower() == "criminal code"
    inserted = {p.num: p for p in law.provisions if p.amends}
    assert {"279.01", "279.02", "279.03", "279.04"} <= set(inserted)
    assert inserted["279.01"].amends.lower() == "criminal code s. 279.01"
    andorra = corpus_laws["AND/Llei_40-2014_modificacio_Codi_penal_trafic_essers_humans.md"]
    nums = {p.num: p.amends for p in andorra.provisions if p.amends}
    assert nums.get("134 bis", "").endswith("art. 134 bis")


def test_spanish_trafficking_article_structure(corpus_laws):
    law = corpus_laws["ESP/Codigo_Penal_LO_10-1995_BOE-A-1995-25444.md"]
    art = next(p for p in law.provisions if p.num == "177 bis")
    paras = [p for p in law.provisions if p.parent_eid == art.eid]
    assert [p.num for p in paras] == [f"177 bis({i})" for i in range(1, 12)]
    assert art.eid == "art_177bis" and paras[0].eid == "art_177bis__para_1"
    assert any("VII bis" in label for label in art.path)
    para5 = paras[4]
    targets = {r.text: r.target_eid for r in para5.refs}
    assert targets.get("apartado 1") == "art_177bis__para_1"
