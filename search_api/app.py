"""The FastAPI application: API routers, the web UI router, static files and middlewares.

Run with ``uvicorn --factory search_api.app:create_app`` (``palermo serve``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware

from indexer.db import connect
from indexer.search import get_backend
from indexer.settings import PLACEHOLDER_SECRETS, Settings, get_settings
from search_api.deps import ReadPool
from search_api.errors import install_error_handlers
from search_api.middleware import (
    CachingMiddleware,
    ContentLengthLimitMiddleware,
    SecurityHeadersMiddleware,
    WriteRateLimitMiddleware,
)
from search_api.routers import (
    admin,
    compare,
    exports,
    feeds,
    health,
    jurisdictions,
    laws,
    provisions,
    reviews,
    search,
    taxonomy,
)

LOG = logging.getLogger("palermo.api")
API_VERSION = "1.0.0"
MAX_BODY_BYTES = 1_000_000
VERSION_TTL = 1.0
STATIC_DIR = Path(__file__).resolve().parents[1] / "web" / "static"

DESCRIPTION = """
Open knowledge base of national anti-trafficking laws measured against the UN Trafficking in
Persons Protocol (2000): statutes as provisions with their Protocol elements (and the evidence for
every tag), per-jurisdiction verdicts on requirements R1-R22, comparisons, gaps and a change feed.

**Errors** are `application/problem+json` (RFC 9457) with `title` and `detail`: 400 bad value or query,
401 missing/invalid token, 403 wrong role, 404 unknown resource, 422 invalid parameter, 429 too many
writes, 503 search backend unavailable.

**Limits** (Settings, environment `PALERMO_*`): `page_size_max` (100), `query_max_length` (1000
characters), `compare_max` (20 jurisdictions), `export_max_rows` (100000), `write_rate_per_minute` (60
writes per client per minute); request bodies at most 1 MB.

**Caching**: GET responses under `/api` carry a weak `ETag` derived from the index and database version
and `Cache-Control: public, max-age=60`; send `If-None-Match` to get 304. Responses are gzip-compressed when
the client accepts it.

**Auth**: write endpoints need `Authorization: Bearer <token>`; tokens are created with
`palermo token create --role reviewer|admin` (shown once, stored hashed).
"""

TAGS = [
    {"name": "search", "description": "Full-text search over current provisions"},
    {"name": "laws", "description": "Laws, their versions and diffs"},
    {"name": "provisions", "description": "Provisions with tags, evidence, reviews and citations"},
    {"name": "jurisdictions", "description": "Jurisdictions, assessments (verdicts) and changes"},
    {"name": "assessment", "description": "Comparison matrix and gap lists"},
    {"name": "taxonomy", "description": "Elements and requirements, so clients can label things"},
    {"name": "exports", "description": "Streamed CSV / JSON / JSON Lines exports"},
    {"name": "feeds", "description": "Atom and JSON change feeds"},
    {"name": "reviews", "description": "Reviewer decisions on tags (token with role reviewer)"},
    {"name": "admin", "description": "Crawl and reindex jobs (token with role admin)"},
    {"name": "health", "description": "Liveness and readiness"},
]


def check_secrets(settings: Settings) -> None:
    """Refuse a placeholder admin secret outside development (an empty one disables the env admin token)."""
    secret = settings.admin_token.strip()
    if settings.environment == "development" or not secret:
        if settings.environment == "production":
            raise ValueError("PALERMO_ADMIN_TOKEN is empty; set a real secret in production")
        return
    if secret.lower() in PLACEHOLDER_SECRETS or len(secret) < 16:
        raise ValueError(
            "PALERMO_ADMIN_TOKEN is a placeholder or shorter than 16 characters; "
            f"set a real secret (environment {settings.environment!r})"
        )


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Close the pooled read connections when the server stops."""
    yield
    pool = getattr(app.state, "read_pool", None)
    if isinstance(pool, ReadPool):
        pool.close()


def operation_id(route: APIRoute) -> str:
    """OpenAPI operationId: the endpoint function's name (``search``, ``get_provision``...)."""
    return route.name


class DataVersion:
    """A token that changes when the search index or the database changes (the ETag seed).

    It is recomputed at most every ``ttl`` seconds (well within ``Cache-Control: max-age``) and at
    once after a write through this process (:meth:`invalidate`).
    """

    def __init__(self, settings: Settings, ttl: float = VERSION_TTL) -> None:
        self.settings = settings
        self.ttl = ttl
        self.db = Path(settings.db_path)
        self.wal = self.db.with_name(self.db.name + "-wal")
        self._value = ""
        self._expires = 0.0

    def invalidate(self) -> None:
        """Forget the cached token (called after every write request)."""
        self._expires = 0.0

    def compute(self) -> str:
        """The token now: index version plus modification stamps of the database and its WAL."""
        parts = []
        try:
            parts.append(get_backend(self.settings).index_version())
        except Exception:
            parts.append("no-index")
        for path in (self.db, self.wal):
            try:
                stat = path.stat()
                parts.append(f"{stat.st_mtime_ns}:{stat.st_size}")
            except OSError:
                parts.append("-")
        return "|".join(parts)

    def __call__(self) -> str:
        now = time.monotonic()
        if now >= self._expires:
            self._value = self.compute()
            self._expires = now + self.ttl
        return self._value


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application for ``settings`` (the process-wide settings when None)."""
    settings = settings or get_settings()
    check_secrets(settings)
    connect(settings.db_path).close()  # create the database and its schema when missing
    app = FastAPI(
        title="Palermo API",
        version=API_VERSION,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        generate_unique_id_function=operation_id,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.jobs = admin.JobRegistry()
    app.state.read_pool = ReadPool(settings.db_path)
    install_error_handlers(app)
    for module in (
        search,
        laws,
        provisions,
        jurisdictions,
        compare,
        taxonomy,
        exports,
        feeds,
        reviews,
        admin,
        health,
    ):
        app.include_router(module.router)
    try:
        from web.routes import router as web_router
    except ImportError as exc:  # the API stays usable when the web UI cannot be imported
        LOG.error("web UI not mounted: %s", exc)
    else:
        app.include_router(web_router)
    if STATIC_DIR.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    mount_docs(app)
    # Middlewares: the last added is the outermost.
    app.add_middleware(CachingMiddleware, version_fn=DataVersion(settings))
    app.add_middleware(WriteRateLimitMiddleware, per_minute=settings.write_rate_per_minute)
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "If-None-Match"],
            expose_headers=["ETag", "Retry-After", "Location"],
            max_age=600,
        )
    app.add_middleware(_body_limit(), max_body_size=MAX_BODY_BYTES)
    app.add_middleware(ContentLengthLimitMiddleware, max_body_size=MAX_BODY_BYTES)
    app.add_middleware(SecurityHeadersMiddleware, hsts=settings.public_base_url.startswith("https://"))
    return app


def mount_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from the assets of the swagger-ui-bundle package: no CDN."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from swagger_ui_bundle import swagger_ui_path

    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} - documentation",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js", swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon-32x32.png",
        )


def _body_limit():
    from starlette.middleware.body_limit import RequestBodyLimitMiddleware

    return RequestBodyLimitMiddleware
