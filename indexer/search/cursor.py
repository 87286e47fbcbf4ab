"""Opaque keyset cursors (``SearchResult.next_cursor``) shared by both backends.

A cursor is URL-safe base64 of a small JSON object bound to the query that
made it: reusing it with another query or sort is a :class:`QueryError`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json

from indexer.search.base import QueryError, SearchQuery

MAX_CURSOR_CHARS = 4096


def query_fingerprint(query: SearchQuery) -> str:
    """A short hash of everything that defines a result list except the page position."""
    data = query.model_dump(exclude={"page", "cursor", "page_size"})
    return hashlib.blake2b(json.dumps(data, sort_keys=True, default=str).encode(), digest_size=6).hexdigest()


def encode_cursor(query: SearchQuery, state: dict) -> str:
    """Encode a backend's keyset ``state`` for ``query`` as an opaque token."""
    payload = {"f": query_fingerprint(query), **state}
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(query: SearchQuery) -> dict | None:
    """The keyset state of ``query.cursor`` (``None`` without a cursor); raises :class:`QueryError`."""
    token = query.cursor
    if not token:
        return None
    if len(token) > MAX_CURSOR_CHARS:
        raise QueryError("invalid cursor: too long")
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        payload = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise QueryError("invalid cursor: not a token returned by this API") from None
    if not isinstance(payload, dict):
        raise QueryError("invalid cursor: not a token returned by this API")
    if payload.pop("f", None) != query_fingerprint(query):
        raise QueryError("invalid cursor: it belongs to another query, filter or sort")
    return payload
