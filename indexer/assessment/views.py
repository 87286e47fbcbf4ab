"""Comparison of 2-20 jurisdictions and gap views (by requirement or element, region, obligation)."""

from __future__ import annotations

import sqlite3

from indexer.assessment.engine import assess, jurisdictions, normalise_jurisdiction
from indexer.assessment.models import (
    Comparison,
    ComparisonCell,
    ComparisonRow,
    GapRow,
    JurisdictionAssessment,
    JurisdictionSummary,
)
from indexer.assessment.regions import continent_of, in_region, known_regions
from indexer.assessment.spec import element_ids, element_obligation, requirements
from indexer.assessment.spec import requirement as get_requirement

COMPARE_MIN = 2
COMPARE_MAX = 20
OBLIGATIONS = ("mandatory", "consider", "practice")
# where the web UI shows the evidence of one verdict ("/jurisdictions/ESP#R3")
EVIDENCE_LINK = "/jurisdictions/{iso3}#{requirement}"


def _summary(item: JurisdictionAssessment) -> JurisdictionSummary:
    return JurisdictionSummary(
        iso3=item.jurisdiction, name=item.name, region=item.region, laws_collected=item.laws_collected,
        newest_text_date=item.newest_text_date, criminalisation_status=item.criminalisation_status,
        scores=item.scores)


def compare(conn: sqlite3.Connection, iso3s: list[str]) -> Comparison:
    """A requirements x jurisdictions matrix; ValueError unless 2 to 20 distinct valid codes are given."""
    codes: list[str] = []
    for raw in iso3s or []:
        code = normalise_jurisdiction(raw)
        if code not in codes:
            codes.append(code)
    if not COMPARE_MIN <= len(codes) <= COMPARE_MAX:
        raise ValueError(
            f"compare needs {COMPARE_MIN} to {COMPARE_MAX} distinct jurisdictions, got {len(codes)}")
    assessed = [assess(conn, code) for code in codes]
    rows: list[ComparisonRow] = []
    for index, spec in enumerate(requirements()):
        cells: dict[str, ComparisonCell] = {}
        for item in assessed:
            verdict = item.requirements[index]
            cells[item.jurisdiction] = ComparisonCell(
                verdict=verdict.verdict, found=[p.element for p in verdict.found], missing=verdict.missing,
                provision_ids=sorted({e.provision_id for p in verdict.found for e in p.provisions}),
                link=EVIDENCE_LINK.format(iso3=item.jurisdiction, requirement=spec.id),
                reviewed=verdict.reviewed, needs_rereview=verdict.needs_rereview)
        differs = len({(c.verdict, tuple(c.missing)) for c in cells.values()}) > 1
        rows.append(ComparisonRow(requirement=spec.id, label=spec.label, group=spec.group,
                                  obligation=spec.obligation, cells=cells, differs=differs))
    return Comparison(jurisdictions=[_summary(a) for a in assessed], rows=rows,
                      differing=[r.requirement for r in rows if r.differs])


def _check_filters(requirement_id: str | None, element: str | None, region: str | None,
                   obligation: str | None) -> None:
    if requirement_id and element:
        raise ValueError("give a requirement or an element, not both")
    if element and element not in element_ids():
        raise ValueError(f"unknown element {element!r}")
    if obligation and obligation not in OBLIGATIONS:
        raise ValueError(f"obligation must be one of {', '.join(OBLIGATIONS)}")
    if region and region.strip().casefold() not in {r.casefold() for r in known_regions()}:
        raise ValueError(f"unknown UN M49 region {region!r}")


def gaps(
    conn: sqlite3.Connection,
    *,
    requirement: str | None = None,
    element: str | None = None,
    region: str | None = None,
    obligation: str | None = None,
) -> list[GapRow]:
    """Jurisdictions where a requirement (or an element) is partial or not found, with what is missing.

    Without a requirement or element every requirement is listed. ``region`` is a UN M49 region or
    sub-region name ("Europe", "Southern Asia"); ``obligation`` filters on the requirement's level
    (the element's level when an element is given).
    """
    _check_filters(requirement, element, region, obligation)
    specs = [get_requirement(requirement)] if requirement else requirements()
    if element:
        specs = [s for s in specs if element in s.parts]
        if not specs:
            return _element_gaps(conn, element, region, obligation)
    rows: list[GapRow] = []
    for code in jurisdictions(conn):
        if region and not in_region(code, region):
            continue
        item = assess(conn, code)
        by_id = {v.id: v for v in item.requirements}
        for spec in specs:
            verdict = by_id[spec.id]
            level = element_obligation(element) if element else spec.obligation
            if obligation and level != obligation:
                continue
            if element:
                if element not in verdict.missing:
                    continue
                missing = [element]
            elif verdict.verdict in {"met", "broader"}:
                continue
            else:
                missing = verdict.missing
            rows.append(GapRow(
                iso3=code, name=item.name, region=item.region, continent=continent_of(code),
                requirement=spec.id, label=spec.label, obligation=level or spec.obligation, element=element,
                verdict=verdict.verdict, missing=missing, laws_collected=item.laws_collected,
                criminalisation_status=item.criminalisation_status.status, note=verdict.note))
    return rows


def _element_gaps(conn: sqlite3.Connection, element: str, region: str | None,
                  obligation: str | None) -> list[GapRow]:
    """Gaps for an element that no requirement names (e.g. crim.legal_persons)."""
    level = element_obligation(element)
    if obligation and level != obligation:
        return []
    rows: list[GapRow] = []
    for code in jurisdictions(conn):
        if region and not in_region(code, region):
            continue
        item = assess(conn, code)
        if item.elements.get(element):
            continue
        rows.append(GapRow(
            iso3=code, name=item.name, region=item.region, continent=continent_of(code), requirement="",
            label="", obligation=level or "practice", element=element, verdict="not_found", missing=[element],
            laws_collected=item.laws_collected, criminalisation_status=item.criminalisation_status.status,
            note=f"not found in the {item.laws_collected} collected law(s)"))
    return rows
