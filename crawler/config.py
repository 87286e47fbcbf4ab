"""Per-run Scrapy settings derived from ``indexer.settings.Settings``."""

from __future__ import annotations

from typing import Any

from indexer.settings import Settings


def user_agent(settings: Settings) -> str:
    """The identifying User-Agent, always carrying the contact URL."""
    if settings.contact_url and settings.contact_url not in settings.user_agent:
        return f"{settings.user_agent} (+{settings.contact_url})"
    return settings.user_agent


def scrapy_overrides(
    settings: Settings, *, polite: bool = True, progress_events: bool = False
) -> dict[str, Any]:
    """Settings layered over ``crawler.settings`` for one crawl.

    ``polite=False`` (local tests and benchmarks only) drops the delays and raises
    concurrency; robots.txt stays obeyed.
    """
    overrides: dict[str, Any] = {
        "PALERMO_SETTINGS_JSON": settings.model_dump_json(),
        "PALERMO_PROGRESS_EVENTS": progress_events,
        "USER_AGENT": user_agent(settings),
        "DOWNLOAD_TIMEOUT": settings.download_timeout,
        "DOWNLOAD_MAXSIZE": settings.max_response_bytes,
        "DOWNLOAD_WARNSIZE": min(settings.max_response_bytes, 16 * 1024 * 1024),
    }
    if not polite:
        overrides.update({
            "AUTOTHROTTLE_ENABLED": False,
            "DOWNLOAD_DELAY": 0,
            "CONCURRENT_REQUESTS": 32,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
            "PALERMO_RETRY_BACKOFF_BASE": 0.2,
            "PALERMO_RETRY_AFTER_MAX": 10.0,
        })
    return overrides
