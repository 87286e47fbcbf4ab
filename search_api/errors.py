"""RFC 9457 ``application/problem+json`` errors for every failure the API can report.

Every error leaves the API as ``{"type", "title", "status", "detail", "instance"}``
(plus ``errors`` for validation failures). User input never produces a 500:
bad parameters are 400/404/422, a bad search query is 400 (``QueryError``), an
unreachable backend is 503 (``BackendUnavailable``). An unexpected exception is
logged and answered with a generic 500 problem that leaks no internals.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from indexer.search import BackendUnavailable, QueryError

LOG = logging.getLogger("palermo.api")
PROBLEM_TYPE = "application/problem+json"
TYPE_BASE = "https://palermo-kb.github.io/problems/"


class Problem(BaseModel):
    """The body of every error response (RFC 9457)."""

    type: str = Field("about:blank", description="URI naming the problem class")
    title: str = Field(..., description="Short human summary of the problem class")
    status: int = Field(..., description="HTTP status code")
    detail: str = Field("", description="What was wrong with this request")
    instance: str = Field("", description="The request path")
    errors: list[dict[str, Any]] | None = Field(None, description="Per-parameter validation errors (422)")


class ApiError(Exception):
    """An error raised by services and routers; rendered as problem+json."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        title: str | None = None,
        slug: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.title = title or HTTPStatus(status).phrase
        self.slug = slug or self.title.lower().replace(" ", "-")
        self.headers = headers or {}


class NotFound(ApiError):
    """A resource (law, provision, jurisdiction...) does not exist."""

    def __init__(self, what: str, ident: str) -> None:
        super().__init__(404, f"{what} {ident!r} does not exist", title=f"{what} not found", slug="not-found")


class BadRequest(ApiError):
    """A parameter is syntactically valid but makes no sense (limits, unknown ids, bad ranges)."""

    def __init__(self, detail: str, *, title: str = "Bad request") -> None:
        super().__init__(400, detail, title=title, slug="bad-request")


def problem_response(
    request: Request | None,
    status: int,
    title: str,
    detail: str = "",
    *,
    slug: str = "",
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """Build a problem+json response (an HTML error page for browsers on the UI's paths)."""
    if request is not None and wants_html(request):
        page = _html_error_page(request, status, title, detail)
        if page is not None:
            if headers:
                page.headers.update(headers)
            return page
    body: dict[str, Any] = {
        "type": TYPE_BASE + slug if slug else "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path if request is not None else "",
    }
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM_TYPE, headers=headers)


API_PREFIXES = ("/api/", "/healthz", "/readyz", "/openapi.json", "/docs", "/static/")


def wants_html(request: Request) -> bool:
    """True for a browser asking a UI path: those get an HTML page, the API keeps problem+json."""
    path = request.url.path
    if path == "/api" or path.startswith(API_PREFIXES):
        return False
    return "text/html" in request.headers.get("accept", "")


def _html_error_page(request: Request, status: int, title: str, detail: str) -> Any:
    try:
        from web.pages.common import error_page
    except ImportError:  # the API keeps working without the web UI
        return None
    return error_page(request, status, title, detail)


def _clean_validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        loc = [str(part) for part in err.get("loc", ())]
        out.append({"loc": loc, "msg": str(err.get("msg", "")), "type": str(err.get("type", ""))})
    return out


async def _on_api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return problem_response(request, exc.status, exc.title, exc.detail, slug=exc.slug, headers=exc.headers)


async def _on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    detail = exc.detail if isinstance(exc.detail, str) else phrase
    if status == 404 and detail == phrase:
        detail = f"no resource at {request.url.path}"
    if status == 405:
        detail = f"method {request.method} is not allowed on {request.url.path}"
    return problem_response(
        request,
        status,
        phrase,
        detail,
        slug=phrase.lower().replace(" ", "-"),
        headers=getattr(exc, "headers", None),
    )


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _clean_validation_errors(exc)
    parts = [f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors[:5]]
    return problem_response(
        request, 422, "Invalid request parameters", "; ".join(parts), slug="validation", errors=errors
    )


async def _on_query_error(request: Request, exc: Exception) -> JSONResponse:
    return problem_response(request, 400, "Invalid search query", str(exc), slug="query")


async def _on_unavailable(request: Request, exc: Exception) -> JSONResponse:
    LOG.warning("search backend unavailable: %s", exc)
    return problem_response(
        request,
        503,
        "Search backend unavailable",
        str(exc),
        slug="unavailable",
        headers={"Retry-After": "30"},
    )


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    LOG.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(
        request,
        500,
        "Internal server error",
        "an unexpected error occurred; it has been logged",
        slug="internal",
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register the problem+json handlers on ``app``."""
    app.add_exception_handler(ApiError, _on_api_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(QueryError, _on_query_error)
    app.add_exception_handler(BackendUnavailable, _on_unavailable)
    app.add_exception_handler(Exception, _on_unexpected)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries documenting problem+json errors for ``statuses``."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        out[status] = {
            "model": Problem,
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
    return out


def links(**targets: tuple[str, str, str]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``links`` on the 200 response: ``Name=(operation_id, parameter, runtime expression)``."""
    return {
        200: {
            "description": "Successful Response",
            "links": {
                name: {"operationId": op, "parameters": {param: expr}}
                for name, (op, param, expr) in targets.items()
            },
        }
    }
