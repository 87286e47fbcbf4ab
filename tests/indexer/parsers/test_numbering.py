"""Numbering and heading recognition across languages (own sample strings)."""

from __future__ import annotations

import pytest

from indexer.parsers.numbering import clean_num, match_annex, match_article, match_container, match_enumerator


@pytest.mark.parametrize(("line", "kind", "num", "rest"), [
    ("Section 2", "section", "2", ""),
    ("Section 4. Interpretation", "section", "4", "Interpretation"),
    ("s. 279.01", "section", "279.01", ""),
    ("Article 225-4-1", "article", "225-4-1", ""),
    ("Art. 177 bis", "article", "177 bis", ""),
    ("Artículo 10. Objeto de la ley.", "article", "10", "Objeto de la ley."),
    ("ARTÍCULO 145 bis.- Será sancionado", "article", "145 bis", "Será sancionado"),
    ("Artigo 149-A", "article", "149-A", ""),
    ("§ 232a Zwangsarbeit", "section", "232a", "Zwangsarbeit"),
    ("Art. 382-1", "article", "382-1", ""),
    ("Article 3 quater", "article", "3 quater", ""),
    ("**ARTICULO 5º**— Alcance.", "article", "5", "Alcance."),
    ("Artículo 1o. Esta norma rige", "article", "1", "Esta norma rige"),
    ("Article L425-9", "article", "L425-9", ""),
    ("Article 224-1 A", "article", "224-1 A", ""),
    ("Artikel 12b", "article", "12b", ""),
    ("Άρθρο 7", "article", "7", ""),
    ("المادة 3- العقوبات", "article", "3", "العقوبات"),
    ("“Article 12 bis / Nou títol", "article", "12 bis", "Nou títol"),
])
def test_article_headings(line, kind, num, rest):
    h = match_article(line)
    assert h is not None, line
    assert (h.kind, h.num, h.rest) == (kind, num, rest)


@pytest.mark.parametrize("line", [
    "Section 3 of the Act applies to persons",
    "Artículo 145 bis del Código se aplica",
    "section 12 of the principal statute",
    "Articles 1 to 10 are repealed",
    "Artikel 13 is van toepassing",
])
def test_running_text_is_not_a_heading(line):
    assert match_article(line) is None


@pytest.mark.parametrize(("line", "kind", "num", "rest"), [
    ("TÍTULO VII bis. De la trata", "title", "VII bis", "De la trata"),
    ("CHAPTER IV", "chapter", "IV", ""),
    ("Chapitre II : Des atteintes", "chapter", "II", "Des atteintes"),
    ("LIBRO SEGUNDO", "book", "SEGUNDO", ""),
    ("Part 3 - Offences", "part", "3", "Offences"),
    ("2. Kapitel: Zweck", "chapter", "2", "Zweck"),
    ("CHAPTERVII OF OFFENCES", "chapter", "VII", "OF OFFENCES"),
])
def test_container_headings(line, kind, num, rest):
    h = match_container(line)
    assert h is not None, line
    assert (h.kind, h.num, h.rest) == (kind, num, rest)


def test_container_needs_capital_or_number():
    assert match_container("section 101 of that act") is None


@pytest.mark.parametrize(("line", "typ", "value"), [
    ("(1) Every person", "paren_num", "1"),
    ("(4.11) Inserted text", "paren_num", "4.11"),
    ("(a) the recruitment", "paren_alpha", "a"),
    ("(ii) the second", "paren_roman", "ii"),
    ("a) la imposición", "alpha_paren", "a"),
    ("1. Será castigado", "num_dot", "1"),
    ("7) Delitos previstos", "num_dot", "7"),
    ("1° Les lois", "num_degree", "1"),
    ("II.- Las víctimas", "roman_dot", "II"),
    ("2- يعد", "num_dash", "2"),
])
def test_enumerators(line, typ, value):
    m = match_enumerator(line)
    assert m is not None and m[:2] == (typ, value)


def test_enumerator_label_end_offset():
    typ, value, end = match_enumerator("(b) the transfer")
    assert "(b) the transfer"[end:] == "the transfer"


def test_annex_and_clean_num():
    h = match_annex("SCHEDULE 2 Forms")
    assert h is not None and (h.kind, h.num) == ("schedule", "2")
    assert match_annex("schedule 2 applies to") is None
    assert clean_num("1º") == "1" and clean_num("177  bis") == "177 bis" and clean_num("L. 425-1") == "L425-1"
