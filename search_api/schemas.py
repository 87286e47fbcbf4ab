"""Response and request models of the API (the OpenAPI schema is generated from them).

Models that wrap results of the assessment module allow extra fields, so the
API passes through what that module adds while documenting the stable core.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from indexer.models import CrossRef, ReviewAction, Tag


class Open(BaseModel):
    """A model that keeps fields it does not declare."""

    model_config = ConfigDict(extra="allow")


# -- provisions -------------------------------------------------------------
class TagOut(Tag):
    """An element found in a provision, after reviews are applied, with its label."""

    label: str = ""


class ReviewOut(BaseModel):
    """A reviewer's decision on a tag of this provision (audit trail)."""

    id: int
    element: str
    action: str
    evidence: str = ""
    start: int | None = None
    end: int | None = None
    note: str = ""
    reviewer: str
    created_at: str
    needs_rereview: bool = Field(False, description="The provision's text changed after the review")


class CrossRefOut(CrossRef):
    """A reference from the provision's text to another provision."""

    target_id: str | None = Field(None, description="Public id of the target when it is collected")


class PathItem(BaseModel):
    """One level of a provision's hierarchy (outermost first)."""

    eid: str
    num: str = ""
    heading: str = ""
    kind: str = ""
    id: str | None = Field(None, description="Public id when the level is itself a stored provision")


class ProvisionRef(BaseModel):
    """A short reference to a provision."""

    id: str
    eid: str
    num: str = ""
    heading: str = ""
    kind: str = ""


class ProvisionDetail(BaseModel):
    """One current provision with everything a researcher needs to cite and check it."""

    id: str = Field(..., description="Public id <law_id>--<eid>")
    law_id: str
    law_title: str
    jurisdiction: str
    language: str = ""
    eid: str
    num: str = ""
    heading: str = ""
    kind: str = ""
    text: str
    text_hash: str
    start: int = 0
    end: int = 0
    path: list[str] = Field(default_factory=list, description="Labels of the enclosing levels")
    hierarchy: list[PathItem] = Field(default_factory=list)
    parent_eid: str | None = None
    children: list[ProvisionRef] = Field(default_factory=list)
    previous: ProvisionRef | None = None
    next: ProvisionRef | None = None
    amends: str | None = None
    tags: list[TagOut] = Field(default_factory=list)
    reviews: list[ReviewOut] = Field(default_factory=list)
    cross_references: list[CrossRefOut] = Field(default_factory=list)
    official_url: str = Field("", description="Link to the official source of the law")
    citation: str = Field("", description="Citation string: law title, provision, jurisdiction, version")
    version_id: int | None = None
    version_date: str | None = None
    in_force: bool | None = None


# -- laws ---------------------------------------------------------------------
class LawSummary(BaseModel):
    """Metadata of a law."""

    id: str
    jurisdiction: str
    title: str
    short_title: str = ""
    number: str = ""
    year: int | None = None
    language: str = ""
    format: str = ""
    in_force: bool | None = None
    source_url: str = ""
    is_amending: bool = False
    amends_title: str = ""
    version_date: str | None = None
    provisions: int = 0


class LawList(BaseModel):
    """A page of laws."""

    total: int
    page: int
    page_size: int
    results: list[LawSummary]


class TocEntry(BaseModel):
    """One entry of a law's table of contents."""

    id: str
    eid: str
    num: str = ""
    heading: str = ""
    kind: str = ""
    level: int = 0
    parent_eid: str | None = None
    elements: list[str] = Field(default_factory=list)


class LawDetail(LawSummary):
    """A law with its table of contents."""

    versions: int = 0
    warnings: list[str] = Field(default_factory=list)
    toc: list[TocEntry] = Field(default_factory=list)


class LawVersionOut(BaseModel):
    """One stored version of a law."""

    id: int
    document_id: int
    version_date: str | None = None
    fetched_at: str
    is_current: bool
    provisions: int = 0


