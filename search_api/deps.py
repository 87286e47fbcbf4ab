"""FastAPI dependencies: settings, a DB connection per request, the search backend, auth.

Routers declare what they need with the ``Annotated`` aliases below::

    def handler(conn: DbConn, backend: Backend, settings: SettingsDep): ...
    def write(conn: WriteConn, who: ReviewerToken): ...
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Iterator
from typing import Annotated

from fastapi import Depends, Request

from indexer.db import connect
from indexer.search import SearchBackend, get_backend
from indexer.settings import Settings, get_settings
from search_api.auth import TokenInfo, role_allows, verify_token
from search_api.errors import ApiError

BEARER_PREFIX = "bearer "


def app_settings(request: Request) -> Settings:
    """The settings the app was created with (``create_app(settings)``)."""
    settings = getattr(request.app.state, "settings", None)
    return settings if isinstance(settings, Settings) else get_settings()


SettingsDep = Annotated[Settings, Depends(app_settings)]


async def db_conn(settings: SettingsDep) -> AsyncIterator[sqlite3.Connection]:
    """A read-only connection to the system of record for one request (closed afterwards).

    Opening a read-only SQLite connection takes ~0.1 ms, so it runs on the event loop instead
    of costing two thread-pool hops per request.
    """
    try:
        conn = connect(settings.db_path, readonly=True)
    except sqlite3.OperationalError:
        # No database yet (fresh data dir): create it with its schema, then read.
        connect(settings.db_path).close()
        conn = connect(settings.db_path, readonly=True)
    try:
        yield conn
    finally:
        conn.close()


def write_conn(settings: SettingsDep) -> Iterator[sqlite3.Connection]:
    """A read-write connection for one write request (closed afterwards)."""
    conn = connect(settings.db_path)
    try:
        yield conn
    finally:
        conn.close()


def search_backend(settings: SettingsDep) -> SearchBackend:
    """The search backend selected by ``settings.backend`` (cached per settings object)."""
    return get_backend(settings)


DbConn = Annotated[sqlite3.Connection, Depends(db_conn)]
WriteConn = Annotated[sqlite3.Connection, Depends(write_conn)]
Backend = Annotated[SearchBackend, Depends(search_backend)]


def bearer_token(request: Request) -> str:
    """The token of an ``Authorization: Bearer <token>`` header ('' when absent)."""
    header = request.headers.get("authorization", "")
    if header[: len(BEARER_PREFIX)].lower() == BEARER_PREFIX:
        return header[len(BEARER_PREFIX) :].strip()
    return ""


def _require(role: str):
    def dependency(request: Request, conn: WriteConn, settings: SettingsDep) -> TokenInfo:
        token = bearer_token(request)
        challenge = {"WWW-Authenticate": 'Bearer realm="palermo"'}
        if not token:
            raise ApiError(
                401,
                "this endpoint needs an API token: send 'Authorization: Bearer <token>'",
                title="Authentication required",
                slug="unauthorized",
                headers=challenge,
            )
        info = verify_token(conn, token, settings)
        if info is None:
            raise ApiError(
                401,
                "the API token is unknown or revoked",
                title="Invalid token",
                slug="unauthorized",
                headers={**challenge, "WWW-Authenticate": 'Bearer realm="palermo", error="invalid_token"'},
            )
        if not role_allows(info.role, role):
            raise ApiError(
                403,
                f"this endpoint needs the {role!r} role; the token has {info.role!r}",
                title="Forbidden",
                slug="forbidden",
            )
        request.state.actor = f"{info.role}:{info.name}"
        return info

    dependency.__name__ = f"require_{role}"
    return dependency


require_reviewer = _require("reviewer")
require_admin = _require("admin")
ReviewerToken = Annotated[TokenInfo, Depends(require_reviewer)]
AdminToken = Annotated[TokenInfo, Depends(require_admin)]
