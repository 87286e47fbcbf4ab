"""GET /api/search and /api/provisions/{id}/similar through HTTP."""

from __future__ import annotations

import pytest

from tests.search_api.conftest import GBR_OFFENCE, assert_problem


def test_search_spine_contract(client):
    response = client.get("/api/search", params={"q": "trafficking"})
    assert response.status_code == 200
    body = response.json()
    assert body["total"] >= 2
    for hit in body["results"]:
        assert {"id", "jurisdiction", "law", "ref", "snippet", "elements"} <= set(hit)
    ids = [h["id"] for h in body["results"]]
    assert GBR_OFFENCE in ids
    first = next(h for h in body["results"] if h["id"] == GBR_OFFENCE)
    assert "<mark>" in first["snippet"]
    assert "crim.offence" in first["elements"]
    assert first["ref"] == "s. 1"
    assert set(body["facets"]) >= {"jurisdiction", "element", "language"}


def test_search_filters_and_facets(client):
    all_hits = client.get("/api/search", params={"q": "trafficking"}).json()
    only_gbr = client.get("/api/search", params={"q": "trafficking", "jurisdiction": "GBR"}).json()
    assert 0 < only_gbr["total"] < all_hits["total"]
    assert {h["jurisdiction"] for h in only_gbr["results"]} == {"GBR"}
    assert all_hits["facets"]["jurisdiction"]["GBR"] == only_gbr["total"]
    by_element = client.get("/api/search", params={"element": "status.residence"}).json()
    assert [h["jurisdiction"] for h in by_element["results"]] == ["ESP"]
    two = client.get("/api/search", params=[("jurisdiction", "FRA"), ("jurisdiction", "ESP")]).json()
    assert {h["jurisdiction"] for h in two["results"]} == {"FRA", "ESP"}


def test_search_language_aware(client):
    body = client.get("/api/search", params={"q": "trata"}).json()
    assert any(h["jurisdiction"] == "ESP" for h in body["results"])


def test_cursor_pagination_walks_every_hit_once(client):
    total = client.get("/api/search", params={"q": "", "page_size": 100}).json()["total"]
    seen, cursor = [], None
    for _ in range(50):
        params = {"page_size": 3, "sort": "jurisdiction"}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/api/search", params=params).json()
        seen += [h["id"] for h in page["results"]]
        cursor = page.get("next_cursor")
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == total


@pytest.mark.parametrize("q", ['"unbalanced', "NEAR(a b", "AND", "x" * 900, "trafic\u202eking", "🙂 *", "^2"])
def test_hostile_queries_never_500(client, q):
    response = client.get("/api/search", params={"q": q})
    assert response.status_code in (200, 400), response.text
    if response.status_code == 400:
        assert_problem(response, 400)


def test_search_limits(client, fixture_settings):
    too_long = client.get("/api/search", params={"q": "a" * (fixture_settings.query_max_length + 1)})
    assert "1000" in assert_problem(too_long, 400)["detail"]
    assert_problem(client.get("/api/search", params={"page_size": 0}), 422)
    assert_problem(client.get("/api/search", params={"page_size": 101}), 422)
    assert_problem(client.get("/api/search", params={"sort": "random"}), 422)
    body = assert_problem(client.get("/api/search", params={"year_from": 2020, "year_to": 1990}), 400)
    assert "year_from" in body["detail"]
    assert_problem(client.get("/api/search", params={"year_from": "abc"}), 422)


def test_similar(client):
    response = client.get(f"/api/provisions/{GBR_OFFENCE}/similar", params={"size": 5})
    assert response.status_code == 200
    hits = response.json()
    assert hits and all(h["jurisdiction"] != "GBR" for h in hits)
    assert_problem(client.get("/api/provisions/NOPE--sec_1/similar"), 404)
    assert_problem(client.get(f"/api/provisions/{GBR_OFFENCE}/similar", params={"size": 500}), 422)


def test_filter_values_are_validated_and_normalised(client):
    lower = client.get("/api/search", params={"jurisdiction": "gbr"}).json()
    assert lower["total"] > 0 and {h["jurisdiction"] for h in lower["results"]} == {"GBR"}
    for name, value in [("jurisdiction", "G-B"), ("element", "Crim offence"), ("requirement", "R"),
                        ("language", "eng"), ("law", "../etc"), ("cursor", "not a cursor!")]:
        assert_problem(client.get("/api/search", params={name: value}), 422)
