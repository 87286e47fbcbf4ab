"""FastAPI dependencies: settings, a DB connection per request, the search backend, auth.

Routers declare what they need with the ``Annotated`` aliases below::

    def handler(conn: DbConn, backend: Backend, settings: SettingsDep): ...
    def write(conn: WriteConn, who: ReviewerToken): ...
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request

from indexer.db import connect
from indexer.search import SearchBackend, get_backend
from indexer.settings import Settings, get_settings
from search_api.auth import TokenInfo, role_allows, verify_token
from search_api.errors import ApiError

BEARER_PREFIX = "bearer "
READ_POOL_SIZE = 32


def app_settings(request: Request) -> Settings:
    """The settings the app was created with (``create_app(settings)``)."""
    settings = getattr(request.app.state, "settings", None)
    return settings if isinstance(settings, Settings) else get_settings()


SettingsDep = Annotated[Settings, Depends(app_settings)]


def _open_readonly(path: Path) -> sqlite3.Connection:
    try:
        return connect(path, readonly=True)
    except sqlite3.OperationalError:
        # No database yet (fresh data dir): create it with its schema, then read.
        connect(path).close()
        return connect(path, readonly=True)


class ReadPool:
    """Reusable read-only connections (SQLite keeps its parsed schema and page cache per connection).

    A request borrows one connection and gives it back; each statement still sees the latest commit
    (WAL readers start a fresh snapshot per statement outside transactions).
    """

    def __init__(self, path: Path, size: int = READ_POOL_SIZE) -> None:
        self.path = Path(path)
        self.size = size
        self._idle: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def acquire(self) -> sqlite3.Connection:
        """An idle connection, or a new one."""
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return _open_readonly(self.path)

    def release(self, conn: sqlite3.Connection) -> None:
        """Give a connection back (closed when the pool is full)."""
        if conn.in_transaction:
            conn.rollback()
        with self._lock:
            if len(self._idle) < self.size:
                self._idle.append(conn)
                return
        conn.close()

    def close(self) -> None:
        """Close every idle connection."""
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()


async def db_conn(request: Request, settings: SettingsDep) -> AsyncIterator[sqlite3.Connection]:
    """A read-only connection to the system of record for one request (from the app's pool).

    It is taken and returned on the event loop (no thread-pool hop): both are sub-millisecond.
    """
    pool = getattr(request.app.state, "read_pool", None)
    if not isinstance(pool, ReadPool) or pool.path != Path(settings.db_path):
        conn = _open_readonly(settings.db_path)
        try:
            yield conn
        finally:
            conn.close()
        return
    conn = pool.acquire()
    try:
        yield conn
    except BaseException:
        conn.close()
        raise
    else:
        pool.release(conn)


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
