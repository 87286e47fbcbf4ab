"""The anchored sequence matcher returns exactly what spaCy's Matcher returns."""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher

from indexer.tagging.anchors import anchor_offset
from indexer.tagging.component import build_nlp
from indexer.tagging.loader import PATTERNS_DIR, available_languages, load_patterns_from
from indexer.tagging.sequence import compile_pattern, repetitions

SENTENCES = {
    "en": [
        "Any person who recruits, transports, transfers, harbours or receives a child, by means of threats, "
        "force, fraud or the abuse of a position of vulnerability, for the purpose of sexual exploitation "
        "or forced labour, commits the offence of trafficking in persons and shall be liable to "
        "imprisonment for twenty years; the consent of the victim is irrelevant.",
        "Victims shall not be detained or prosecuted, and shall receive shelter, counselling, medical care "
        "and legal aid regardless of whether they cooperate with the police.",
        '"Exploitation" means the exploitation of the prostitution of others by any means.',
    ],
    "fr": [
        "Le fait de recruter, transporter, transférer, héberger ou accueillir une personne mineure, par la "
        "menace, la contrainte ou la tromperie, à des fins d'exploitation sexuelle ou de travail forcé, est "
        "puni de dix ans d'emprisonnement; le consentement de la victime est indifférent.",
        "Les victimes bénéficient d'un hébergement, d'une assistance médicale et juridique, sans condition "
        "de coopération avec les autorités.",
    ],
    "es": [
        "Será castigado con pena de prisión el que captare, transportare, trasladare, acogiere o recibiere "
        "a una persona menor de edad, mediante violencia, engaño o abuso de una situación de "
        "vulnerabilidad, con fines de explotación sexual o trabajos forzados; el consentimiento de la "
        "víctima será irrelevante.",
        "Las víctimas recibirán alojamiento, asistencia médica y jurídica, con independencia de su "
        "colaboración con las autoridades.",
    ],
}


@pytest.mark.parametrize("op, expected", [
    (None, (1, 1)), ("?", (0, 1)), ("+", (1, 64)), ("{2}", (2, 2)), ("{0,3}", (0, 3)), ("{,3}", (0, 3)),
    ("{2,}", (2, 64)), ("!", None)])
def test_repetitions(op, expected):
    assert repetitions(op) == expected


@pytest.mark.parametrize("pattern, offset", [
    ([{"LOWER": "means"}], 0),
    ([{"LOWER": {"NOT_IN": ["by", "of"]}}, {"LOWER": {"IN": ["means", "mean"]}}], 1),
    ([{"LOWER": {"NOT_IN": ["de"]}}, {"LOWER": "de"}, {"LOWER": {"REGEX": "^explot"}}], 2),
    ([{"LOWER": {"NOT_IN": ["a"]}}, {"LOWER": "de"}, {"LOWER": "la"}], 1),
    ([{"LOWER": {"NOT_IN": ["de"]}}, {"LOWER": "de", "OP": "?"}, {"LOWER": {"REGEX": "^explot"}}], 0),
    ([{"IS_ALPHA": True}, {"IS_PUNCT": True}], 0),
])
def test_anchor_on_a_selective_token_at_a_fixed_distance(pattern, offset):
    assert anchor_offset(pattern) == offset


def test_unsupported_attributes_fall_back_to_spacy():
    assert compile_pattern([{"SHAPE": "dd"}]) is None
    assert compile_pattern([{"LOWER": "a"}, {"OP": "!", "LOWER": "b"}]) is None
    assert compile_pattern([{"LOWER": "a"}, {}, {"LOWER": {"REGEX": "^b"}, "OP": "?"}]) is not None


@pytest.mark.parametrize("lang", [lang for lang in available_languages() if lang in SENTENCES])
def test_same_matches_as_spacy_matcher(lang):
    specs = load_patterns_from(PATTERNS_DIR / lang, lang)
    nlp = build_nlp(lang, specs)
    reference = Matcher(nlp.vocab)
    for spec in specs:
        if spec.kind == "token":
            reference.add(spec.id, [spec.pattern])
    token_ids = {spec.id for spec in specs if spec.kind == "token"}
    for text in SENTENCES[lang]:
        doc = nlp(text)
        ours = {(m.pattern_id, m.tok_start, m.tok_end) for m in doc._.palermo_matches
                if m.pattern_id in token_ids}
        theirs = {(nlp.vocab.strings[key], start, end) for key, start, end in reference(doc)}
        assert theirs, "the sentences must exercise the patterns"
        assert ours == theirs
