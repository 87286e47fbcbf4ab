"""The Elasticsearch backend (official client, 8.x and 9.x servers).

Concrete indices ``<prefix>-v<time>-<rand>`` sit behind the alias ``<prefix>``;
a rebuild bulk-loads a new index and swaps the alias in one atomic request, so
searches never see a half-built index. Bulk writes use the client's bulk
helper with retries; documents that still fail raise :class:`IndexingError`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import elasticsearch
from elasticsearch import helpers

from indexer.models import SearchHit, SearchResult
from indexer.search import es_mapping as mapping
from indexer.search.base import BackendUnavailable, IndexingError, QueryError, SearchBackend, SearchQuery
from indexer.search.cursor import decode_cursor, encode_cursor
from indexer.search.es_client import make_client, server_info, unreachable_message
from indexer.search.es_query import read_facets, search_body, similar_body
from indexer.search.query import MAX_QUERY_CHARS
from indexer.search.results import BatchErrors, make_hit
from indexer.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")
CHUNK_SIZE = 500
BULK_RETRIES = 3


class ElasticsearchBackend(SearchBackend):
    """Search backend on an Elasticsearch cluster (alias ``prefix`` over versioned indices)."""

    name = "elasticsearch"

    def __init__(self, client: elasticsearch.Elasticsearch, prefix: str, *, url: str = "",
                 max_query_chars: int = MAX_QUERY_CHARS, chunk_size: int = CHUNK_SIZE) -> None:
        self.client = client
        self.alias = prefix
        self.url = url
        self.max_query_chars = max_query_chars
        self.chunk_size = chunk_size
        self.last_errors: list[str] = []

    @classmethod
    def from_settings(cls, settings: Settings, **client_options) -> ElasticsearchBackend:
        """Connect to ``settings.elasticsearch_url`` and log a clear message if it is unreachable."""
        client = make_client(settings, **client_options)
        backend = cls(client, settings.elasticsearch_index, url=settings.elasticsearch_url,
                      max_query_chars=settings.query_max_length)
        status = backend.health()
        if status["ok"]:
            log.info("search backend ready: %s", status["detail"])
        else:
            log.error("search backend not ready: %s", status["detail"])
        return backend

    # -- plumbing ----------------------------------------------------------------------------------
    def _call(self, fn: Callable[[], T], *, query: bool = False) -> T:
        """Run a client call, turning transport failures into :class:`BackendUnavailable`.

        With ``query=True`` a 400 answer (the cluster refused the search) becomes :class:`QueryError`.
        """
        try:
            return fn()
        except (elasticsearch.ConnectionError, elasticsearch.ConnectionTimeout) as exc:
            raise BackendUnavailable(unreachable_message(self.url or "the configured URL", exc)) from None
        except elasticsearch.NotFoundError as exc:
            raise BackendUnavailable(
                f"search index {self.alias!r} is missing on Elasticsearch ({exc.message}); "
                "run `palermo reindex`"
            ) from None
        except elasticsearch.BadRequestError as exc:
            if not query:
                raise
            raise QueryError(f"the search service refused this query ({exc.message})") from None

    @property
    def meta_index(self) -> str:
        """Small index holding one write stamp per alias (``index_version`` changes on every write)."""
        return f"{self.alias}-meta"

    def _touch(self) -> None:
        stamp = {"stamp": time.time_ns(), "indices": self._alias_indices()}
        self._call(lambda: self.client.index(index=self.meta_index, id=self.alias, document=stamp,
                                             refresh=True))

    def _alias_indices(self) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).body)
        except elasticsearch.NotFoundError:
            return []

    def ensure_template(self) -> None:
        """Install (or update) the index template for ``<prefix>-v*``."""
        body = mapping.index_template(self.alias)
        name = mapping.template_name(self.alias)
        self._call(lambda: self.client.indices.put_index_template(name=name, **body))

    def _create_index(self, bulk_load: bool) -> str:
        name = mapping.new_index_name(self.alias)
        settings = mapping.index_settings()
        if bulk_load:
            settings = {**settings, "refresh_interval": "-1"}
        mappings = mapping.mappings()
        self._call(lambda: self.client.indices.create(index=name, settings=settings, mappings=mappings))
        return name

    def ensure_index(self) -> str:
        """The concrete index behind the alias, creating an empty one (and the alias) if missing."""
        current = self._call(self._alias_indices)
        if current:
            return current[-1]
        self.ensure_template()
        name = self._create_index(bulk_load=False)
        self._call(lambda: self.client.indices.update_aliases(
            actions=[{"add": {"index": name, "alias": self.alias, "is_write_index": True}}]))
        return name

    def _actions(
        self, docs: Iterable[dict], index: str, errors: BatchErrors, counter: list[int]
    ) -> Iterator[dict]:
        stamp = int(time.time() * 1000)
        for doc in errors.clean(docs):
            counter[0] += 1
            source = mapping.to_es_source(doc)
            source["indexed_at"] = stamp
            yield {"_op_type": "index", "_index": index, "_id": doc["id"], "_source": source}

    def _bulk(self, actions: Iterable[dict], ignore_status: tuple[int, ...] = ()) -> list[tuple[str, str]]:
        failed: list[tuple[str, str]] = []
        stream = helpers.streaming_bulk(
            self.client, actions, chunk_size=self.chunk_size, max_retries=BULK_RETRIES, initial_backoff=0.5,
            max_backoff=10, raise_on_error=False, raise_on_exception=False, yield_ok=False,
            ignore_status=ignore_status,
        )
        try:
            for ok, item in stream:
                if not ok:
                    (op, info), = item.items()
                    if info.get("status") in ignore_status:
                        continue
                    failed.append((str(info.get("_id", "?")), str(info.get("error", info.get("status", op)))))
        except (elasticsearch.ConnectionError, elasticsearch.ConnectionTimeout) as exc:
            raise BackendUnavailable(unreachable_message(self.url or "the configured URL", exc)) from None
        return failed

    def _raise_failed(self, failed: list[tuple[str, str]], indexed: int, what: str) -> None:
        if failed:
            first = "; ".join(f"{doc_id}: {reason}" for doc_id, reason in failed[:3])
            raise IndexingError(f"{len(failed)} documents failed to {what} after retries ({first})",
                                failed, indexed)

    # -- writing -----------------------------------------------------------------------------------
    def rebuild(self, docs: Iterable[dict]) -> int:
        """Bulk-load a new versioned index, then swap the alias to it and drop the old indices."""
        self.ensure_template()
        name = self._create_index(bulk_load=True)
        errors, counter = BatchErrors(), [0]
        try:
            failed = self._bulk(self._actions(docs, name, errors, counter))
            self._raise_failed(failed, counter[0] - len(failed), "index")
            live = {"refresh_interval": "1s"}
            self._call(lambda: self.client.indices.put_settings(index=name, settings=live))
            self._call(lambda: self.client.indices.refresh(index=name))
        except BaseException:
            self.client.options(ignore_status=404).indices.delete(index=name)
            raise
        finally:
            self.last_errors = errors.errors
        old = self._call(self._alias_indices)
        actions = [{"remove": {"index": idx, "alias": self.alias}} for idx in old]
        actions.append({"add": {"index": name, "alias": self.alias, "is_write_index": True}})
        self._call(lambda: self.client.indices.update_aliases(actions=actions))
        for idx in old:
            self.client.options(ignore_status=404).indices.delete(index=idx)
        self._touch()
        log.info("index %s built (%d documents); alias %s swapped", name, counter[0], self.alias)
        return counter[0]

    def upsert(self, docs: Iterable[dict]) -> int:
        """Index or replace documents by id through the alias, then refresh."""
        index = self.ensure_index()
        errors, counter = BatchErrors(), [0]
        failed = self._bulk(self._actions(docs, index, errors, counter))
        self.last_errors = errors.errors
        self._call(lambda: self.client.indices.refresh(index=self.alias))
        self._touch()
        self._raise_failed(failed, counter[0] - len(failed), "index")
        return counter[0]

    def delete(self, ids: Iterable[str]) -> int:
        """Delete documents by id (unknown ids are ignored), then refresh."""
        index = self.ensure_index()
        ids = [str(i) for i in ids]
        actions = ({"_op_type": "delete", "_index": index, "_id": i} for i in ids)
        failed = self._bulk(actions, ignore_status=(404,))
        self._call(lambda: self.client.indices.refresh(index=self.alias))
        self._touch()
        self._raise_failed(failed, len(ids) - len(failed), "delete")
        return len(ids)

    # -- reading -----------------------------------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchResult:
        """One ``_search`` request: query, filters, facets (aggregations), sort and search_after."""
        state = decode_cursor(query)
        body, hl = search_body(query, state, self.max_query_chars)
        params = {("from_" if k == "from" else k): v for k, v in body.items()}
        resp = self._call(lambda: self.client.search(index=self.alias, **params).body, query=True)
        hits = resp["hits"]["hits"]
        total = resp["hits"]["total"]
        total = int(total["value"] if isinstance(total, dict) else total)
        done = state["n"] if state else body.get("from", 0)
        end = done + len(hits)
        more = hits and end < total and "sort" in hits[-1]
        next_state = {"a": hits[-1]["sort"], "n": end} if more else None
        return SearchResult(
            total=total,
            results=[self._hit(h, hl) for h in hits],
            facets=read_facets(resp.get("aggregations") or {}),
            next_cursor=encode_cursor(query, next_state) if next_state else None,
            page=done // query.page_size + 1,
            page_size=query.page_size,
        )

    @staticmethod
    def _hit(hit: dict, hl) -> SearchHit:
        return make_hit(mapping.from_es_source(hit["_source"]), hit.get("_score") or 0.0, hl)

    def similar(
        self, provision_id: str, *, size: int = 10, other_jurisdictions: bool = True
    ) -> list[SearchHit]:
        """more_like_this on the provision's text plus shared Protocol elements."""
        size = max(1, min(int(size), 100))
        try:
            found = self._call(lambda: self.client.get(index=self.alias, id=provision_id).body)
        except BackendUnavailable:
            if not self._call(self._alias_indices):
                raise
            return []
        body = similar_body(found["_index"], found["_source"], size, other_jurisdictions)
        if body is None:
            return []
        resp = self._call(lambda: self.client.search(index=self.alias, **body).body)
        return [self._hit(h, None) for h in resp["hits"]["hits"]]

    def count(self) -> int:
        """Documents behind the alias."""
        return int(self._call(lambda: self.client.count(index=self.alias).body)["count"])

    def index_version(self) -> str:
        """Concrete index name and the stamp of the last write (kept in ``<alias>-meta``)."""
        indices = self._call(self._alias_indices)
        if not indices:
            raise BackendUnavailable(f"search index {self.alias!r} is missing; run `palermo reindex`")
        try:
            stamp = int(self.client.get(index=self.meta_index, id=self.alias).body["_source"]["stamp"])
        except elasticsearch.NotFoundError:
            stamp = 0
        except (elasticsearch.ConnectionError, elasticsearch.ConnectionTimeout) as exc:
            raise BackendUnavailable(unreachable_message(self.url or "the configured URL", exc)) from None
        return f"{indices[-1]}.{stamp:x}"

    def health(self) -> dict:
        """Cluster reachable, index present; never raises."""
        try:
            info = server_info(self.client)
        except Exception as exc:  # noqa: BLE001 - health reports every failure
            return {"ok": False, "backend": self.name, "detail": unreachable_message(self.url, exc)}
        version = info.get("version") or {}
        detail = {"url": self.url, "version": version.get("number", "?"),
                  "distribution": version.get("distribution", "elasticsearch"), "alias": self.alias}
        try:
            indices = self._alias_indices()
        except Exception as exc:  # noqa: BLE001
            return {"ok": False, "backend": self.name, "detail": {**detail, "error": str(exc)}}
        if not indices:
            detail["error"] = f"index {self.alias!r} is missing; run `palermo reindex`"
            return {"ok": False, "backend": self.name, "detail": detail}
        detail["index"] = indices[-1]
        return {"ok": True, "backend": self.name, "detail": detail}

    def close(self) -> None:
        """Close the HTTP connections."""
        self.client.close()
