"""Streamed exports: ``/api/export/search|gaps|compare|jurisdictions/{iso3}/assessment`` and the dataset."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from search_api.deps import Backend, DbConn, SettingsDep
from search_api.errors import BadRequest, problem_responses
from search_api.routers.compare import (
    CompareCodes,
    ElementQ,
    Obligation,
    RegionQ,
    RequirementQ,
    check_gap_params,
)
from search_api.routers.jurisdictions import Iso3
from search_api.routers.search import SearchParams
from search_api.services import exports as service
from search_api.services import jurisdictions as jservice
from search_api.services.search import SEARCH_EXPORT_COLUMNS, iter_all_hits

router = APIRouter(prefix="/api/export", tags=["exports"], responses=problem_responses(400, 404, 422, 503))

Format = Annotated[Literal["csv", "json"], Query(description="csv (RFC 4180, header row) or json (array)")]


def _doc(columns: tuple[str, ...] | str) -> dict[int | str, dict[str, Any]]:
    cols = columns if isinstance(columns, str) else ", ".join(columns)
    return {
        200: {
            "description": f"Streamed rows; stable column order: {cols}",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
            },
        }
    }


def _stream(fmt: str, columns, rows, filename: str) -> StreamingResponse:
    columns = list(columns)
    if fmt == "csv":
        body, media = service.stream_csv(columns, rows), "text/csv; charset=utf-8"
    else:
        body, media = service.stream_json(columns, rows), "application/json"
    return StreamingResponse(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{filename}.{fmt}"'}
    )


@router.get(
    "/search",
    summary="Export search results",
    response_class=StreamingResponse,
    responses=_doc(SEARCH_EXPORT_COLUMNS),
)
def export_search(
    backend: Backend, settings: SettingsDep, query: SearchParams, format: Format = "csv"
) -> StreamingResponse:
    """Every hit of a search (same parameters as `GET /api/search`; `page`/`cursor` ignored), streamed.
    Columns: id, jurisdiction, law_id, law, ref, year, language, elements (`;`-separated), score, snippet.
    At most `export_max_rows` (100000) rows: a query with more matches is a 400; narrow it with filters.
    """
    first = backend.search(query.model_copy(update={"page": 1, "page_size": 1, "cursor": None}))
    if first.total > settings.export_max_rows:
        raise BadRequest(
            f"the query matches {first.total} provisions; exports are limited to "
            f"{settings.export_max_rows} rows: add filters",
            title="Export too large",
        )
    rows = (hit.model_dump() for hit in iter_all_hits(backend, query, settings.export_max_rows))
    return _stream(format, SEARCH_EXPORT_COLUMNS, rows, "palermo-search")


@router.get(
    "/jurisdictions/{iso3}/assessment",
    summary="Export an assessment",
    response_class=StreamingResponse,
    responses=_doc(service.ASSESSMENT_COLUMNS),
)
def export_assessment(
    iso3: Iso3, conn: DbConn, format: Format = "csv", as_of: Annotated[date | None, Query()] = None
) -> StreamingResponse:
    """One row per requirement x part x provision (status `found`, `beyond_minimum` or `missing`).
    Columns: jurisdiction, requirement, label, group, obligation, verdict, part, status, provision_id,
    law_title, num, source_url, evidence, reviewed, needs_rereview, newest_text_date.
    """
    data = jservice.assessment(conn, iso3, as_of)
    return _stream(
        format,
        service.ASSESSMENT_COLUMNS,
        service.assessment_rows(data),
        f"palermo-assessment-{data.get('jurisdiction', iso3)}",
    )


@router.get(
    "/compare",
    summary="Export a comparison matrix",
    response_class=StreamingResponse,
    responses=_doc(
        "requirement, label, group, obligation, differs, then one column per jurisdiction in the order given"
    ),
)
def export_compare(
    conn: DbConn,
    settings: SettingsDep,
    j: CompareCodes,
    format: Format = "csv",
) -> StreamingResponse:
    """The requirements x jurisdictions matrix: one row per requirement, one verdict column per jurisdiction
    (in the order of the `j` parameters), after requirement, label, group, obligation and differs.
    """
    data = jservice.compare(conn, j, settings.compare_max)
    return _stream(format, service.compare_columns(data), service.compare_rows(data), "palermo-compare")


@router.get(
    "/gaps",
    summary="Export a gap list",
    response_class=StreamingResponse,
    responses=_doc(service.GAP_COLUMNS),
)
def export_gaps(
    conn: DbConn,
    format: Format = "csv",
    requirement: RequirementQ = None,
    element: ElementQ = None,
    region: RegionQ = None,
    obligation: Obligation | None = None,
) -> StreamingResponse:
    """The gap list of `GET /api/gaps`. Columns: iso3, name, region, requirement, label, obligation,
    element, verdict, missing (`;`-separated element ids), laws_collected, criminalisation_status.
    """
    check_gap_params(requirement, element)
    rows = jservice.gaps(conn, requirement=requirement, element=element, region=region, obligation=obligation)
    return _stream(format, service.GAP_COLUMNS, rows, f"palermo-gaps-{requirement or element}")


@router.get(
    "/dataset",
    summary="Full dataset dump (JSON Lines)",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "JSON Lines",
            "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
        }
    },
)
def export_dataset(settings: SettingsDep) -> StreamingResponse:
    """Every law and its current provisions with their stored tags, one JSON object per line:
    first `{"type": "meta"}`, then for each law (ordered by jurisdiction and id) a `{"type": "law", ...}` line
    followed by its `{"type": "provision", ...}` lines in document order. Streamed; not limited.
    """
    return StreamingResponse(
        service.dataset_lines(settings.db_path),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": 'attachment; filename="palermo-dataset.jsonl"'},
    )
