"""Mentions that grant nothing: a permit a person already holds, forfeited assets paid to victims.

- ``status.residence`` evidence right after ``cue.holder`` ("the holder of a temporary resident
  permit", "l'étranger titulaire d'une carte de séjour", "el titular de una autorización de
  residencia") names the person a provision is about; the permit is granted elsewhere.
- ``crim.confiscation`` evidence that overlaps ``rights.victim_fund`` evidence ("shall transfer
  assets forfeited ... to satisfy victim restitution orders") says what happens to assets already
  forfeited: the provision funds victims, it does not order forfeiture.
- ``prot.physical_safety`` evidence in the sentence that organises a victim's return ("the return
  shall be with due regard for the safety of that person", "garantizando su seguridad") is how the
  return must be done: the repatriation element, not protection from harm.
- a provision that opens with findings ("Congress finds that") or with a criterion for judging another
  State ("whether the government of the country has adopted measures") establishes nothing:
  ``cue.non_operative`` at its start removes every candidate.
- attempt, complicity or conspiracy named inside parentheses ("jurisdiction over any offence (or
  any attempt or conspiracy to commit an offence)") widens another rule; it does not punish them.
"""

from __future__ import annotations

import re

from indexer.tagging.rules.base import Analysis, near, same_sentence

HOLDER_GAP = 2  # tokens between the holder cue and the permit ("holder of a valid permit")
HELD = ("status.residence",)
RETURN_GAP = 12  # tokens between a return and the safety it must respect ("return ... with due regard for")
PARENTHESISED = ("crim.attempt", "crim.complicity", "crim.organizing")
MIN_ASIDE = 8  # characters inside parentheses for an aside, so that "(a)" or "(iv)" never counts
# element -> elements whose evidence, when it overlaps, shows the element is only mentioned
OVERLAPPED_BY = {"crim.confiscation": ("rights.victim_fund",)}


def apply_holder(analysis: Analysis) -> None:
    """Drop residence evidence that names a permit its holder already has."""
    holders = analysis.cues("cue.holder")
    if not holders:
        return
    for element in HELD:
        analysis.keep(element, lambda e: not any(0 <= e.tok_start - h.tok_end <= HOLDER_GAP for h in holders),
                      "rule.holder")


def apply_overlapped(analysis: Analysis) -> None:
    """Drop evidence that overlaps the evidence of an element that explains it (see OVERLAPPED_BY)."""
    for element, hosts in OVERLAPPED_BY.items():
        spans = [(e.start, e.end) for host in hosts for e in analysis.candidates.get(host, [])]
        analysis.keep(element, lambda e, spans=spans: not any(e.start < t and s < e.end for s, t in spans),
                      "rule.overlapped")


def apply_safe_return(analysis: Analysis) -> None:
    """Drop physical-safety evidence that qualifies a nearby repatriation in the same sentence."""
    returns = analysis.candidates.get("status.repatriation", [])
    if returns:
        analysis.keep("prot.physical_safety",
                      lambda e: not any(near(r, e, RETURN_GAP) and same_sentence(analysis.text, r, e)
                                        for r in returns), "rule.safe_return")


def in_parentheses(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` lies inside one pair of parentheses holding an aside."""
    opening = text.rfind("(", 0, start)
    if opening < 0 or text.rfind(")", 0, start) > opening:
        return False
    closing = text.find(")", end)
    if closing < 0 or "(" in text[end:closing]:
        return False
    return closing - opening - 1 >= MIN_ASIDE


def apply_parenthesised_participation(analysis: Analysis) -> None:
    """Drop attempt/complicity/organising evidence named only in a parenthetical aside."""
    for element in PARENTHESISED:
        analysis.keep(element, lambda e: not in_parentheses(analysis.text, e.start, e.end),
                      "rule.parenthesised_participation")


# Only labels before the formula: "", "(b) ", "3. (a) " (the provision opens with it)
OPENING_RE = re.compile(r"\s*(?:(?:\(?[0-9A-Za-z]{1,4}[.)]|\[[0-9]+\])\s*)*")


def apply_non_operative(analysis: Analysis) -> None:
    """A provision that opens with findings, a recital or a criterion for judging another State
    establishes no element: drop them all (operative text that follows a heading is kept)."""
    text = analysis.text
    opens = any(OPENING_RE.fullmatch(text, 0, m.start) for m in analysis.cues("cue.non_operative"))
    if opens or "cue.non_operative" in analysis.outer_cues:  # or under an "Explanatory memorandum" heading
        for element in list(analysis.candidates):
            analysis.drop(element, "rule.non_operative")

