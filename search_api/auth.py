"""API tokens with roles (``reviewer``, ``admin``) and the audit log of writes.

A token is shown once by :func:`create_token` and only its SHA-256 hash is
stored (``api_tokens.token_hash``). :func:`verify_token` looks the hash up and
compares it again in constant time. ``PALERMO_ADMIN_TOKEN`` also acts as an
admin bearer token when it is set and not a placeholder.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sqlite3
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel

from indexer.settings import PLACEHOLDER_SECRETS, Settings

Role = Literal["reviewer", "admin"]
ROLES: tuple[str, ...] = ("reviewer", "admin")
TOKEN_PREFIX = "plm_"
# Which roles satisfy a required role: an admin may do whatever a reviewer may.
ROLE_GRANTS: dict[str, frozenset[str]] = {
    "reviewer": frozenset({"reviewer", "admin"}),
    "admin": frozenset({"admin"}),
}


class TokenInfo(BaseModel):
    """Who a verified token belongs to (never the token itself)."""

    id: int | None
    name: str
    role: Role


def _utcnow() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def hash_token(token: str) -> str:
    """The stored form of a token (hex SHA-256)."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def create_token(conn: sqlite3.Connection, role: str, name: str) -> str:
    """Create a token with ``role`` for ``name``; return it (shown once, stored hashed)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
    name = name.strip()
    if not name:
        raise ValueError("a token needs a name (who or what uses it)")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    conn.execute(
        "INSERT INTO api_tokens(name, role, token_hash, created_at) VALUES (?, ?, ?, ?)",
        (name, role, hash_token(token), _utcnow()),
    )
    audit(conn, actor="cli", action="token.create", target=name, detail={"role": role})
    conn.commit()
    return token


def verify_token(conn: sqlite3.Connection, token: str, settings: Settings | None = None) -> TokenInfo | None:
    """Return who ``token`` belongs to, or None when it is unknown, revoked or malformed."""
    if not token or len(token) > 512:
        return None
    if (
        settings is not None
        and admin_secret_usable(settings)
        and hmac.compare_digest(token.encode("utf-8", "surrogatepass"), settings.admin_token.encode("utf-8"))
    ):
        return TokenInfo(id=None, name="admin-env", role="admin")
    digest = hash_token(token)
    row = conn.execute(
        "SELECT id, name, role, token_hash FROM api_tokens WHERE token_hash = ? AND revoked = 0", (digest,)
    ).fetchone()
    if row is None or not hmac.compare_digest(str(row["token_hash"]), digest):
        return None
    return TokenInfo(id=row["id"], name=row["name"], role=row["role"])


def revoke_token(conn: sqlite3.Connection, token_id: int, actor: str = "cli") -> bool:
    """Revoke a token by id; True when a token was revoked."""
    cur = conn.execute("UPDATE api_tokens SET revoked = 1 WHERE id = ? AND revoked = 0", (token_id,))
    if cur.rowcount:
        audit(conn, actor=actor, action="token.revoke", target=str(token_id))
    conn.commit()
    return bool(cur.rowcount)


def list_tokens(conn: sqlite3.Connection) -> list[dict]:
    """Every token's id, name, role, creation time and revocation flag (never hashes)."""
    rows = conn.execute("SELECT id, name, role, created_at, revoked FROM api_tokens ORDER BY id")
    return [dict(r) for r in rows]


def admin_secret_usable(settings: Settings) -> bool:
    """True when ``PALERMO_ADMIN_TOKEN`` is set to a real (non-placeholder) secret."""
    secret = settings.admin_token.strip()
    return bool(secret) and secret.lower() not in PLACEHOLDER_SECRETS and len(secret) >= 16


def role_allows(granted: str, required: str) -> bool:
    """Whether a token with role ``granted`` may call an endpoint needing ``required``."""
    return granted in ROLE_GRANTS.get(required, frozenset())


def audit(
    conn: sqlite3.Connection, *, actor: str, action: str, target: str = "", detail: dict | None = None
) -> None:
    """Append one row to the audit log (caller commits)."""
    conn.execute(
        "INSERT INTO audit_log(at, actor, action, target, detail_json) VALUES (?, ?, ?, ?, ?)",
        (_utcnow(), actor, action, target, json.dumps(detail or {}, ensure_ascii=False, default=str)),
    )
