"""The project taxonomy has exactly the element ids of ../shared/spec/elements.yaml."""

from __future__ import annotations

import pytest
import yaml

from indexer.tagging.taxonomy import GROUPS, TaxonomyError, load_taxonomy, parse_taxonomy


def test_taxonomy_has_72_elements_with_english_labels():
    taxonomy = load_taxonomy()
    assert len(taxonomy) == 72
    assert all(e.labels.get("en") for e in taxonomy.values())
    assert all(e.label("fr") and e.label("es") for e in taxonomy.values())
    assert taxonomy["act.recruitment"].label("es") != taxonomy["act.recruitment"].label("en")
    assert {e.group for e in taxonomy.values()} == set(GROUPS)


def test_taxonomy_matches_spec(shared_dir):
    spec = yaml.safe_load((shared_dir / "spec" / "elements.yaml").read_text(encoding="utf-8"))
    spec_ids = [e["id"] for e in spec["elements"]]
    assert set(load_taxonomy()) == set(spec_ids)
    for element in spec["elements"]:
        ours = load_taxonomy()[element["id"]]
        assert ours.obligation == element["obligation"]


def test_malformed_taxonomy_is_rejected():
    with pytest.raises(TaxonomyError, match="duplicate"):
        parse_taxonomy({"elements": [{"id": "act.transfer", "labels": {"en": "x"}},
                                     {"id": "act.transfer", "labels": {"en": "x"}}]})
    with pytest.raises(TaxonomyError, match="group"):
        parse_taxonomy({"elements": [{"id": "nogroup.x", "labels": {"en": "x"}}]})
    with pytest.raises(TaxonomyError, match="English label"):
        parse_taxonomy({"elements": [{"id": "act.transfer", "labels": {}}]})
