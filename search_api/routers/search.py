"""``GET /api/search``: full-text search with filters, facets, snippets and cursor pagination."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from indexer.models import SearchResult
from indexer.search.base import MAX_PAGE, MAX_PAGE_SIZE, SearchQuery
from search_api.deps import Backend, SettingsDep
from search_api.errors import links, problem_responses
from search_api.responses import model_response
from search_api.services.search import build_query, run_search

router = APIRouter(prefix="/api", tags=["search"], responses=problem_responses(400, 422, 503))

QText = Annotated[
    str,
    Query(
        max_length=10_000,
        description=(
            'Query: words, "exact phrases", AND / OR / NOT, -excluded, prefix*. '
            "Limited to Settings.query_max_length characters (default 1000; 400 beyond)."
        ),
    ),
]


def search_params(
    settings: SettingsDep,
    q: QText = "",
    jurisdiction: Annotated[list[str] | None, Query(max_length=50, description="ISO3 codes (repeat)")] = None,
    region: Annotated[list[str] | None, Query(max_length=50, description="UN M49 region names")] = None,
    language: Annotated[list[str] | None, Query(max_length=50, description="ISO 639-1 codes")] = None,
    element: Annotated[
        list[str] | None, Query(max_length=50, description="Element ids (GET /api/elements)")
    ] = None,
    requirement: Annotated[
        list[str] | None, Query(max_length=50, description="Requirement ids R1-R22")
    ] = None,
    law: Annotated[list[str] | None, Query(max_length=50, description="Law ids")] = None,
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
            description=("Opaque keyset cursor from next_cursor; wins over page (fast on deep pages)"),
        ),
    ] = None,
) -> SearchQuery:
    """Shared query parameters of the search and search-export endpoints."""
    return build_query(
        settings,
        q=q,
        jurisdiction=jurisdiction,
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
