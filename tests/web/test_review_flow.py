"""Reviewer sign-in (no JavaScript), CSRF, and a review through the web form that flips a verdict."""

from __future__ import annotations

import lxml.html
import pytest
from fastapi.testclient import TestClient

from indexer.db import connect
from indexer.settings import Settings
from search_api.app import create_app
from search_api.auth import create_token
from tests.fixtures_data import LAWS, build_fixture


@pytest.fixture
def fresh(tmp_path) -> tuple[TestClient, Settings, str]:
    """An app over its own copy of the fixture (reviews write to it) and a reviewer token."""
    settings = Settings(data_dir=tmp_path, environment="test")
    build_fixture(settings, list(LAWS))
    conn = connect(settings.db_path)
    try:
        token = create_token(conn, "reviewer", "Ada Reviewer")
    finally:
        conn.close()
    with TestClient(create_app(settings)) as test_client:
        yield test_client, settings, token


def _doc(response) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(response.text)


def _sign_in(client: TestClient, token: str, next_path: str = "/reviews"):
    form = _doc(client.get(f"/signin?next={next_path}")).xpath("//form[@action='/signin']")[0]
    data = {i.get("name"): i.get("value") or "" for i in form.xpath(".//input[@type='hidden']")}
    return client.post("/signin", data={**data, "token": token}, follow_redirects=False)


def _consent_provision(settings: Settings) -> tuple[str, str]:
    """The GBR provision carrying the only consent tag of its jurisdiction, and its requirement."""
    conn = connect(settings.db_path, readonly=True)
    try:
        row = conn.execute(
            "SELECT p.id FROM tags t JOIN provisions p ON p.rowid = t.provision_rowid "
            "JOIN laws l ON l.id = p.law_id WHERE t.element = 'definition.consent_irrelevant' "
            "AND l.jurisdiction = 'GBR' AND p.is_current = 1"
        ).fetchall()
    finally:
        conn.close()
    assert len(row) == 1
    return row[0][0], "R5"


def test_sign_in_rejects_unknown_tokens_and_forged_forms(fresh):
    client, _settings, token = fresh
    bad = _sign_in(client, "plm_not-a-real-token")
    assert bad.status_code == 401 and _doc(bad).xpath("//p[@role='alert']")
    forged = client.post("/signin", data={"token": token, "next": "/", "csrf": "0" * 64},
                         follow_redirects=False)
    assert forged.status_code == 400 and "palermo_reviewer" not in forged.headers.get("set-cookie", "")


def test_sign_in_sets_a_strict_httponly_cookie_and_shows_the_queue(fresh):
    client, _settings, token = fresh
    response = _sign_in(client, token, "https://evil.example/")
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"].lower()
    assert "palermo_reviewer=" in cookie and "httponly" in cookie and "samesite=strict" in cookie
    queue = _doc(client.get("/reviews"))
    assert "Ada Reviewer" in queue.xpath("string(//div[@class='session'])")
    assert queue.xpath("//h2[@id='low-title']") and queue.xpath("//h2[@id='rr-title']")
    assert client.get("/reviews").headers["cache-control"] == "private, no-store"


