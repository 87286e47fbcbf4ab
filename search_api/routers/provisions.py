"""``GET /api/provisions/{id}`` and ``GET /api/provisions/{id}/similar``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from indexer.models import SearchHit
from search_api.deps import Backend, DbConn
from search_api.errors import problem_responses
from search_api.responses import model_response
from search_api.schemas import ProvisionDetail
from search_api.services import provisions as service

router = APIRouter(prefix="/api/provisions", tags=["provisions"], responses=problem_responses(404, 422))

ProvisionId = Annotated[str, Path(min_length=1, max_length=500, description="Public id <law_id>--<eid>")]


@router.get("/{provision_id}", response_model=ProvisionDetail, summary="One provision")
async def get_provision(provision_id: ProvisionId, conn: DbConn) -> Response:
    """The current text of a provision with its hierarchy (enclosing levels, children, previous/next),
    its tags (element, evidence quote, character offsets into `text`, confidence, rule ids, source) after
    reviews, its reviews (flagged `needs_rereview` when the text changed since), its cross-references
    (resolved to public ids when the target is collected), the official link and a citation string.
    """
    # a handful of indexed SQLite lookups (~0.3 ms): cheaper on the event loop than a thread hop
    return model_response(service.get_provision(conn, provision_id))


@router.get(
    "/{provision_id}/similar",
    response_model=list[SearchHit],
    summary="Similar provisions",
    responses=problem_responses(503),
)
def similar_provisions(
    provision_id: ProvisionId,
    conn: DbConn,
    backend: Backend,
    size: Annotated[int, Query(ge=1, le=50)] = 10,
    other_jurisdictions: bool = True,
) -> list[SearchHit]:
    """Provisions whose text resembles this one, by default in other jurisdictions only (e.g. every
    country's non-punishment clause). At most 50.
    """
    return service.similar(backend, conn, provision_id, size=size, other_jurisdictions=other_jurisdictions)
