"""The data a rule function works on: the provision's matches and the candidate elements."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from indexer.tagging.component import RawMatch

# Context labels of a provision (rules/context.py decides which one applies).
TRAFFICKING = "trafficking"
EXPLOITATION_DEFINITION = "exploitation_definition"
SLAVERY_OFFENCE = "slavery_offence"
OTHER_OFFENCE = "other_offence"
GENERAL = "general"
DEFINITION_CONTEXTS = frozenset({TRAFFICKING, EXPLOITATION_DEFINITION, SLAVERY_OFFENCE})
DEFINITION_GROUPS = ("act.", "means.", "purpose.")
# Values of ``Analysis.cites`` when the caller resolved the provision's cross-references
CITES_TRAFFICKING = "trafficking"  # a cited provision defines or punishes trafficking or slavery
CITES_OTHER = "other"  # every resolved citation is about something else (theft, arms, smuggling...)


@dataclass
class Evidence:
    """A candidate element with its evidence span, confidence and the pattern/rule ids behind it."""

    element: str
    start: int
    end: int
    confidence: float
    rule_ids: list[str] = field(default_factory=list)
    tok_start: int = -1
    tok_end: int = -1

    @classmethod
    def from_match(cls, match: RawMatch) -> Evidence:
        """Evidence made from one pattern match."""
        return cls(match.element, match.start, match.end, match.confidence, [match.pattern_id],
                   match.tok_start, match.tok_end)


@dataclass
class Analysis:
    """Everything the rules know about one provision.

    ``matches`` are the matches in the provision text (elements and cues); ``outer_cues`` are cue ids
    found in the heading and the law title. ``candidates`` maps element id to its evidence list; rules
    add, remove or re-score candidates and record what they did in ``applied``.
    """

    text: str
    matches: list[RawMatch]
    outer_cues: frozenset[str] = frozenset()
    cites: str | None = None  # what its cited provisions are about: CITES_TRAFFICKING, CITES_OTHER, None
    placed: bool = False  # the caller said where the provision sits (its heading or the law title)
    context: str = GENERAL
    candidates: dict[str, list[Evidence]] = field(default_factory=dict)
    applied: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, text: str, matches: Iterable[RawMatch], outer_cues: Iterable[str] = ()) -> Analysis:
        """An analysis whose candidates are every element (non-cue) match."""
        analysis = cls(text=text, matches=list(matches), outer_cues=frozenset(outer_cues))
        for match in analysis.matches:
            if not match.element.startswith("cue."):
                analysis.candidates.setdefault(match.element, []).append(Evidence.from_match(match))
        return analysis

    def cues(self, *names: str) -> list[RawMatch]:
        """The text's matches of the given cue ids, in text order."""
        wanted = set(names)
        return [m for m in self.matches if m.element in wanted]

    def has(self, *names: str) -> bool:
        """True when the text has a match of any of the given cue or element ids."""
        wanted = set(names)
        return any(m.element in wanted for m in self.matches) or any(n in self.candidates for n in names)

    def has_prefix(self, prefix: str) -> bool:
        """True when a candidate element starts with ``prefix`` (e.g. ``"act."``)."""
        return any(e.startswith(prefix) for e in self.candidates)

    def elements_with_prefix(self, prefix: str) -> list[str]:
        """Candidate element ids starting with ``prefix``."""
        return [e for e in self.candidates if e.startswith(prefix)]

    def drop(self, element: str, rule: str) -> None:
        """Remove a candidate element, recording the rule that removed it."""
        if self.candidates.pop(element, None) is not None:
            self.applied.setdefault(rule, []).append("-" + element)

    def keep(self, element: str, wanted: Callable[[Evidence], bool], rule: str) -> None:
        """Keep the evidence of ``element`` that ``wanted`` accepts; drop the element when none is left."""
        evidence = self.candidates.get(element)
        if not evidence:
            return
        kept = [e for e in evidence if wanted(e)]
        if kept:
            self.candidates[element] = kept
        else:
            self.drop(element, rule)

    def add(self, evidence: Evidence, rule: str) -> None:
        """Add (or reinforce) a candidate produced by a rule."""
        evidence.rule_ids.append(rule)
        self.candidates.setdefault(evidence.element, []).append(evidence)
        self.applied.setdefault(rule, []).append("+" + evidence.element)

    def first_start(self, names: Iterable[str]) -> int | None:
        """Smallest start offset among matches/candidates of the given ids (None when absent)."""
        wanted = set(names)
        starts = [m.start for m in self.matches if m.element in wanted]
        return min(starts) if starts else None


def near(a: RawMatch | Evidence, b: RawMatch | Evidence, tokens: int) -> bool:
    """True when two matches are at most ``tokens`` tokens apart (or overlap)."""
    gap = max(a.tok_start, b.tok_start) - min(a.tok_end, b.tok_end)
    return gap <= tokens


def span_of(text: str, first: RawMatch | Evidence, second: RawMatch | Evidence,
            limit: int = 300) -> tuple[int, int]:
    """Character span covering two matches; falls back to ``first`` alone when longer than ``limit``."""
    start, end = min(first.start, second.start), max(first.end, second.end)
    if end - start > limit:
        return first.start, first.end
    return start, end


# A sentence or list-item boundary between two cues: ". " / ";" / newline, e.g. "... valid. The court"
BOUNDARY_RE = re.compile(r"[.;]\s|\n")


def same_sentence(text: str, a, b) -> bool:
    """True when no sentence/list boundary separates the two matches."""
    start, end = min(a.end, b.end), max(a.start, b.start)
    return start >= end or not BOUNDARY_RE.search(text, start, end)


def sentence_end(text: str, position: int) -> int:
    """Offset of the first sentence/list boundary after ``position`` (the text length when none)."""
    match = BOUNDARY_RE.search(text, position)
    return match.start() if match else len(text)

