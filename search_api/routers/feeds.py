"""Change feeds: ``/api/feeds/changes.atom`` and ``/api/feeds/changes.json`` (global or per jurisdiction)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from search_api.deps import DbConn, SettingsDep
from search_api.errors import problem_responses
from search_api.services import changes as service
from search_api.services.common import ISO3_PARAM_PATTERN
from search_api.services.jurisdictions import require_jurisdiction

router = APIRouter(prefix="/api/feeds", tags=["feeds"], responses=problem_responses(400, 404, 422))

JurisdictionFilter = Annotated[
    str | None,
    Query(min_length=2, max_length=3, pattern=ISO3_PARAM_PATTERN, description="ISO3: one jurisdiction"),
]
Limit = Annotated[int, Query(ge=1, le=500)]


def _changes(conn, settings, jurisdiction: str | None, limit: int):
    code = require_jurisdiction(conn, jurisdiction) if jurisdiction else None
    return service.list_changes(conn, base_url=settings.public_base_url, jurisdiction=code, limit=limit)


@router.get(
    "/changes.atom",
    summary="Atom feed of changes",
    response_class=Response,
    responses={
        200: {
            "content": {"application/atom+xml": {"schema": {"type": "string"}}},
            "description": "Atom 1.0 feed",
        }
    },
)
def changes_atom(
    request: Request,
    conn: DbConn,
    settings: SettingsDep,
    jurisdiction: JurisdictionFilter = None,
    limit: Limit = 50,
) -> Response:
    """New law versions and changed verdicts, newest first, as Atom 1.0 (subscribe in any feed reader)."""
    changes = _changes(conn, settings, jurisdiction, limit)
    body = service.to_atom(changes, base_url=settings.public_base_url, self_url=str(request.url))
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.get(
    "/changes.json",
    summary="JSON Feed of changes",
    responses={200: {"content": {"application/feed+json": {"schema": {"type": "object"}}}}},
)
def changes_json_feed(
    request: Request,
    conn: DbConn,
    settings: SettingsDep,
    jurisdiction: JurisdictionFilter = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    """The same entries as JSON Feed 1.1 (each item keeps the structured entry under `_palermo`)."""
    changes = _changes(conn, settings, jurisdiction, limit)
    return service.to_json_feed(changes, base_url=settings.public_base_url, self_url=str(request.url))
