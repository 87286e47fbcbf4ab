"""Scrapy settings of the Palermo crawler (``scrapy.cfg`` -> ``crawler.settings``).

Polite defaults: robots.txt obeyed, AutoThrottle, one request at a time per
domain, an identifying User-Agent with a contact URL, retries with backoff on
429/5xx, a response size cap and a download timeout. ``crawler.config``
derives the per-run values from ``indexer.settings.Settings``.
"""

from scrapy.settings import default_settings as _scrapy_defaults

from indexer.settings import get_settings

_palermo = get_settings()

BOT_NAME = "palermo"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

USER_AGENT = (
    _palermo.user_agent if _palermo.contact_url in _palermo.user_agent
    else f"{_palermo.user_agent} (+{_palermo.contact_url})"
)
ROBOTSTXT_OBEY = True

CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

DOWNLOAD_TIMEOUT = _palermo.download_timeout
DOWNLOAD_MAXSIZE = _palermo.max_response_bytes
DOWNLOAD_WARNSIZE = min(_palermo.max_response_bytes, 16 * 1024 * 1024)
DOWNLOAD_FAIL_ON_DATALOSS = True
REDIRECT_MAX_TIMES = 10

RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# An unknown host is not retried (a mistyped or vanished domain, or no network at all): it fails at
# once with its reason and the next crawl tries again. Other network errors are retried.
RETRY_EXCEPTIONS = [
    exc for exc in _scrapy_defaults.RETRY_EXCEPTIONS
    if not any(name in str(exc) for name in ("CannotResolveHost", "DNSLookup"))
]
PALERMO_RETRY_BACKOFF_BASE = 2.0
PALERMO_RETRY_AFTER_MAX = 300.0

COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
HTTPCACHE_ENABLED = False

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    "crawler.middlewares.ConditionalRequestMiddleware": 580,
}
ITEM_PIPELINES = {"crawler.store.StorePipeline": 300}

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
