"""The user query parser, cursors, documents and the snippet highlighter."""

from __future__ import annotations

import pytest

from indexer.search.base import QueryError, SearchQuery
from indexer.search.cursor import decode_cursor, encode_cursor
from indexer.search.documents import DocumentError, date_key, jurisdiction_key, normalize
from indexer.search.highlight import render, snippet
from indexer.search.query import And, Highlight, Not, Or, Phrase, Term, parse_query


@pytest.mark.parametrize(("q", "expected"), [
    ("trata de personas", And((Term("trata"), Term("de"), Term("personas")))),
    ('"forced labour" OR servitude', Or((Phrase("forced labour"), Term("servitude")))),
    ("victim -consent", And((Term("victim"), Not(Term("consent"))))),
    ("victim AND NOT consent", And((Term("victim"), Not(Term("consent"))))),
    ("exploit*", Term("exploit", prefix=True)),
    ("(a OR b) c", And((Or((Term("a"), Term("b"))), Term("c")))),
    ("\u201cforced labour\u201d", Phrase("forced labour")),          # typographic quotes
    ('"unbalanced phrase', Phrase("unbalanced phrase")),
    ("((( x", Term("x")),
    ("a ) b", And((Term("a"), Term("b")))),
    ("AND", Term("AND")),                                            # bare operators read as words
    ("a OR", Term("a")),
    ("^ * :", None),
    ("x*", Term("x")),                                               # one-letter prefixes are plain words
    ("tr\x00ata", And((Term("tr"), Term("ata")))),                   # NUL is a separator
    ("", None),
])
def test_parse(q, expected):
    assert parse_query(q) == expected


def test_limits():
    with pytest.raises(QueryError, match="too long"):
        parse_query("x" * 1001)
    with pytest.raises(QueryError, match="too complex"):
        parse_query(" ".join(["w"] * 65))
    with pytest.raises(QueryError, match="nested"):
        parse_query("(" * 40 + "x")
    assert parse_query("x" * 2000, max_chars=5000) == Term("x" * 2000)


def test_cursor_round_trip_and_binding():
    query = SearchQuery(q="trata", sort="date")
    token = encode_cursor(query, {"k": 5, "s": ["a"], "n": 20})
    state = decode_cursor(query.model_copy(update={"cursor": token, "page": 7}))
    assert state == {"k": 5, "s": ["a"], "n": 20}
    with pytest.raises(QueryError, match="another query"):
        decode_cursor(SearchQuery(q="other", sort="date", cursor=token))
    with pytest.raises(QueryError):
        decode_cursor(SearchQuery(cursor="%%%"))
    assert decode_cursor(SearchQuery()) is None


def test_normalize_documents():
    doc = normalize({"id": "X--a", "jurisdiction": "esp", "language": "ES", "elements": ["b", "a", "a"],
                     "year": "2001", "text": "a\x00b"})
    assert doc["law_id"] == "X" and doc["jurisdiction"] == "ESP" and doc["language"] == "es"
    assert doc["elements"] == ["a", "b"] and doc["year"] == 2001 and doc["text"] == "a b"
    for bad in ({"text": "no id"}, {"id": "X", "year": "MMI"}, {"id": "X", "version_date": "yesterday"},
                {"id": "X", "in_force": "yes"}, {"id": "X", "elements": 5}, "not a dict"):
        with pytest.raises(DocumentError):
            normalize(bad)


def test_sort_keys_order_dates_then_document_order():
    a = normalize({"id": "L--1", "version_date": "2020-01-01", "ord": 1})
    b = normalize({"id": "L--2", "version_date": "2020-01-01", "ord": 2})
    old = normalize({"id": "M--1", "year": 1999, "ord": 1})
    assert date_key(a) > date_key(b) > date_key(old)  # newest first, then ord ascending (descending sort)
    esp = normalize({"id": "E--1", "jurisdiction": "ESP"})
    fra = normalize({"id": "F--1", "jurisdiction": "FRA"})
    assert jurisdiction_key(esp) < jurisdiction_key(fra)


def test_snippet_escapes_before_marking():
    hl = Highlight(terms={"en": {"script"}})
    out = snippet("<b>bold</b> and <script>x</script> & 'q'", "en", hl)
    assert out == ("&lt;b&gt;bold&lt;/b&gt; and &lt;<mark>script</mark>&gt;x&lt;/<mark>script</mark>&gt; "
                   "&amp; &#x27;q&#x27;")


def test_snippet_stems_and_prefixes():
    hl = Highlight(terms={"es": {"trat"}}, prefixes={"es": {"explot"}})
    out = snippet("Las tratas con fines de explotación.", "es", hl)
    assert out == "Las <mark>tratas</mark> con fines de <mark>explotación</mark>."


def test_snippet_window_centres_on_matches():
    text = "word " * 200 + "needle " + "word " * 200
    out = snippet(text, "en", Highlight(terms={"en": {"needl"}}), width=100)
    assert "<mark>needle</mark>" in out and out.startswith("\u2026") and out.endswith("\u2026")
    assert len(out) < 140
    assert render("short", []) == "short"
