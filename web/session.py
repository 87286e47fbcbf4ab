"""Reviewer sign-in for the web UI (works without JavaScript) and CSRF tokens for its forms.

The reviewer pastes an API token (``palermo token create --role reviewer``) into a form; the token is
checked with :func:`search_api.auth.verify_token` and kept in an ``HttpOnly``, ``SameSite=Strict``
cookie. Every form that writes carries a CSRF token: an HMAC of the session cookie under a secret
kept in the database (``meta`` table), so it survives restarts and works across workers.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3

from fastapi import Request, Response

from indexer.db import connect, get_meta
from indexer.settings import Settings
from search_api.auth import TokenInfo, verify_token

COOKIE = "palermo_reviewer"
SECRET_KEY = "web_csrf_secret"
ANONYMOUS_SCOPE = "anonymous"
MAX_AGE = 8 * 3600


def ensure_secret(settings: Settings) -> str:
    """Create the CSRF secret if it does not exist yet and return it (uses its own writable connection)."""
    conn = connect(settings.db_path)
    try:
        conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)",
                     (SECRET_KEY, secrets.token_hex(32)))
        conn.commit()
        return str(get_meta(conn, SECRET_KEY))
    finally:
        conn.close()


def _secret(conn: sqlite3.Connection, settings: Settings) -> bytes:
    """The CSRF secret (created on first use)."""
    value = get_meta(conn, SECRET_KEY) or ensure_secret(settings)
    return value.encode()


def session_token(request: Request) -> str:
    """The reviewer token held in the session cookie ('' when signed out)."""
    value = request.cookies.get(COOKIE, "")
    return value if 0 < len(value) <= 512 else ""


def current_reviewer(request: Request, conn: sqlite3.Connection, settings: Settings) -> TokenInfo | None:
    """Who is signed in (a verified reviewer or admin token), or None."""
    token = session_token(request)
    if not token:
        return None
    return verify_token(conn, token, settings)


def csrf_token(conn: sqlite3.Connection, settings: Settings, request: Request, scope: str = "") -> str:
    """The CSRF token for this session's forms (bound to the session cookie and a form scope)."""
    session = session_token(request) or ANONYMOUS_SCOPE
    message = f"{scope}|{hashlib.sha256(session.encode()).hexdigest()}".encode()
    return hmac.new(_secret(conn, settings), message, hashlib.sha256).hexdigest()


def check_csrf(conn: sqlite3.Connection, settings: Settings, request: Request, submitted: str,
               scope: str = "") -> bool:
    """True when ``submitted`` is this session's CSRF token (constant-time comparison)."""
    if not submitted or len(submitted) > 128:
        return False
    return hmac.compare_digest(csrf_token(conn, settings, request, scope), submitted)


def same_origin(request: Request) -> bool:
    """False when a browser says the form was posted from another site (``Origin``/``Referer`` check).

    Defence in depth next to the CSRF token (the sign-in form's token is the same for every anonymous
    visitor). Requests without either header (non-browser clients) pass.
    """
    own = f"{request.url.scheme}://{request.url.netloc}"
    origin = request.headers.get("origin")
    if origin and origin != "null":
        return origin == own
    referer = request.headers.get("referer")
    if referer:
        return referer == own or referer.startswith(own + "/")
    return origin != "null"


def sign_in(response: Response, token: str, settings: Settings) -> None:
    """Store the reviewer token in the session cookie."""
    response.set_cookie(
        COOKIE, token, max_age=MAX_AGE, httponly=True, samesite="strict", path="/",
        secure=settings.public_base_url.startswith("https://"),
    )


def sign_out(response: Response) -> None:
    """Forget the session cookie."""
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
