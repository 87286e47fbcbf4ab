"""Turn download errors into short, human-readable failure reasons."""

from __future__ import annotations

from scrapy import exceptions as scrapy_errors
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import defer
from twisted.internet import error as net_error
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

RETRIED_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 522, 524})


def _scrapy_error(name: str) -> tuple[type[BaseException], ...]:
    """Scrapy >= 2.13 download exceptions by name (an empty tuple on versions without them)."""
    cls = getattr(scrapy_errors, name, None)
    return (cls,) if isinstance(cls, type) else ()


TIMEOUT_ERRORS = (net_error.TimeoutError, defer.TimeoutError, *_scrapy_error("DownloadTimeoutError"))
DNS_ERRORS = (net_error.DNSLookupError, *_scrapy_error("CannotResolveHostError"))
REFUSED_ERRORS = (net_error.ConnectionRefusedError, *_scrapy_error("DownloadConnectionRefusedError"))
CANCELLED_ERRORS = (defer.CancelledError, *_scrapy_error("DownloadCancelledError"))
DATALOSS_ERRORS = _scrapy_error("ResponseDataLossError")


def _inner_reasons(exc: BaseException) -> list[BaseException]:
    reasons = getattr(exc, "reasons", None) or []
    out: list[BaseException] = []
    for reason in reasons:
        out.append(reason.value if isinstance(reason, Failure) else reason)
    return out


def describe_failure(failure: Failure, *, timeout: float | None = None,
                     maxsize: int | None = None) -> tuple[str, int | None]:
    """``(reason, http_status)`` for a failed request (one line, no traceback).

    A cancelled download without a message is Scrapy stopping a body that grew past
    ``DOWNLOAD_MAXSIZE`` while streaming (no Content-Length announced).
    """
    exc = failure.value
    if isinstance(exc, HttpError):
        status = exc.response.status
        suffix = " after retries" if status in RETRIED_STATUSES else ""
        return f"HTTP {status}{suffix}", status
    message = str(exc)
    if isinstance(exc, IgnoreRequest):
        lowered = message.lower()
        if "robots.txt" in lowered:
            return "forbidden by robots.txt", None
        if "redirect" in lowered:
            return "redirect loop (too many redirections)", None
        if "max size" in lowered or "maxsize" in lowered or "download_maxsize" in lowered:
            return f"over-size body: {message}", None
        return f"request ignored: {message}", None
    if isinstance(exc, DATALOSS_ERRORS):
        return "truncated body (connection closed before the announced Content-Length)", None
    if isinstance(exc, CANCELLED_ERRORS) or "max size" in message:
        if "max size" in message or "larger than" in message:
            return f"over-size body: {message}", None
        if not message.strip() and maxsize:
            return f"over-size body: download cancelled past the {maxsize}-byte limit", None
        return f"download cancelled: {message}", None
    if isinstance(exc, TIMEOUT_ERRORS):
        return f"timeout after {timeout:g}s" if timeout else "timeout", None
    if isinstance(exc, DNS_ERRORS):
        return (message if message.startswith("DNS lookup failed") else f"DNS lookup failed: {message}"), None
    if isinstance(exc, REFUSED_ERRORS):
        return "connection refused", None
    if isinstance(exc, (ResponseFailed, ResponseNeverReceived)):
        inner = _inner_reasons(exc)
        names = " ".join(type(i).__name__ for i in inner)
        if "_DataLoss" in names or "PotentialDataLoss" in names:
            return "truncated body (connection closed before the announced Content-Length)", None
        if any(isinstance(i, CANCELLED_ERRORS) for i in inner):
            return "download cancelled (over-size body or timeout)", None
        return f"connection failed: {names or message}", None
    return f"{type(exc).__name__}: {message}".strip(), None
