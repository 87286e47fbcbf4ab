"""Reviewer pages: sign-in/out with a token (no JavaScript needed), review forms, the review queue."""

from __future__ import annotations

import logging
import sqlite3
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from search_api.auth import audit, verify_token
from search_api.deps import DbConn, SettingsDep, WriteConn
from search_api.services.common import assessment_api
from search_api.services.provisions import current_row
from web import catalog, session
from web.pages.common import render

router = APIRouter(include_in_schema=False)
log = logging.getLogger("palermo.web")

ACTIONS = ("confirm", "reject", "add")
QUEUE_LIMIT = 200
MAX_FIELD = 5000


def safe_next(value: str | None) -> str:
    """A local path to go back to after sign-in (never another site)."""
    value = (value or "/").strip()
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value[:500]


@router.get("/signin", response_class=HTMLResponse)
def signin_form(request: Request, conn: DbConn, settings: SettingsDep) -> HTMLResponse:
    """The sign-in form: paste a reviewer token."""
    return render(request, "signin.html", {
        "next": safe_next(request.query_params.get("next")), "error": "",
        "csrf": session.csrf_token(conn, settings, request, "signin"),
    }, conn=conn, settings=settings)


@router.post("/signin", response_class=HTMLResponse)
def signin(request: Request, conn: WriteConn, settings: SettingsDep, token: str = Form("", max_length=512),
           next: str = Form("/", max_length=500), csrf: str = Form("", max_length=128)):  # noqa: A002
    """Check the token and keep it in an HttpOnly, SameSite=Strict cookie."""
    target = safe_next(next)
    error = ""
    if not session.same_origin(request) or not session.check_csrf(conn, settings, request, csrf, "signin"):
        error = "The form had expired. Please try again."
    info = verify_token(conn, token.strip(), settings) if not error else None
    if not error and info is None:
        error = "This token is unknown or revoked."
    if error:
        return render(request, "signin.html", {
            "next": target, "error": error, "csrf": session.csrf_token(conn, settings, request, "signin"),
        }, conn=conn, settings=settings, status_code=400 if "expired" in error else 401)
    audit(conn, actor=f"{info.role}:{info.name}", action="web.signin", target="")
    conn.commit()
    response = RedirectResponse(target, status_code=303)
    session.sign_in(response, token.strip(), settings)
    return response


@router.post("/signout")
def signout(request: Request, conn: DbConn, settings: SettingsDep, csrf: str = Form("", max_length=128)):
    """Forget the session cookie (CSRF-checked so other sites cannot sign a reviewer out)."""
    response = RedirectResponse("/", status_code=303)
    if session.same_origin(request) and session.check_csrf(conn, settings, request, csrf, "signout"):
        session.sign_out(response)
    return response


def _back(provision_id: str, code: str) -> RedirectResponse:
    return RedirectResponse(f"/provisions/{quote(provision_id, safe='')}?review={code}#tags-title",
                            status_code=303)


@router.post("/reviews")
def post_review(request: Request, conn: WriteConn, settings: SettingsDep,
                provision_id: str = Form(..., max_length=500), element: str = Form(..., max_length=100),
                action: str = Form(..., max_length=10), evidence: str = Form("", max_length=MAX_FIELD),
                note: str = Form("", max_length=MAX_FIELD), csrf: str = Form("", max_length=128)):
    """Confirm, reject or add a tag with :func:`indexer.assessment.add_review` (as ``POST /api/reviews``)."""
    who = session.current_reviewer(request, conn, settings)
    if who is None:
        return RedirectResponse(f"/signin?next=/provisions/{quote(provision_id, safe='')}", status_code=303)
    if not session.same_origin(request) or not session.check_csrf(conn, settings, request, csrf, "review"):
        return _back(provision_id, "csrf")
    if action not in ACTIONS or element not in catalog.elements():
        return _back(provision_id, "invalid")
    try:
        row = current_row(conn, provision_id)
    except Exception:  # noqa: BLE001 - unknown provision: nothing to review
        return RedirectResponse("/reviews", status_code=303)
    start = end = None
    evidence = evidence.strip()
    if action == "add":
        position = row["text"].find(evidence) if evidence else -1
        if position < 0:
            return _back(provision_id, "evidence")
        start, end = position, position + len(evidence)
    try:
        review = assessment_api("add_review")(
            conn, provision_id=provision_id, element=element, action=action, reviewer=who.name,
            evidence=evidence, start=start, end=end, note=note.strip())
        audit(conn, actor=f"{who.role}:{who.name}", action="web.review", target=provision_id,
              detail={"element": element, "action": action, "review_id": review.id})
        conn.commit()
    except (ValueError, KeyError) as err:
        conn.rollback()
        log.info("review refused for %s: %s", provision_id, err)
        return _back(provision_id, "invalid")
    except sqlite3.Error as err:
        conn.rollback()
        log.warning("review failed for %s: %s", provision_id, err)
        return _back(provision_id, "failed")
    return _back(provision_id, "saved")


@router.get("/reviews", response_class=HTMLResponse)
def review_queue_page(request: Request, conn: DbConn, settings: SettingsDep) -> HTMLResponse:
    """Low-confidence tags and reviewed provisions whose text changed (signed-in reviewers only)."""
    who = session.current_reviewer(request, conn, settings)
    items: list[dict] = []
    error = ""
    if who is not None:
        try:
            items = assessment_api("review_queue")(conn, limit=QUEUE_LIMIT)
        except Exception as err:  # noqa: BLE001 - the queue is optional: explain instead of failing
            log.warning("review queue failed: %s", err)
            error = "The review queue is not available."
    rereview = [i for i in items if i.get("kind") != "low_confidence"]
    low = [i for i in items if i.get("kind") == "low_confidence"]
    return render(request, "reviews.html", {"signed_in": who is not None, "rereview": rereview, "low": low,
                                            "error": error, "limit": QUEUE_LIMIT},
                  conn=conn, settings=settings)
