"""``GET /api/elements`` and ``GET /api/requirements``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from search_api.errors import problem_responses
from search_api.schemas import ElementOut, RequirementOut
from search_api.services import taxonomy as service
from search_api.services.common import LANGUAGE_PATTERN

router = APIRouter(prefix="/api", tags=["taxonomy"], responses=problem_responses(422, 503))


@router.get("/elements", response_model=list[ElementOut], summary="The element taxonomy")
def elements(
    group: Annotated[str | None, Query(max_length=40, description="e.g. prot, means")] = None,
    lang: Annotated[str, Query(pattern=LANGUAGE_PATTERN, description="Label language")] = "en",
) -> list[ElementOut]:
    """The 72 elements (id, group, obligation, Protocol reference, labels) with the tagger's measured
    precision/recall/F1 on the hand-labelled dev set when available.
    """
    return service.list_elements(group=group, language=lang)


@router.get("/requirements", response_model=list[RequirementOut], summary="Requirements R1-R22")
def requirements() -> list[dict[str, Any]]:
    """The Protocol's requirements with their parts (element ids), obligation level, group and rule."""
    return service.list_requirements()
