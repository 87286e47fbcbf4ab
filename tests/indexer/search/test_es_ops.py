"""Elasticsearch operations over HTTP: template, alias swap, bulk failures, unreachable cluster."""

from __future__ import annotations

import pytest

from indexer.search import elastic
from indexer.search.base import BackendUnavailable, IndexingError, SearchQuery
from indexer.search.elastic import ElasticsearchBackend
from indexer.settings import Settings
from tests.indexer.search.conftest import _free_port, drop_es_backend, make_es_backend
from tests.indexer.search.corpus import DOCS


@pytest.fixture
def es(es_endpoint):
    backend = make_es_backend(es_endpoint)
    yield backend
    drop_es_backend(backend)


def test_missing_index_is_unavailable_until_written(es):
    assert es.health()["ok"] is False and "reindex" in str(es.health()["detail"])
    with pytest.raises(BackendUnavailable, match="missing"):
        es.search(SearchQuery(q="x"))
    assert es.upsert(DOCS[:2]) == 2  # creates the index and the alias
    assert es.count() == 2 and es.health()["ok"] is True


def test_rebuild_installs_template_and_swaps_the_alias(es):
    es.rebuild(DOCS[:3])
    first = es._alias_indices()
    es.rebuild(DOCS)
    second = es._alias_indices()
    assert len(first) == len(second) == 1 and first != second
    assert es.client.indices.exists(index=first[0]).body is False  # the old version is dropped
    assert es.client.indices.exists_index_template(name=f"{es.alias}-template").body is True
    assert es.count() == len(DOCS)


def test_failed_bulk_items_are_retried_then_reported_and_nothing_is_swapped(es, monkeypatch):
    es.rebuild(DOCS)
    before = es._alias_indices()
    real = elastic.helpers.streaming_bulk
    calls = {}

    def flaky(client, actions, **kwargs):
        calls.update(kwargs)
        yield from real(client, actions, **kwargs)
        # What the helper yields for an item still rejected after its retries:
        yield False, {"index": {"_id": "GBR-act-3--sec_1", "status": 429, "error": "rejected"}}

    monkeypatch.setattr(elastic.helpers, "streaming_bulk", flaky)
    with pytest.raises(IndexingError) as err:
        es.rebuild(DOCS)
    assert calls["max_retries"] >= 1 and calls["raise_on_error"] is False
    assert err.value.failed == [("GBR-act-3--sec_1", "rejected")]
    assert es._alias_indices() == before and es.count() == len(DOCS)
    indices = es.client.indices.get(index=f"{es.alias}-v*").body
    assert sorted(indices) == before  # the half-built index was removed


def test_unreachable_cluster_gives_a_clear_message():
    settings = Settings(backend="elasticsearch", elasticsearch_url=f"http://127.0.0.1:{_free_port()}")
    backend = ElasticsearchBackend.from_settings(settings, max_retries=0, request_timeout=2)
    status = backend.health()
    assert status["ok"] is False and "unreachable" in status["detail"]
    with pytest.raises(BackendUnavailable, match="unreachable"):
        backend.search(SearchQuery(q="trata"))
    with pytest.raises(BackendUnavailable):
        backend.count()
    backend.close()
