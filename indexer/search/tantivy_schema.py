"""Tantivy schema, document conversion and query building for the embedded backend."""

from __future__ import annotations

import json
import re

import tantivy

from indexer.search import analysis
from indexer.search.base import SearchQuery
from indexer.search.documents import date_key, jurisdiction_key
from indexer.search.query import LeafBuilder

KEYWORD_FIELDS = (
    "id", "law_id", "jurisdiction", "region", "language", "elements", "requirements", "in_force", "lang_key",
)
# SearchQuery filter name -> keyword field
FILTER_FIELDS = {
    "jurisdiction": "jurisdiction", "region": "region", "language": "language",
    "element": "elements", "requirement": "requirements", "law": "law_id",
}
# facet name -> (fast field, max buckets)
FACETS = {
    "jurisdiction": ("jurisdiction", 300), "region": ("region", 20), "language": ("language", 50),
    "element": ("elements", 200), "requirement": ("requirements", 100), "law": ("law_id", 50),
    "year": ("year", 300), "in_force": ("in_force", 2),
}
HEADING_BOOST = 2.0


def text_field(key: str) -> str:
    """Index field holding provision text in analyzer ``key``'s language."""
    return f"text_{key}"


def heading_field(key: str) -> str:
    """Index field holding headings (and citation labels) in analyzer ``key``'s language."""
    return f"heading_{key}"


def build_schema() -> tantivy.Schema:
    """The embedded index schema (keyword facets, per-language text, sort keys, stored source)."""
    sb = tantivy.SchemaBuilder()
    for name in KEYWORD_FIELDS:
        sb.add_text_field(name, stored=False, fast=name != "id", tokenizer_name="raw", index_option="basic")
    sb.add_integer_field("year", indexed=True, fast=True)
    sb.add_integer_field("date_key", indexed=True, fast=True)
    sb.add_integer_field("jur_key", indexed=True, fast=True)
    for key in analysis.LANGUAGE_KEYS:
        for name in (text_field(key), heading_field(key)):
            sb.add_text_field(name, tokenizer_name=analysis.tokenizer_name(key), index_option="position")
    sb.add_bytes_field("src", stored=True, indexed=False)
    return sb.build()


def to_document(doc: dict) -> tantivy.Document:
    """Convert a normalised index document (see :func:`indexer.search.documents.normalize`)."""
    key = analysis.language_key(doc["language"])
    out = tantivy.Document()
    for name in ("id", "law_id", "jurisdiction", "region", "language"):
        if doc[name]:
            out.add_text(name, doc[name])
    for name in ("elements", "requirements"):
        for value in doc[name]:
            out.add_text(name, value)
    out.add_text("lang_key", key)
    if doc["in_force"] is not None:
        out.add_text("in_force", "true" if doc["in_force"] else "false")
    if doc["year"] is not None:
        out.add_integer("year", doc["year"])
    out.add_integer("date_key", date_key(doc))
    out.add_integer("jur_key", jurisdiction_key(doc))
    out.add_text(text_field(key), doc["text"])
    heading = " ".join(part for part in (doc["ref"], doc["heading"]) if part)
    if heading:
        out.add_text(heading_field(key), heading)
    out.add_bytes("src", json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode())
    return out


def source(document: tantivy.Document) -> dict:
    """The normalised index document stored with a tantivy document."""
    return json.loads(bytes(document.get_first("src")))


class TantivyLeaves(LeafBuilder[tantivy.Query]):
    """Builds tantivy queries for :func:`indexer.search.query.compile_query`."""

    def __init__(self, schema: tantivy.Schema) -> None:
        self.schema = schema

    def _both(self, make, key: str) -> tantivy.Query:
        body = make(text_field(key))
        heading = tantivy.Query.boost_query(make(heading_field(key)), HEADING_BOOST)
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, body), (tantivy.Occur.Should, heading)])

    def term(self, key: str, token: str, raw: str) -> tantivy.Query:
        return self._both(lambda f: tantivy.Query.term_query(self.schema, f, token), key)

    def phrase(self, key: str, positioned: list[tuple[int, str]], raw: str) -> tantivy.Query:
        return self._both(lambda f: tantivy.Query.phrase_query(self.schema, f, positioned), key)

    def prefix(self, key: str, prefixes: list[str]) -> tantivy.Query:
        pattern = "|".join(re.escape(p) for p in prefixes)
        return self._both(lambda f: tantivy.Query.regex_query(self.schema, f, f"({pattern}).*"), key)

    def boolean(self, must, should, must_not) -> tantivy.Query:
        clauses = [(tantivy.Occur.Must, q) for q in must]
        clauses += [(tantivy.Occur.Should, q) for q in should]
        clauses += [(tantivy.Occur.MustNot, q) for q in must_not]
        return tantivy.Query.boolean_query(clauses)

    def match_all(self) -> tantivy.Query:
        return tantivy.Query.all_query()

    def in_language(self, key: str, query: tantivy.Query) -> tantivy.Query:
        lang = tantivy.Query.const_score_query(tantivy.Query.term_query(self.schema, "lang_key", key), 0.0)
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, query), (tantivy.Occur.Must, lang)])


def filter_query(schema: tantivy.Schema, query: SearchQuery) -> tantivy.Query | None:
    """A constant-score query for every filter of ``query`` (``None`` when there is none)."""
    clauses = []
    for name, values in query.filters().items():
        field = FILTER_FIELDS[name]
        vals = [v.upper() for v in values] if name == "jurisdiction" else values
        vals = [v.lower() for v in vals] if name == "language" else vals
        clauses.append(tantivy.Query.term_set_query(schema, field, vals))
    if query.year_from is not None or query.year_to is not None:
        clauses.append(tantivy.Query.range_query(
            schema, "year", tantivy.FieldType.Integer, lower_bound=query.year_from, upper_bound=query.year_to
        ))
    if query.in_force is not None:
        clauses.append(tantivy.Query.term_query(schema, "in_force", "true" if query.in_force else "false"))
    if not clauses:
        return None
    return tantivy.Query.const_score_query(
        tantivy.Query.boolean_query([(tantivy.Occur.Must, c) for c in clauses]), 0.0
    )


def facet_aggregations() -> dict:
    """The tantivy (Elasticsearch-style) aggregation request for every facet."""
    return {name: {"terms": {"field": field, "size": size}} for name, (field, size) in FACETS.items()}


def read_facets(result: dict) -> dict[str, dict[str, int]]:
    """Turn an aggregation response into ``{facet: {value: count}}`` (``in_force`` as true/false)."""
    facets: dict[str, dict[str, int]] = {}
    for name in FACETS:
        buckets = (result.get(name) or {}).get("buckets") or []
        facets[name] = {str(_bucket_key(b["key"])): int(b["doc_count"]) for b in buckets}
    in_force = facets["in_force"]
    facets["in_force"] = {"true": in_force.get("true", 0), "false": in_force.get("false", 0)}
    return facets


def _bucket_key(key: object) -> object:
    if isinstance(key, float) and key.is_integer():
        return int(key)
    return key
