"""Property test: any string is either searched or refused with QueryError, on both backends."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.search.base import QueryError, SearchQuery

SYNTAX = st.sampled_from(['"', "(", ")", "*", "-", "+", "^", ":", "AND", "OR", "NOT", "NEAR(", "\x00", "\\",
                          "'", ";", "\u202e", "🙂", "שלום", " "])
QUERIES = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(SYNTAX, st.text(max_size=8)), max_size=40).map(" ".join),
    st.lists(SYNTAX, max_size=60).map("".join),
)


def check(backend, q: str, sort: str) -> None:
    try:
        result = backend.search(SearchQuery(q=q, sort=sort, page_size=5))
    except QueryError as exc:
        assert str(exc) and "sql" not in str(exc).lower()
        return
    assert 0 <= len(result.results) <= 5 and result.total >= len(result.results)
    for hit in result.results:
        assert "<" not in hit.snippet.replace("<mark>", "").replace("</mark>", "")


@pytest.mark.parametrize("examples", [150])
def test_random_queries_embedded(loaded, examples):
    if loaded.name != "embedded":
        pytest.skip("the embedded run takes the large sample; Elasticsearch gets a smaller one below")

    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
    @given(q=QUERIES, sort=st.sampled_from(["relevance", "date", "jurisdiction"]))
    def run(q, sort):
        check(loaded, q, sort)

    run()


def test_random_queries_elasticsearch(loaded):
    if loaded.name != "elasticsearch":
        pytest.skip("covered by the embedded run")

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(q=QUERIES)
    def run(q):
        check(loaded, q, "relevance")

    run()
