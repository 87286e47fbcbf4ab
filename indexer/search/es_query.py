"""Elasticsearch request bodies: queries, filters, aggregations, sorting and search_after paging.

Pure functions (no client), unit-tested without a server. The user query is
parsed once (:mod:`indexer.search.query`) and compiled per language into
``match`` / ``match_phrase`` / ``prefix`` clauses on that language's fields,
so Elasticsearch analyses each word with the same kind of analyzer it indexed with.
"""

from __future__ import annotations

from indexer.search.base import QueryError, SearchQuery
from indexer.search.query import MAX_QUERY_CHARS, Highlight, LeafBuilder, compile_query, parse_query
from indexer.search.results import MAX_OFFSET, check_page, query_keys

FILTER_FIELDS = {
    "jurisdiction": "jurisdiction", "region": "region", "language": "language",
    "element": "elements", "requirement": "requirements", "law": "law_id",
}
FACETS = {
    "jurisdiction": ("jurisdiction", 300), "region": ("region", 20), "language": ("language", 50),
    "element": ("elements", 200), "requirement": ("requirements", 100), "law": ("law_id", 50),
    "year": ("year", 300), "in_force": ("in_force", 2),
}
SORTS = {
    "relevance": [{"_score": "desc"}, {"id": "asc"}],
    "date": [{"date_key": "desc"}, {"id": "asc"}],
    "jurisdiction": [{"jur_key": "asc"}, {"id": "asc"}],
}
HEADING_BOOST = 2.0


class EsLeaves(LeafBuilder[dict]):
    """Builds Elasticsearch query DSL for :func:`indexer.search.query.compile_query`."""

    @staticmethod
    def _both(make, key: str) -> dict:
        return {"bool": {"should": [make(f"text_{key}", 1.0), make(f"heading_{key}", HEADING_BOOST)]}}

    def term(self, key: str, token: str, raw: str) -> dict:
        return self._both(lambda f, boost: {"match": {f: {"query": raw, "boost": boost}}}, key)

    def phrase(self, key: str, positioned: list[tuple[int, str]], raw: str) -> dict:
        return self._both(lambda f, boost: {"match_phrase": {f: {"query": raw, "boost": boost}}}, key)

    def prefix(self, key: str, prefixes: list[str]) -> dict:
        def make(field: str, boost: float) -> dict:
            clauses = [{"prefix": {field: {"value": p, "boost": boost}}} for p in prefixes]
            return clauses[0] if len(clauses) == 1 else {"bool": {"should": clauses}}

        return self._both(make, key)

    def boolean(self, must, should, must_not) -> dict:
        body: dict = {}
        if must:
            body["must"] = must
        if should:
            body["should"] = should
        if must_not:
            body["must_not"] = must_not
        return {"bool": body}

    def match_all(self) -> dict:
        return {"match_all": {}}

    def in_language(self, key: str, query: dict) -> dict:
        return {"bool": {"must": [query], "filter": [{"term": {"lang_key": key}}]}}


def filter_clauses(query: SearchQuery) -> list[dict]:
    """``bool.filter`` clauses for every filter of ``query``."""
    clauses = []
    for name, values in query.filters().items():
        vals = [v.upper() for v in values] if name == "jurisdiction" else values
        vals = [v.lower() for v in vals] if name == "language" else vals
        clauses.append({"terms": {FILTER_FIELDS[name]: vals}})
    if query.year_from is not None or query.year_to is not None:
        bounds = {}
        if query.year_from is not None:
            bounds["gte"] = query.year_from
        if query.year_to is not None:
            bounds["lte"] = query.year_to
        clauses.append({"range": {"year": bounds}})
    if query.in_force is not None:
        clauses.append({"term": {"in_force": query.in_force}})
    return clauses


def aggregations() -> dict:
    """Terms aggregations for every facet."""
    return {name: {"terms": {"field": field, "size": size}} for name, (field, size) in FACETS.items()}


def text_query(query: SearchQuery, max_chars: int = MAX_QUERY_CHARS) -> tuple[dict, Highlight | None]:
    """The scoring part of the request, and what to highlight."""
    node = parse_query(query.q, max_chars)
    if node is None:
        return {"match_all": {}}, None
    hl = Highlight()
    compiled = compile_query(node, query_keys(query), EsLeaves(), hl)
    return (compiled if compiled is not None else {"match_none": {}}), hl


def search_body(
    query: SearchQuery, state: dict | None, max_chars: int = MAX_QUERY_CHARS
) -> tuple[dict, Highlight | None]:
    """The full ``_search`` body for ``query`` (``state``: decoded cursor, or ``None``)."""
    offset = check_page(query)
    scoring, hl = text_query(query, max_chars)
    body: dict = {
        "query": {"bool": {"must": [scoring], "filter": filter_clauses(query)}},
        "aggs": aggregations(),
        "size": query.page_size,
        "sort": SORTS[query.sort],
        "track_total_hits": True,
    }
    if state is not None:
        after, done = state.get("a"), state.get("n")
        if not isinstance(after, list) or len(after) != 2 or not isinstance(done, int) or done < 0:
            raise QueryError("invalid cursor")
        body["search_after"] = after
    elif offset:
        if offset + query.page_size > MAX_OFFSET:
            raise QueryError(f"page too deep: pages stop at {MAX_OFFSET} results; use next_cursor")
        body["from"] = offset
    return body, hl


def read_facets(aggs: dict) -> dict[str, dict[str, int]]:
    """``{facet: {value: count}}`` from an aggregation response (booleans as ``true``/``false``)."""
    facets: dict[str, dict[str, int]] = {}
    for name in FACETS:
        buckets = (aggs.get(name) or {}).get("buckets") or []
        values: dict[str, int] = {}
        for bucket in buckets:
            key = bucket.get("key_as_string", bucket.get("key"))
            if isinstance(key, bool):
                key = "true" if key else "false"
            elif isinstance(key, float) and key.is_integer():
                key = int(key)
            values[str(key)] = int(bucket.get("doc_count", 0))
        facets[name] = values
    in_force = facets["in_force"]
    facets["in_force"] = {"true": in_force.get("true", in_force.get("1", 0)),
                          "false": in_force.get("false", in_force.get("0", 0))}
    return facets


def similar_body(index: str, doc: dict, size: int, other_jurisdictions: bool) -> dict | None:
    """A ``_search`` body for provisions like ``doc``: more_like_this on its text plus shared elements."""
    key = doc.get("lang_key") or "xx"
    should: list[dict] = []
    if doc.get(f"text_{key}"):
        should.append({"more_like_this": {
            "fields": [f"text_{key}"], "like": [{"_index": index, "_id": doc["id"]}],
            "min_term_freq": 1, "min_doc_freq": 2, "max_query_terms": 25, "min_word_length": 3,
        }})
    should += [{"term": {"elements": {"value": e, "boost": 2.0}}} for e in doc.get("elements") or []]
    if not should:
        return None
    must_not: list[dict] = [{"ids": {"values": [doc["id"]]}}]
    if other_jurisdictions and doc.get("jurisdiction"):
        must_not.append({"term": {"jurisdiction": doc["jurisdiction"]}})
    return {"query": {"bool": {"should": should, "must_not": must_not, "minimum_should_match": 1}},
            "size": size, "sort": SORTS["relevance"]}
