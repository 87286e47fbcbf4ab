"""Elasticsearch request bodies built without a server: mapping, template, queries, aggregations, paging."""

from __future__ import annotations

import json

import pytest

from indexer.search import es_mapping, es_query
from indexer.search.base import FACET_FIELDS, QueryError, SearchQuery
from indexer.search.documents import normalize
from tests.indexer.search.corpus import DOCS


def walk(node):
    """Every dict inside a nested request body."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def clauses(body, kind):
    return [d[kind] for d in walk(body) if kind in d]


def test_settings_define_an_analyzer_per_language():
    settings = es_mapping.index_settings()
    analyzers = settings["analysis"]["analyzer"]
    for lang, snowball in [("en", "English"), ("fr", "French"), ("es", "Spanish"), ("de", "German"),
                           ("nl", "Dutch"), ("pt", "Portuguese")]:
        chain = analyzers[f"palermo_{lang}"]["filter"]
        assert chain[:2] == ["lowercase", "asciifolding"]
        assert settings["analysis"]["filter"][chain[2]] == {"type": "snowball", "language": snowball}
    assert analyzers["palermo_xx"]["filter"] == ["lowercase", "asciifolding"]
    assert settings["number_of_shards"] == 1


def test_mapping_is_strict_with_keywords_text_fields_and_tags():
    props = es_mapping.mappings()["properties"]
    assert es_mapping.mappings()["dynamic"] == "strict"
    for name in ("jurisdiction", "region", "language", "elements", "requirements", "law_id", "id"):
        assert props[name]["type"] == "keyword"
    assert props["law_title"]["fields"]["keyword"]["type"] == "keyword"
    assert props["text_es"] == {"type": "text", "analyzer": "palermo_es"}
    assert props["tags"]["properties"]["element"]["type"] == "keyword"
    assert props["in_force"]["type"] == "boolean" and props["year"]["type"] == "integer"


def test_template_targets_versioned_indices():
    template = es_mapping.index_template("palermo-provisions")
    assert template["index_patterns"] == ["palermo-provisions-v*"]
    assert es_mapping.new_index_name("palermo-provisions").startswith("palermo-provisions-v")
    assert template["template"]["mappings"] == es_mapping.mappings()


def test_source_round_trip_puts_text_in_its_language_field():
    doc = normalize(DOCS[0])
    source = es_mapping.to_es_source(doc)
    assert source["text_es"] == doc["text"] and "text" not in source and source["lang_key"] == "es"
    assert set(source) <= set(es_mapping.mappings()["properties"])
    assert es_mapping.from_es_source(source)["text"] == doc["text"]


def test_filters_facets_and_sort():
    query = SearchQuery(q="trata", jurisdiction=["esp"], element=["non_punishment"], year_from=2000,
                        in_force=True, sort="date", page=2, page_size=10)
    body, hl = es_query.search_body(query, None)
    filters = body["query"]["bool"]["filter"]
    assert {"terms": {"jurisdiction": ["ESP"]}} in filters
    assert {"terms": {"elements": ["non_punishment"]}} in filters
    assert {"range": {"year": {"gte": 2000}}} in filters
    assert {"term": {"in_force": True}} in filters
    assert set(body["aggs"]) == set(FACET_FIELDS)
    assert body["aggs"]["element"] == {"terms": {"field": "elements", "size": 200}}
    assert body["sort"] == [{"date_key": "desc"}, {"id": "asc"}]
    assert body["from"] == 10 and body["size"] == 10 and body["track_total_hits"] is True
    assert "trat" in hl.terms["es"]


def test_search_after_replaces_from():
    body, _ = es_query.search_body(SearchQuery(q="", sort="relevance"), {"a": [1.5, "X--1"], "n": 20})
    assert body["search_after"] == [1.5, "X--1"] and "from" not in body
    assert body["sort"] == [{"_score": "desc"}, {"id": "asc"}]
    with pytest.raises(QueryError):
        es_query.search_body(SearchQuery(q=""), {"a": "bad", "n": 1})


def test_query_compiles_per_language_with_phrases_prefixes_and_not():
    body, _ = es_query.search_body(SearchQuery(q='"forced labour" traff* -child', language=["en"]), None)
    text = json.dumps(body)
    assert {"match_phrase": {"text_en": {"query": "forced labour", "boost": 1.0}}} in list(walk(body))
    assert clauses(body, "prefix")[0] == {"text_en": {"value": "traff", "boost": 1.0}}
    assert clauses(body, "must_not")[0][0]["bool"]["should"][0] == {"match": {"text_en": {"query": "child",
                                                                                          "boost": 1.0}}}
    assert {"term": {"lang_key": "en"}} in list(walk(body))
    assert "text_fr" not in text  # the language filter limits the fields searched


def test_every_language_is_searched_without_a_language_filter():
    body, _ = es_query.search_body(SearchQuery(q="victim"), None)
    keys = {c["lang_key"] for c in clauses(body, "term") if "lang_key" in c}
    assert keys == {"en", "fr", "es", "de", "nl", "pt", "it", "xx"}


def test_empty_query_matches_all_and_page_limits():
    body, hl = es_query.search_body(SearchQuery(q="  "), None)
    assert body["query"]["bool"]["must"] == [{"match_all": {}}] and hl is None
    with pytest.raises(QueryError, match="too deep"):
        es_query.search_body(SearchQuery(q="x", page=600, page_size=20), None)


def test_facet_parsing_handles_booleans_and_numbers():
    aggs = {"in_force": {"buckets": [{"key": 1, "key_as_string": "true", "doc_count": 4},
                                     {"key": 0, "key_as_string": "false", "doc_count": 1}]},
            "year": {"buckets": [{"key": 2015.0, "doc_count": 2}]}}
    facets = es_query.read_facets(aggs)
    assert facets["in_force"] == {"true": 4, "false": 1}
    assert facets["year"] == {"2015": 2}
    assert facets["jurisdiction"] == {}


def test_similar_body_uses_more_like_this_and_elements():
    source = es_mapping.to_es_source(normalize(DOCS[1]))
    body = es_query.similar_body("idx-v1", source, 5, True)
    should = body["query"]["bool"]["should"]
    assert should[0]["more_like_this"]["like"] == [{"_index": "idx-v1", "_id": DOCS[1]["id"]}]
    assert {"term": {"elements": {"value": "non_punishment", "boost": 2.0}}} in should
    assert {"term": {"jurisdiction": "ESP"}} in body["query"]["bool"]["must_not"]


def test_compat_headers_for_an_8x_server():
    from indexer.search.es_client import compat_headers

    headers = {"accept": "application/vnd.elasticsearch+json; compatible-with=9", "x-opaque-id": "abc"}
    fixed = compat_headers(headers, 8)
    assert fixed["accept"] == "application/vnd.elasticsearch+json; compatible-with=8"
    assert fixed["x-opaque-id"] == "abc"
