"""``GET /api/compare`` (requirements x jurisdictions matrix) and ``GET /api/gaps``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import StringConstraints

from search_api.deps import DbConn, SettingsDep
from search_api.errors import BadRequest, problem_responses
from search_api.schemas import Open
from search_api.services import jurisdictions as service
from search_api.services.common import ELEMENT_RE, ISO3_PARAM_PATTERN, REQUIREMENT_RE

router = APIRouter(prefix="/api", tags=["assessment"], responses=problem_responses(400, 404, 422, 503))

Obligation = Literal["mandatory", "consider", "practice"]
CompareCodes = Annotated[
    list[Annotated[str, StringConstraints(pattern=ISO3_PARAM_PATTERN)]],
    Query(
        min_length=1,
        max_length=100,
        description="Jurisdiction codes, 2 to Settings.compare_max (20): ?j=GBR&j=FRA",
    ),
]
RequirementQ = Annotated[
    str | None, Query(max_length=3, pattern=REQUIREMENT_RE.pattern, description="R1-R22")
]
ElementQ = Annotated[
    str | None,
    Query(max_length=100, pattern=ELEMENT_RE.pattern, description="An element id (GET /api/elements)"),
]
RegionQ = Annotated[str | None, Query(max_length=100, description="UN M49 region name, e.g. Europe")]


class ComparisonOut(Open):
    """Rows per requirement with one cell per jurisdiction; `differs` marks rows whose cells differ."""

    jurisdictions: list[dict[str, Any]]
    rows: list[dict[str, Any]]


class GapRowOut(Open):
    """A jurisdiction where the requirement is partial or not found."""

    iso3: str
    requirement: str
    verdict: str
    missing: list[str] = []


def check_gap_params(requirement: str | None, element: str | None) -> None:
    """400 unless a well-formed requirement or element id is given."""
    if requirement is not None and not REQUIREMENT_RE.match(requirement):
        raise BadRequest(f"{requirement!r} is not a requirement id (R1-R22)", title="Invalid requirement")
    if element is not None and not ELEMENT_RE.match(element):
        raise BadRequest(f"{element!r} is not an element id (e.g. prot.housing)", title="Invalid element")


@router.get("/compare", response_model=ComparisonOut, summary="Compare jurisdictions")
def compare(
    conn: DbConn,
    settings: SettingsDep,
    j: CompareCodes,
) -> dict[str, Any]:
    """A matrix of requirements x jurisdictions with the verdict of each cell (found and missing parts, the
    provisions behind it, a link to its evidence) and `differs` on rows whose verdicts differ.
    """
    return service.compare(conn, j, settings.compare_max)


@router.get("/gaps", response_model=list[GapRowOut], summary="Gaps for a requirement or element")
def gaps(
    conn: DbConn,
    requirement: RequirementQ = None,
    element: ElementQ = None,
    region: RegionQ = None,
    obligation: Obligation | None = None,
) -> list[dict[str, Any]]:
    """Jurisdictions where a requirement (or element) is `partial` or `not_found`, with what is missing,
    filterable by UN M49 region and obligation level. One of `requirement` or `element` is required.
    """
    check_gap_params(requirement, element)
    return service.gaps(conn, requirement=requirement, element=element, region=region, obligation=obligation)
