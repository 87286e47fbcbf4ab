"""Downloader middlewares: conditional requests and retries with backoff honouring Retry-After."""

from __future__ import annotations

import email.utils
import logging
import time
from urllib.parse import urlparse

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message

from crawler.http_cache import ValidatorCache
from crawler.raw_store import RawStore
from crawler.store import settings_from_crawler

logger = logging.getLogger(__name__)


async def sleep(seconds: float) -> None:
    """Wait without blocking the reactor (the reactor is imported late: Scrapy installs it first)."""
    from twisted.internet import reactor
    from twisted.internet.task import deferLater

    await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))


def header_str(headers, name: str) -> str | None:
    """A response/request header as ``str`` (None when absent)."""
    value = headers.get(name)
    if value is None:
        return None
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def is_robots_request(request: Request) -> bool:
    """Requests made by Scrapy's RobotsTxtMiddleware."""
    return bool(request.meta.get("dont_obey_robotstxt")) and urlparse(request.url).path == "/robots.txt"


class ConditionalRequestMiddleware:
    """Add If-None-Match / If-Modified-Since from what was stored before.

    Document requests carry ``meta['palermo_doc_urls']`` (the raw-store URLs the
    response will be stored under); their validators come from the raw store and
    a 304 reaches the spider. Auxiliary requests (``meta['palermo_cache']`` and
    robots.txt) use the :class:`ValidatorCache`; their 304 is answered with the
    cached body so the spider can follow the links again.
    """

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        settings = settings_from_crawler(crawler)
        self._settings = settings
        self._store: RawStore | None = None
        self.cache = ValidatorCache(settings.data_dir / "crawl_cache")

    @classmethod
    def from_crawler(cls, crawler):
        """Scrapy hook."""
        return cls(crawler)

    @property
    def store(self) -> RawStore:
        """The raw store, opened on first use."""
        if self._store is None:
            self._store = RawStore(self._settings)
        return self._store

    def doc_validators(self, urls: list[str]) -> tuple[str | None, str | None]:
        """Common (ETag, Last-Modified) of the latest versions of ``urls`` (None when any is missing)."""
        etags, modified = set(), set()
        for url in urls:
            doc = self.store.latest(url)
            if doc is None:
                return None, None
            etags.add(doc.etag)
            modified.add(doc.last_modified)
        etag = etags.pop() if len(etags) == 1 else None
        last_modified = modified.pop() if len(modified) == 1 else None
        return etag, last_modified

    def process_request(self, request: Request):
        """Set the validators before the request is sent."""
        stats = self.crawler.stats
        stats.inc_value("palermo/requests")
        etag = last_modified = None
        if request.meta.get("palermo_doc_urls"):
            etag, last_modified = self.doc_validators(request.meta["palermo_doc_urls"])
        elif request.meta.get("palermo_cache") or is_robots_request(request):
            entry = self.cache.get(request.url)
            if entry:
                etag, last_modified = entry.get("etag"), entry.get("last_modified")
        if etag:
            request.headers["If-None-Match"] = etag
        if last_modified:
            request.headers["If-Modified-Since"] = last_modified
        if etag or last_modified:
            request.meta["palermo_conditional"] = True
            stats.inc_value("palermo/conditional_requests")
        return None

    def process_response(self, request: Request, response: Response):
        """Answer an auxiliary 304 from the cache; remember fresh auxiliary responses."""
        if request.meta.get("palermo_doc_urls") or not (
            request.meta.get("palermo_cache") or is_robots_request(request)
        ):
            return response
        if response.status == 304:
            entry = self.cache.get(request.url)
            if entry is None:
                return response
            request.meta["palermo_not_modified"] = True
            headers = {"Content-Type": entry.get("content_type") or "application/octet-stream"}
            return response.replace(status=entry.get("status", 200), body=entry["body"], headers=headers)
        if response.status == 200 and response.body:
            self.cache.put(
                request.url, response.body, etag=header_str(response.headers, "ETag"),
                last_modified=header_str(response.headers, "Last-Modified"),
                content_type=header_str(response.headers, "Content-Type") or "",
            )
        return response


def retry_after_seconds(value: str | bytes | None, *, now: float | None = None) -> float | None:
    """Parse a Retry-After header: delta seconds (``"120"``) or an HTTP date; None when absent/invalid."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware, waiting before each retry.

    The wait is the server's ``Retry-After`` when given (capped by
    ``PALERMO_RETRY_AFTER_MAX``), else exponential backoff
    ``PALERMO_RETRY_BACKOFF_BASE * 2**(attempt-1)``. Only this request waits; the
    rest of the crawl goes on.
    """

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("PALERMO_RETRY_BACKOFF_BASE", 1.0)
        self.retry_after_max = settings.getfloat("PALERMO_RETRY_AFTER_MAX", 120.0)

    def delay_for(self, response: Response | None, attempt: int) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based)."""
        header = response.headers.get("Retry-After") if response is not None else None
        seconds = retry_after_seconds(header)
        if seconds is None:
            seconds = self.backoff_base * (2 ** max(0, attempt - 1))
        return min(seconds, self.retry_after_max)

    async def process_response(self, request: Request, response: Response):  # type: ignore[override]
        """Retry 429/5xx after a delay."""
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        delay = self.delay_for(response, retry.meta.get("retry_times", 1))
        if delay > 0:
            logger.info("waiting %.1fs before retrying %s (HTTP %s)", delay, request.url, response.status)
            await sleep(delay)
        return retry

    async def process_exception(self, request: Request, exception: Exception):  # type: ignore[override]
        """Retry network errors (timeouts, refused connections...) after a backoff delay."""
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        retry = self._retry(request, exception)
        if retry is None:
            return None
        delay = self.delay_for(None, retry.meta.get("retry_times", 1))
        if delay > 0:
            await sleep(delay)
        return retry
