"""Assessment pages: the jurisdiction scorecard, the comparison matrix and the gaps map."""

from __future__ import annotations

import logging
from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from search_api.deps import DbConn, SettingsDep
from search_api.services import jurisdictions as jurisdiction_service
from web import catalog
from web.names import jurisdiction_name, region_name
from web.pages.common import error_page, from_exception, multi, render
from web.worldmap import map_layers

router = APIRouter(include_in_schema=False)
log = logging.getLogger("palermo.web")

COMPARE_MIN, COMPARE_MAX = 2, 8
OBLIGATIONS = ("mandatory", "consider", "practice")


def group_requirements(requirements: list) -> list[tuple[str, list]]:
    """Requirement verdicts grouped in scorecard order (definition, criminalisation, protection...)."""
    groups: dict[str, list] = {name: [] for name in catalog.REQUIREMENT_GROUPS}
    for item in requirements:
        groups.setdefault(item.group, []).append(item)
    return [(name, items) for name, items in groups.items() if items]


def score_rows(scores) -> list[dict]:
    """Rows of the score chart: obligation levels, then groups (label, met, total, fraction)."""
    rows = []
    for name in OBLIGATIONS:
        figure = getattr(scores, name)
        rows.append({"label": name.capitalize(), "met": figure.met, "total": figure.total,
                     "kind": "obligation"})
    for name in catalog.REQUIREMENT_GROUPS:
        figure = scores.by_group.get(name)
        if figure is not None:
            rows.append({"label": name.capitalize(), "met": figure.met, "total": figure.total,
                         "kind": "group"})
    for row in rows:
        row["fraction"] = row["met"] / row["total"] if row["total"] else 0.0
    return rows


def parse_date(value: str | None) -> tuple[date | None, str]:
    """A ``YYYY-MM-DD`` query value (None when empty) and an error text when it is not a date."""
    value = (value or "").strip()
    if not value:
        return None, ""
    try:
        return date.fromisoformat(value[:10]), ""
    except ValueError:
        return None, f"“{value[:20]}” is not a date (YYYY-MM-DD); showing the current verdicts."


@router.get("/jurisdictions/{iso3}", response_class=HTMLResponse)
def scorecard(iso3: str, request: Request, conn: DbConn, settings: SettingsDep) -> HTMLResponse:
    """Requirement verdicts grouped, with found parts and their provisions, missing parts and scores."""
    as_of, date_error = parse_date(request.query_params.get("as_of"))
    try:
        info = jurisdiction_service.get_jurisdiction(conn, iso3)
        result = jurisdiction_service.assess(conn, info.iso3, as_of)
    except Exception as err:  # noqa: BLE001 - unknown codes and engine failures become HTML pages
        return from_exception(request, err)
    export = f"/api/export/jurisdictions/{info.iso3}/assessment?"
    base = {"as_of": as_of.isoformat()} if as_of else {}
    return render(request, "scorecard.html", {
        "j": info, "a": result, "groups": group_requirements(result.requirements),
        "score_rows": score_rows(result.scores), "as_of": as_of, "date_error": date_error,
        "today": date.today().isoformat(),
        "export_csv": export + urlencode({**base, "format": "csv"}),
        "export_json": export + urlencode({**base, "format": "json"}),
    }, conn=conn, settings=settings)


@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request, conn: DbConn, settings: SettingsDep) -> HTMLResponse:
    """Choose 2-8 jurisdictions; matrix of requirements x jurisdictions, differing rows marked."""
    chosen = list(dict.fromkeys(code.upper() for code in multi(request, "j", limit=COMPARE_MAX + 12,
                                                                    length=3)))
    known = jurisdiction_service.known_jurisdictions(conn)
    options = [{"iso3": code, "name": jurisdiction_name(code), "checked": code in chosen} for code in known]
    context = {"options": options, "chosen": chosen, "matrix": None, "error": ""}
    if chosen and not COMPARE_MIN <= len(chosen) <= COMPARE_MAX:
        context["error"] = (f"Choose between {COMPARE_MIN} and {COMPARE_MAX} jurisdictions "
                            f"(you chose {len(chosen)}).")
    elif chosen:
        try:
            matrix = jurisdiction_service.compare(conn, chosen, min(COMPARE_MAX, settings.compare_max))
        except Exception as err:  # noqa: BLE001 - unknown codes: say which, keep the form
            response = from_exception(request, err)
            context["error"] = getattr(err, "detail", "") or "The comparison could not be made."
            return render(request, "compare.html", context, conn=conn, settings=settings,
                          status_code=response.status_code)
        query = urlencode([("j", code) for code in chosen])
        context.update(matrix=matrix, codes=[j["iso3"] for j in matrix["jurisdictions"]],
                       export_csv=f"/api/export/compare?{query}&format=csv",
                       export_json=f"/api/export/compare?{query}&format=json")
    status = 400 if context["error"] else 200
    return render(request, "compare.html", context, conn=conn, settings=settings, status_code=status)


