"""Requirements R1-R22 as data (``requirements.yaml``) and element metadata from the taxonomy."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from indexer.assessment.models import RequirementSpec

REQUIREMENTS_PATH = Path(__file__).with_name("requirements.yaml")
RULES = frozenset({"all_parts", "means", "purposes", "or_means_broader"})
OBLIGATION_RANK = {"practice": 0, "consider": 1, "mandatory": 2}
# element groups whose definitions a referring provision inherits ("exploitation as defined in s. 3")
INHERITED_GROUPS = frozenset({"act", "means", "purpose", "definition"})
MEANS_NOT_REQUIRED = "means.not_required"
OFFENCE_ELEMENT = "crim.offence"


class RequirementsError(ValueError):
    """The requirements file is malformed or names unknown elements."""


def _taxonomy() -> dict:
    from indexer.tagging.taxonomy import load_taxonomy

    return load_taxonomy()


@lru_cache
def element_ids() -> frozenset[str]:
    """Every element id of the taxonomy (72)."""
    return frozenset(_taxonomy())


def element_label(element: str) -> str:
    """English label of an element (its id when unknown)."""
    item = _taxonomy().get(element)
    return item.label("en") if item else element


def element_obligation(element: str) -> str:
    """Obligation level of an element ("" when unknown)."""
    item = _taxonomy().get(element)
    return item.obligation if item else ""


def expand_parts(parts: list[str], known: frozenset[str]) -> list[str]:
    """Expand ``group.*`` wildcards against the known element ids, keeping order and checking ids."""
    out: list[str] = []
    for part in parts:
        if part.endswith(".*"):
            prefix = part[:-1]
            matches = sorted(e for e in known if e.startswith(prefix))
            if not matches:
                raise RequirementsError(f"wildcard {part!r} matches no element")
            out.extend(m for m in matches if m not in out)
        elif part in known:
            if part not in out:
                out.append(part)
        else:
            raise RequirementsError(f"unknown element {part!r}")
    return out


def parse_requirements(data: dict, known: frozenset[str]) -> list[RequirementSpec]:
    """Validate the parsed YAML of the requirements file."""
    if not isinstance(data, dict) or not isinstance(data.get("requirements"), list):
        raise RequirementsError("requirements file needs a 'requirements' list")
    specs: list[RequirementSpec] = []
    seen: set[str] = set()
    for raw in data["requirements"]:
        if not isinstance(raw, dict) or not raw.get("id"):
            raise RequirementsError(f"requirement without id: {raw!r}")
        if raw["id"] in seen:
            raise RequirementsError(f"duplicate requirement {raw['id']}")
        seen.add(raw["id"])
        rule = raw.get("rule", "all_parts")
        if rule not in RULES:
            raise RequirementsError(f"{raw['id']}: unknown rule {rule!r}")
        parts = expand_parts(list(raw.get("parts") or []), known)
        if not parts:
            raise RequirementsError(f"{raw['id']}: no parts")
        specs.append(RequirementSpec(
            id=raw["id"], label=raw.get("label", raw["id"]), group=raw.get("group", ""),
            obligation=raw.get("obligation", "mandatory"), parts=parts, rule=rule,
            ref=str(raw.get("ref", "")), note=str(raw.get("note", "")),
        ))
    return specs


@lru_cache
def _load(path: str) -> tuple[RequirementSpec, ...]:
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return tuple(parse_requirements(data, element_ids()))


def requirements() -> list[RequirementSpec]:
    """R1-R22 from the package's ``requirements.yaml`` (copies; safe to modify)."""
    return [spec.model_copy(deep=True) for spec in _load(str(REQUIREMENTS_PATH))]


def requirement(requirement_id: str) -> RequirementSpec:
    """One requirement by id (case-insensitive); ValueError when unknown."""
    wanted = requirement_id.strip().upper()
    for spec in _load(str(REQUIREMENTS_PATH)):
        if spec.id == wanted:
            return spec.model_copy(deep=True)
    raise ValueError(f"unknown requirement {requirement_id!r} (expected R1-R22)")
