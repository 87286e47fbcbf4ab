"""The embedded search backend: tantivy files under ``<data_dir>/index``, nothing to start.

Chosen by measurement (see docs/search.md and benchmarks/search.py): BM25 with
per-language stemming and accent folding, facets from fast-field aggregations,
keyset pagination on precomputed sort keys.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

import tantivy

from indexer.models import SearchHit, SearchResult
from indexer.search import analysis
from indexer.search.base import BackendUnavailable, QueryError, SearchBackend, SearchQuery
from indexer.search.cursor import decode_cursor, encode_cursor, query_fingerprint
from indexer.search.embedded_store import IndexStore
from indexer.search.query import MAX_QUERY_CHARS, Highlight, compile_query, parse_query
from indexer.search.results import MAX_OFFSET, BatchErrors, check_page, make_hit, query_keys
from indexer.search.tantivy_schema import (
    TantivyLeaves,
    facet_aggregations,
    filter_query,
    read_facets,
    source,
    text_field,
    to_document,
)

log = logging.getLogger(__name__)

SORTS = {"date": ("date_key", tantivy.Order.Desc), "jurisdiction": ("jur_key", tantivy.Order.Asc)}
REBUILD_HEAP = 256_000_000
SUMMARY_CACHE = 256  # (index version, query) -> (total, facets), reused by cursor pages
TOTAL_AGG = {"_total": {"value_count": {"field": "jur_key"}}}  # every document has a jur_key


def _must(*queries: tantivy.Query | None) -> tantivy.Query:
    parts = [q for q in queries if q is not None]
    if len(parts) == 1:
        return parts[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in parts])


class EmbeddedBackend(SearchBackend):
    """Search backend over a versioned tantivy index directory (safe for several processes)."""

    name = "embedded"

    def __init__(self, index_dir: Path, *, max_query_chars: int = MAX_QUERY_CHARS) -> None:
        self.store = IndexStore(Path(index_dir))
        self.schema = self.store.schema
        self.leaves = TantivyLeaves(self.schema)
        self.max_query_chars = max_query_chars
        self.last_errors: list[str] = []
        self._summaries: OrderedDict[tuple, tuple[int, dict]] = OrderedDict()
        self._summaries_lock = threading.Lock()

    def _remember(self, key: tuple, summary: tuple[int, dict]) -> None:
        with self._summaries_lock:
            self._summaries[key] = summary
            while len(self._summaries) > SUMMARY_CACHE:
                self._summaries.popitem(last=False)

    # -- writing -----------------------------------------------------------------------------------
    def rebuild(self, docs: Iterable[dict]) -> int:
        """Index ``docs`` into a new version folder, then publish it atomically."""
        name, path = self.store.new_version()
        errors = BatchErrors()
        try:
            index = tantivy.Index(self.schema, path=str(path))
            analysis.register_analyzers(index)
            count, seen = 0, set()
            with self.store.writer(index, heap=REBUILD_HEAP) as writer:
                for doc in errors.clean(docs):
                    if doc["id"] in seen:
                        writer.delete_documents_by_term("id", doc["id"])
                    else:
                        seen.add(doc["id"])
                        count += 1
                    writer.add_document(to_document(doc))
            self.store.publish(name)
        except BaseException:
            self.store.discard(name)
            raise
        finally:
            self.last_errors = errors.errors
        log.info("embedded index %s built with %d documents (%d skipped)", name, count, len(errors.errors))
        return count

    def upsert(self, docs: Iterable[dict]) -> int:
        """Replace or add documents by id in the live version (one commit for the batch)."""
        errors = BatchErrors()
        count = 0
        with self.store.writer() as writer:
            for doc in errors.clean(docs):
                writer.delete_documents_by_term("id", doc["id"])
                writer.add_document(to_document(doc))
                count += 1
        self.last_errors = errors.errors
        return count

    def delete(self, ids: Iterable[str]) -> int:
        """Delete documents by id (unknown ids are ignored)."""
        count = 0
        with self.store.writer() as writer:
            for doc_id in ids:
                writer.delete_documents_by_term("id", str(doc_id))
                count += 1
        return count

    # -- reading -----------------------------------------------------------------------------------
    def _text_query(self, query: SearchQuery) -> tuple[tantivy.Query, Highlight | None]:
        node = parse_query(query.q, self.max_query_chars)
        if node is None:
            return tantivy.Query.all_query(), None
        hl = Highlight()
        compiled = compile_query(node, query_keys(query), self.leaves, hl)
        return (compiled if compiled is not None else tantivy.Query.empty_query()), hl

    def search(self, query: SearchQuery) -> SearchResult:
        """Ranked or sorted hits, facet counts and a next-page cursor for ``query``."""
        offset = check_page(query)
        state = decode_cursor(query)
        text_q, hl = self._text_query(query)
        full = _must(text_q, filter_query(self.schema, query))
        summary_key = (self.store.version_token(), query_fingerprint(query))
        _name, index = self.store.index()
        searcher = index.searcher()
        try:
            summary = self._summaries.get(summary_key) if state is not None else None
            if summary is None:  # facets and total; later pages of the same query reuse them
                aggs = searcher.aggregate(full, {**facet_aggregations(), **TOTAL_AGG})
                summary = (int((aggs.get("_total") or {}).get("value") or 0), read_facets(aggs))
                self._remember(summary_key, summary)
            total, facets = summary
            if query.sort == "relevance":
                hits, next_state, page = self._relevance_page(searcher, full, query, offset, state, total)
            else:
                hits, next_state, page = self._keyset_page(searcher, full, query, offset, state, total)
        except ValueError as exc:
            raise QueryError(f"query could not be run: {exc}") from None
        return SearchResult(
            total=total,
            results=[make_hit(source(searcher.doc(addr)), score, hl) for score, addr in hits],
            facets={name: dict(counts) for name, counts in facets.items()},
            next_cursor=encode_cursor(query, next_state) if next_state else None,
            page=page,
            page_size=query.page_size,
        )

    def _relevance_page(self, searcher, full, query, offset, state, total):
        if state is not None:
            offset = state.get("o")
            if not isinstance(offset, int) or offset < 0:
                raise QueryError("invalid cursor")
            if offset + query.page_size > MAX_OFFSET:
                raise QueryError(f"page too deep: relevance results stop at {MAX_OFFSET}; sort by date")
        res = searcher.search(full, query.page_size, count=False, offset=offset)
        hits = [(score, addr) for score, addr in res.hits]
        end = offset + len(hits)
        return hits, ({"o": end} if end < total and hits else None), offset // query.page_size + 1

    def _keyset_page(self, searcher, full, query, offset, state, total):
        field, order = SORTS[query.sort]
        seen: list[str] = []
        if state is not None:
            last, seen, done = state.get("k"), state.get("s"), state.get("n")
            if not isinstance(last, int) or not isinstance(seen, list) or not isinstance(done, int):
                raise QueryError("invalid cursor")
            bound = {"upper_bound": last} if order == tantivy.Order.Desc else {"lower_bound": last}
            keyset = tantivy.Query.range_query(self.schema, field, tantivy.FieldType.Integer, **bound)
            q = _must(full, tantivy.Query.const_score_query(keyset, 0.0))
            if seen:
                exclude = tantivy.Query.term_set_query(self.schema, "id", [str(s) for s in seen])
                q = tantivy.Query.boolean_query([(tantivy.Occur.Must, q), (tantivy.Occur.MustNot, exclude)])
            res = searcher.search(q, query.page_size, count=False, order_by_field=field, order=order)
            offset = done
        else:
            last = None
            res = searcher.search(full, query.page_size, count=False, order_by_field=field, offset=offset,
                                  order=order)
        hits = [(0.0, addr) for _key, addr in res.hits]
        end = offset + len(hits)
        next_state = None
        if hits and end < total:
            new_last = res.hits[-1][0]
            ids = [source(searcher.doc(addr))["id"] for key, addr in res.hits if key == new_last]
            carried = seen if new_last == last else []
            next_state = {"k": new_last, "s": carried + ids, "n": end}
        return hits, next_state, offset // query.page_size + 1

    def _find(self, searcher: tantivy.Searcher, provision_id: str) -> dict | None:
        res = searcher.search(tantivy.Query.term_query(self.schema, "id", provision_id), 1, count=False)
        return source(searcher.doc(res.hits[0][1])) if res.hits else None

    def similar(
        self, provision_id: str, *, size: int = 10, other_jurisdictions: bool = True
    ) -> list[SearchHit]:
        """Provisions sharing distinctive words (same language) and Protocol elements (any language)."""
        size = max(1, min(int(size), 100))
        _name, index = self.store.index()
        searcher = index.searcher()
        src = self._find(searcher, provision_id)
        if src is None:
            return []
        key = analysis.language_key(src["language"])
        should = []
        if src.get("text"):
            should.append(tantivy.Query.more_like_this_document_fields_query(
                self.schema, {text_field(key): src["text"]}, min_doc_frequency=2, min_term_frequency=1,
                max_query_terms=25, min_word_length=3,
            ))
        for element in src.get("elements") or []:
            term = tantivy.Query.term_query(self.schema, "elements", element)
            should.append(tantivy.Query.boost_query(term, 2.0))
        if not should:
            return []
        clauses = [(tantivy.Occur.Should, q) for q in should]
        clauses.append((tantivy.Occur.MustNot, tantivy.Query.term_query(self.schema, "id", provision_id)))
        if other_jurisdictions and src.get("jurisdiction"):
            same = tantivy.Query.term_query(self.schema, "jurisdiction", src["jurisdiction"])
            clauses.append((tantivy.Occur.MustNot, same))
        res = searcher.search(tantivy.Query.boolean_query(clauses), size, count=False)
        return [make_hit(source(searcher.doc(addr)), score, None) for score, addr in res.hits]

    def count(self) -> int:
        """Documents in the live version."""
        _name, index = self.store.index()
        return index.searcher().num_docs

    def index_version(self) -> str:
        """Live version folder plus the stamp of its last commit."""
        return self.store.version_token()

    def health(self) -> dict:
        """Open the live index; never raises."""
        try:
            name, index = self.store.index()
            detail = {"path": str(self.store.root), "version": name, "documents": index.searcher().num_docs}
            return {"ok": True, "backend": self.name, "detail": detail}
        except Exception as exc:  # noqa: BLE001 - health reports every failure
            return {"ok": False, "backend": self.name, "detail": f"embedded index unusable: {exc}"}

    def close(self) -> None:
        """Release the open index."""
        self.store.close()


__all__ = ["BackendUnavailable", "EmbeddedBackend"]
