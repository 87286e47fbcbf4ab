"""Glue between Scrapy and the raw store: settings hand-over, items and the storing pipeline."""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

from scrapy.utils.defer import maybe_deferred_to_future

from crawler.raw_store import RawStore
from indexer.models import DocumentMeta
from indexer.settings import Settings, get_settings

logger = logging.getLogger(__name__)

# Response headers kept as provenance with every stored version.
PROVENANCE_HEADERS = (
    "Content-Type", "Content-Length", "Content-Language", "Content-Disposition", "ETag", "Last-Modified",
    "Date", "Server", "Cache-Control", "Expires", "Link",
)


def settings_from_crawler(crawler) -> Settings:
    """The palermo Settings handed to this crawl (``PALERMO_SETTINGS_JSON``), else the environment's."""
    raw = crawler.settings.get("PALERMO_SETTINGS_JSON") if crawler is not None else None
    if raw:
        return Settings.model_validate_json(raw)
    return get_settings()


def document_item(meta: DocumentMeta, body: bytes, *, final_url: str, status: int,
                  headers: dict[str, str]) -> dict[str, Any]:
    """An item asking the pipeline to store ``body`` as a version of ``meta.url``."""
    return {"kind": "document", "meta": meta.model_dump(), "body": body, "final_url": final_url,
            "status": status, "headers": headers}


def unchanged_item(url: str, source_id: str, *, status: int = 304) -> dict[str, Any]:
    """An item saying that ``url`` did not change (304)."""
    return {"kind": "unchanged", "url": url, "source_id": source_id, "status": status}


def failure_item(url: str, reason: str, *, source_id: str = "", status: int | None = None) -> dict[str, Any]:
    """An item recording a failed fetch (the crawl goes on)."""
    return {"kind": "failure", "url": url, "reason": " ".join(str(reason).split())[:500],
            "source_id": source_id, "status": status}


def provenance_headers(headers) -> dict[str, str]:
    """The headers that matter, as ``str`` (from a Scrapy ``Headers`` object)."""
    kept: dict[str, str] = {}
    for name in PROVENANCE_HEADERS:
        value = headers.get(name)
        if value is not None:
            kept[name] = value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return kept


class StorePipeline:
    """Store documents in the raw store, record failures, count everything in the crawl stats.

    Documents are stored in batches (``PALERMO_STORE_BATCH`` items, or whatever arrived within
    ``PALERMO_STORE_FLUSH_S`` seconds) on a worker thread, so that blob fsyncs and commits never
    block the downloads; batches run one after another on one connection. An item's processing
    completes only once its batch is committed.
    """

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.settings = settings_from_crawler(crawler)
        self.progress = crawler.settings.getbool("PALERMO_PROGRESS_EVENTS")
        self.batch_size = crawler.settings.getint("PALERMO_STORE_BATCH", 64)
        self.flush_delay = crawler.settings.getfloat("PALERMO_STORE_FLUSH_S", 0.2)
        self.store: RawStore | None = None
        self.failure_store: RawStore | None = None
        self.pending: list[tuple[dict[str, Any], Any]] = []
        self._timer = None
        self._chain = None

    @classmethod
    def from_crawler(cls, crawler):
        """Scrapy hook."""
        return cls(crawler)

    def open_spider(self) -> None:
        """Open the store (one connection for batches, one for failures)."""
        from twisted.internet import defer

        self.store = RawStore(self.settings)
        self.failure_store = RawStore(self.settings)
        self._chain = defer.succeed(None)

    async def close_spider(self) -> None:
        """Flush what is pending, wait for it, close the connections."""
        self._flush()
        await maybe_deferred_to_future(self._chain)
        for store in (self.store, self.failure_store):
            if store is not None:
                store.conn.close()

    def _event(self, kind: str, url: str) -> None:
        if self.progress:
            sys.stdout.write(json.dumps({"event": kind, "url": url}) + "\n")
            sys.stdout.flush()

    async def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        """Store / count one item."""
        from twisted.internet import defer, reactor

        stats = self.crawler.stats
        kind = item.get("kind")
        if kind == "document":
            done = defer.Deferred()
            self.pending.append((item, done))
            if len(self.pending) >= self.batch_size:
                self._flush()
            elif self._timer is None:
                self._timer = reactor.callLater(self.flush_delay, self._flush)
            await maybe_deferred_to_future(done)
        elif kind == "unchanged":
            stats.inc_value("palermo/fetched")
            stats.inc_value("palermo/unchanged")
            self._event("unchanged", item["url"])
        elif kind == "failure":
            self._fail(item["url"], item["reason"], item.get("source_id", ""), item.get("status"))
        return item

    def _flush(self) -> None:
        """Queue the pending documents as one batch after the running one."""
        from twisted.internet import threads

        if self._timer is not None and self._timer.active():
            self._timer.cancel()
        self._timer = None
        batch, self.pending = self.pending, []
        if not batch or self._chain is None:
            return
        entries = []
        for item, _done in batch:
            headers = item.get("headers") or {}
            provenance = {"final_url": item.get("final_url", ""), "http_status": item.get("status"),
                          "etag": headers.get("ETag"), "last_modified": headers.get("Last-Modified"),
                          "headers": headers}
            entries.append((DocumentMeta.model_validate(item["meta"]), item["body"], provenance))

        def run(_ignored):
            return threads.deferToThread(self._save, entries)

        def finish(outcome):
            self._finish(batch, entries, outcome)
            return None

        self._chain.addCallback(run)
        self._chain.addBoth(finish)

    def _save(self, entries) -> list[tuple[Any, bool]] | Exception:
        assert self.store is not None
        try:
            return self.store.save_many(entries)
        except Exception as exc:  # a broken batch is retried item by item so that one bad row fails alone
            logger.warning("batch store failed (%s); storing one by one", exc)
            self.store.conn.rollback()
            results: list[Any] = []
            for entry in entries:
                try:
                    results.append(self.store.save_many([entry])[0])
                except Exception as item_exc:
                    self.store.conn.rollback()
                    results.append(item_exc)
            return results

    def _finish(self, batch, entries, outcome) -> None:
        stats = self.crawler.stats
        results = outcome if isinstance(outcome, list) else [outcome] * len(batch)
        for (item, done), (meta, _body, _prov), result in zip(batch, entries, results, strict=True):
            if isinstance(result, tuple):
                _doc, created = result
                stats.inc_value("palermo/fetched")
                stats.inc_value("palermo/new_versions" if created else "palermo/unchanged")
                self._event("new" if created else "unchanged", meta.url)
            else:
                reason = getattr(result, "value", result)
                self._fail(meta.url, f"store error: {reason}", meta.source_id, None)
            done.callback(item)

    def _fail(self, url: str, reason: str, source_id: str, status: int | None) -> None:
        assert self.failure_store is not None
        self.failure_store.record_failure(url, reason, source_id=source_id, http_status=status)
        failed = self.crawler.stats.get_value("palermo/failed") or []
        failed.append({"url": url, "reason": reason})
        self.crawler.stats.set_value("palermo/failed", failed)
        self._event("failed", url)
