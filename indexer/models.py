"""The one typed domain model shared by every stage.

crawler -> raw store (DocumentMeta / StoredDocument) -> indexer (Law, Provision,
Tag) -> search backend -> search_api -> web. Reviews overrule tags.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

TagSource = Literal["auto", "review"]
ReviewAction = Literal["confirm", "reject", "add"]
Verdict = Literal["met", "partial", "not_found", "broader"]


def text_hash(text: str) -> str:
    """Stable short hash of a provision's text (keys reviews to the text they judged)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class DocumentMeta(BaseModel):
    """What is known about a document before parsing (from a manifest, a source entry or a crawl)."""

    url: str = ""
    source_id: str = ""
    jurisdiction: str = ""
    title: str = ""
    language: str = ""
    format: str = ""
    content_type: str = ""
    extra: dict[str, str] = Field(default_factory=dict)


class StoredDocument(DocumentMeta):
    """One fetched version of a document in the raw store (never overwritten)."""

    id: int
    final_url: str = ""
    fetched_at: datetime
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    sha256: str
    size: int
    blob_path: str
    status: str = "new"  # new | indexed | failed | superseded


class CrossRef(BaseModel):
    """A reference from one provision to another ("as defined in section 3")."""

    text: str = Field(description="The words of the reference")
    start: int = Field(description="Offset of the reference in the provision text (characters)")
    end: int = Field(description="End offset (exclusive) of the reference")
    target_eid: str | None = Field(None, description="eId of the target provision when resolved in the law")
    target_law: str | None = Field(None, description="The other law the reference names, if any")


class Tag(BaseModel):
    """An element found in a provision, with the quoted evidence that produced it."""

    element: str = Field(description="Element id of the taxonomy (e.g. act.recruitment)")
    evidence: str = Field(description="The quoted text that produced the tag")
    start: int = Field(description="Offset of the evidence in the provision text (characters)")
    end: int = Field(description="End offset (exclusive) of the evidence in the provision text")
    confidence: float = Field(ge=0.0, le=1.0, description="How sure the tagger is, from 0 to 1")
    rule_ids: list[str] = Field(default_factory=list, description="Pattern and rule ids that fired")
    source: TagSource = Field("auto", description="auto (tagger) or review (added/confirmed by a reviewer)")


class Provision(BaseModel):
    """One provision of a law, with an Akoma Ntoso style eId (``part_1__sec_2__subsec_1``)."""

    eid: str
    num: str = ""
    heading: str = ""
    kind: str = "section"
    path: list[str] = Field(default_factory=list)
    text: str
    start: int = 0
    end: int = 0
    parent_eid: str | None = None
    order: int = 0
    refs: list[CrossRef] = Field(default_factory=list)
    tags: list[Tag] = Field(default_factory=list)
    amends: str | None = None  # target law/provision numbering for inserted text


class Law(BaseModel):
    """A parsed law: metadata plus its provision tree (flattened in document order)."""

    id: str = ""
    document_id: int | None = None
    jurisdiction: str
    title: str
    short_title: str = ""
    number: str = ""
    year: int | None = None
    language: str = ""
    format: str = ""
    in_force: bool | None = None
    source_url: str = ""
    version_date: date | None = None
    is_amending: bool = False
    amends_title: str = ""
    text: str = ""  # normalised document text that provision offsets point into
    provisions: list[Provision] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class Review(BaseModel):
    """A reviewer's decision on a tag, kept forever in the audit trail."""

    id: int | None = None
    provision_id: str
    eid: str
    text_hash: str
    element: str
    action: ReviewAction
    evidence: str = ""
    start: int | None = None
    end: int | None = None
    note: str = ""
    reviewer: str
    created_at: datetime | None = None
    needs_rereview: bool = False


class SearchHit(BaseModel):
    """One provision in a result list."""

    id: str
    jurisdiction: str
    law: str
    law_id: str = ""
    ref: str
    snippet: str
    elements: list[str] = Field(default_factory=list)
    language: str = ""
    score: float = 0.0
    year: int | None = None


class SearchResult(BaseModel):
    """A page of hits with facet counts and an opaque cursor for the next page."""

    total: int
    results: list[SearchHit]
    facets: dict[str, dict[str, int]] = Field(default_factory=dict)
    next_cursor: str | None = None
    page: int = 1
    page_size: int = 20
