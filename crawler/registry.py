"""The source registry: official legislation sources as data (``crawler/sources.yaml``).

Each entry names one law or one listing page, the spider family that fetches
it and where its URL was found (``cited_from``). Loading validates every
entry and refuses duplicates, unknown families and non-ISO3 jurisdictions.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator

SOURCES_PATH = Path(__file__).with_name("sources.yaml")
FAMILIES = (
    "legislation_gov_uk", "canada_justice", "uscode", "akn", "eurlex", "boe", "html_page", "pdf", "listing",
    "manifest",
)
# "ESP", "GBR", or the organisation codes "EU", "UN", "COE", "ILO"
JURISDICTION_RE = re.compile(r"^(?:[A-Z]{3}|EU|UN|COE|ILO)$")
# "gbr-modern-slavery-act-2015"
SOURCE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,80}$")
# "en", "fr", "pt-BR"
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$")


class RegistryError(ValueError):
    """The registry file is unreadable or an entry is invalid."""


class Source(BaseModel):
    """One registry entry."""

    id: str
    jurisdiction: str
    language: str
    title: str
    family: str
    urls: list[str] = Field(min_length=1)
    format: str = ""
    notes: str = ""
    cited_from: str
    default: bool = True
    celex: str = ""  # eurlex: CELEX number, e.g. 32011L0036
    boe_id: str = ""  # boe: BOE identifier, e.g. BOE-A-1995-25444
    chapters: list[str] = Field(default_factory=list)  # uscode: chapter numbers to extract, e.g. ["77"]
    follow: str = ""  # listing: regex a document link must match
    max_documents: int = 50  # listing: at most this many documents followed per page

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not SOURCE_ID_RE.match(value):
            raise ValueError(f"bad source id {value!r}")
        return value

    @field_validator("jurisdiction")
    @classmethod
    def _jurisdiction(cls, value: str) -> str:
        if not JURISDICTION_RE.match(value):
            raise ValueError(f"jurisdiction must be ISO 3166-1 alpha-3 (or EU/UN/COE/ILO), got {value!r}")
        return value

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        if not LANGUAGE_RE.match(value):
            raise ValueError(f"bad language code {value!r}")
        return value

    @field_validator("family")
    @classmethod
    def _family(cls, value: str) -> str:
        if value not in FAMILIES:
            raise ValueError(f"unknown family {value!r} (one of {', '.join(FAMILIES)})")
        return value

    @field_validator("urls")
    @classmethod
    def _urls(cls, value: list[str]) -> list[str]:
        for url in value:
            if not url.startswith(("https://", "http://")):
                raise ValueError(f"not an http(s) URL: {url!r}")
        return value


def parse_sources(data: Any, *, origin: str = "<data>") -> list[Source]:
    """Validate a parsed registry (a list of mappings, or ``{'sources': [...]}``)."""
    if isinstance(data, dict):
        data = data.get("sources")
    if not isinstance(data, list):
        raise RegistryError(f"{origin}: expected a list of sources")
    sources: list[Source] = []
    seen: set[str] = set()
    for index, entry in enumerate(data):
        try:
            source = Source.model_validate(entry)
        except ValidationError as exc:
            name = entry.get("id", f"#{index}") if isinstance(entry, dict) else f"#{index}"
            raise RegistryError(f"{origin}: entry {name}: {exc.errors()[0]['msg']}") from exc
        if source.id in seen:
            raise RegistryError(f"{origin}: duplicate source id {source.id!r}")
        seen.add(source.id)
        sources.append(source)
    return sources


def load_sources(path: Path | str | None = None) -> list[Source]:
    """Read and validate the registry (default ``crawler/sources.yaml``)."""
    path = Path(path) if path else SOURCES_PATH
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RegistryError(f"cannot read {path}: {exc}") from exc
    return parse_sources(data, origin=str(path))


def select_sources(sources: list[Source], ids: list[str] | None = None) -> list[Source]:
    """The entries named by ``ids`` (all ``default`` entries when None); unknown ids raise."""
    if not ids:
        return [s for s in sources if s.default]
    by_id = {s.id: s for s in sources}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise RegistryError(f"unknown source id(s): {', '.join(unknown)}")
    return [by_id[i] for i in ids]
