"""Result models of the assessment: requirements, verdicts, scores, comparisons, gaps and diffs.

These are the shapes the CLI (``palermo assess ISO3 --json``), the API and the web
UI render; every verdict carries the provisions it rests on.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from indexer.models import Verdict

Obligation = Literal["mandatory", "consider", "practice"]
CriminalisationLevel = Literal["all_forms", "partial", "no_specific_offence"]

# not_found < partial < met < broader: a verdict never goes down when a part is added
VERDICT_RANK: dict[str, int] = {"not_found": 0, "partial": 1, "met": 2, "broader": 3}


class RequirementSpec(BaseModel):
    """One requirement R1-R22 (from ``requirements.yaml``)."""

    id: str
    label: str
    group: str
    obligation: Obligation
    parts: list[str]
    rule: str = "all_parts"
    ref: str = ""
    note: str = ""


class Evidence(BaseModel):
    """One provision supporting a found part, with its quote and citation."""

    provision_id: str
    law_id: str
    law_title: str = ""
    num: str = ""
    eid: str
    source_url: str = ""
    evidence: str = ""
    start: int = 0
    end: int = 0
    confidence: float = 0.0
    reviewed: bool = False
    version_date: date | None = None
    via: list[str] = Field(default_factory=list)  # cross-reference chain: provision ids, referring first
    ord: int = 0  # position of the provision in its law (document order)


class FoundPart(BaseModel):
    """A part (element) of a requirement that was found, with every provision that shows it."""

    element: str
    label: str = ""
    provisions: list[Evidence] = Field(default_factory=list)


class RequirementVerdict(BaseModel):
    """The verdict on one requirement for one jurisdiction, explained."""

    id: str
    label: str
    group: str
    obligation: Obligation
    verdict: Verdict
    found: list[FoundPart] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    missing_labels: list[str] = Field(default_factory=list)
    beyond_minimum: list[FoundPart] = Field(default_factory=list)
    reviewed: bool = False
    review_ids: list[int] = Field(default_factory=list)
    needs_rereview: bool = False
    rereview_ids: list[int] = Field(default_factory=list)
    newest_text_date: date | None = None
    laws_collected: int = 0
    note: str = ""


class CountFigure(BaseModel):
    """``met`` (met or broader) out of ``total`` requirements."""

    met: int = 0
    total: int = 0


class Scores(BaseModel):
    """Figures, never one opaque number."""

    mandatory: CountFigure = Field(default_factory=CountFigure)
    consider: CountFigure = Field(default_factory=CountFigure)
    practice: CountFigure = Field(default_factory=CountFigure)
    by_group: dict[str, CountFigure] = Field(default_factory=dict)


class CriminalisationStatus(BaseModel):
    """UNODC Global Report view: all_forms / partial / no_specific_offence, with what decides it."""

    status: CriminalisationLevel
    reasons: list[str] = Field(default_factory=list)
    deciding: dict[str, str] = Field(default_factory=dict)  # requirement id -> verdict
    victim_scope: str = "victim scope not assessed"


class LawSummary(BaseModel):
    """A law of the jurisdiction and whether the assessment used it."""

    law_id: str
    title: str
    in_force: bool | None = None
    used: bool = True
    version_date: date | None = None
    source_url: str = ""


class JurisdictionAssessment(BaseModel):
    """Every verdict of one jurisdiction (now or as of a date), with scores and status."""

    jurisdiction: str
    name: str = ""
    region: str = ""
    as_of: date | None = None
    laws_collected: int = 0
    laws_used: int = 0
    laws: list[LawSummary] = Field(default_factory=list)
    newest_text_date: date | None = None
    criminalisation_status: CriminalisationStatus
    scores: Scores
    requirements: list[RequirementVerdict]
    elements: dict[str, int] = Field(default_factory=dict)  # element id -> provisions showing it
    needs_rereview: bool = False

    def verdict(self, requirement_id: str) -> RequirementVerdict:
        """The verdict of one requirement (KeyError when the id is unknown)."""
        for item in self.requirements:
            if item.id == requirement_id:
                return item
        raise KeyError(requirement_id)


class ComparisonCell(BaseModel):
    """One requirement x jurisdiction cell."""

    verdict: Verdict
    found: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    provision_ids: list[str] = Field(default_factory=list)
    link: str = ""  # where the evidence of this cell is shown (API path with the requirement anchor)
    reviewed: bool = False
    needs_rereview: bool = False


class ComparisonRow(BaseModel):
    """One requirement across the compared jurisdictions."""

    requirement: str
    label: str
    group: str
    obligation: Obligation
    cells: dict[str, ComparisonCell]
    differs: bool


class JurisdictionSummary(BaseModel):
    """Header of one jurisdiction in a comparison."""

    iso3: str
    name: str = ""
    region: str = ""
    laws_collected: int = 0
    newest_text_date: date | None = None
    criminalisation_status: CriminalisationStatus
    scores: Scores


class Comparison(BaseModel):
    """A requirements x jurisdictions matrix."""

    jurisdictions: list[JurisdictionSummary]
    rows: list[ComparisonRow]
    differing: list[str] = Field(default_factory=list)  # requirement ids whose cells differ


class GapRow(BaseModel):
    """A jurisdiction where a requirement (or element) is partial or not found."""

    iso3: str
    name: str = ""
    region: str = ""
    continent: str = ""
    requirement: str
    label: str = ""
    obligation: Obligation
    element: str | None = None
    verdict: Verdict
    missing: list[str] = Field(default_factory=list)
    laws_collected: int = 0
    criminalisation_status: str = ""
    note: str = ""


class VerdictChange(BaseModel):
    """How one requirement changed between two dates and which provisions caused it."""

    requirement: str
    label: str = ""
    before: Verdict
    after: Verdict
    verdict_changed: bool = True
    added_parts: list[str] = Field(default_factory=list)
    removed_parts: list[str] = Field(default_factory=list)
    caused_by: list[Evidence] = Field(default_factory=list)
