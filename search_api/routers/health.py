"""Liveness (``/healthz``) and readiness (``/readyz``)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from search_api.deps import Backend, DbConn
from search_api.errors import problem_responses
from search_api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="Process is up")
def healthz() -> Health:
    """Always 200 while the process serves requests (no dependency is checked)."""
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Health,
    summary="Backend reachable and index present",
    responses=problem_responses(503),
)
def readyz(backend: Backend, conn: DbConn) -> Health | JSONResponse:
    """200 when the database answers and the search backend is healthy with a non-empty index; else 503."""
    detail: dict = {}
    ok = True
    try:
        conn.execute("SELECT 1 FROM laws LIMIT 1").fetchall()
        detail["database"] = "ok"
    except Exception as exc:
        ok, detail["database"] = False, f"error: {type(exc).__name__}"
    health = backend.health()
    detail["backend"] = health
    ok = ok and bool(health.get("ok"))
    if ok:
        try:
            documents = backend.count()
        except Exception as exc:
            documents, detail["index"] = 0, f"error: {type(exc).__name__}: {exc}"
        detail["documents"] = documents
        if documents <= 0:
            ok = False
            detail.setdefault("index", "the search index is empty or missing: run `palermo index`")
    if ok:
        return Health(status="ready", detail=detail)
    body = {
        "type": "https://palermo-kb.github.io/problems/unavailable",
        "title": "Not ready",
        "status": 503,
        "detail": "; ".join(f"{k}: {v}" for k, v in detail.items() if k != "documents"),
        "instance": "/readyz",
    }
    return JSONResponse(
        body, status_code=503, media_type="application/problem+json", headers={"Retry-After": "10"}
    )
