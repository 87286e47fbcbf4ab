"""Mentions that grant nothing: a permit a person already holds, forfeited assets paid to victims.

- ``status.residence`` evidence right after ``cue.holder`` ("the holder of a temporary resident
  permit", "l'étranger titulaire d'une carte de séjour", "el titular de una autorización de
  residencia") names the person a provision is about; the permit is granted elsewhere.
- ``crim.confiscation`` evidence that overlaps ``rights.victim_fund`` evidence ("shall transfer
  assets forfeited ... to satisfy victim restitution orders") says what happens to assets already
  forfeited: the provision funds victims, it does not order forfeiture.
"""

from __future__ import annotations

from indexer.tagging.rules.base import Analysis

HOLDER_GAP = 2  # tokens between the holder cue and the permit ("holder of a valid permit")
HELD = ("status.residence",)
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
