"""The Tagger: spaCy matches -> rule functions -> ``indexer.models.Tag`` with evidence and offsets."""

from __future__ import annotations

import logging
import re
import threading

from spacy.language import Language

from indexer.models import Tag
from indexer.tagging.component import MAX_CHARS, RawMatch, build_nlp
from indexer.tagging.loader import PATTERNS_DIR, PatternError
from indexer.tagging.rules import context, derived, information, mentions, scope
from indexer.tagging.rules.base import Analysis, Evidence
from indexer.tagging.spacing import IDENTITY, normalise_whitespace

log = logging.getLogger(__name__)

MIN_CONFIDENCE = 0.5  # candidates below this are not emitted
CUE_CACHE_SIZE = 20_000  # distinct headings/titles/paths whose cues are kept
# C0/C1 control characters except tab/newline/carriage return, e.g. "\x00", "\x1b", "\x85"
CONTROL_CHARS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# "en", "EN", "en-GB", "en_US", "eng" -> "en"
LANGUAGE_RE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
ISO639_2 = {"eng": "en", "fra": "fr", "fre": "fr", "spa": "es", "deu": "de", "ger": "de", "nld": "nl",
            "dut": "nl", "por": "pt", "cat": "ca"}

# The rule functions in the order they run; each is small, named and tested on its own.
RULES = (
    scope.apply_negation,
    scope.apply_body_names,
    scope.apply_nested_acts,
    mentions.apply_holder,
    mentions.apply_overlapped,
    mentions.apply_safe_return,
    mentions.apply_parenthesised_participation,
    context.apply_definition_scope,
    scope.apply_aggravation_only,
    scope.apply_substandard_labour,
    derived.derive_consent_irrelevant,
    derived.derive_no_means,
    derived.derive_child_offence_without_means,
    derived.derive_child_under_18,
    derived.derive_means_not_required,
    derived.derive_non_punishment,
    derived.derive_unconditional_assistance,
    derived.derive_special_needs,
    derived.derive_offence,
    derived.derive_aggravation,
    scope.apply_use_of_services,
    scope.apply_general_part,
    scope.apply_specific_offence,
    scope.apply_general_context_crim,
    scope.apply_group_offence,
    scope.apply_victim_scope,
    information.apply_information_only,
    mentions.apply_non_operative,
)


class TaggingError(ValueError):
    """A provision cannot be tagged (unknown language, oversized text...)."""


def normalise_language(language: str) -> str:
    """Map a language tag ("EN", "en-GB", "fra") to the pattern folder code; raise when unknown."""
    match = LANGUAGE_RE.match((language or "").strip())
    if not match:
        raise TaggingError(f"bad language code {language!r}")
    code = match.group(1).lower()
    code = ISO639_2.get(code, code)
    if not (PATTERNS_DIR / code).is_dir() or not any((PATTERNS_DIR / code).glob("*.jsonl")):
        raise TaggingError(f"no patterns for language {language!r}")
    return code


def clean_text(text: str) -> str:
    """Replace control characters by spaces (same length, so offsets into the original stay valid)."""
    return CONTROL_CHARS_RE.sub(" ", text)


def combine(evidence: list[Evidence]) -> Evidence:
    """Best evidence of one element; confidence rises when patterns agree on *different* spans.

    Matches on overlapping spans are one piece of evidence (the most confident counts); separate
    passages are combined with a noisy-or.
    """
    ranked = sorted(evidence, key=lambda e: (-e.confidence, e.end - e.start))
    best = ranked[0]
    independent: list[Evidence] = []
    ids: list[str] = []
    for item in ranked:
        ids.extend(i for i in item.rule_ids if i not in ids)
        if all(item.end <= other.start or item.start >= other.end for other in independent):
            independent.append(item)
    miss = 1.0
    for item in independent:
        miss *= 1.0 - min(item.confidence, 0.99)
    combined = min(1.0 - miss, 0.99)
    return Evidence(best.element, best.start, best.end, round(combined, 3), ids, best.tok_start, best.tok_end)


