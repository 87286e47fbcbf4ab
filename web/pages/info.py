"""Reference pages: what each element means (with measured tagger accuracy) and how verdicts are derived."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from search_api.deps import DbConn, SettingsDep
from web import catalog
from web.pages.common import render

router = APIRouter(include_in_schema=False)
LOW_F1 = 0.6  # below this F1 the elements page warns that the tag needs checking


def accuracy_summary() -> dict:
    """Overall figures of ``accuracy.json`` (micro/macro F1, dev-set size) when present."""
    data = catalog.accuracy()
    keep = {}
    for key in ("micro", "macro_f1", "provisions", "measured_at", "by_language", "gold"):
        if key in data:
            keep[key] = data[key]
    return keep


@router.get("/elements", response_class=HTMLResponse)
def elements_page(request: Request, conn: DbConn, settings: SettingsDep) -> HTMLResponse:
    """Every element with its group, Protocol article, obligation level and measured accuracy."""
    return render(request, "elements.html", {
        "groups": catalog.elements_by_group(), "group_labels": catalog.group_labels(),
        "summary": accuracy_summary(), "measured": bool(catalog.accuracy()), "low_f1": LOW_F1,
    }, conn=conn, settings=settings)


@router.get("/methodology", response_class=HTMLResponse)
def methodology_page(request: Request, conn: DbConn, settings: SettingsDep) -> HTMLResponse:
    """How provisions are tagged, how verdicts, scores and the criminalisation status are derived."""
    return render(request, "methodology.html", {
        "specs": catalog.requirement_specs(), "summary": accuracy_summary(),
    }, conn=conn, settings=settings)
