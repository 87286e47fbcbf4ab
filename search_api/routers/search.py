"""``GET /api/search``: full-text search with filters, facets, snippets and cursor pagination."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response
from pydantic import StringConstraints

from indexer.models import SearchResult
from indexer.search.base import MAX_PAGE, MAX_PAGE_SIZE, SearchQuery
from search_api.deps import Backend, SettingsDep
from search_api.errors import links, problem_responses
from search_api.responses import model_response
from search_api.services.common import (
    CURSOR_PATTERN,
    ELEMENT_RE,
    ISO3_PARAM_PATTERN,
    LANGUAGE_PATTERN,
    LAW_ID_PATTERN,
    REGION_PATTERN,
    REQUIREMENT_RE,
)
from search_api.services.search import build_query, run_search

# The schema bound of q (the configured Settings.query_max_length applies below it)
MAX_QUERY_CHARS = 2000
router = APIRouter(prefix="/api", tags=["search"], responses=problem_responses(400, 422, 503))

QText = Annotated[
    str,
    Query(
        max_length=MAX_QUERY_CHARS,
        description=(
            'Query: words, "exact phrases", AND / OR / NOT, -excluded, prefix*. '
            "Limited to Settings.query_max_length characters (default 1000; 400 beyond)."
        ),
    ),
]


def _codes(pattern: str, max_items: int, description: str) -> object:
    """A repeatable filter whose values match ``pattern`` (bounded so every URL stays under 64 KB)."""
    return Annotated[
        list[Annotated[str, StringConstraints(pattern=pattern)]] | None,
        Query(max_length=max_items, description=description),
    ]


Jurisdictions = _codes(ISO3_PARAM_PATTERN, 50, "ISO3 codes (repeat the parameter)")
Regions = _codes(REGION_PATTERN, 20, "UN M49 region names")
Languages = _codes(LANGUAGE_PATTERN, 20, "ISO 639-1 codes")
Elements = _codes(ELEMENT_RE.pattern, 72, "Element ids (GET /api/elements)")
Requirements = _codes(REQUIREMENT_RE.pattern, 22, "Requirement ids R1-R22")
Laws = _codes(LAW_ID_PATTERN, 20, "Law ids")


def search_params(
    settings: SettingsDep,
    q: QText = "",
    jurisdiction: Jurisdictions = None,
    region: Regions = None,
    language: Languages = None,
    element: Elements = None,
    requirement: Requirements = None,
    law: Laws = None,
    year_from: Annotated[int | None, Query(ge=0, le=9999)] = None,
    year_to: Annotated[int | None, Query(ge=0, le=9999)] = None,
    in_force: bool | None = None,
    sort: Literal["relevance", "date", "jurisdiction"] = "relevance",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    page_size: Annotated[
        int,
        Query(
            ge=1,
            le=MAX_PAGE_SIZE,
            description=("Results per page (at most Settings.page_size_max, default 100)"),
        ),
    ] = 20,
    cursor: Annotated[
        str | None,
        Query(
            max_length=2000,
            pattern=CURSOR_PATTERN,
            description=("Opaque keyset cursor from next_cursor; wins over page (fast on deep pages)"),
        ),
    ] = None,
) -> SearchQuery:
    """Shared query parameters of the search and search-export endpoints."""
    return build_query(
        settings,
        q=q,
        jurisdiction=[j.upper() for j in jurisdiction or []],
        region=region,
        language=language,
        element=element,
        requirement=requirement,
        law=law,
        year_from=year_from,
        year_to=year_to,
        in_force=in_force,
        sort=sort,
        page=page,
        page_size=page_size,
        cursor=cursor,
    )


SearchParams = Annotated[SearchQuery, Depends(search_params)]


@router.get(
    "/search",
    response_model=SearchResult,
    summary="Search provisions",
    responses=links(
        Provision=("get_provision", "provision_id", "$response.body#/results/0/id"),
        Law=("get_law", "law_id", "$response.body#/results/0/law_id"),
    ),
)
def search(backend: Backend, query: SearchParams) -> Response:
    """Current provisions matching a query, best first, with `<mark>`-highlighted snippets (statute text
    HTML-escaped), element tags, facet counts per filter (`jurisdiction`, `region`, `language`, `element`,
    `requirement`, `law`, `year`, `in_force`) and `next_cursor` for keyset pagination.

    Query syntax: words, "exact phrases", AND / OR / NOT, -excluded, prefix*. A malformed query is a 400
    problem. Limits: `q` at most `query_max_length` characters (1000), `page_size` at most `page_size_max`
    (100), `page` at most 10000 (use `cursor` for deep paging).
    """
    return model_response(run_search(backend, query))