def _verdicts_for(conn, codes: list[str], requirement: str | None, element: str | None,
                  gap_rows: list[dict]) -> dict[str, str]:
    """ISO3 -> verdict for the map: the requirement's verdict, or found/not found for an element."""
    if element and not requirement:
        missing = {row["iso3"]: row["verdict"] for row in gap_rows}
        return {code: missing.get(code, "met") for code in codes}
    out = {}
    for code in codes:
        try:
            out[code] = jurisdiction_service.assess(conn, code).verdict(requirement).verdict
        except Exception as err:  # noqa: BLE001 - one failing jurisdiction must not blank the map
            log.warning("no verdict for %s %s: %s", code, requirement, err)
    return out


@router.get("/gaps", response_class=HTMLResponse)
def gaps_page(request: Request, conn: DbConn, settings: SettingsDep) -> HTMLResponse:
    """A requirement (or element): world map coloured by verdict and a sortable list with filters."""
    params = request.query_params
    requirement = (params.get("requirement") or "").strip().upper()[:4] or None
    element = (params.get("element") or "").strip()[:80] or None
    region = (params.get("region") or "").strip()[:80] or None
    obligation = (params.get("obligation") or "").strip() or None
    if obligation not in (None, *OBLIGATIONS):
        obligation = None
    if not requirement and not element:
        requirement = "R1"
    specs = catalog.requirement_specs()
    if requirement and specs and requirement not in {s.id for s in specs}:
        return error_page(request, 404, "Unknown requirement",
                          f"There is no requirement {requirement}; requirements are R1 to R{len(specs)}.")
    if element and element not in catalog.elements():
        return error_page(request, 404, "Unknown element", "There is no element with that id; see the "
                          "list of elements.")
    codes = jurisdiction_service.known_jurisdictions(conn)
    try:  # one call for every region: the map shows the world, the list and its count the region
        all_rows = jurisdiction_service.gaps(conn, requirement=requirement, element=element,
                                             obligation=obligation) if codes else []
    except Exception as err:  # noqa: BLE001
        return from_exception(request, err)
    rows = [row for row in all_rows if _in_region(row["iso3"], region)] if region else all_rows
    verdicts = _verdicts_for(conn, codes, requirement, element, all_rows)
    regions = sorted({r for code in codes for r in (region_name(code),) if r})
    listing = [{"iso3": code, "name": jurisdiction_name(code), "region": region_name(code),
                "verdict": verdicts.get(code, ""),
                "missing": next((r["missing"] for r in all_rows if r["iso3"] == code), [])}
               for code in codes]
    if region:
        listing = [item for item in listing if _in_region(item["iso3"], region)]
    query = urlencode({k: v for k, v in (("requirement", requirement), ("element", element),
                                         ("region", region), ("obligation", obligation)) if v})
    subject = catalog.requirement_label(requirement) if requirement else catalog.element_label(element or "")
    return render(request, "gaps.html", {
        "requirement": requirement, "element": element, "region": region, "obligation": obligation,
        "specs": specs, "elements": catalog.elements_by_group(), "regions": regions, "subject": subject,
        "gap_rows": rows, "listing": listing, "map": map_layers(verdicts), "codes": codes,
        "export_csv": f"/api/export/gaps?{query}&format=csv",
        "export_json": f"/api/export/gaps?{query}&format=json",
    }, conn=conn, settings=settings)


def _in_region(code: str, region: str) -> bool:
    try:
        from indexer.assessment.regions import in_region
    except ImportError:  # pragma: no cover
        return region_name(code).casefold() == region.casefold()
    return in_region(code, region)
