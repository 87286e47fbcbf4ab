"""Bad input never crashes a run: every bad document becomes a ParseError with a reason."""

from __future__ import annotations

import os

import pytest

from indexer.models import DocumentMeta
from indexer.parsers import MAX_BYTES, ParseError, parse_document

from .pdf_samples import scanned_pdf, statute_pdf

GOOD_MD = b"# Test Act\n\n##### Article 1\n\nThe victim shall be protected.\n\n##### Article 2\n\nEnd.\n"
GOOD_XML = (b'<?xml version="1.0" encoding="UTF-8"?><Statute><Body><Section><Label>1</Label>'
            b"<Text>A person shall not recruit a child.</Text></Section></Body></Statute>")


def _bad_documents(tmp_path) -> dict[str, tuple[bytes, DocumentMeta]]:
    """name -> (bytes, meta) for each kind of bad input."""
    pytest.importorskip("fpdf")
    rng = os.urandom
    return {
        "garbage": (rng(4096), DocumentMeta(format="")),
        "garbage_as_pdf": (b"%PDF-1.7\n" + rng(2048), DocumentMeta(format="pdf")),
        "zero_bytes": (b"", DocumentMeta(format="markdown")),
        "whitespace": (b" \n\t\n", DocumentMeta(format="text")),
        "truncated_xml": (GOOD_XML[:70], DocumentMeta(format="canada-xml")),
        "malformed_akn": (b"<akomaNtoso><act><body><section>unclosed", DocumentMeta(format="akn-xml")),
        "malformed_json": (b'{"provisions": [{"section": "1", ', DocumentMeta(format="json")),
        "json_without_provisions": (b'{"title": "x"}', DocumentMeta(format="json")),
        "nul_bytes_as_text": (b"Article 1\x00\x00\x00" * 50, DocumentMeta(format="text")),
        "too_large_50mb": (b"Article 1. " + b"x" * (50 * 1024 * 1024), DocumentMeta(format="text")),
        "encrypted_pdf": (statute_pdf(tmp_path / "e.pdf", password="pw").read_bytes(),
                          DocumentMeta(format="pdf")),
        "scanned_pdf": (scanned_pdf(tmp_path / "s.pdf").read_bytes(), DocumentMeta(format="pdf")),
        "html_no_text": (b"<html><body><script>x()</script></body></html>", DocumentMeta(format="html")),
    }


def test_each_bad_document_has_a_reason(tmp_path):
    for name, (data, meta) in _bad_documents(tmp_path).items():
        with pytest.raises(ParseError) as err:
            parse_document(data, meta)
        assert err.value.reason and len(err.value.reason) < 400, name


def test_specific_reasons(tmp_path):
    docs = _bad_documents(tmp_path)

    def reason(name: str) -> str:
        try:
            parse_document(*docs[name])
        except ParseError as exc:
            return exc.reason
        raise AssertionError(f"{name} parsed")

    assert "empty" in reason("zero_bytes")
    assert "malformed XML" in reason("truncated_xml")
    assert "malformed JSON" in reason("malformed_json")
    assert "too large" in reason("too_large_50mb") and len(docs["too_large_50mb"][0]) > MAX_BYTES
    assert "encrypted" in reason("encrypted_pdf")
    assert "no text layer" in reason("scanned_pdf")
    assert "binary" in reason("nul_bytes_as_text")


def test_batch_continues_after_bad_documents(tmp_path):
    """A run over good and bad documents records errors and still indexes the good ones."""
    batch = [(GOOD_MD, DocumentMeta(format="markdown"))]
    batch += list(_bad_documents(tmp_path).values())
    batch += [(GOOD_XML, DocumentMeta(format="canada-xml"))]
    laws, errors = [], []
    for data, meta in batch:
        try:
            laws.append(parse_document(data, meta))
        except ParseError as exc:
            errors.append(exc.reason)
    assert len(laws) == 2 and len(errors) == len(batch) - 2
    assert [p.num for p in laws[0].provisions] == ["1", "2"]
    assert laws[1].provisions[0].text == "A person shall not recruit a child."


def test_wrong_declared_encoding_is_recovered_with_a_warning():
    xml = GOOD_XML.replace(b"UTF-8", b"UTF-16").replace(b"recruit", "r\u00e9cruit".encode())
    law = parse_document(xml, DocumentMeta(format="canada-xml"))
    assert "récruit" in law.provisions[0].text
    assert any("encoding" in w for w in law.warnings)
    latin = "# Loi\n\n##### Article 1\n\nLa victime est protégée.\n".encode("latin-1")
    law = parse_document(latin, DocumentMeta(format="markdown"))
    assert "protégée" in law.provisions[0].text and law.warnings


def test_non_bytes_input_is_a_parse_error():
    with pytest.raises(ParseError):
        parse_document("not bytes", DocumentMeta())  # type: ignore[arg-type]


def test_xml_entities_are_never_expanded_or_fetched():
    xxe = (b'<?xml version="1.0"?><!DOCTYPE Statute [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
           b"<Statute><Body><Section><Label>1</Label><Text>Secret: &e; end.</Text>"
           b"</Section></Body></Statute>")
    law = parse_document(xxe, DocumentMeta(format="canada-xml"))
    assert law.provisions[0].text == "Secret: end."  # the external entity is neither fetched nor expanded
    bomb = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>'
            b"<Statute><Body><Section><Label>1</Label><Text>&d;&d;&d;</Text></Section></Body></Statute>")
    try:
        law = parse_document(bomb, DocumentMeta(format="canada-xml"))
    except ParseError as exc:
        assert exc.reason
    else:
        assert len(law.text) < 1000


def test_mislabelled_format_falls_back_to_the_sniffed_one(tmp_path):
    pytest.importorskip("fpdf")
    pdf = statute_pdf(tmp_path / "m.pdf").read_bytes()
    law = parse_document(pdf, DocumentMeta(format="markdown"))
    assert law.format == "pdf" and any("declared format" in w for w in law.warnings)
    assert [p.num for p in law.provisions if not p.parent_eid][:2] == ["1", "2"]
