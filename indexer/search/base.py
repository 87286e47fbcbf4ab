"""The search backend contract shared by the API, the web UI and the indexer.

Two implementations live next to this module: the embedded default
(:mod:`indexer.search.embedded`, tantivy files under ``<data_dir>/index``) and
Elasticsearch (:mod:`indexer.search.elastic`). SQLite stays the system of
record; every search index is derived from it and can be rebuilt at any time.

Index documents (one per *current* provision) are plain dicts::

    {"id": "<law_id>--<eid>", "law_id", "law_title", "jurisdiction" (ISO3),
     "region", "language" (ISO 639-1), "eid", "num", "ref", "heading", "text",
     "elements": [...], "requirements": [...], "year": int | None,
     "version_date": "YYYY-MM-DD" | None, "in_force": bool | None, "ord": int}
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from indexer.models import SearchHit, SearchResult

FACET_FIELDS: tuple[str, ...] = (
    "jurisdiction", "region", "language", "element", "requirement", "law", "year", "in_force",
)
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000


class QueryError(ValueError):
    """A bad user query (syntax, size, parameters): the API answers 400 with ``str(err)``."""


class BackendUnavailable(RuntimeError):
    """The search backend cannot serve (cluster unreachable, index missing): ``/readyz`` answers 503."""


class IndexingError(RuntimeError):
    """Documents still failing after the retries of a bulk write (never dropped silently).

    ``failed`` lists ``(document id, reason)`` pairs; ``indexed`` counts the documents written.
    """

    def __init__(self, message: str, failed: list[tuple[str, str]], indexed: int = 0) -> None:
        super().__init__(message)
        self.failed = failed
        self.indexed = indexed


class SearchQuery(BaseModel):
    """One search request in user terms (the API builds it from query parameters)."""

    q: str = ""  # user syntax: words, "phrases", AND/OR/NOT, -word, prefix*
    jurisdiction: list[str] = Field(default_factory=list)
    region: list[str] = Field(default_factory=list)
    language: list[str] = Field(default_factory=list)
    element: list[str] = Field(default_factory=list)
    requirement: list[str] = Field(default_factory=list)
    law: list[str] = Field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    in_force: bool | None = None
    sort: Literal["relevance", "date", "jurisdiction"] = "relevance"
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)
    cursor: str | None = None  # opaque keyset token from SearchResult.next_cursor; wins over page

    @field_validator("jurisdiction", "region", "language", "element", "requirement", "law", mode="before")
    @classmethod
    def _listify(cls, value: object) -> object:
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        return value

    def filters(self) -> dict[str, list[str]]:
        """The non-empty keyword filters, by facet name."""
        out = {}
        for name in ("jurisdiction", "region", "language", "element", "requirement", "law"):
            values = [v for v in getattr(self, name) if v]
            if values:
                out[name] = values
        return out


class SearchBackend(ABC):
    """A full-text index of current provisions with filters, facets, snippets and keyset paging."""

    name: str = "abstract"

    @abstractmethod
    def rebuild(self, docs: Iterable[dict]) -> int:
        """Build a fresh index from ``docs`` and swap it in atomically; return the number indexed."""

    @abstractmethod
    def upsert(self, docs: Iterable[dict]) -> int:
        """Add or replace documents by ``id``; return the number written."""

    @abstractmethod
    def delete(self, ids: Iterable[str]) -> int:
        """Remove documents by id; return the number of ids processed."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResult:
        """Run a query; raise :class:`QueryError` for a bad query, never a server error.

        ``facets`` holds counts for each of :data:`FACET_FIELDS` (``in_force`` as
        ``{"true": n, "false": n}``), computed over the query with every filter applied.
        """

    @abstractmethod
    def similar(
        self, provision_id: str, *, size: int = 10, other_jurisdictions: bool = True
    ) -> list[SearchHit]:
        """Provisions whose text resembles ``provision_id`` (by default in other jurisdictions only)."""

    @abstractmethod
    def count(self) -> int:
        """Number of documents in the live index."""

    @abstractmethod
    def index_version(self) -> str:
        """An opaque token that changes whenever the index content changes (used for ETags)."""

    @abstractmethod
    def health(self) -> dict:
        """``{"ok": bool, "backend": name, "detail": ...}``; never raises."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release files, connections and caches."""
