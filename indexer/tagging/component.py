"""The spaCy side of the tagger: blank pipelines and the ``palermo_tagger`` component.

``build_nlp(lang)`` returns ``spacy.blank(lang)`` with the lookup lemmatizer (spacy-lookups-data,
installed from PyPI, nothing downloaded at run time) and the ``palermo_tagger`` component, which
runs a ``Matcher`` and ``PhraseMatcher`` built from the language's pattern files and stores the
matches on ``doc._.palermo_matches`` as ``RawMatch`` tuples (character offsets into the text).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import NamedTuple

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from indexer.tagging.anchors import (
    AnchorIndex,
    PredicateCache,
    anchor_offset,
    max_length,
    token_keys,
    windows,
)
from indexer.tagging.lemmas import COMPONENT as LEMMA_COMPONENT
from indexer.tagging.lemmas import add_lookup_lemmas
from indexer.tagging.loader import PatternError, PatternSpec, load_patterns
from indexer.tagging.sequence import compile_pattern, match_ends

log = logging.getLogger(__name__)
COMPONENT = "palermo_tagger"
MAX_PATTERN_TOKENS = 64  # window for patterns with unbounded operators ("*", "+")
WHOLE_DOC_TOKENS = 60  # shorter docs run each anchored Matcher once on the whole doc
MAX_CHARS = 2_000_000  # longest provision text the pipeline accepts (spaCy's default is 1,000,000)

if not Doc.has_extension("palermo_matches"):
    Doc.set_extension("palermo_matches", default=None)


class RawMatch(NamedTuple):
    """One pattern match: element or cue id, character and token offsets, pattern id, confidence."""

    element: str
    start: int
    end: int
    tok_start: int
    tok_end: int
    pattern_id: str
    confidence: float


class PalermoTagger:
    """spaCy component running the Matcher/PhraseMatcher of one language's pattern specs."""

    def __init__(self, nlp: Language, name: str = COMPONENT, lang: str = ""):
        self.nlp = nlp
        self.name = name
        self.lang = lang or nlp.lang
        self.matchers: list[Matcher] = []  # one small Matcher per distinct first token
        self.group_of: dict[str, int] = {}
        self.group_length: list[int] = []  # longest pattern of each group, in tokens
        self.matched_groups: set[int] = set()  # groups whose Matcher holds variable-length patterns
        self.fixed: list[list[tuple[str, list]]] = []  # patterns matched by indexer.tagging.sequence
        self.group_offset: list[int] = []  # tokens between a fixed pattern's start and its anchor
        self._validator = Matcher(nlp.vocab, validate=True)
        self.predicate_cache = PredicateCache()
        self.anchors = AnchorIndex()
        self.phrase_matchers: dict[str, PhraseMatcher] = {}
        self.specs: dict[str, PatternSpec] = {}

    def add_specs(self, specs: Iterable[PatternSpec]) -> None:
        """Compile pattern specs into the matchers (a bad Matcher pattern raises ``PatternError``)."""
        phrase_specs = []
        for spec in specs:
            self.specs[spec.id] = spec
            if spec.kind == "token":
                try:
                    self._validator.add(spec.id, [spec.pattern])  # spaCy's own schema check
                    steps = compile_pattern(spec.pattern)
                    offset = anchor_offset(spec.pattern) if steps is not None else 0
                    group = self._group_for(spec.pattern[offset], offset)
                    if steps is not None and group not in self.anchors.always:
                        self.fixed[group].append((spec.id, steps))
                        continue
                    self.matchers[group].add(spec.id, [spec.pattern])
                    self.matched_groups.add(group)
                    length = max_length(spec.pattern, MAX_PATTERN_TOKENS)
                    self.group_length[group] = max(self.group_length[group], length)
                except (ValueError, KeyError, TypeError) as err:
                    where = spec.source or spec.id
                    raise PatternError(f"{where}: invalid spaCy token pattern: {err}") from err
            else:
                phrase_specs.append(spec)
        self._add_phrases(phrase_specs)

    def _group_for(self, anchor_token: dict, offset: int = 0) -> int:
        """The group of patterns anchored on ``anchor_token``, found ``offset`` tokens after their start."""
        key = json.dumps(anchor_token, sort_keys=True) + (f"@{offset}" if offset else "")
        if key not in self.group_of:
            self.group_of[key] = len(self.matchers)
            self.matchers.append(Matcher(self.nlp.vocab, validate=True))
            self.group_length.append(1)
            self.group_offset.append(offset)
            self.fixed.append([])
            self.anchors.add_group(self.group_of[key], anchor_token)
        return self.group_of[key]

    def _pattern_doc(self, spec: PatternSpec) -> Doc:
        doc = self.nlp.make_doc(spec.pattern)
        if spec.attr == "LEMMA":
            for name, proc in self.nlp.pipeline:
                if name != self.name:
                    doc = proc(doc)
        return doc

    def _add_phrases(self, specs: list[PatternSpec]) -> None:
        for spec in specs:
            matcher = self.phrase_matchers.get(spec.attr)
            if matcher is None:
                matcher = self.phrase_matchers[spec.attr] = PhraseMatcher(self.nlp.vocab, attr=spec.attr)
            matcher.add(spec.id, [self._pattern_doc(spec)])

    def __call__(self, doc: Doc) -> Doc:
        """Store every match of the provision on ``doc._.palermo_matches``."""
        strings = self.nlp.vocab.strings
        hits: set[tuple[int, int, int]] = set()
        found: set[tuple[str, int, int]] = set()
        for group in self.anchors.always:
            hits.update(self.matchers[group](doc))
        size = len(doc)
        keys = token_keys(doc)
        ok = self.predicate_cache.bind(doc, keys)
        for group, positions in self.anchors.positions(doc, keys).items():
            offset = self.group_offset[group]
            for spec_id, steps in self.fixed[group]:
                for start in (i - offset for i in positions if i >= offset):
                    found.update((spec_id, start, end) for end in match_ends(steps, start, size, ok))
            if group in self.matched_groups and group not in self.anchors.always:
                matcher = self.matchers[group]
                if size <= WHOLE_DOC_TOKENS:
                    hits.update(matcher(doc))
                    continue
                for start, end in windows(positions, self.group_length[group], size):
                    hits.update((key, start + s, start + e) for key, s, e in matcher(doc[start:end]))
        for matcher in self.phrase_matchers.values():
            hits.update(matcher(doc))
        found.update((strings[key], start, end) for key, start, end in hits)
        matches = []
        for spec_id, start, end in found:
            spec = self.specs[spec_id]
            span = doc[start:end]
            matches.append(RawMatch(spec.element, span.start_char, span.end_char, start, end, spec.id,
                                    spec.confidence))
        matches.sort(key=lambda m: (m.start, m.end, m.element, m.pattern_id))
        doc._.palermo_matches = matches
        return doc


