"""Registry selection, format sniffing, cross-references, language detection, robustness."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.models import DocumentMeta, Law
from indexer.parsers import ParseError, lookup, normalise_format, parse_document, register, sniff_format
from indexer.parsers.lang import detect_language
from indexer.parsers.registry import _PARSERS


def test_format_aliases_and_sniffing():
    assert normalise_format("CLML") == "clml"
    assert normalise_format("USLM 2.0 (Public Law)") == "uslm"
    assert normalise_format("Akoma Ntoso 3.0 (CSD03 draft namespace)") == "akn-xml"
    assert normalise_format("eISB Act XML (Irish Statute Book)") == "eisb-xml"
    assert normalise_format("something else") == ""
    assert sniff_format(b"%PDF-1.4 ...") == "pdf"
    assert sniff_format(b'{"provisions": []}') == "json"
    assert sniff_format(b"<?xml version='1.0'?><akomaNtoso/>") == "akn-xml"
    clml = b"<Legislation xmlns='http://www.legislation.gov.uk/namespaces/legislation'/>"
    assert sniff_format(clml) == "clml"
    assert sniff_format(b"<!DOCTYPE html><html></html>", "https://eur-lex.europa.eu/x") == "eurlex-html"
    assert sniff_format(b"---\ntitle: x\n---\n") == "markdown"
    assert sniff_format(b"Plain words") == "text"


def test_register_prefers_jurisdiction_specific_parser():
    calls = []

    @register("text", jurisdiction="ZZZ")
    def special(data: bytes, meta: DocumentMeta) -> Law:
        calls.append(meta.jurisdiction)
        return Law(jurisdiction="ZZZ", title="special", text="Article 1\nWords.\n")

    try:
        assert lookup("text", "zzz") is special and lookup("text", "FRA") is not special
        law = parse_document(b"Article 1\nWords.\n", DocumentMeta(format="text", jurisdiction="ZZZ"))
        assert calls == ["ZZZ"] and law.provisions[0].text == "Article 1\nWords."
    finally:
        _PARSERS.pop(("text", "ZZZ", None), None)


@pytest.mark.parametrize(("text", "lang"), [
    ("The person shall be liable to imprisonment for any offence under this section.", "en"),
    ("Será castigado con la pena de prisión el que capte a una persona para su explotación.", "es"),
    ("Est puni de sept ans d'emprisonnement le fait de recruter une personne pour l'exploiter.", "fr"),
    ("Wer eine andere Person ausbeutet, wird mit Freiheitsstrafe bestraft, der Versuch ist strafbar.", "de"),
    ("Hij die een ander werft met het oogmerk van uitbuiting wordt gestraft met een gevangenisstraf.", "nl"),
    ("El qui recluti una persona amb finalitat d'explotació ha de ser castigat amb pena de presó.", "ca"),
    ("يعاقب بالسجن كل من ارتكب جريمة الاتجار بالبشر", "ar"),
    ("Όποιος στρατολογεί πρόσωπο με σκοπό την εκμετάλλευση τιμωρείται", "el"),
])
def test_language_detection(text, lang):
    assert detect_language(text) == lang


def test_crossrefs_resolve_and_external():
    md = ("##### Section 1\n\n(1) A person commits an offence.\n\n(2) Subsection (1) does not apply to a "
          "victim.\n\n##### Section 2\n\nAn offence under section 1(1) or section 9 of the Penal Code is "
          "punishable.\n\n##### Section 3\n\nAs defined in section 2.\n")
    law = parse_document(md.encode(), DocumentMeta(format="markdown"))
    refs = {p.num: [(r.text, r.target_eid, r.target_law) for r in p.refs] for p in law.provisions}
    assert refs["1(2)"] == [("Subsection (1)", "sec_1__subsec_1", None)]
    assert ("section 1(1)", "sec_1__subsec_1", None) in refs["2"]
    assert ("section 9", None, "Penal Code") in refs["2"]
    assert refs["3"] == [("section 2", "sec_2", None)]
    p2 = next(p for p in law.provisions if p.num == "2")
    for r in p2.refs:
        assert p2.text[r.start:r.end] == r.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("Article 12bis§().-:\n#*abcXYZ ")), max_size=400),
       st.sampled_from(["markdown", "text", "html", "json", "akn-xml", ""]))
def test_any_input_gives_a_law_or_a_parse_error(text, fmt):
    try:
        law = parse_document(text.encode(), DocumentMeta(format=fmt))
    except ParseError as exc:
        assert exc.reason
        return
    for p in law.provisions:
        assert law.text[p.start:p.end] == p.text
    assert len({p.eid for p in law.provisions}) == len(law.provisions)


def test_reference_lists_and_external_laws():
    from indexer.parsers.crossrefs import scan

    text = ("For the purposes of sections 12.01 to 12.03 and section 9 of the Labour Code, "
            "see articles 5, 6 et 7.")
    hits = [(text[h.start:h.end], h.num, h.law) for h in scan(text)]
    assert hits == [("sections 12.01", "12.01", None), ("12.03", "12.03", None),
                    ("section 9", "9", "Labour Code"),
                    ("articles 5", "5", None), ("6", "6", None), ("7", "7", None)]
