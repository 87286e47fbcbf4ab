"""What the UI needs to label things: element groups, element labels, requirement groups, accuracy.

Everything comes from the project's own data files (``indexer/tagging/taxonomy.yaml``,
``indexer/assessment/requirements.yaml``, ``indexer/tagging/accuracy.json``), read once and cached.
A missing or malformed file degrades to ids-as-labels; it never breaks a page.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

log = logging.getLogger(__name__)

TAGGING_DIR = Path(__file__).resolve().parents[1] / "indexer" / "tagging"
TAXONOMY_FILE = TAGGING_DIR / "taxonomy.yaml"
ACCURACY_FILE = TAGGING_DIR / "accuracy.json"

# Element groups in the order of the Protocol; short names for chips and legends.
GROUP_ORDER = ("act", "means", "purpose", "definition", "crim", "prot", "status", "rights", "prev", "coop",
               "inst")
GROUP_SHORT = {
    "act": "Act", "means": "Means", "purpose": "Purpose", "definition": "Consent & children",
    "crim": "Criminalisation", "prot": "Protection", "status": "Status & return", "rights": "Victim rights",
    "prev": "Prevention", "coop": "Cooperation", "inst": "Institutions",
}
# Requirement groups of the scorecard, in the order the issue lists them.
REQUIREMENT_GROUPS = ("definition", "criminalisation", "protection", "status", "rights", "prevention",
                      "cooperation", "institutions")
VERDICT_LABELS = {"met": "Met", "partial": "Partial", "not_found": "Not found", "broader": "Broader",
                  "": "No data"}
VERDICT_SYMBOLS = {"met": "●", "broader": "◆", "partial": "◐", "not_found": "○", "": "·"}
OBLIGATION_LABELS = {"mandatory": "Mandatory (shall)", "consider": "Consider (shall consider)",
                     "practice": "Good practice (beyond the Protocol)"}


@dataclass(frozen=True)
class ElementInfo:
    """One element as the UI shows it."""

    id: str
    group: str
    label: str
    obligation: str = ""
    ref: str = ""
    tag_when: str = ""

    @property
    def group_label(self) -> str:
        """Short name of the element's group."""
        return GROUP_SHORT.get(self.group, self.group)

    @property
    def accuracy(self) -> dict:
        """Measured precision/recall/F1/support of the tagger for this element ({} when unmeasured)."""
        return element_accuracy(self.id)


def _read_yaml(path: Path) -> dict:
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as err:
        log.warning("cannot read %s: %s", path, err)
        return {}
    return data if isinstance(data, dict) else {}


def _label(raw: dict) -> str:
    labels = raw.get("labels")
    if isinstance(labels, dict) and labels.get("en"):
        return str(labels["en"]).strip()
    return str(raw.get("label") or raw.get("id") or "").strip()


@lru_cache(maxsize=4)
def _accuracy(path: Path, mtime: float) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        log.warning("unreadable tagger accuracy file %s: %s", path, err)
        return {}
    return data if isinstance(data, dict) else {}


def accuracy() -> dict:
    """The measured tagger accuracy (``accuracy.json``, re-read when it changes); ``{}`` if not measured."""
    try:
        mtime = ACCURACY_FILE.stat().st_mtime
    except OSError:
        return {}
    return _accuracy(ACCURACY_FILE, mtime)


def element_accuracy(element_id: str) -> dict:
    """``{"precision", "recall", "f1", "support"...}`` of one element, ``{}`` when unknown."""
    data = accuracy()
    per = data.get("per_element") or data.get("elements") or {}
    value = per.get(element_id) if isinstance(per, dict) else None
    return value if isinstance(value, dict) else {}


@lru_cache(maxsize=1)
def elements() -> dict[str, ElementInfo]:
    """All elements by id, in taxonomy order."""
    data = _read_yaml(TAXONOMY_FILE)
    out: dict[str, ElementInfo] = {}
    for raw in data.get("elements") or []:
        if not isinstance(raw, dict) or not raw.get("id"):
            continue
        element_id = str(raw["id"])
        out[element_id] = ElementInfo(
            id=element_id, group=element_id.split(".", 1)[0], label=_label(raw),
            obligation=str(raw.get("obligation", "")), ref=str(raw.get("ref", "")),
            tag_when=str(raw.get("tag_when", "")).strip())
    return out


@lru_cache(maxsize=1)
def group_labels() -> dict[str, str]:
    """Long group descriptions from the taxonomy (with their Protocol articles)."""
    groups = _read_yaml(TAXONOMY_FILE).get("groups") or {}
    out = {}
    for name in GROUP_ORDER:
        raw = groups.get(name) if isinstance(groups, dict) else None
        out[name] = " ".join(_label(raw).split()) if isinstance(raw, dict) else GROUP_SHORT[name]
    return out


def element(element_id: str) -> ElementInfo:
    """Info on one element; an unknown id gets a placeholder with the id as its label."""
    found = elements().get(element_id)
    if found is not None:
        return found
    return ElementInfo(id=element_id, group=element_id.split(".", 1)[0], label=element_id)


def element_label(element_id: str) -> str:
    """Human label of an element id."""
    return element(element_id).label


def elements_by_group() -> list[tuple[str, list[ElementInfo]]]:
    """Elements grouped in Protocol order: ``[(group, [ElementInfo...])]``."""
    grouped: dict[str, list[ElementInfo]] = {name: [] for name in GROUP_ORDER}
    for info in elements().values():
        grouped.setdefault(info.group, []).append(info)
    return [(name, items) for name, items in grouped.items() if items]


def requirement_specs() -> list:
    """The requirements R1-R22 (``indexer.assessment.requirements()``), ``[]`` when unavailable."""
    try:
        from indexer.assessment import requirements
    except ImportError as err:  # the assessment package is built in parallel
        log.warning("assessment requirements unavailable: %s", err)
        return []
    try:
        return list(requirements())
    except Exception as err:  # noqa: BLE001 - a broken data file must not break every page
        log.warning("cannot load requirements: %s", err)
        return []


def requirement_label(requirement_id: str) -> str:
    """``"R17 Non-punishment of victims"`` for an id, the id alone when unknown."""
    for spec in requirement_specs():
        if spec.id == requirement_id:
            return f"{spec.id} {spec.label}"
    return requirement_id
