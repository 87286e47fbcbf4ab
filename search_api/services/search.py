"""Search: build a :class:`SearchQuery` within the configured limits and run it on the backend."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import ValidationError

from indexer.models import SearchHit, SearchResult
from indexer.search import SearchBackend, SearchQuery
from indexer.settings import Settings
from search_api.errors import BadRequest

EXPORT_PAGE_SIZE = 100


def build_query(settings: Settings, **params: object) -> SearchQuery:
    """A validated :class:`SearchQuery` from request parameters; 400 when a limit is exceeded."""
    q = str(params.get("q") or "")
    if len(q) > settings.query_max_length:
        raise BadRequest(
            f"the query is {len(q)} characters long; the limit is {settings.query_max_length}",
            title="Query too long",
        )
    page_size = params.get("page_size")
    if isinstance(page_size, int) and page_size > settings.page_size_max:
        raise BadRequest(
            f"page_size {page_size} exceeds the limit of {settings.page_size_max}", title="Page too large"
        )
    year_from, year_to = params.get("year_from"), params.get("year_to")
    if isinstance(year_from, int) and isinstance(year_to, int) and year_from > year_to:
        raise BadRequest(f"year_from ({year_from}) is after year_to ({year_to})", title="Invalid year range")
    clean = {k: v for k, v in params.items() if v is not None}
    try:
        return SearchQuery(**clean)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first.get("loc", ()))
        raise BadRequest(f"{loc}: {first.get('msg')}", title="Invalid search parameters") from exc


def run_search(backend: SearchBackend, query: SearchQuery) -> SearchResult:
    """Run ``query`` (``QueryError`` -> 400, ``BackendUnavailable`` -> 503 via the error handlers)."""
    return backend.search(query)


def iter_all_hits(backend: SearchBackend, query: SearchQuery, max_rows: int) -> Iterator[SearchHit]:
    """Every hit of ``query`` (at most ``max_rows``), fetched page by page with the keyset cursor."""
    page = query.model_copy(update={"page": 1, "page_size": EXPORT_PAGE_SIZE, "cursor": None})
    produced = 0
    seen_cursors: set[str] = set()
    while produced < max_rows:
        result = backend.search(page)
        for hit in result.results:
            yield hit
            produced += 1
            if produced >= max_rows:
                return
        cursor = result.next_cursor
        if not cursor or not result.results or cursor in seen_cursors:
            return
        seen_cursors.add(cursor)
        page = page.model_copy(update={"cursor": cursor})


SEARCH_EXPORT_COLUMNS = (
    "id",
    "jurisdiction",
    "law_id",
    "law",
    "ref",
    "year",
    "language",
    "elements",
    "score",
    "snippet",
)
