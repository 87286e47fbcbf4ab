"""Shared plumbing of the HTML pages: rendering with the session context, HTML error pages."""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from indexer.search import BackendUnavailable, QueryError
from indexer.settings import Settings
from search_api.errors import ApiError
from web import session
from web.templating import templates

log = logging.getLogger("palermo.web")

# Headers of every HTML page: browsers revalidate (a review must show at once); never stored once
# signed in. Static assets are cached for long under content-hashed URLs instead.
PUBLIC_CACHE = "no-cache"
PRIVATE_CACHE = "private, no-store"
# Outcome of a review form, shown on the page it redirects back to (``?review=<code>``): fixed texts,
# so nothing from the query string is echoed into the page.
REVIEW_MESSAGES = {
    "saved": ("Your review was saved; the verdicts of this jurisdiction now use it.", "ok"),
    "csrf": ("The form had expired. Please try again.", "error"),
    "signin": ("Sign in with a reviewer token to review tags.", "error"),
    "invalid": ("The review was not valid (unknown element or action).", "error"),
    "evidence": ("The evidence must be an exact quote from the provision text.", "error"),
    "failed": ("The review could not be saved.", "error"),
}


def render(request: Request, name: str, context: dict[str, Any], *, conn: sqlite3.Connection | None = None,
           settings: Settings | None = None, status_code: int = 200) -> HTMLResponse:
    """Render template ``name`` with the reviewer session (when ``conn``/``settings`` are given)."""
    reviewer = None
    csrf_signout = ""
    if conn is not None and settings is not None:
        try:
            reviewer = session.current_reviewer(request, conn, settings)
            if reviewer is not None:
                csrf_signout = session.csrf_token(conn, settings, request, "signout")
        except sqlite3.Error as err:  # a broken session must not take the page down
            log.warning("session lookup failed: %s", err)
    data = {"request": request, "reviewer": reviewer, "csrf_signout": csrf_signout, **context}
    response = templates.TemplateResponse(request, name, data, status_code=status_code)
    response.headers["Cache-Control"] = PRIVATE_CACHE if (reviewer or session.session_token(request)) \
        else PUBLIC_CACHE
    response.headers.setdefault("Content-Language", "en")
    response.headers["Vary"] = "Cookie"
    return response


def error_page(request: Request, status: int, title: str, detail: str, **context: Any) -> HTMLResponse:
    """An HTML error page (the API answers problem+json; pages answer HTML)."""
    response = templates.TemplateResponse(
        request, "error.html",
        {"request": request, "reviewer": None, "status": status, "title": title, "detail": detail, **context},
        status_code=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def from_exception(request: Request, err: Exception) -> HTMLResponse:
    """Map a service exception to an HTML error page (never a traceback)."""
    if isinstance(err, ApiError):
        return error_page(request, err.status, err.title, err.detail)
    if isinstance(err, QueryError):
        return error_page(request, 400, "Invalid search", str(err))
    if isinstance(err, BackendUnavailable):
        return error_page(request, 503, "Search unavailable",
                          "The search index is not available right now. Build it with `palermo index` "
                          "or try again in a minute.")
    log.exception("page failed: %s", err)
    return error_page(request, 500, "Something went wrong", "The page could not be built. This was logged.")


def int_param(value: str | None, default: int, *, low: int = 1, high: int = 10_000) -> int:
    """Parse a lenient integer query parameter (bad values fall back to the default)."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    return max(low, min(high, number))


def multi(request: Request, name: str, *, limit: int = 50, length: int = 200) -> list[str]:
    """All non-empty values of a repeated query parameter (bounded)."""
    values = [v.strip() for v in request.query_params.getlist(name) if v and v.strip()]
    return [v[:length] for v in values[:limit]]
