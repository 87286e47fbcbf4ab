"""requirements.yaml: R1-R22, known elements, obligations consistent with the taxonomy and the spec."""

from __future__ import annotations

import re

import pytest
import yaml

from indexer.assessment.spec import (
    OBLIGATION_RANK,
    RequirementsError,
    element_ids,
    element_obligation,
    parse_requirements,
    requirement,
    requirements,
)


def test_twenty_two_requirements_with_known_parts():
    specs = requirements()
    assert [s.id for s in specs] == [f"R{i}" for i in range(1, 23)]
    assert all(set(s.parts) <= element_ids() for s in specs)
    assert requirement("r21").parts == ["coop.border_measures", "coop.document_security",
                                        "coop.information_exchange", "coop.training"]


def test_obligation_is_the_strongest_of_the_parts():
    for spec in requirements():
        strongest = max(spec.parts, key=lambda e: OBLIGATION_RANK[element_obligation(e)])
        assert spec.obligation == element_obligation(strongest), spec.id


def test_malformed_requirements_are_refused():
    known = element_ids()
    with pytest.raises(RequirementsError, match="unknown element"):
        parse_requirements({"requirements": [{"id": "R1", "parts": ["crim.nothing"]}]}, known)
    with pytest.raises(RequirementsError, match="rule"):
        parse_requirements({"requirements": [{"id": "R1", "parts": ["crim.offence"], "rule": "x"}]}, known)
    with pytest.raises(RequirementsError, match="duplicate"):
        parse_requirements({"requirements": [{"id": "R1", "parts": ["crim.offence"]}] * 2}, known)
    with pytest.raises(ValueError):
        requirement("R23")


# "| R11 | Recovery: ... | prot.housing, prot.counselling, ... | partial lists the missing services |"
SPEC_ROW_RE = re.compile(r"^\| (R\d+) \| [^|]+ \| ([^|]+) \|", re.M)
# "prot.housing, prot.counselling" -> element ids; "coop.*" -> a wildcard
ELEMENT_RE = re.compile(r"\b[a-z]+\.[a-z0-9_]+\b|\b[a-z]+\.\*")


def test_parts_match_the_shared_spec(shared_dir):
    spec_text = (shared_dir / "spec" / "assessment.md").read_text(encoding="utf-8")
    taxonomy = yaml.safe_load((shared_dir / "spec" / "elements.yaml").read_text(encoding="utf-8"))
    shared_ids = {e["id"] for e in taxonomy["elements"]}
    assert element_ids() == shared_ids
    rows = dict(SPEC_ROW_RE.findall(spec_text))
    assert len(rows) == 22
    for spec in requirements():
        cell = rows[spec.id]
        named = ELEMENT_RE.findall(cell)
        expected: set[str] = set()
        for name in named:
            expected |= {e for e in shared_ids if e.startswith(name[:-1])} if name.endswith("*") else {name}
        if spec.id == "R3":  # "the nine means.* of art. 3(a)"
            expected = {e for e in shared_ids if e.startswith("means.") and e != "means.not_required"}
        assert set(spec.parts) == expected, spec.id
