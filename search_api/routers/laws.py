"""``GET /api/laws``, ``/api/laws/{id}``, ``/api/laws/{id}/versions``, ``/api/laws/{id}/diff``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from search_api.deps import DbConn, SettingsDep
from search_api.errors import BadRequest, links, problem_responses
from search_api.routers.search import Jurisdictions
from search_api.schemas import LawDetail, LawDiff, LawList, LawVersionOut
from search_api.services import laws as service
from search_api.services.common import norm_iso3

router = APIRouter(prefix="/api/laws", tags=["laws"], responses=problem_responses(400, 404, 422))

# A version id or an ISO date: "12", "2020-01-31"
VERSION_PATTERN = r"^(\d{1,9}|\d{4}-\d{2}-\d{2})$"
LawId = Annotated[str, Path(min_length=1, max_length=300, description="Stable law id")]
VersionRef = Annotated[
    str,
    Query(
        min_length=1,
        max_length=12,
        pattern=VERSION_PATTERN,
        description="A version id (GET .../versions) or a date YYYY-MM-DD",
    ),
]


@router.get(
    "",
    response_model=LawList,
    summary="List laws",
    responses=links(
        Law=("get_law", "law_id", "$response.body#/results/0/id"),
        Versions=("law_versions", "law_id", "$response.body#/results/0/id"),
    ),
)
def list_laws(
    conn: DbConn,
    settings: SettingsDep,
    jurisdiction: Jurisdictions = None,
    q: Annotated[str, Query(max_length=200, description="Words of the title or number")] = "",
    in_force: bool | None = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 50,
) -> LawList:
    """Collected laws ordered by jurisdiction and title, with their number of current provisions.
    `in_force=true` keeps laws in force or of unknown status. `page_size` at most `page_size_max`.
    """
    if page_size > settings.page_size_max:
        raise BadRequest(f"page_size {page_size} exceeds the limit of {settings.page_size_max}")
    codes = [norm_iso3(j) for j in jurisdiction or []]
    return service.list_laws(
        conn, jurisdiction=codes, q=q.strip(), in_force=in_force, page=page, page_size=page_size
    )


@router.get("/{law_id}", response_model=LawDetail, summary="One law with its table of contents")
def get_law(law_id: LawId, conn: DbConn) -> LawDetail:
    """Metadata of a law (title, number, year, language, format, in force, official URL, version date) and
    its table of contents: the current provisions in document order with their level and elements.
    """
    return service.get_law(conn, law_id)


@router.get("/{law_id}/versions", response_model=list[LawVersionOut], summary="Stored versions of a law")
def law_versions(law_id: LawId, conn: DbConn) -> list[LawVersionOut]:
    """Every stored version of the law, oldest first (`is_current` marks the one served)."""
    return service.list_versions(conn, law_id)


@router.get("/{law_id}/diff", response_model=LawDiff, summary="Changes between two versions")
def law_diff(
    law_id: LawId,
    conn: DbConn,
    from_: Annotated[
        str,
        Query(
            alias="from",
            min_length=1,
            max_length=12,
            pattern=VERSION_PATTERN,
            description="Version id or date YYYY-MM-DD (the version in force then)",
        ),
    ],
    to: VersionRef,
) -> LawDiff:
    """Provisions added, removed and changed (with a unified diff of their text) between two stored versions.
    `from` and `to` are version ids or dates (the newest version on or before the date).
    """
    return service.diff_versions(conn, law_id, from_, to)