@Language.factory(COMPONENT, default_config={"lang": ""})
def make_palermo_tagger(nlp: Language, name: str, lang: str) -> PalermoTagger:
    """spaCy factory of the matcher component (patterns are added with ``add_specs``)."""
    return PalermoTagger(nlp, name, lang)


def blank_pipeline(lang: str) -> Language:
    """``spacy.blank(lang)`` plus the lookup lemmatizer when spacy-lookups-data has a table.

    The table is spacy-lookups-data's ``lemma_lookup`` (the one spaCy's ``lookup`` lemmatizer uses);
    ``indexer.tagging.lemmas`` applies it vectorised.
    """
    nlp = spacy.blank(lang)
    nlp.max_length = MAX_CHARS + 1
    try:
        add_lookup_lemmas(nlp)
    except (ValueError, OSError, KeyError) as err:  # no lookup table for this language
        log.warning("no lookup lemmatizer for %s (%s); LEMMA falls back to the text", lang, err)
        for name in ("lemmatizer", LEMMA_COMPONENT):
            if name in nlp.pipe_names:
                nlp.remove_pipe(name)
    return nlp


def build_nlp(lang: str, specs: Iterable[PatternSpec] | None = None) -> Language:
    """A blank pipeline for ``lang`` with the matcher component loaded with ``specs``.

    Without ``specs`` the validated pattern files of ``patterns/<lang>/`` are used.
    """
    specs = list(load_patterns(lang) if specs is None else specs)
    if not any(not spec.is_cue for spec in specs):
        raise PatternError(f"no element patterns for language {lang!r}")
    nlp = blank_pipeline(lang)
    component: PalermoTagger = nlp.add_pipe(COMPONENT, config={"lang": lang})
    component.add_specs(specs)
    return nlp
