"""Helpers shared by both backends: hits, language keys, batch error reporting."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from indexer.models import SearchHit
from indexer.search import analysis
from indexer.search.base import MAX_PAGE_SIZE, QueryError, SearchQuery
from indexer.search.documents import DocumentError, normalize
from indexer.search.highlight import snippet
from indexer.search.query import Highlight

log = logging.getLogger(__name__)

# Relevance-sorted pages deeper than this must narrow the query (keyset sorts have no limit).
MAX_OFFSET = 10_000


def query_keys(query: SearchQuery) -> list[str]:
    """Analyzer keys to search: the filtered languages' analyzers, else every analyzer."""
    if query.language:
        return sorted({analysis.language_key(lang) for lang in query.language})
    return list(analysis.LANGUAGE_KEYS)


def check_page(query: SearchQuery) -> int:
    """Offset of the requested page (without a cursor); raises :class:`QueryError` past the limit."""
    if not 1 <= query.page_size <= MAX_PAGE_SIZE:
        raise QueryError(f"page_size must be between 1 and {MAX_PAGE_SIZE}")
    offset = (query.page - 1) * query.page_size
    if offset + query.page_size > MAX_OFFSET and query.sort == "relevance":
        raise QueryError(
            f"page too deep: relevance results stop at {MAX_OFFSET}; add filters or sort by date/jurisdiction"
        )
    return offset


def make_hit(src: dict, score: float, hl: Highlight | None) -> SearchHit:
    """A :class:`SearchHit` for a stored index document, with its escaped, highlighted snippet."""
    return SearchHit(
        id=src["id"],
        jurisdiction=src.get("jurisdiction", ""),
        law=src.get("law_title") or src.get("law_id", ""),
        law_id=src.get("law_id", ""),
        ref=src.get("ref", "") or src.get("num", "") or src.get("eid", ""),
        snippet=snippet(src.get("text") or src.get("heading") or "", src.get("language", ""), hl),
        elements=list(src.get("elements") or []),
        language=src.get("language", ""),
        score=float(score),
        year=src.get("year"),
    )


class BatchErrors:
    """Collects documents that could not be indexed, so a batch never silently drops them."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def clean(self, docs: Iterable[dict]) -> Iterator[dict]:
        """Yield normalised documents, recording (and logging) the invalid ones."""
        for doc in docs:
            try:
                yield normalize(doc)
            except (DocumentError, ValueError, TypeError) as exc:
                self.errors.append(str(exc))
                log.warning("search index: skipped a document: %s", exc)
