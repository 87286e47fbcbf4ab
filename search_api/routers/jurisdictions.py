"""``GET /api/jurisdictions``, ``/{iso3}``, ``/{iso3}/assessment``, ``/{iso3}/changes``."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from fastapi.concurrency import run_in_threadpool

from search_api.deps import DbConn, SettingsDep
from search_api.errors import links, problem_responses
from search_api.schemas import AssessmentOut, ChangeList, JurisdictionDetail, JurisdictionSummary
from search_api.services import changes as changes_service
from search_api.services import jurisdictions as service
from search_api.services.common import ISO3_PARAM_PATTERN

router = APIRouter(
    prefix="/api/jurisdictions", tags=["jurisdictions"], responses=problem_responses(400, 404, 422, 503)
)

Iso3 = Annotated[
    str,
    Path(
        min_length=2,
        max_length=3,
        pattern=ISO3_PARAM_PATTERN,
        description="ISO 3166-1 alpha-3 code (or EU, UN...)",
    ),
]


@router.get(
    "",
    response_model=list[JurisdictionSummary],
    summary="Collected jurisdictions",
    responses=links(
        Jurisdiction=("get_jurisdiction", "iso3", "$response.body#/0/iso3"),
        Assessment=("jurisdiction_assessment", "iso3", "$response.body#/0/iso3"),
    ),
)
def list_jurisdictions(
    conn: DbConn,
    region: Annotated[str | None, Query(max_length=100, description="UN M49 region")] = None,
    scores: Annotated[bool, Query(description="Include assessment scores")] = True,
) -> list[JurisdictionSummary]:
    """Every jurisdiction with at least one collected law: counts of laws, provisions and tagged provisions,
    the newest version date and, unless `scores=false`, the assessment scores (met out of total per
    obligation level and group) and criminalisation status.
    """
    return service.list_jurisdictions(conn, region=region, with_scores=scores)


@router.get("/{iso3}", response_model=JurisdictionDetail, summary="One jurisdiction")
def get_jurisdiction(iso3: Iso3, conn: DbConn) -> JurisdictionDetail:
    """Counts, scores, criminalisation status, the collected laws and the number of provisions per element."""
    return service.get_jurisdiction(conn, iso3)


@router.get("/{iso3}/assessment", response_model=AssessmentOut, summary="Verdicts on R1-R22")
async def jurisdiction_assessment(
    iso3: Iso3,
    conn: DbConn,
    as_of: Annotated[date | None, Query(description="Verdicts as they stood on this date")] = None,
) -> Response:
    """The jurisdiction's verdict (`met`, `partial`, `not_found`, `broader`) on each requirement, with the
    parts found (each with its provisions: law, number, eId, official link, evidence quote, cross-reference
    chain), the missing parts, the obligation level, review status and the newest text date; plus scores,
    criminalisation status and the number of laws collected. `as_of` recomputes from the law versions held
    on that date.
    """
    body = service.cached_assessment_json(conn, iso3, as_of)  # fast path on the event loop
    if body is None:  # computing verdicts takes long: off the event loop
        body = await run_in_threadpool(service.assessment_json, conn, iso3, as_of)
    return Response(body, media_type="application/json")


@router.get("/{iso3}/changes", response_model=ChangeList, summary="Changes in one jurisdiction")
def jurisdiction_changes(
    iso3: Iso3, conn: DbConn, settings: SettingsDep, limit: Annotated[int, Query(ge=1, le=500)] = 50
) -> ChangeList:
    """New law versions and verdict changes of the jurisdiction, newest first (also as Atom:
    `/api/feeds/changes.atom?jurisdiction=ISO3`).
    """
    code = service.require_jurisdiction(conn, iso3)
    return changes_service.list_changes(
        conn, base_url=settings.public_base_url, jurisdiction=code, limit=limit
    )
