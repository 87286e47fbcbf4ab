"""Admin jobs (role admin): ``POST /api/admin/crawl``, ``POST /api/admin/reindex``, job status, audit log."""

from __future__ import annotations

import importlib
import json
import logging
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response

from indexer.settings import Settings
from search_api.auth import audit
from search_api.deps import AdminToken, SettingsDep, WriteConn
from search_api.errors import ApiError, NotFound, problem_responses
from search_api.schemas import CrawlIn, JobOut

LOG = logging.getLogger("palermo.api")
router = APIRouter(
    prefix="/api/admin", tags=["admin"], responses=problem_responses(400, 401, 403, 413, 422, 429)
)
MAX_JOBS_KEPT = 200


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _resolve(dotted: str) -> Callable[..., Any]:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


class JobRegistry:
    """Background jobs in daemon threads; one running job per kind (a second one is a 409)."""

    def __init__(self) -> None:
        self._jobs: dict[str, JobOut] = {}
        self._lock = threading.Lock()

    def get(self, job_id: str) -> JobOut | None:
        """A job by id."""
        with self._lock:
            return self._jobs.get(job_id)

    def start(self, kind: str, actor: str, target: Callable[[], Any]) -> JobOut:
        """Run ``target`` in a thread and return its job (409 when a job of this kind is running)."""
        with self._lock:
            if any(j.kind == kind and j.status in ("queued", "running") for j in self._jobs.values()):
                raise ApiError(
                    409, f"a {kind} job is already running", title="Job already running", slug="conflict"
                )
            job = JobOut(id=uuid.uuid4().hex, kind=kind, status="running", created_at=_now(), actor=actor)
            self._jobs[job.id] = job
            while len(self._jobs) > MAX_JOBS_KEPT:
                self._jobs.pop(next(iter(self._jobs)))
        threading.Thread(target=self._run, args=(job.id, target), name=f"palermo-{kind}", daemon=True).start()
        return job

    def _run(self, job_id: str, target: Callable[[], Any]) -> None:
        result, error = None, None
        try:
            value = target()
            result = value if isinstance(value, dict) else {"value": value}
        except Exception as exc:
            LOG.exception("job %s failed", job_id)
            error = f"{type(exc).__name__}: {exc}"
        with self._lock:
            job = self._jobs[job_id]
            self._jobs[job_id] = job.model_copy(
                update={
                    "status": "failed" if error else "done",
                    "finished_at": _now(),
                    "result": result,
                    "error": error,
                }
            )


def _registry(request: Request) -> JobRegistry:
    return request.app.state.jobs


def _accepted(response: Response, job: JobOut) -> JobOut:
    response.headers["Location"] = f"/api/admin/jobs/{job.id}"
    return job


def crawl_job(settings: Settings, body: CrawlIn) -> Callable[[], Any]:
    """The callable that runs a crawl (``crawler.run.run_crawl``)."""

    def run() -> Any:
        return _resolve("crawler.run.run_crawl")(
            settings, manifest_url=body.manifest_url, source_ids=body.source_ids or None, progress=False
        )

    return run


def reindex_job(settings: Settings) -> Callable[[], Any]:
    """The callable that rebuilds verdicts and the search index (``indexer.pipeline.reindex``)."""

    def run() -> Any:
        return _resolve("indexer.pipeline.reindex")(settings)

    return run


@router.post(
    "/crawl",
    response_model=JobOut,
    status_code=202,
    summary="Start a crawl",
    responses=problem_responses(409),
)
def crawl(
    request: Request,
    response: Response,
    who: AdminToken,
    conn: WriteConn,
    settings: SettingsDep,
    body: CrawlIn | None = None,
) -> JobOut:
    """Start a crawl in the background (token with role `admin`); 202 with the job, `Location` to poll it."""
    body = body or CrawlIn()
    job = _registry(request).start("crawl", who.name, crawl_job(settings, body))
    audit(conn, actor=f"{who.role}:{who.name}", action="admin.crawl", target=job.id, detail=body.model_dump())
    conn.commit()
    return _accepted(response, job)


@router.post(
    "/reindex",
    response_model=JobOut,
    status_code=202,
    summary="Rebuild index and verdicts",
    responses=problem_responses(409),
)
def reindex(
    request: Request, response: Response, who: AdminToken, conn: WriteConn, settings: SettingsDep
) -> JobOut:
    """Re-parse, re-tag, re-assess and rebuild the search index in the background (role `admin`); 202."""
    job = _registry(request).start("reindex", who.name, reindex_job(settings))
    audit(conn, actor=f"{who.role}:{who.name}", action="admin.reindex", target=job.id)
    conn.commit()
    return _accepted(response, job)


@router.get(
    "/jobs/{job_id}", response_model=JobOut, summary="Status of a job", responses=problem_responses(404)
)
def job_status(
    request: Request, who: AdminToken, job_id: Annotated[str, Path(min_length=1, max_length=64)]
) -> JobOut:
    """A background job: status `running`, `done` (with its result) or `failed` (with the error)."""
    job = _registry(request).get(job_id)
    if job is None:
        raise NotFound("Job", job_id)
    return job


@router.get("/audit", summary="Audit log")
def audit_log(
    who: AdminToken, conn: WriteConn, limit: Annotated[int, Query(ge=1, le=1000)] = 100
) -> list[dict[str, Any]]:
    """The newest audit-log entries (every write: reviews, crawls, reindexes, tokens)."""
    rows = conn.execute(
        "SELECT id, at, actor, action, target, detail_json FROM audit_log ORDER BY id DESC LIMIT ?", (limit,)
    )
    return [
        {
            **{k: r[k] for k in ("id", "at", "actor", "action", "target")},
            "detail": json.loads(r["detail_json"] or "{}"),
        }
        for r in rows
    ]
