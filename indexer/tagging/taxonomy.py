"""Palermo's element taxonomy (``taxonomy.yaml``): the 72 element ids with labels and weights."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

TAXONOMY_PATH = Path(__file__).with_name("taxonomy.yaml")
GROUPS = ("act", "means", "purpose", "definition", "crim", "prot", "status", "rights", "prev", "coop", "inst")


class TaxonomyError(ValueError):
    """The taxonomy file is malformed."""


@dataclass(frozen=True)
class Element:
    """One element of the taxonomy."""

    id: str
    group: str
    obligation: str
    ref: str
    weight: float = 1.0
    labels: dict[str, str] = field(default_factory=dict)

    def label(self, language: str = "en") -> str:
        """The element's label in ``language`` (English when there is no translation)."""
        return self.labels.get(language) or self.labels.get("en", self.id)


def parse_taxonomy(data: dict) -> dict[str, Element]:
    """Validate the parsed YAML of a taxonomy and return its elements by id."""
    if not isinstance(data, dict) or not isinstance(data.get("elements"), list):
        raise TaxonomyError("taxonomy must be a mapping with an 'elements' list")
    elements: dict[str, Element] = {}
    for number, raw in enumerate(data["elements"], 1):
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise TaxonomyError(f"element #{number}: needs an 'id' string")
        element_id = raw["id"]
        group = element_id.split(".", 1)[0]
        if group not in GROUPS or raw.get("group", group) != group:
            raise TaxonomyError(f"{element_id}: unknown or inconsistent group")
        if element_id in elements:
            raise TaxonomyError(f"{element_id}: duplicate id")
        labels = raw.get("labels") or {}
        if "en" not in labels:
            raise TaxonomyError(f"{element_id}: needs an English label")
        elements[element_id] = Element(
            id=element_id, group=group, obligation=str(raw.get("obligation", "")),
            ref=str(raw.get("ref", "")), weight=float(raw.get("weight", 1.0)), labels=dict(labels))
    return elements


@lru_cache
def load_taxonomy(path: str | None = None) -> dict[str, Element]:
    """Load and validate ``taxonomy.yaml`` (cached); returns ``{element_id: Element}``."""
    file = Path(path) if path else TAXONOMY_PATH
    with file.open(encoding="utf-8") as handle:
        return parse_taxonomy(yaml.safe_load(handle))


def element_ids() -> frozenset[str]:
    """The 72 element ids."""
    return frozenset(load_taxonomy())
