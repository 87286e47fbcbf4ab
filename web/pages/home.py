"""The home page: search box, what the collection holds, the latest changes (or how to fill it)."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from indexer.search import SearchQuery
from search_api.deps import Backend, DbConn, SettingsDep
from search_api.services import changes as change_service
from search_api.services import jurisdictions as jurisdiction_service
from search_api.services.search import run_search
from web.pages.common import render
from web.pages.search import LANGUAGE_NAMES

router = APIRouter(include_in_schema=False)
log = logging.getLogger("palermo.web")
CHANGES_SHOWN = 10


def collection_languages(backend) -> tuple[dict[str, int], str]:
    """Provisions per language from the index's facet counts ('' or an explanation when unavailable)."""
    try:
        result = run_search(backend, SearchQuery(page_size=1))
    except Exception as err:  # noqa: BLE001 - the home page must render even without an index
        log.info("index not available for home stats: %s", err)
        return {}, "The search index is not built yet."
    return dict(sorted((result.facets or {}).get("language", {}).items(), key=lambda kv: -kv[1])), ""


@router.get("/", response_class=HTMLResponse)
def home(request: Request, conn: DbConn, backend: Backend, settings: SettingsDep) -> HTMLResponse:
    """Overview of the collection; with an empty collection, how to import or crawl laws."""
    jurisdictions = jurisdiction_service.list_jurisdictions(conn, with_scores=False)
    languages, index_note = collection_languages(backend) if jurisdictions else ({}, "")
    changes = change_service.list_changes(conn, base_url="", limit=CHANGES_SHOWN)
    stats = {
        "jurisdictions": len(jurisdictions),
        "laws": sum(j.laws for j in jurisdictions),
        "provisions": sum(j.provisions for j in jurisdictions),
        "languages": len(languages),
        "updated": (changes.updated or "")[:10],
    }
    return render(request, "home.html", {
        "stats": stats, "jurisdictions": jurisdictions, "languages": languages,
        "language_names": LANGUAGE_NAMES,
        "changes": changes.entries, "index_note": index_note, "empty": not jurisdictions,
    }, conn=conn, settings=settings)
