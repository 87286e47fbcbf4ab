"""The Tagger end to end: evidence offsets, confidences, bad input, the ``palermo tag`` JSONL contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.tagging import TaggingError, tag_jsonl
from indexer.tagging.engine import clean_text, normalise_language

OFFENCE = ("A person who recruits, transports or harbours another person by means of threats or "
           "deception for the purpose of exploitation commits the offence of trafficking in persons "
           "and shall be liable to imprisonment for ten years.")


def test_every_tag_quotes_its_evidence_exactly(tagger):
    tags = tagger.tag(OFFENCE, "en")
    assert tags
    for tag in tags:
        assert OFFENCE[tag.start:tag.end] == tag.evidence
        assert 0.0 <= tag.confidence <= 1.0
        assert tag.rule_ids and tag.source == "auto"
    found = {t.element for t in tags}
    assert {"act.recruitment", "act.transportation", "act.harbouring", "means.threat", "means.deception",
            "crim.offence"} <= found


def test_derived_tags_name_the_rule_that_fired(tagger):
    offence = next(t for t in tagger.tag(OFFENCE, "en") if t.element == "crim.offence")
    assert "rule.offence" in offence.rule_ids


def test_language_codes_are_normalised():
    assert normalise_language("EN") == "en"
    assert normalise_language("en-GB") == "en"
    assert normalise_language("eng") == "en"
    with pytest.raises(TaggingError):
        normalise_language("xx")
    with pytest.raises(TaggingError):
        normalise_language("")


def test_control_characters_keep_offsets():
    raw = "recruits\x00a\x1bperson"
    assert len(clean_text(raw)) == len(raw)


def test_bad_inputs_do_not_stop_a_batch(tagger):
    items = [
        {"text": "", "language": "en"},
        {"text": OFFENCE, "language": "zz"},
        {"text": "trafficking\x00 in persons\x07 means the recruitment\x1b of persons for exploitation",
         "language": "en"},
        {"text": OFFENCE + " La traite des êtres humains est punie.", "language": "en"},
        {"text": 42, "language": "en"},
        "not a dict",
        {"text": OFFENCE, "language": "en"},
    ]
    results = tagger.tag_batch_detailed(items)
    assert len(results) == len(items)
    assert results[0].tags == [] and results[0].error is None
    assert "no patterns" in results[1].error
    assert "act.recruitment" in {t.element for t in results[2].tags}
    assert results[3].tags and results[4].error and results[5].error
    assert {t.element for t in results[6].tags} == {t.element for t in tagger.tag(OFFENCE, "en")}


def test_a_one_megabyte_provision_is_tagged(tagger):
    text = ("The Minister shall publish guidance on road safety. " * 20000)[:1_000_000] + " " + OFFENCE
    tags = tagger.tag(text, "en")
    assert any(t.element == "act.recruitment" for t in tags)
    for tag in tags:
        assert text[tag.start:tag.end] == tag.evidence


def test_an_oversized_provision_is_an_error(tagger):
    with pytest.raises(TaggingError, match="too long"):
        tagger.tag("a" * 2_000_001, "en")


def test_tag_jsonl_contract(tmp_path: Path, tagger):
    source = tmp_path / "in.jsonl"
    lines = [
        {"id": "p1", "text": OFFENCE, "language": "en", "jurisdiction": "XYZ"},
        {"id": "p2", "text": "Nothing relevant here.", "language": "en"},
        {"id": "p3", "text": OFFENCE, "language": "tlh"},
        {"id": "p4", "language": "en"},
    ]
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n{broken json\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    counts = tag_jsonl(source, target, tagger=tagger)
    out = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert counts["provisions"] == 5 and counts["errors"] == 3
    assert [o["id"] for o in out] == ["p1", "p2", "p3", "p4", None]
    first = out[0]["elements"]
    assert first and all(set(e) >= {"id", "evidence", "start", "end", "confidence"} for e in first)
    assert all(OFFENCE[e["start"]:e["end"]] == e["evidence"] for e in first)
    assert out[1]["elements"] == [] and "error" not in out[1]
    assert "error" in out[2] and "error" in out[3] and "not JSON" in out[4]["error"]


def test_extra_whitespace_does_not_break_patterns_and_offsets_stay_exact(tagger):
    spaced = OFFENCE.replace("threats or ", "threats  or\n ").replace("sexual", "sexual").replace(
        "purpose of exploitation", "purpose of\u00a0\u00a0exploitation").replace("harbours", "\tharbours")
    tags = tagger.tag(spaced, "en")
    for tag in tags:
        assert spaced[tag.start:tag.end] == tag.evidence
    assert {t.element for t in tags} == {t.element for t in tagger.tag(OFFENCE, "en")}


def test_forced_labour_split_by_a_double_space(elements):
    text = "A person who recruits another person for the purpose of forced  labour commits an offence."
    assert "purpose.forced_labour" in elements(text)


def test_whitespace_map_back_to_the_original():
    from indexer.tagging.spacing import normalise_whitespace

    raw = "one  two\r\n\r\nthree\u00a0four"
    normalised, offsets = normalise_whitespace(raw)
    assert normalised == "one two\nthree four"
    for word in ("one", "two", "three", "four"):
        start = normalised.index(word)
        assert raw[offsets.start(start):offsets.end(start + len(word))] == word


def test_a_hard_wrapped_line_inside_a_sentence_still_matches(tagger):
    text = ("A person who recruits another person for the purpose of forced\nlabour commits the offence of "
            "trafficking in persons.")
    forced = [t for t in tagger.tag(text, "en") if t.element == "purpose.forced_labour"]
    assert forced and forced[0].evidence == "forced\nlabour"


def test_list_item_line_breaks_are_kept():
    from indexer.tagging.spacing import normalise_whitespace

    assert normalise_whitespace("exploitation;\n(b) the")[0] == "exploitation;\n(b) the"
    assert normalise_whitespace("of forced\nlabour")[0] == "of forced labour"


def test_tag_jsonl_honours_the_heading_like_the_pipeline(tmp_path: Path, tagger):
    text = "The person concerned shall be provided with safe accommodation and medical care."
    source = tmp_path / "in.jsonl"
    lines = [{"id": "bare", "text": text, "language": "en"},
             {"id": "headed", "text": text, "language": "en",
              "heading": "Assistance to victims of trafficking"}]
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    tag_jsonl(source, target, tagger=tagger)
    bare, headed = (json.loads(line) for line in target.read_text(encoding="utf-8").splitlines())
    assert not bare["elements"]
    assert {"prot.housing", "prot.medical_assistance"} <= {e["id"] for e in headed["elements"]}


def test_windows_line_endings_and_trailing_spaces_before_a_wrap():
    from indexer.tagging.spacing import normalise_whitespace

    assert normalise_whitespace("of forced \r\nlabour;\r\n\r\n(b) x")[0] == "of forced labour;\n(b) x"
