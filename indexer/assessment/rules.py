"""The verdict rules of ../shared/spec/assessment.md as pure functions (no database).

Input is what was found in a jurisdiction: ``found`` maps an element id to the
provisions that show it, and ``offence_elements`` is the set of elements carried
by (or inherited through cross-references by) provisions that establish the
offence. Everything else (reading the store, reviews, cross-references) happens
before, in :mod:`indexer.assessment.engine`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from indexer.assessment.models import (
    VERDICT_RANK,
    CountFigure,
    CriminalisationStatus,
    Evidence,
    FoundPart,
    RequirementSpec,
    RequirementVerdict,
    Scores,
)
from indexer.assessment.spec import MEANS_NOT_REQUIRED, element_label

MET_VERDICTS = frozenset({"met", "broader"})


def _evidence_order(ev: Evidence) -> tuple:
    """Direct evidence before inherited, reviewed first, then by law and document order: a stable order."""
    return (bool(ev.via), not ev.reviewed, ev.law_id, ev.ord, ev.provision_id, ev.start)


def _parts(elements: list[str], found: Mapping[str, list[Evidence]]) -> list[FoundPart]:
    return [FoundPart(element=e, label=element_label(e), provisions=sorted(found[e], key=_evidence_order))
            for e in elements if found.get(e)]


def _newest(parts: list[FoundPart]) -> date | None:
    dates = [ev.version_date for part in parts for ev in part.provisions if ev.version_date]
    return max(dates) if dates else None


def means_broader(offence_elements: set[str] | frozenset[str]) -> bool:
    """R3 is ``broader`` when a provision establishing or defining the offence requires no means at all."""
    return MEANS_NOT_REQUIRED in offence_elements


def judge(
    spec: RequirementSpec,
    found: Mapping[str, list[Evidence]],
    offence_elements: set[str] | frozenset[str] = frozenset(),
    *,
    laws_collected: int = 0,
) -> RequirementVerdict:
    """The verdict on one requirement from the elements found (no review bookkeeping)."""
    present = [p for p in spec.parts if found.get(p)]
    missing = [p for p in spec.parts if not found.get(p)]
    verdict = "met" if not missing else ("partial" if present else "not_found")
    parts = _parts(present, found)
    beyond: list[FoundPart] = []
    note = ""
    broader = means_broader(offence_elements)
    if spec.rule == "means":
        if broader:
            verdict = "broader"
            beyond = _parts([MEANS_NOT_REQUIRED], found)
            note = "the offence (or its definition) requires no means at all: goes beyond the Protocol"
    elif spec.rule == "purposes":
        extra = sorted(e for e in found if e.startswith("purpose.") and e not in spec.parts and found[e])
        beyond = _parts(extra, found)
    elif spec.rule == "or_means_broader" and verdict != "met" and broader:
        verdict = "met"
        missing = []
        parts = parts + _parts([MEANS_NOT_REQUIRED], found)
        note = "met because the offence requires no means (R3 is broader)"
    if verdict == "partial":
        note = note or "missing: " + ", ".join(element_label(m) for m in missing)
    if verdict == "not_found":
        noun = "law" if laws_collected == 1 else "laws"
        note = (f"nothing found in the {laws_collected} collected {noun} of this jurisdiction"
                " (a gap, or a law not yet collected)")
    return RequirementVerdict(
        id=spec.id, label=spec.label, group=spec.group, obligation=spec.obligation, verdict=verdict,
        found=parts, missing=missing, missing_labels=[element_label(m) for m in missing],
        beyond_minimum=beyond, newest_text_date=_newest(parts + beyond), laws_collected=laws_collected,
        note=note,
    )


def judge_all(
    specs: list[RequirementSpec],
    found: Mapping[str, list[Evidence]],
    offence_elements: set[str] | frozenset[str] = frozenset(),
    *,
    laws_collected: int = 0,
) -> list[RequirementVerdict]:
    """Verdicts of every requirement, in the order of ``specs``."""
    return [judge(s, found, offence_elements, laws_collected=laws_collected) for s in specs]


def scores(verdicts: list[RequirementVerdict]) -> Scores:
    """Met (or broader) out of the count, per obligation level and per group."""
    result = Scores()
    for item in verdicts:
        level: CountFigure = getattr(result, item.obligation)
        group = result.by_group.setdefault(item.group, CountFigure())
        hit = int(item.verdict in MET_VERDICTS)
        for figure in (level, group):
            figure.total += 1
            figure.met += hit
    return result


def criminalisation_status(verdicts: list[RequirementVerdict], laws_collected: int) -> CriminalisationStatus:
    """all_forms / partial / no_specific_offence (UNODC Global Report view) with its reasons."""
    by_id = {v.id: v for v in verdicts}
    deciding = {rid: by_id[rid].verdict for rid in ("R1", "R2", "R3", "R4") if rid in by_id}
    r1 = by_id.get("R1")
    if r1 is None or r1.verdict not in MET_VERDICTS:
        noun = "law" if laws_collected == 1 else "laws"
        return CriminalisationStatus(
            status="no_specific_offence", deciding=deciding,
            reasons=[f"R1 not found: no trafficking offence in the {laws_collected} collected {noun}"])
    reasons: list[str] = []
    for rid in ("R2", "R3", "R4"):
        item = by_id.get(rid)
        if item is None or item.verdict in MET_VERDICTS:
            continue
        if item.verdict == "not_found":
            reasons.append(f"{rid} ({item.label}) not found")
        else:
            reasons.extend(f"{rid}: no {label.lower()}" for label in item.missing_labels)
    if reasons:
        return CriminalisationStatus(status="partial", reasons=reasons, deciding=deciding)
    return CriminalisationStatus(
        status="all_forms", deciding=deciding,
        reasons=["R1 met, R2 met, R3 " + deciding.get("R3", "met") + ", R4 met"])


def at_least(verdict: str, other: str) -> bool:
    """True when ``verdict`` is as good as ``other`` (not_found < partial < met < broader)."""
    return VERDICT_RANK[verdict] >= VERDICT_RANK[other]