def test_review_without_session_or_csrf_changes_nothing(fresh):
    client, settings, token = fresh
    provision_id, _ = _consent_provision(settings)
    data = {"provision_id": provision_id, "element": "definition.consent_irrelevant", "action": "reject"}
    anonymous = client.post("/reviews", data={**data, "csrf": "x"}, follow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/signin")
    _sign_in(client, token)
    forged = client.post("/reviews", data={**data, "csrf": "f" * 64}, follow_redirects=False)
    assert forged.status_code == 303 and "review=csrf" in forged.headers["location"]
    conn = connect(settings.db_path, readonly=True)
    try:
        assert conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 0
    finally:
        conn.close()


def test_rejecting_the_only_supporting_tag_flips_the_scorecard(fresh):
    client, settings, token = fresh
    provision_id, requirement = _consent_provision(settings)
    badge = f"string(//article[@id='{requirement}']//span[contains(@class,'verdict')])"
    before = _doc(client.get("/jurisdictions/GBR")).xpath(badge)
    assert before.strip() == "● Met"
    _sign_in(client, token)
    page = _doc(client.get(f"/provisions/{provision_id}"))
    form = page.xpath("//form[@action='/reviews']"
                      "[.//input[@name='element'][@value='definition.consent_irrelevant']]"
                      "[.//input[@name='action'][@value='reject']]")[0]
    data = {i.get("name"): i.get("value") or "" for i in form.xpath(".//input")}
    response = client.post("/reviews", data=data, follow_redirects=False)
    assert response.status_code == 303 and "review=saved" in response.headers["location"]
    shown = _doc(client.get(response.headers["location"]))
    assert shown.xpath("//p[contains(@class, 'flash-ok')]")
    assert "rejected" in shown.xpath("string(//h2[text()='Review history']/following-sibling::ul[1])")
    after = _doc(client.get("/jurisdictions/GBR")).xpath(f"//article[@id='{requirement}']")[0]
    assert after.xpath("string(.//span[contains(@class,'verdict')])").strip() == "○ Not found"
    conn = connect(settings.db_path, readonly=True)
    try:
        audit = conn.execute("SELECT actor, action FROM audit_log WHERE action = 'web.review'").fetchall()
    finally:
        conn.close()
    assert [tuple(r) for r in audit] == [("reviewer:Ada Reviewer", "web.review")]


def test_adding_a_tag_needs_an_exact_quote(fresh):
    client, settings, token = fresh
    provision_id, _ = _consent_provision(settings)
    _sign_in(client, token)
    page = _doc(client.get(f"/provisions/{provision_id}"))
    form = page.xpath("//form[contains(@class, 'review-add')]")[0]
    base = {i.get("name"): i.get("value") or "" for i in form.xpath(".//input[@type='hidden']")}
    text = page.xpath("string(//div[contains(@class, 'statute')])")
    wrong = client.post("/reviews", data={**base, "element": "rights.non_punishment",
                                          "evidence": "not in the text"}, follow_redirects=False)
    assert "review=evidence" in wrong.headers["location"]
    quote = text.split()[1] + " " + text.split()[2]
    right = client.post("/reviews", data={**base, "element": "rights.non_punishment", "evidence": quote,
                                          "note": "added in a test"}, follow_redirects=False)
    assert "review=saved" in right.headers["location"]
    tags = _doc(client.get(f"/provisions/{provision_id}")).xpath("//table[@class='tag-table']//code/text()")
    assert "rights.non_punishment" in tags


def test_sign_out_needs_the_form_token(fresh):
    client, _settings, token = fresh
    _sign_in(client, token)
    doc = _doc(client.get("/"))
    csrf = doc.xpath("//form[@action='/signout']//input[@name='csrf']/@value")[0]
    client.post("/signout", data={"csrf": "bad"}, follow_redirects=False)
    assert _doc(client.get("/")).xpath("//form[@action='/signout']")
    out = client.post("/signout", data={"csrf": csrf}, follow_redirects=False)
    assert out.status_code == 303
    assert not _doc(client.get("/")).xpath("//form[@action='/signout']")


def test_forms_posted_from_another_site_are_refused(fresh):
    client, settings, token = fresh
    form = _doc(client.get("/signin")).xpath("//form[@action='/signin']")[0]
    data = {i.get("name"): i.get("value") or "" for i in form.xpath(".//input[@type='hidden']")}
    cross = client.post("/signin", data={**data, "token": token}, headers={"Origin": "https://evil.example"},
                        follow_redirects=False)
    assert cross.status_code == 400 and "set-cookie" not in cross.headers
    referer = client.post("/signin", data={**data, "token": token},
                          headers={"Referer": "https://evil.example/page"}, follow_redirects=False)
    assert referer.status_code == 400
    same = client.post("/signin", data={**data, "token": token}, headers={"Origin": "http://testserver"},
                       follow_redirects=False)
    assert same.status_code == 303
    provision_id, _ = _consent_provision(settings)
    page = _doc(client.get(f"/provisions/{provision_id}"))
    review = page.xpath("//form[@action='/reviews'][.//input[@name='action'][@value='reject']]")[0]
    fields = {i.get("name"): i.get("value") or "" for i in review.xpath(".//input")}
    refused = client.post("/reviews", data=fields, headers={"Origin": "https://evil.example"},
                          follow_redirects=False)
    assert "review=csrf" in refused.headers["location"]


def test_review_queue_lists_low_confidence_tags_and_changed_texts(fresh):
    client, settings, token = fresh
    provision_id, _ = _consent_provision(settings)
    conn = connect(settings.db_path)
    try:
        rowid = conn.execute("SELECT rowid FROM provisions WHERE id = ? AND is_current = 1",
                             (provision_id,)).fetchone()[0]
        conn.execute("UPDATE tags SET confidence = 0.2 WHERE provision_rowid = ?", (rowid,))
        conn.commit()
    finally:
        conn.close()
    _sign_in(client, token)
    queue = _doc(client.get("/reviews"))
    low = queue.xpath("//section[@aria-labelledby='low-title']//tbody/tr")
    assert [r.xpath("string(./td[1])") for r in low] == [provision_id]
    assert low[0].xpath("string(./td[4])") == "0.20"
    page = _doc(client.get(f"/provisions/{provision_id}"))
    form = page.xpath("//form[@action='/reviews'][.//input[@name='action'][@value='confirm']]")[0]
    client.post("/reviews", data={i.get("name"): i.get("value") or "" for i in form.xpath(".//input")})
    conn = connect(settings.db_path)
    try:  # the provision's text changes after the review (as a new crawl would do)
        conn.execute("UPDATE provisions SET text_hash = 'changed-text' WHERE rowid = ?", (rowid,))
        conn.commit()
    finally:
        conn.close()
    queue = _doc(client.get("/reviews"))
    changed = queue.xpath("//section[@aria-labelledby='rr-title']//tbody/tr")
    assert [r.xpath("string(./td[1])") for r in changed] == [provision_id]
    assert "confirm by Ada Reviewer" in changed[0].xpath("string(./td[3])")
    shown = _doc(client.get(f"/provisions/{provision_id}"))
    history = shown.xpath("string(//h2[text()='Review history']/..)")
    assert "needs re-review" in history
