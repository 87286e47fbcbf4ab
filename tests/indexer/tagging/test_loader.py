"""Pattern files: schema validation, cue vocabulary, every shipped folder loads and compiles."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from indexer.tagging.component import build_nlp
from indexer.tagging.cues import CUE_IDS
from indexer.tagging.loader import (
    GROUP_FILES,
    PATTERNS_DIR,
    PatternError,
    available_languages,
    load_patterns_from,
    parse_line,
)

GOOD = {"id": "en.act.recruitment.verb", "element": "act.recruitment", "kind": "token",
        "pattern": [{"LOWER": "recruits"}], "confidence": 0.9}


def test_good_line_parses():
    spec = parse_line(dict(GOOD), "en", "x:1")
    assert spec.element == "act.recruitment" and spec.confidence == 0.9 and not spec.is_cue


@pytest.mark.parametrize("change, message", [
    ({"element": "act.nonsense"}, "neither a taxonomy id nor a documented cue"),
    ({"element": "cue.unknown"}, "neither a taxonomy id nor a documented cue"),
    ({"kind": "regex"}, "kind must be one of"),
    ({"id": "fr.act.recruitment.verb"}, "must start with 'en.'"),
    ({"id": "Bad Id"}, "bad id"),
    ({"pattern": []}, "non-empty list"),
    ({"pattern": [{"POS": "VERB"}]}, "need a trained pipeline"),
    ({"confidence": 1.5}, "confidence"),
    ({"confidence": 0}, "confidence"),
    ({"attr": "LEMMA"}, "phrase patterns only"),
    ({"extra": 1}, "unknown keys"),
    ({"kind": "phrase", "pattern": ""}, "non-empty string"),
])
def test_bad_lines_are_rejected(change, message):
    raw = dict(GOOD)
    raw.update(change)
    with pytest.raises(PatternError, match=message):
        parse_line(raw, "en", "x:1")


def test_phrase_attr_must_be_known():
    raw = {"id": "en.act.x", "element": "act.transfer", "kind": "phrase", "pattern": "sale of persons",
           "attr": "SHAPE"}
    with pytest.raises(PatternError, match="attr must be one of"):
        parse_line(raw, "en", "x:1")


def test_duplicate_ids_and_bad_json_name_the_line(tmp_path: Path):
    folder = tmp_path / "en"
    folder.mkdir()
    line = json.dumps(GOOD)
    (folder / "act.jsonl").write_text(f"# comment\n{line}\n\n{line}\n")
    with pytest.raises(PatternError, match=r"act.jsonl:4: duplicate id"):
        load_patterns_from(folder, "en")
    (folder / "act.jsonl").write_text("{not json\n")
    with pytest.raises(PatternError, match=r"act.jsonl:1: not JSON"):
        load_patterns_from(folder, "en")


def test_unexpected_file_name_is_rejected(tmp_path: Path):
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "misc.jsonl").write_text(json.dumps(GOOD) + "\n")
    with pytest.raises(PatternError, match="unexpected file"):
        load_patterns_from(folder, "en")


def test_readme_documents_exactly_the_cue_vocabulary():
    readme = (PATTERNS_DIR / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(cue\.[a-z_0-9]+)` \|", readme, flags=re.MULTILINE))
    assert documented == set(CUE_IDS)


# Elements the rule functions derive from cue combinations: a language needs no direct pattern for them.
DERIVED = {"definition.consent_irrelevant", "definition.child_no_means", "definition.child_under_18",
           "means.not_required", "rights.non_punishment", "rights.unconditional_assistance", "crim.offence"}
# Cues the rules read: every language must make them fire.
REQUIRED_CUES = {"cue.trafficking", "cue.smuggling", "cue.kidnapping", "cue.pimping", "cue.organ_trade",
                 "cue.document_offence", "cue.sexual_offence", "cue.slavery_offence", "cue.definition",
                 "cue.offence", "cue.penalty", "cue.aggravation", "cue.child", "cue.age_18", "cue.negation",
                 "cue.no_means", "cue.consent", "cue.irrelevant", "cue.victim", "cue.exploitation",
                 "cue.non_liability", "cue.unconditional", "cue.cooperation", "cue.assistance",
                 "cue.general_part", "cue.substandard_labour", "cue.inform", "cue.reference"}


@pytest.mark.parametrize("lang", available_languages())
def test_language_folder_is_complete(lang):
    from indexer.tagging.taxonomy import element_ids

    folder = PATTERNS_DIR / lang
    assert sorted(p.stem for p in folder.glob("*.jsonl")) == sorted(GROUP_FILES)
    specs = load_patterns_from(folder, lang)
    assert all(s.id.startswith(f"{lang}.") for s in specs)
    elements = {s.element for s in specs if not s.is_cue}
    cues = {s.element for s in specs if s.is_cue}
    assert element_ids() - elements <= DERIVED, sorted(element_ids() - elements - DERIVED)
    assert REQUIRED_CUES <= cues <= set(CUE_IDS), sorted(REQUIRED_CUES - cues)


@pytest.mark.parametrize("lang", available_languages())
def test_shipped_patterns_load_and_compile(lang):
    specs = load_patterns_from(PATTERNS_DIR / lang, lang)
    assert specs, f"{lang} has no patterns"
    nlp = build_nlp(lang, specs)  # spaCy validates every token pattern here
    assert nlp.pipe_names[-1] == "palermo_tagger"


def test_english_covers_every_element():
    from indexer.tagging.taxonomy import element_ids

    specs = load_patterns_from(PATTERNS_DIR / "en", "en")
    covered = {s.element for s in specs}
    # Elements only derived by rule functions (from cue combinations) need no direct pattern.
    derived = {"definition.child_no_means", "rights.unconditional_assistance", "rights.non_punishment",
               "means.not_required", "crim.offence", "definition.child_under_18"}
    assert element_ids() - derived <= covered
    assert set(CUE_IDS) <= covered, sorted(set(CUE_IDS) - covered)


def test_a_language_without_element_patterns_is_an_error():
    raw = {"id": "en.cues.x", "element": "cue.victim", "kind": "phrase", "pattern": "victim"}
    cue = parse_line(raw, "en", "x")
    with pytest.raises(PatternError, match="no element patterns"):
        build_nlp("en", [cue])


def test_phrase_and_token_patterns_match_with_exact_offsets():
    specs = [
        parse_line({"id": "en.act.recruit_phrase", "element": "act.recruitment", "kind": "phrase",
                    "pattern": "recruit person", "attr": "LEMMA"}, "en", "x:1"),
        parse_line({"id": "en.act.harbour", "element": "act.harbouring", "kind": "token",
                    "pattern": [{"LOWER": {"REGEX": "^harbou?r"}}, {"LOWER": "or", "OP": "?"},
                                {"LOWER": {"IN": ["conceals", "shelters"]}, "OP": "?"}]}, "en", "x:2"),
    ]
    nlp = build_nlp("en", specs)
    text = "She recruited persons and harbours or conceals them."
    found = {(m.pattern_id, text[m.start:m.end]) for m in nlp(text)._.palermo_matches}
    assert ("en.act.recruit_phrase", "recruited persons") in found
    assert ("en.act.harbour", "harbours or conceals") in found and ("en.act.harbour", "harbours") in found
