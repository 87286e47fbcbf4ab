"""The provision page: highlighted evidence, tags, citation, TOC, versions and diff, similar, review forms."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from search_api.deps import Backend, DbConn, SettingsDep
from search_api.services import laws as law_service
from search_api.services import provisions as provision_service
from web import catalog, session
from web.highlight import highlight, locate
from web.names import jurisdiction_name
from web.pages.common import REVIEW_MESSAGES, from_exception, render

router = APIRouter(include_in_schema=False)
log = logging.getLogger("palermo.web")

TOC_WINDOW = 8  # entries shown before and after the current provision in the side TOC
SIMILAR_SIZE = 6


def toc_window(toc: list, eid: str, window: int = TOC_WINDOW) -> tuple[list, int, int]:
    """The TOC entries around ``eid`` (plus its ancestors), and how many were left out before/after."""
    index = next((i for i, entry in enumerate(toc) if entry.eid == eid), None)
    if index is None:
        return toc[: 2 * window], 0, max(0, len(toc) - 2 * window)
    start, stop = max(0, index - window), min(len(toc), index + window + 1)
    ancestors = []
    parents = {entry.eid: entry for entry in toc}
    parent = toc[index].parent_eid
    seen = set()
    while parent and parent in parents and parent not in seen:
        seen.add(parent)
        if toc.index(parents[parent]) < start:
            ancestors.append(parents[parent])
        parent = parents[parent].parent_eid
    return list(reversed(ancestors)) + toc[start:stop], start, len(toc) - stop


def provision_diff(conn, law_id: str, eid: str, versions: list, from_version: str | None) -> dict | None:
    """The change of this provision between a chosen older version and the current one (None if n/a)."""
    current = next((v for v in versions if v.is_current), versions[-1] if versions else None)
    older = [v for v in versions if current is not None and v.id != current.id]
    if current is None or not older:
        return None
    chosen = next((v for v in older if str(v.id) == (from_version or "")), older[-1])
    try:
        change = law_service.diff_versions(conn, law_id, str(chosen.id), str(current.id))
    except Exception as err:  # noqa: BLE001 - the diff is secondary: never break the page for it
        log.warning("diff failed for %s: %s", law_id, err)
        return None
    status, lines = "unchanged", []
    for item in change.changed:
        if item.eid == eid:
            status, lines = "changed", item.diff.splitlines()
    if any(ref.eid == eid for ref in change.added):
        status = "added"
    if any(ref.eid == eid for ref in change.removed):
        status = "removed"
    return {"from": chosen, "to": current, "status": status, "older": older, "lines": lines}


@router.get("/provisions/{provision_id:path}", response_class=HTMLResponse)
def provision_page(provision_id: str, request: Request, conn: DbConn, backend: Backend,
                   settings: SettingsDep) -> HTMLResponse:
    """One provision with its evidence highlighted and everything needed to cite and check it."""
    try:
        detail = provision_service.get_provision(conn, provision_id)
    except Exception as err:  # noqa: BLE001 - 404 and friends become HTML error pages
        return from_exception(request, err)
    tags = [t.model_dump() for t in detail.tags]
    spans = locate(detail.text, tags)
    tag_rows = []
    for index, (tag, span) in enumerate(zip(tags, spans, strict=True)):
        tag_rows.append({"index": index, "tag": tag, "info": catalog.element(tag["element"]),
                         "located": span is not None})
    try:
        law = law_service.get_law(conn, detail.law_id)
        toc, before, after = toc_window(law.toc, detail.eid)
        versions = law_service.list_versions(conn, detail.law_id)
    except Exception as err:  # noqa: BLE001
        log.warning("law context failed for %s: %s", detail.law_id, err)
        law, toc, before, after, versions = None, [], 0, 0, []
    similar, similar_error = [], ""
    try:
        similar = provision_service.similar(backend, conn, provision_id, size=SIMILAR_SIZE)
    except Exception as err:  # noqa: BLE001 - similar provisions need the index; say so instead
        similar_error = "Similar provisions are unavailable (the search index is not ready)."
        log.info("similar failed for %s: %s", provision_id, err)
    reviewer = session.current_reviewer(request, conn, settings)
    flash = REVIEW_MESSAGES.get(request.query_params.get("review", ""), ("", ""))
    context = {
        "p": detail, "highlighted": highlight(detail.text, tags), "tag_rows": tag_rows,
        "jurisdiction_name": jurisdiction_name(detail.jurisdiction), "law": law, "toc": toc,
        "toc_before": before, "toc_after": after, "versions": versions,
        "diff": provision_diff(conn, detail.law_id, detail.eid, versions, request.query_params.get("from")),
        "similar": similar, "similar_error": similar_error,
        "csrf_review": session.csrf_token(conn, settings, request, "review") if reviewer else "",
        "all_elements": list(catalog.elements().values()),
        "present": {t["element"] for t in tags},
        "flash": flash[0], "flash_kind": flash[1],
    }
    return render(request, "provision.html", context, conn=conn, settings=settings)
