"""Search backends: the embedded default (tantivy) and Elasticsearch.

``get_backend()`` picks one from ``Settings.backend`` (``PALERMO_BACKEND``)
and caches it per settings object.
"""

from __future__ import annotations

import contextlib
import threading

from indexer.search.base import (
    FACET_FIELDS,
    BackendUnavailable,
    IndexingError,
    QueryError,
    SearchBackend,
    SearchQuery,
)
from indexer.settings import Settings, get_settings

__all__ = [
    "FACET_FIELDS",
    "BackendUnavailable",
    "IndexingError",
    "QueryError",
    "SearchBackend",
    "SearchQuery",
    "get_backend",
    "make_backend",
]

_CACHE: dict[tuple, SearchBackend] = {}
_LOCK = threading.Lock()


def make_backend(settings: Settings) -> SearchBackend:
    """Build a new (uncached) backend for ``settings.backend``."""
    if settings.backend == "elasticsearch":
        from indexer.search.elastic import ElasticsearchBackend

        return ElasticsearchBackend.from_settings(settings)
    from indexer.search.embedded import EmbeddedBackend

    return EmbeddedBackend(settings.index_dir, max_query_chars=settings.query_max_length)


def _cache_key(settings: Settings) -> tuple:
    if settings.backend == "elasticsearch":
        return ("elasticsearch", settings.elasticsearch_url, settings.elasticsearch_index,
                settings.elasticsearch_api_key, settings.query_max_length)
    return ("embedded", str(settings.index_dir.resolve()), settings.query_max_length)


def get_backend(settings: Settings | None = None) -> SearchBackend:
    """Return the backend selected by ``settings.backend`` (cached: equal settings share one backend)."""
    settings = settings or get_settings()
    key = _cache_key(settings)
    with _LOCK:
        backend = _CACHE.get(key)
        if backend is None:
            backend = _CACHE[key] = make_backend(settings)
        return backend


def reset_backends() -> None:
    """Close and forget every cached backend (tests, shutdown)."""
    with _LOCK:
        for backend in _CACHE.values():
            with contextlib.suppress(Exception):
                backend.close()
        _CACHE.clear()
