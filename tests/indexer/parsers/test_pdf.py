"""PDF text layer: headers/footers, hyphenation, two columns, encrypted and scanned files."""

from __future__ import annotations

import pytest

from indexer.models import DocumentMeta
from indexer.parsers import ParseError, parse_document

from .pdf_samples import scanned_pdf, statute_pdf

pytest.importorskip("fpdf")


def _nums(law):
    return {p.num: p for p in law.provisions}


def test_pdf_statute_furniture_and_hyphenation(tmp_path):
    law = parse_document(statute_pdf(tmp_path / "a.pdf").read_bytes(), DocumentMeta(format="pdf"))
    nums = _nums(law)
    assert "SAMPLE GAZETTE" not in law.text
    assert nums["2(1)"].text == "A person who recruits another person for exploitation commits an offence."
    assert nums["2(2)"].text == "A person who harbours a victim commits an offence."
    assert nums["1"].heading == "Short title"
    assert nums["4"].text == "This Act comes into force on publication."
    assert law.format == "pdf" and law.language == "en"


def test_pdf_two_columns_read_in_order(tmp_path):
    law = parse_document(statute_pdf(tmp_path / "b.pdf", two_columns=True).read_bytes(), DocumentMeta())
    nums = _nums(law)
    assert list(nums)[:3] == ["1", "2", "2(1)"]
    assert nums["2(1)"].text == "A person who recruits another person for exploitation commits an offence."


def test_encrypted_pdf_is_an_error_record(tmp_path):
    data = statute_pdf(tmp_path / "c.pdf", password="s3cret").read_bytes()
    with pytest.raises(ParseError) as err:
        parse_document(data, DocumentMeta(format="pdf"))
    assert "encrypted" in err.value.reason


def test_scanned_pdf_has_no_text_layer(tmp_path):
    with pytest.raises(ParseError) as err:
        parse_document(scanned_pdf(tmp_path / "d.pdf").read_bytes(), DocumentMeta(format="pdf"))
    assert "no text layer" in err.value.reason


def test_footnotes_and_footnote_marks_are_not_statute_text():
    from indexer.parsers.pdf import drop_footnotes
    from indexer.parsers.textnorm import drop_footnote_marks

    page = ["(1) It extends to the whole of 2[the Province].", "(2) It comes into force at once.", " ", "1",
            "This Act received assent on 1 March 1990.",
            "2Substituted for the word “Country” by Act 3 of 2012."]
    assert drop_footnotes(page) == page[:2]
    assert drop_footnote_marks(page[0]) == "(1) It extends to the whole of [the Province]."
    assert drop_footnote_marks("The 4 [* * *] Government may") == "The [* * *] Government may"
    assert drop_footnote_marks("see section 5[1] of the Act") == "see section 5[1] of the Act"

    from indexer.parsers.textnorm import reflow

    assert reflow(["(1) It extends to the whole of 2", "[the Province]."], hard_wrapped=True) == [
        "(1) It extends to the whole of [the Province]."]


def test_marginal_notes_become_section_headings(tmp_path):
    from .pdf_samples import marginal_notes_pdf

    law = parse_document(marginal_notes_pdf(tmp_path / "g.pdf").read_bytes(), DocumentMeta(format="pdf"))
    nums = _nums(law)
    headings = (nums["1"].heading, nums["2"].heading, nums["3"].heading)
    assert headings == ("Short title", "Forced labour", "Saving")
    assert nums["2"].text == "Whoever compels a person to labour shall be punished."
    assert nums["1(2)"].text == "It extends to the whole country."
    assert "Forced labour" not in nums["2"].text
