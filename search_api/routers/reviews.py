"""``POST /api/reviews`` (role reviewer) and ``GET /api/reviews/queue``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from indexer.models import Review
from search_api.deps import ReviewerToken, WriteConn
from search_api.errors import ApiError, problem_responses
from search_api.schemas import ReviewIn
from search_api.services.common import assessment_api
from search_api.services.provisions import current_row

router = APIRouter(
    prefix="/api/reviews",
    tags=["reviews"],
    responses=problem_responses(400, 401, 403, 404, 413, 422, 429, 503),
)


@router.post("", response_model=Review, status_code=201, summary="Confirm, reject or add a tag")
def create_review(body: ReviewIn, who: ReviewerToken, conn: WriteConn, response: Response) -> Review:
    """Record a reviewer's decision on a tag of a provision: `confirm` or `reject` an existing tag, or `add`
    one with its evidence span (`start`/`end` offsets into the provision text). Needs a token with role
    `reviewer` (or `admin`). The review is keyed by eId and text hash, kept forever, and written to the audit
    log; verdicts recompute from reviewed tags. 404 unknown provision, 422 invalid element or span.
    """
    current_row(conn, body.provision_id)
    if body.start is not None and body.end is not None and body.end < body.start:
        raise ApiError(
            422, f"end ({body.end}) is before start ({body.start})", title="Invalid span", slug="validation"
        )
    add_review = assessment_api("add_review")
    try:
        review = add_review(
            conn,
            provision_id=body.provision_id,
            element=body.element,
            action=body.action,
            reviewer=who.name,
            evidence=body.evidence,
            start=body.start,
            end=body.end,
            note=body.note,
        )
    except (ValueError, KeyError) as exc:
        conn.rollback()
        raise ApiError(422, str(exc).strip("'\""), title="Invalid review", slug="validation") from exc
    conn.commit()
    response.headers["Location"] = f"/api/provisions/{body.provision_id}"
    return review


@router.get("/queue", summary="Tags waiting for review")
def review_queue(
    who: ReviewerToken, conn: WriteConn, limit: Annotated[int, Query(ge=1, le=500)] = 100
) -> list[dict[str, Any]]:
    """Low-confidence tags and provisions whose text changed after a review (token with role reviewer)."""
    items = assessment_api("review_queue")(conn, limit=limit)
    return [dict(i) if not hasattr(i, "model_dump") else i.model_dump(mode="json") for i in items]
