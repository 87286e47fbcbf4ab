"""The law page: metadata, table of contents tree and stored versions."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from search_api.deps import DbConn, SettingsDep
from search_api.services import laws as law_service
from web.names import jurisdiction_name
from web.pages.common import from_exception, render

router = APIRouter(include_in_schema=False)


def toc_tree(entries: list) -> list[dict]:
    """Nest flat TOC entries (each with ``eid`` and ``parent_eid``) into ``[{"entry", "children"}]``."""
    nodes = {entry.eid: {"entry": entry, "children": []} for entry in entries}
    roots = []
    for entry in entries:
        parent = nodes.get(entry.parent_eid) if entry.parent_eid else None
        if parent is not None and parent is not nodes[entry.eid]:
            parent["children"].append(nodes[entry.eid])
        else:
            roots.append(nodes[entry.eid])
    return roots


@router.get("/laws/{law_id:path}", response_class=HTMLResponse)
def law_page(law_id: str, request: Request, conn: DbConn, settings: SettingsDep) -> HTMLResponse:
    """Metadata, the table of contents as a nested list, and the versions the store holds."""
    try:
        law = law_service.get_law(conn, law_id)
        versions = law_service.list_versions(conn, law_id)
    except Exception as err:  # noqa: BLE001 - 404 becomes an HTML page
        return from_exception(request, err)
    return render(request, "law.html", {
        "law": law, "versions": versions, "tree": toc_tree(law.toc),
        "jurisdiction_name": jurisdiction_name(law.jurisdiction),
    }, conn=conn, settings=settings)
