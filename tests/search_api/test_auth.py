"""Tokens, the auth matrix of every write endpoint, reviews, admin jobs, audit log, write rate limit."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from indexer.db import connect
from search_api import auth
from search_api.app import create_app
from tests.search_api.conftest import ADMIN_ENV_SECRET, GBR_OFFENCE, assert_problem

REVIEW = {"provision_id": GBR_OFFENCE, "element": "crim.offence", "action": "confirm"}
# (method, path, json body, role needed)
WRITE_ENDPOINTS = [
    ("POST", "/api/reviews", REVIEW, "reviewer"),
    ("GET", "/api/reviews/queue", None, "reviewer"),
    ("POST", "/api/admin/crawl", {}, "admin"),
    ("POST", "/api/admin/reindex", None, "admin"),
    ("GET", "/api/admin/audit", None, "admin"),
]


@pytest.fixture
def fake_jobs(monkeypatch):
    """Replace the crawl and reindex callables so no real crawl runs."""
    calls = []

    def resolve(dotted):
        def run(*args, **kwargs):
            calls.append((dotted, kwargs))
            return {"ran": dotted}

        return run

    monkeypatch.setattr("search_api.routers.admin._resolve", resolve)
    return calls


def _call(client, method, path, body, token):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.request(method, path, json=body, headers=headers)


def _wait_jobs_idle(client, token):
    """Wait for background jobs of the app to finish (so a second start is not a 409)."""
    deadline = time.monotonic() + 5
    jobs = client.app.state.jobs
    while time.monotonic() < deadline and any(j.status == "running" for j in jobs._jobs.values()):
        time.sleep(0.01)


@pytest.mark.parametrize(("method", "path", "body", "needed"), WRITE_ENDPOINTS)
def test_auth_matrix(rw_client, tokens, fake_jobs, method, path, body, needed):
    # no token -> 401 with a Bearer challenge
    response = _call(rw_client, method, path, body, None)
    assert_problem(response, 401)
    assert response.headers["www-authenticate"].startswith("Bearer")
    # unknown token -> 401
    assert_problem(_call(rw_client, method, path, body, "plm_not-a-real-token"), 401)
    # reviewer
    response = _call(rw_client, method, path, body, tokens["reviewer"])
    if needed == "reviewer":
        assert response.status_code in (200, 201), response.text
    else:
        assert "admin" in assert_problem(response, 403)["detail"]
    # admin may do everything
    _wait_jobs_idle(rw_client, tokens["admin"])
    response = _call(rw_client, method, path, body, tokens["admin"])
    assert response.status_code in (200, 201, 202), response.text
    # the environment admin secret acts as an admin token
    _wait_jobs_idle(rw_client, tokens["admin"])
    response = _call(rw_client, method, path, body, ADMIN_ENV_SECRET)
    assert response.status_code in (200, 201, 202), response.text


def test_tokens_are_stored_hashed_and_revocable(rw_settings, rw_client, tokens):
    conn = connect(rw_settings.db_path)
    try:
        stored = [r["token_hash"] for r in conn.execute("SELECT token_hash FROM api_tokens")]
        assert tokens["reviewer"] not in stored and auth.hash_token(tokens["reviewer"]) in stored
        info = auth.verify_token(conn, tokens["reviewer"])
        assert info is not None and info.role == "reviewer" and info.name == "rita"
        assert auth.verify_token(conn, tokens["reviewer"] + "x") is None
        assert auth.verify_token(conn, "") is None
        assert auth.revoke_token(conn, info.id)
        assert auth.verify_token(conn, tokens["reviewer"]) is None
        actions = [r["action"] for r in conn.execute("SELECT action FROM audit_log ORDER BY id")]
        assert actions.count("token.create") == 2 and "token.revoke" in actions
    finally:
        conn.close()
    assert_problem(_call(rw_client, "POST", "/api/reviews", REVIEW, tokens["reviewer"]), 401)


def test_create_token_validation(rw_settings):
    conn = connect(rw_settings.db_path)
    try:
        with pytest.raises(ValueError, match="unknown role"):
            auth.create_token(conn, "superuser", "x")
        with pytest.raises(ValueError, match="name"):
            auth.create_token(conn, "reviewer", "  ")
        first, second = auth.create_token(conn, "admin", "a"), auth.create_token(conn, "admin", "a")
        assert first != second and first.startswith(auth.TOKEN_PREFIX) and len(first) > 40
    finally:
        conn.close()


def test_placeholder_env_secret_is_not_a_token(rw_settings):
    weak = rw_settings.model_copy(update={"admin_token": "changeme", "environment": "development"})
    with TestClient(create_app(weak)) as client:
        assert_problem(_call(client, "POST", "/api/admin/reindex", None, "changeme"), 401)


def test_review_flow_changes_provision_and_audit(rw_settings, rw_client, tokens):
    add = {
        "provision_id": GBR_OFFENCE,
        "element": "means.abuse_of_vulnerability",
        "action": "add",
        "evidence": "coercion",
        "start": 0,
        "end": 0,
        "note": "test",
    }
    text = rw_client.get(f"/api/provisions/{GBR_OFFENCE}").json()["text"]
    add["start"] = text.index("coercion")
    add["end"] = add["start"] + len("coercion")
    response = _call(rw_client, "POST", "/api/reviews", add, tokens["reviewer"])
    assert response.status_code == 201, response.text
    review = response.json()
    assert review["reviewer"] == "rita" and review["action"] == "add"
    assert response.headers["location"] == f"/api/provisions/{GBR_OFFENCE}"
    detail = rw_client.get(f"/api/provisions/{GBR_OFFENCE}").json()
    assert [r["element"] for r in detail["reviews"]] == ["means.abuse_of_vulnerability"]
    assert any(
        t["element"] == "means.abuse_of_vulnerability" and t["source"] == "review" for t in detail["tags"]
    )
    conn = connect(rw_settings.db_path)
    try:
        audit_rows = conn.execute(
            "SELECT actor, action, target FROM audit_log WHERE target = ?", (GBR_OFFENCE,)
        ).fetchall()
    finally:
        conn.close()
    assert audit_rows, "a review must be written to the audit log"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({**REVIEW, "element": "no.such_element"}, 422),
        ({**REVIEW, "action": "delete"}, 422),
        ({**REVIEW, "provision_id": "nope--sec_1"}, 404),
        ({**REVIEW, "unexpected": 1}, 422),
        ({**REVIEW, "action": "add", "start": 10, "end": 2}, 422),
        ({"element": "crim.offence"}, 422),
    ],
)
def test_review_errors(rw_client, tokens, body, status):
    assert_problem(_call(rw_client, "POST", "/api/reviews", body, tokens["reviewer"]), status)


def test_malformed_json_body(rw_client, tokens):
    response = rw_client.post(
        "/api/reviews",
        content=b"{not json",
        headers={"Authorization": f"Bearer {tokens['reviewer']}", "Content-Type": "application/json"},
    )
    assert_problem(response, 422)


def test_admin_jobs(rw_client, tokens, fake_jobs):
    headers = {"Authorization": f"Bearer {tokens['admin']}"}
    response = rw_client.post("/api/admin/crawl", json={"source_ids": ["gbr-legislation"]}, headers=headers)
    assert response.status_code == 202
    job = response.json()
    assert response.headers["location"] == f"/api/admin/jobs/{job['id']}"
    _wait_jobs_idle(rw_client, tokens["admin"])
    status = rw_client.get(f"/api/admin/jobs/{job['id']}", headers=headers).json()
    assert status["status"] == "done" and status["result"] == {"ran": "crawler.run.run_crawl"}
    assert fake_jobs[0][1]["source_ids"] == ["gbr-legislation"] and fake_jobs[0][1]["progress"] is False
    assert_problem(rw_client.get("/api/admin/jobs/unknown", headers=headers), 404)
    audit_log = rw_client.get("/api/admin/audit", headers=headers).json()
    assert audit_log[0]["action"] == "admin.crawl" and audit_log[0]["actor"] == "admin:adam"
    assert audit_log[0]["detail"]["source_ids"] == ["gbr-legislation"]


def test_running_job_conflicts(rw_client, tokens, monkeypatch):
    import threading

    gate = threading.Event()
    monkeypatch.setattr("search_api.routers.admin._resolve", lambda dotted: lambda *a, **k: gate.wait(5))
    headers = {"Authorization": f"Bearer {tokens['admin']}"}
    assert rw_client.post("/api/admin/reindex", headers=headers).status_code == 202
    assert_problem(rw_client.post("/api/admin/reindex", headers=headers), 409)
    gate.set()


def test_failed_job_reports_error(rw_client, tokens, monkeypatch):
    def boom(dotted):
        def run(*args, **kwargs):
            raise RuntimeError("no sources configured")

        return run

    monkeypatch.setattr("search_api.routers.admin._resolve", boom)
    headers = {"Authorization": f"Bearer {tokens['admin']}"}
    job = rw_client.post("/api/admin/reindex", headers=headers).json()
    _wait_jobs_idle(rw_client, tokens["admin"])
    status = rw_client.get(f"/api/admin/jobs/{job['id']}", headers=headers).json()
    assert status["status"] == "failed" and "no sources configured" in status["error"]


def test_write_rate_limit(rw_settings, tokens):
    limited = rw_settings.model_copy(update={"write_rate_per_minute": 3})
    with TestClient(create_app(limited)) as client:
        statuses = [
            _call(client, "POST", "/api/reviews", REVIEW, tokens["reviewer"]).status_code for _ in range(5)
        ]
        assert statuses[:3] == [201, 201, 201]
        response = _call(client, "POST", "/api/reviews", REVIEW, tokens["reviewer"])
        body = assert_problem(response, 429)
        assert int(response.headers["retry-after"]) >= 1 and "3 writes per minute" in body["detail"]
        assert client.get("/api/laws").status_code == 200  # reads are never rate limited


def test_rate_limiter_window():
    from search_api.middleware import WriteRateLimitMiddleware

    limiter = WriteRateLimitMiddleware(app=None, per_minute=2, window=60)
    assert limiter.allow("k", now=0.0) == 0 and limiter.allow("k", now=1.0) == 0
    assert limiter.allow("k", now=2.0) == pytest.approx(58.0)
    assert limiter.allow("other", now=2.0) == 0
    assert limiter.allow("k", now=60.5) == 0
