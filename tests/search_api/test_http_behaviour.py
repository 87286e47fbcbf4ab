"""Cross-cutting HTTP behaviour: problem+json, security headers, ETag/304, gzip, CORS, health, OpenAPI."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.db import connect, transaction
from indexer.search import BackendUnavailable, QueryError, get_backend
from search_api.app import check_secrets, create_app
from search_api.deps import search_backend
from tests.fixtures_data import FixtureLaw, FixtureProvision, index_docs, insert_law
from tests.search_api.conftest import GBR_OFFENCE, assert_problem, make_settings


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"
    assert response.headers["cache-control"] == "no-store"


def test_readyz_ready_and_not_ready(client, tmp_path):
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["detail"]["documents"] == 13
    with TestClient(create_app(make_settings(tmp_path / "empty"))) as empty:
        body = assert_problem(empty.get("/readyz"), 503)
        assert "index" in body["detail"]
        assert empty.get("/healthz").status_code == 200


@pytest.mark.parametrize("path", ["/api/laws", "/api/nothing-here", "/readyz", "/openapi.json"])
def test_security_headers_everywhere(client, path):
    response = client.get(path)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["referrer-policy"]


def test_unknown_route_and_method_are_problems(client):
    assert "/api/nothing-here" in assert_problem(client.get("/api/nothing-here"), 404)["detail"]
    assert "DELETE" in assert_problem(client.delete("/api/laws"), 405)["detail"]


def test_etag_and_conditional_get(client):
    first = client.get("/api/laws")
    etag = first.headers["etag"]
    assert etag.startswith('W/"') and "max-age" in first.headers["cache-control"]
    again = client.get("/api/laws", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    other = client.get("/api/laws", params={"page": 2})
    assert other.headers["etag"] != etag
    assert client.get("/api/laws", headers={"If-None-Match": 'W/"stale"'}).status_code == 200
    missing = client.get("/api/laws/unknown")
    assert "etag" not in missing.headers and missing.headers["cache-control"] == "no-store"


def test_etag_changes_when_data_changes(rw_settings, rw_client, tokens):
    etag = rw_client.get(f"/api/provisions/{GBR_OFFENCE}").headers["etag"]
    response = rw_client.post(
        "/api/reviews",
        json={"provision_id": GBR_OFFENCE, "element": "crim.offence", "action": "confirm"},
        headers={"Authorization": f"Bearer {tokens['reviewer']}"},
    )
    assert response.status_code == 201
    assert "etag" not in response.headers
    after = rw_client.get(f"/api/provisions/{GBR_OFFENCE}", headers={"If-None-Match": etag})
    assert after.status_code == 200 and after.headers["etag"] != etag


def test_gzip(client):
    response = client.get("/api/elements", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip" and len(response.json()) == 72
    small = client.get("/healthz", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers


def test_cors_off_by_default_and_configurable(client, rw_settings):
    origin = {"Origin": "https://dashboard.example.org"}
    assert "access-control-allow-origin" not in client.get("/api/laws", headers=origin).headers
    allowed = rw_settings.model_copy(update={"cors_origins": ["https://dashboard.example.org"]})
    with TestClient(create_app(allowed)) as cors_client:
        response = cors_client.get("/api/laws", headers=origin)
        assert response.headers["access-control-allow-origin"] == "https://dashboard.example.org"
        other = cors_client.get("/api/laws", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_body_size_limit(rw_client, tokens):
    big = {"provision_id": GBR_OFFENCE, "element": "crim.offence", "action": "add", "note": "x" * 1_100_000}
    response = rw_client.post(
        "/api/reviews", json=big, headers={"Authorization": f"Bearer {tokens['reviewer']}"}
    )
    assert_problem(response, 413)


def test_secrets_refused_outside_development(tmp_path):
    with pytest.raises(ValueError, match="placeholder"):
        check_secrets(make_settings(tmp_path, admin_token="changeme"))
    with pytest.raises(ValueError, match="placeholder"):
        check_secrets(make_settings(tmp_path, admin_token="short"))
    check_secrets(make_settings(tmp_path, admin_token=""))  # test env: no env admin token at all
    check_secrets(make_settings(tmp_path, admin_token="changeme", environment="development"))
    with pytest.raises(ValueError):
        make_settings(tmp_path, admin_token="", environment="production")


def test_snippets_escape_statute_text(rw_settings, rw_client):
    law = FixtureLaw(
        id="NPL-html-law-x1",
        jurisdiction="NPL",
        title="Act <b>with</b> markup",
        language="en",
        year=2007,
        version_dates=["2007-01-01"],
        versions=[
            [
                FixtureProvision(
                    "sec_1", "1", "Whoever sells a person <script>alert(1)</script> commits trafficking."
                )
            ]
        ],
    )
    conn = connect(rw_settings.db_path)
    try:
        with transaction(conn):
            insert_law(conn, law)
        get_backend(rw_settings).rebuild(list(index_docs(conn)))
    finally:
        conn.close()
    hits = rw_client.get("/api/search", params={"q": "sells", "jurisdiction": "NPL"}).json()["results"]
    snippet = hits[0]["snippet"]
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet and "<mark>" in snippet


def test_openapi_documents_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    expected = {
        "/api/search",
        "/api/laws",
        "/api/laws/{law_id}",
        "/api/laws/{law_id}/versions",
        "/api/laws/{law_id}/diff",
        "/api/provisions/{provision_id}",
        "/api/provisions/{provision_id}/similar",
        "/api/jurisdictions",
        "/api/jurisdictions/{iso3}",
        "/api/jurisdictions/{iso3}/assessment",
        "/api/jurisdictions/{iso3}/changes",
        "/api/compare",
        "/api/gaps",
        "/api/elements",
        "/api/requirements",
        "/api/export/search",
        "/api/export/jurisdictions/{iso3}/assessment",
        "/api/export/compare",
        "/api/export/gaps",
        "/api/export/dataset",
        "/api/feeds/changes.atom",
        "/api/feeds/changes.json",
        "/api/reviews",
        "/api/admin/crawl",
        "/api/admin/reindex",
        "/healthz",
        "/readyz",
    }
    assert expected <= set(paths)
    for path, operations in paths.items():
        for method, op in operations.items():
            assert op.get("description") or op.get("summary"), f"{method} {path} is undocumented"
            if path.startswith("/api/"):
                assert "422" in op["responses"], f"{method} {path}: 422 problem not documented"
                schema = op["responses"]["422"]["content"]["application/problem+json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Problem"}
    export_doc = paths["/api/export/gaps"]["get"]["responses"]["200"]["description"]
    assert "iso3, name, region, requirement" in export_doc
    assert client.get("/docs").status_code == 200


class _FailingBackend:
    """A backend whose search fails the way a real one can (cluster down, programming error)."""

    def __init__(self, exc: Exception) -> None:
        self.exc = exc

    def search(self, query):
        raise self.exc

    def index_version(self) -> str:
        return "failing"


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        (BackendUnavailable("Elasticsearch at 127.0.0.1:9200 is unreachable"), 503),
        (QueryError("unbalanced parenthesis in the query"), 400),
        (RuntimeError("secret internal detail /etc/passwd"), 500),
    ],
)
def test_backend_failures_are_problems(fixture_settings, exc, status):
    app = create_app(fixture_settings)
    app.dependency_overrides[search_backend] = lambda: _FailingBackend(exc)
    with TestClient(app, raise_server_exceptions=False) as failing:
        body = assert_problem(failing.get("/api/search", params={"q": "x"}), status)
    if status == 500:
        assert "secret" not in body["detail"] and "passwd" not in str(body)
    else:
        assert str(exc) in body["detail"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=200), page=st.integers(min_value=-5, max_value=20_000))
def test_random_queries_never_500(client, q, page):
    response = client.get("/api/search", params={"q": q, "page": page})
    assert response.status_code in (200, 400, 422), response.text
    if response.status_code != 200:
        assert response.headers["content-type"] == "application/problem+json"


def test_search_sort_and_ranges(client):
    by_date = client.get("/api/search", params={"sort": "date", "page_size": 50}).json()["results"]
    years = [h["year"] for h in by_date]
    assert years == sorted(years, reverse=True) or years == sorted(years)
    recent = client.get("/api/search", params={"year_from": 2000}).json()
    assert recent["total"] > 0 and all(h["year"] >= 2000 for h in recent["results"])
    in_force = client.get("/api/search", params={"in_force": True}).json()
    assert in_force["total"] == client.get("/api/search").json()["total"]
    french = client.get("/api/search", params={"language": "fr"}).json()
    assert {h["language"] for h in french["results"]} == {"fr"}