class ProvisionChange(BaseModel):
    """A provision whose text differs between two versions."""

    eid: str
    num: str = ""
    diff: str = Field("", description="Unified diff of the provision text")


class LawDiff(BaseModel):
    """What changed in a law between two stored versions."""

    law_id: str
    from_version: LawVersionOut
    to_version: LawVersionOut
    added: list[ProvisionRef] = Field(default_factory=list)
    removed: list[ProvisionRef] = Field(default_factory=list)
    changed: list[ProvisionChange] = Field(default_factory=list)
    unchanged: int = 0


# -- jurisdictions --------------------------------------------------------------
class JurisdictionSummary(BaseModel):
    """A jurisdiction with collection counts and assessment scores."""

    iso3: str
    name: str
    region: str = ""
    laws: int = 0
    provisions: int = 0
    tagged_provisions: int = 0
    newest_version_date: str | None = None
    scores: dict[str, Any] | None = Field(None, description="Met counts per obligation level and group")
    criminalisation_status: dict[str, Any] | None = None


class JurisdictionDetail(JurisdictionSummary):
    """A jurisdiction with its laws and element counts."""

    law_list: list[LawSummary] = Field(default_factory=list)
    elements: dict[str, int] = Field(default_factory=dict, description="Provisions per element")


class RequirementVerdictOut(Open):
    """A verdict on one requirement (more fields from the assessment module pass through)."""

    id: str
    verdict: str
    found: list[dict[str, Any]] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)


class AssessmentOut(Open):
    """A jurisdiction's verdicts on requirements R1-R22."""

    jurisdiction: str
    requirements: list[RequirementVerdictOut]


class ChangeEntry(BaseModel):
    """An entry of the change feed: a new law version or a changed verdict."""

    kind: Literal["law_version", "verdict"]
    id: str = Field(..., description="Stable entry id")
    at: str
    jurisdiction: str
    title: str
    law_id: str | None = None
    version_id: int | None = None
    requirement: str | None = None
    verdict: str | None = None
    previous: str | None = None
    cause: str = ""
    link: str = ""


class ChangeList(BaseModel):
    """Newest changes first."""

    jurisdiction: str | None = None
    updated: str | None = None
    entries: list[ChangeEntry]


# -- taxonomy ------------------------------------------------------------------
class ElementOut(BaseModel):
    """One element of the taxonomy."""

    id: str
    group: str
    obligation: str = ""
    ref: str = ""
    label: str = ""
    labels: dict[str, str] = Field(default_factory=dict)
    accuracy: dict[str, Any] | None = Field(None, description="Measured precision/recall/F1 on the dev set")


class RequirementOut(Open):
    """One requirement (R1-R22) and its rule."""

    id: str
    label: str = ""


# -- writes --------------------------------------------------------------------
class ReviewIn(BaseModel):
    """A reviewer's decision: confirm or reject a tag, or add one with its evidence span."""

    model_config = ConfigDict(extra="forbid")

    provision_id: str = Field(..., min_length=3, max_length=500)
    element: str = Field(..., min_length=3, max_length=100)
    action: ReviewAction
    evidence: str = Field("", max_length=20_000)
    start: int | None = Field(None, ge=0)
    end: int | None = Field(None, ge=0)
    note: str = Field("", max_length=5_000)


class CrawlIn(BaseModel):
    """What to crawl (everything configured when empty)."""

    model_config = ConfigDict(extra="forbid")

    manifest_url: str | None = Field(None, max_length=2000)
    source_ids: list[str] = Field(default_factory=list, max_length=1000)


class JobOut(BaseModel):
    """A background job (crawl or reindex)."""

    id: str
    kind: str
    status: Literal["queued", "running", "done", "failed"]
    created_at: str
    finished_at: str | None = None
    actor: str = ""
    result: dict[str, Any] | None = None
    error: str | None = None


class Health(BaseModel):
    """Liveness or readiness."""

    status: str
    detail: dict[str, Any] = Field(default_factory=dict)
