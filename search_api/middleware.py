"""ASGI middlewares: security headers, ETag/Cache-Control, write rate limit (plus gzip and CORS in app.py).

They are plain ASGI classes (no ``BaseHTTPMiddleware``) so streaming responses
stay streamed and the per-request overhead stays small.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import deque
from collections.abc import Callable

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSP_APP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
# Swagger UI (assets served by the app from swagger-ui-bundle) starts with an inline script.
CSP_DOCS = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; worker-src 'self' blob:; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'self'"
)
DOCS_PATHS = ("/docs",)
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "geolocation=(), camera=(), microphone=(), interest-cohort=()",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-site",
}
CACHE_MAX_AGE = 60
NO_CACHE_PREFIXES = ("/api/admin", "/healthz", "/readyz")


class SecurityHeadersMiddleware:
    """Adds security headers (CSP, nosniff, frame denial, referrer policy...) to every response."""

    def __init__(self, app: ASGIApp, *, hsts: bool = False) -> None:
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        csp = CSP_DOCS if path.startswith(DOCS_PATHS) else CSP_APP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                headers.setdefault("content-security-policy", csp)
                if self.hsts:
                    headers.setdefault("strict-transport-security", "max-age=31536000; includeSubDomains")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _etag_matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    bare = etag.removeprefix("W/")
    return any(part.strip().removeprefix("W/") == bare for part in header.split(","))


class CachingMiddleware:
    """Weak ETag and Cache-Control on GET /api responses, derived from the data version.

    ``version_fn()`` returns a token that changes whenever the search index or the
    database changes; the ETag hashes it with the path and query, so a matching
    ``If-None-Match`` is answered 304 without running the endpoint.
    """

    def __init__(self, app: ASGIApp, version_fn: Callable[[], str], *, max_age: int = CACHE_MAX_AGE) -> None:
        self.app = app
        self.version_fn = version_fn
        self.max_age = max_age

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        method = scope.get("method", "GET")
        if method not in SAFE_METHODS:
            try:
                await self.app(scope, receive, send)
            finally:
                invalidate = getattr(self.version_fn, "invalidate", None)
                if invalidate is not None:
                    invalidate()
            return
        if (
            method not in ("GET", "HEAD")
            or not path.startswith("/api/")
            or path.startswith(NO_CACHE_PREFIXES)
        ):
            await self.app(scope, receive, _no_store(send) if path.startswith(NO_CACHE_PREFIXES) else send)
            return
        request_headers = Headers(scope=scope)
        private = "authorization" in request_headers or "cookie" in request_headers
        seed = "\x00".join(
            [
                self.version_fn(),
                path,
                scope.get("query_string", b"").decode("latin-1"),
                request_headers.get("accept", ""),
            ]
        )
        etag = 'W/"' + hashlib.sha256(seed.encode("utf-8", "surrogateescape")).hexdigest()[:32] + '"'
        cache_control = f"{'private' if private else 'public'}, max-age={self.max_age}"
        if_none_match = request_headers.get("if-none-match")
        if if_none_match and _etag_matches(if_none_match, etag):
            await send(
                {
                    "type": "http.response.start",
                    "status": 304,
                    "headers": [
                        (b"etag", etag.encode()),
                        (b"cache-control", cache_control.encode()),
                        (b"vary", b"Accept, Accept-Encoding"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return

        async def send_with_etag(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if message["status"] == 200:
                    headers.setdefault("etag", etag)
                    headers.setdefault("cache-control", cache_control)
                else:
                    headers.setdefault("cache-control", "no-store")
            await send(message)

        await self.app(scope, receive, send_with_etag)


def _no_store(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            MutableHeaders(scope=message).setdefault("cache-control", "no-store")
        await send(message)

    return wrapped


class WriteRateLimitMiddleware:
    """At most ``per_minute`` unsafe requests (POST/PUT/PATCH/DELETE) per client per sliding minute (429)."""

    def __init__(self, app: ASGIApp, per_minute: int, *, window: float = 60.0) -> None:
        self.app = app
        self.per_minute = max(1, per_minute)
        self.window = window
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _key(self, scope: Scope) -> str:
        auth = Headers(scope=scope).get("authorization", "")
        if auth:
            return "t:" + hashlib.sha256(auth.encode("latin-1", "replace")).hexdigest()[:24]
        client = scope.get("client") or ("?", 0)
        return f"ip:{client[0]}"

    def allow(self, key: str, now: float | None = None) -> float:
        """Record one write for ``key``; 0 when allowed, else the seconds to wait."""
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and now - hits[0] >= self.window:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return max(0.001, self.window - (now - hits[0]))
            hits.append(now)
            if len(self._hits) > 10_000:  # forget idle clients so memory stays bounded
                for stale in [k for k, v in self._hits.items() if not v or now - v[-1] >= self.window]:
                    del self._hits[stale]
            return 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method", "GET") in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        wait = self.allow(self._key(scope))
        if not wait:
            await self.app(scope, receive, send)
            return
        retry = str(int(wait) + 1)
        await send_problem(
            send,
            scope,
            429,
            "Too many requests",
            f"at most {self.per_minute} writes per minute; retry in {retry} s",
            [(b"retry-after", retry.encode())],
        )


async def send_problem(
    send: Send,
    scope: Scope,
    status: int,
    title: str,
    detail: str,
    headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    """Send a complete problem+json response from an ASGI middleware."""
    body = json.dumps(
        {
            "type": "https://palermo-kb.github.io/problems/" + title.lower().replace(" ", "-"),
            "title": title,
            "status": status,
            "detail": detail,
            "instance": scope.get("path", ""),
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class ContentLengthLimitMiddleware:
    """413 problem+json for a request whose declared Content-Length exceeds ``max_body_size``.

    Bodies without a Content-Length are limited by Starlette's ``RequestBodyLimitMiddleware`` inside.
    """

    def __init__(self, app: ASGIApp, max_body_size: int) -> None:
        self.app = app
        self.max_body_size = max_body_size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            declared = Headers(scope=scope).get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_body_size:
                await send_problem(
                    send,
                    scope,
                    413,
                    "Content too large",
                    f"the request body is {declared} bytes; the limit is {self.max_body_size}",
                )
                return
        await self.app(scope, receive, send)