class Tagger:
    """Tags provisions with Protocol elements. Use ``get_tagger()`` for the cached instance."""

    def __init__(self, pipelines: dict[str, Language] | None = None):
        self._pipelines: dict[str, Language] = dict(pipelines or {})
        self._cue_cache: dict[tuple[str, str], frozenset[str]] = {}
        self._lock = threading.Lock()

    def pipeline(self, language: str) -> Language:
        """The (lazily built) spaCy pipeline of a language."""
        code = normalise_language(language) if language not in self._pipelines else language
        with self._lock:
            if code not in self._pipelines:
                try:
                    self._pipelines[code] = build_nlp(code)
                except PatternError:
                    raise
                except (OSError, ImportError, ValueError) as err:
                    raise TaggingError(f"cannot build a pipeline for {code!r}: {err}") from err
            return self._pipelines[code]

    def _outer_cues(self, nlp: Language, heading: str, law_title: str) -> frozenset[str]:
        cues: set[str] = set()
        for extra in (heading, law_title):
            if extra and extra.strip():
                cues.update(self._cues_of(nlp, extra[:2000]))
        return frozenset(cues)

    def _cues_of(self, nlp: Language, text: str) -> frozenset[str]:
        """Cue ids in a heading, law title or path (cached: every provision of a law repeats them)."""
        key = (nlp.lang, text)
        cached = self._cue_cache.get(key)
        if cached is None:
            doc = nlp(normalise_whitespace(clean_text(text))[0])
            cached = frozenset(m.element for m in doc._.palermo_matches if m.element.startswith("cue."))
            with self._lock:
                if len(self._cue_cache) >= CUE_CACHE_SIZE:
                    self._cue_cache.clear()
                self._cue_cache[key] = cached
        return cached

    def analyse(self, text: str, language: str, *, heading: str = "", law_title: str = "",
                cites: str | None = None, path: str = "") -> Analysis:
        """Run the pipeline and every rule; returns the analysis (context, candidates, applied rules).

        ``cites`` says what the provisions this one cites are about, when the caller resolved its
        cross-references (``rules.base.CITES_TRAFFICKING`` / ``CITES_OTHER``; None when unknown).
        ``path`` is every enclosing level's label: only whether it names a general part ("Book I:
        General provisions") is read from it.
        """
        if not isinstance(text, str):
            raise TaggingError(f"text must be a string, not {type(text).__name__}")
        if len(text) > MAX_CHARS:
            raise TaggingError(f"provision text too long ({len(text)} > {MAX_CHARS} characters)")
        nlp = self.pipeline(language)
        if not text.strip():
            return Analysis(text=text, matches=[])
        matches = run_matcher(nlp, text)
        outer = self._outer_cues(nlp, heading, law_title)
        if path.strip() and "cue.general_part" in self._cues_of(nlp, path[:2000]):
            outer |= {"cue.general_part"}
        analysis = Analysis.build(text, matches, outer)
        analysis.cites = cites
        analysis.placed = bool(heading.strip() or law_title.strip())
        scope.drop_negated_cues(analysis)
        analysis.context = context.classify_context(analysis)
        for rule in RULES:
            rule(analysis)
        return analysis

    def tag(self, text: str, language: str, *, heading: str = "", law_title: str = "",
            cites: str | None = None, path: str = "") -> list[Tag]:
        """Tag one provision; raises ``TaggingError`` for an unknown language or oversized text."""
        return to_tags(self.analyse(text, language, heading=heading, law_title=law_title, cites=cites,
                                    path=path))

    def tag_batch(self, items: list[dict]) -> list[list[Tag]]:
        """Tag many provisions (dicts with text, language, heading?, law_title?); bad items give []."""
        return [result.tags for result in self.tag_batch_detailed(items)]

    def tag_batch_detailed(self, items: list[dict]) -> list[TagResult]:
        """Like ``tag_batch`` but keeps the error message of every item that could not be tagged."""
        results = []
        for item in items:
            try:
                if not isinstance(item, dict):
                    raise TaggingError("item must be an object with text and language")
                analysis = self.analyse(item.get("text", ""), str(item.get("language", "")),
                                        heading=str(item.get("heading") or ""),
                                        law_title=str(item.get("law_title") or ""), cites=item.get("cites"),
                                        path=str(item.get("path") or ""))
                results.append(TagResult(to_tags(analysis), None, analysis.context))
            except (TaggingError, PatternError) as err:
                results.append(TagResult([], str(err)))
            except Exception as err:  # noqa: BLE001 - one bad provision must not stop the batch
                log.exception("tagging failed")
                results.append(TagResult([], f"internal error: {type(err).__name__}: {err}"))
        return results


def run_matcher(nlp: Language, text: str) -> list[RawMatch]:
    """Matches of the pipeline on a whitespace-normalised copy, with offsets into ``text``."""
    normalised, offsets = normalise_whitespace(clean_text(text))
    doc = nlp(normalised)
    matches: list[RawMatch] = doc._.palermo_matches or []
    if offsets is IDENTITY:
        return matches
    return [m._replace(start=offsets.start(m.start), end=offsets.end(m.end)) for m in matches]


class TagResult:
    """Tags of one provision and its context label, or the error that prevented tagging it."""

    __slots__ = ("tags", "error", "context")

    def __init__(self, tags: list[Tag], error: str | None, context: str | None = None):
        self.tags = tags
        self.error = error
        self.context = context


TRAILING = " \t\r\n,;:"  # separators a pattern may consume after the evidence ("legal services,")


def trimmed_end(text: str, start: int, end: int) -> int:
    """End offset of the evidence without trailing separators (never shorter than one character)."""
    while end - 1 > start and text[end - 1] in TRAILING:
        end -= 1
    return end


def to_tags(analysis: Analysis) -> list[Tag]:
    """Turn the surviving candidates into ``Tag`` objects (evidence = exact text slice)."""
    tags = []
    for element, evidence in sorted(analysis.candidates.items()):
        best = combine(evidence)
        if best.confidence < MIN_CONFIDENCE:
            continue
        end = trimmed_end(analysis.text, best.start, best.end)
        quote = analysis.text[best.start:end]
        rule_ids = best.rule_ids + [r for r, changes in analysis.applied.items()
                                    if "+" + element in changes and r not in best.rule_ids]
        tags.append(Tag(element=element, evidence=quote, start=best.start, end=end,
                        confidence=best.confidence, rule_ids=rule_ids, source="auto"))
    return tags
