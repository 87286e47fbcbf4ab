"""The taxonomy (72 elements, with measured accuracy) and the requirements R1-R22."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from search_api.errors import ApiError
from search_api.schemas import ElementOut
from search_api.services.common import assessment_api, taxonomy

ACCURACY_PATH = Path(__file__).resolve().parents[2] / "indexer" / "tagging" / "accuracy.json"


@lru_cache
def _accuracy(mtime: float) -> dict[str, Any]:
    try:
        data = json.loads(ACCURACY_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if isinstance(data, dict):
        per = data.get("elements") or data.get("per_element") or data
        return per if isinstance(per, dict) else {}
    return {}


def accuracy() -> dict[str, Any]:
    """Measured per-element precision/recall/F1 (``indexer/tagging/accuracy.json``; {} when absent)."""
    try:
        mtime = ACCURACY_PATH.stat().st_mtime
    except OSError:
        return {}
    return _accuracy(mtime)


def list_elements(*, group: str | None = None, language: str = "en") -> list[ElementOut]:
    """Every element of the taxonomy (optionally one group) with labels and measured accuracy."""
    elements = taxonomy()
    if not elements:
        raise ApiError(
            503, "the element taxonomy could not be loaded", title="Taxonomy unavailable", slug="unavailable"
        )
    scores = accuracy()
    out = []
    for element in elements.values():
        if group and element.group != group:
            continue
        acc = scores.get(element.id)
        out.append(
            ElementOut(
                id=element.id,
                group=element.group,
                obligation=element.obligation,
                ref=element.ref,
                label=element.label(language),
                labels=dict(element.labels),
                accuracy=acc if isinstance(acc, dict) else None,
            )
        )
    return out


def list_requirements() -> list[dict[str, Any]]:
    """Requirements R1-R22 with their parts, obligation level and rule (from the assessment engine)."""
    specs = assessment_api("requirements")()
    return [s.model_dump(mode="json") if hasattr(s, "model_dump") else dict(s) for s in specs]
