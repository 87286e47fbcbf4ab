"""Elements derived from combinations of cues: consent, children, non-punishment, crim.offence..."""

from __future__ import annotations

import re

from indexer.tagging.rules.base import (
    DEFINITION_CONTEXTS,
    GENERAL,
    SLAVERY_OFFENCE,
    TRAFFICKING,
    Analysis,
    Evidence,
    near,
    same_sentence,
    span_of,
)
from indexer.tagging.rules.scope import aggravation_start, is_aggravation_only

WINDOW = 25  # tokens: how close two cues must be to form one statement
CHILD_WINDOW = 30
CHILD_ACT_GAP = 20  # tokens between an act and the child it is done to ("delivers ..., a person under 18")


def _pair(analysis: Analysis, first: str, second: str, window: int = WINDOW):
    """First (a, b) pair of matches of two cue/element ids within ``window`` tokens and one sentence."""
    for a in analysis.cues(first):
        for b in analysis.cues(second):
            if near(a, b, window) and same_sentence(analysis.text, a, b):
                return a, b
    return None


def _derive(analysis: Analysis, element: str, pair, confidence: float, rule: str) -> None:
    start, end = span_of(analysis.text, pair[0], pair[1])
    tok_start = min(pair[0].tok_start, pair[1].tok_start)
    tok_end = max(pair[0].tok_end, pair[1].tok_end)
    ids: list[str] = []
    for item in pair:
        for ident in getattr(item, "rule_ids", None) or [getattr(item, "pattern_id", "")]:
            if ident and ident not in ids:
                ids.append(ident)
    analysis.add(Evidence(element, start, end, confidence, ids, tok_start, tok_end), rule)


def derive_consent_irrelevant(analysis: Analysis) -> None:
    """``cue.consent`` near ``cue.irrelevant`` in a trafficking/exploitation context."""
    in_scope = analysis.context in DEFINITION_CONTEXTS or analysis.has("cue.victim", "cue.exploitation")
    if not in_scope or analysis.context == "other_offence":
        analysis.drop("definition.consent_irrelevant", "rule.consent.scope")
        return
    pair = _pair(analysis, "cue.consent", "cue.irrelevant", 40)
    if pair:
        _derive(analysis, "definition.consent_irrelevant", pair, 0.9, "rule.consent_irrelevant")


def derive_no_means(analysis: Analysis) -> None:
    """``cue.no_means`` gives child_no_means when a child is named nearby, else means.not_required."""
    general = analysis.context == GENERAL
    victim_rule = general and analysis.has("cue.victim")  # "where the victim is a child"
    # "trafficking in a minor is constituted even if none of the means is used"
    trafficking_rule = general and any(same_sentence(analysis.text, t, n)
                                       for t in analysis.cues("cue.trafficking")
                                       for n in analysis.cues("cue.no_means"))
    if analysis.context not in DEFINITION_CONTEXTS and not victim_rule and not trafficking_rule:
        analysis.drop("definition.child_no_means", "rule.no_means.scope")
        analysis.drop("means.not_required", "rule.no_means.scope")
        return
    for cue in analysis.cues("cue.no_means"):
        child = [c for c in analysis.cues("cue.child")
                 if near(c, cue, CHILD_WINDOW) or same_sentence(analysis.text, c, cue)]
        if child:
            _derive(analysis, "definition.child_no_means", (cue, child[0]), 0.9, "rule.child_no_means")
        elif not analysis.elements_with_prefix("means."):
            _derive(analysis, "means.not_required", (cue, cue), 0.75, "rule.means_not_required")
    if "means.not_required" in analysis.candidates and any(
            e != "means.not_required" for e in analysis.elements_with_prefix("means.")):
        analysis.drop("means.not_required", "rule.means_not_required.means_listed")


def derive_child_offence_without_means(analysis: Analysis) -> None:
    """A child-specific trafficking offence that lists acts and no means: definition.child_no_means.

    The child must be named in the same sentence, within ``CHILD_ACT_GAP`` tokens of an act; an
    offence that first refers to another provision is left alone (its means are defined there).
    """
    if analysis.context != TRAFFICKING or analysis.has_prefix("means.") or is_aggravation_only(analysis):
        return
    if not analysis.has("cue.offence", "cue.penalty"):
        return
    acts = [e for name in analysis.elements_with_prefix("act.") for e in analysis.candidates[name]]
    if not acts:
        return
    first_act = min(e.start for e in acts)
    if any(r.start < first_act for r in analysis.cues("cue.reference")):
        return  # "the offence referred to in article 5 committed against a child": means defined there
    child = analysis.cues("cue.child")
    for act in acts:
        close = [c for c in child if near(c, act, CHILD_ACT_GAP) and same_sentence(analysis.text, c, act)]
        if close:
            _derive(analysis, "definition.child_no_means", (close[0], close[0]), 0.7,
                    "rule.child_offence_without_means")
            return


def derive_child_under_18(analysis: Analysis) -> None:
    """A child defined as under 18, or 18 as the threshold of a child-specific offence/definition."""
    if analysis.context == "other_offence":
        analysis.drop("definition.child_under_18", "rule.child_under_18.scope")
        return
    pair = _pair(analysis, "cue.child", "cue.age_18", 12)
    if not pair:
        return
    if analysis.has("cue.definition") and any(near(d, pair[1], 20) for d in analysis.cues("cue.definition")):
        _derive(analysis, "definition.child_under_18", pair, 0.9, "rule.child_under_18.definition")
    elif (analysis.context == TRAFFICKING and analysis.has_prefix("act.")
          and analysis.has("cue.offence", "cue.penalty", "cue.definition")
          and not is_aggravation_only(analysis) and not _aggravation_before(analysis, pair[0].start)):
        _derive(analysis, "definition.child_under_18", pair, 0.75, "rule.child_under_18.offence")
    else:
        return
    child_alternative_to_means(analysis, pair)


def child_alternative_to_means(analysis: Analysis, pair) -> None:
    """A child branch after the means ("by force or fraud, or where the person is under 18") needs
    no means: definition.child_no_means."""
    if analysis.context != TRAFFICKING:
        return
    if not analysis.has_prefix("act.") or not analysis.has_prefix("means."):
        return
    if "definition.child_no_means" in analysis.candidates or _aggravation_before(analysis, pair[0].start):
        return
    first_means = min(e.start for name in analysis.elements_with_prefix("means.")
                      for e in analysis.candidates[name])
    if pair[0].start > first_means:
        _derive(analysis, "definition.child_no_means", pair, 0.65, "rule.child_no_means.alternative")


def _aggravation_before(analysis: Analysis, offset: int) -> bool:
    starts = [m.start for m in analysis.matches if m.element in ("cue.aggravation", "crim.aggravation")]
    return any(start <= offset for start in starts)


def derive_means_not_required(analysis: Analysis) -> None:
    """A trafficking offence or definition stating acts and a purpose and no means at all.

    Gives means.not_required (for adults as well as children) unless the provision is
    child-specific (then child_no_means applies) or only aggravates a penalty.
    """
    if analysis.context != TRAFFICKING or analysis.has_prefix("means.") or is_aggravation_only(analysis):
        return
    if "definition.child_no_means" in analysis.candidates:
        return
    if not analysis.has("cue.offence", "cue.definition"):
        return
    if not analysis.has("cue.exploitation", "cue.trafficking"):  # e.g. slave-trade offences
        return
    acts = [e for name in analysis.elements_with_prefix("act.") for e in analysis.candidates[name]]
    purposes = analysis.cues("cue.purpose_marker", "cue.exploitation") + [
        m for m in analysis.matches if m.element.startswith("purpose.")]
    if not acts or not purposes:
        return
    first = min(acts, key=lambda e: e.start)
    after = [p for p in purposes if p.start >= first.start and same_sentence(analysis.text, first, p)]
    if after:
        _derive(analysis, "means.not_required", (first, after[0]), 0.7,
                "rule.means_not_required.no_means_listed")


def derive_aggravation(analysis: Analysis) -> None:
    """An aggravation cue ("where the offence involves ...", "the penalty is doubled") in a penal
    provision on trafficking or slavery gives crim.aggravation."""
    if analysis.context not in (TRAFFICKING, SLAVERY_OFFENCE) and not analysis.has("cue.trafficking"):
        return
    if not analysis.has("cue.penalty", "cue.offence"):
        return
    cues = analysis.cues("cue.aggravation")
    if cues:
        _derive(analysis, "crim.aggravation", (cues[0], cues[0]), 0.7, "rule.aggravation")
        return
    pair = child_penalty(analysis)
    if pair and analysis.context in (TRAFFICKING, SLAVERY_OFFENCE):
        _derive(analysis, "crim.aggravation", pair, 0.65, "rule.aggravation.child_penalty")


# A later penalty that is not heavier, e.g. "the same penalty", "les mêmes peines", "la misma pena"
SAME_PENALTY_RE = re.compile(r"\b(same|mêmes?|mism[ao]s?)\s+(penalt|punish|sentence|peine|pena)",
                             re.IGNORECASE)


def child_penalty(analysis: Analysis):
    """(child, penalty) when the offence states its penalty and then a separate penalty for a child
    victim ("... is punished by seven years. Where the victim is a minor ... it is punished by ten
    years", "Cuando la víctima fuera menor de edad se impondrá la pena de ..."), or None."""
    penalties = sorted(analysis.cues("cue.penalty", "cue.offence"), key=lambda m: m.start)
    if len(penalties) < 2:
        return None
    first = penalties[0]
    for child in analysis.cues("cue.child"):
        if child.start <= first.end:
            continue
        later = [p for p in penalties if p.start > child.end and near(child, p, CHILD_WINDOW)]
        if later and not SAME_PENALTY_RE.search(analysis.text, child.start, later[0].end):
            return child, later[0]
    return None


def derive_special_needs(analysis: Analysis) -> None:
    """Measures for child victims ("child victims", "victims under eighteen") in the same sentence as
    an assistance or protection measure, or a measure aimed directly at children ("services to
    minors") in a provision on victims: prot.special_needs."""
    measures = analysis.cues("cue.assistance")
    measures += [m for m in analysis.matches if m.element.startswith("prot.")]
    victims = analysis.cues("cue.victim")
    for child in analysis.cues("cue.child"):
        direct = [m for m in measures if 0 <= child.tok_start - m.tok_end <= 2]  # "services to minors"
        if direct and victims:
            _derive(analysis, "prot.special_needs", (direct[0], child), 0.6, "rule.special_needs.child")
            return
        if not any(near(child, v, 3) for v in victims):
            continue
        for measure in measures:
            if near(child, measure, 12) and same_sentence(analysis.text, child, measure):
                _derive(analysis, "prot.special_needs", (measure, child), 0.6, "rule.special_needs.child")
                return


def derive_non_punishment(analysis: Analysis) -> None:
    """Victims not prosecuted/punished for acts they were compelled to commit: rights.non_punishment."""
    for cue in analysis.cues("cue.non_liability"):
        near_victim = [v for v in analysis.cues("cue.victim", "cue.compulsion") if near(v, cue, WINDOW)]
        if near_victim:
            _derive(analysis, "rights.non_punishment", (cue, near_victim[0]), 0.85, "rule.non_punishment")
            return


def derive_unconditional_assistance(analysis: Analysis) -> None:
    """Assistance regardless of the victim's cooperation: rights.unconditional_assistance."""
    if not (analysis.has("cue.assistance") or analysis.has_prefix("prot.")):
        return
    pair = _pair(analysis, "cue.unconditional", "cue.cooperation", 15)
    if pair:
        _derive(analysis, "rights.unconditional_assistance", pair, 0.85, "rule.unconditional_assistance")


def negated(analysis: Analysis, cue) -> bool:
    """True when an offence cue sits inside a non-liability statement ("shall not be liable for
    any offence"): it then states an exemption, not an offence."""
    return any(n.tok_start <= cue.tok_start <= n.tok_end + 4 for n in analysis.cues("cue.non_liability"))


REFERENCE_GAP = 1  # tokens between the offence's name and "as defined in section ..."
OFFENCE_REFERENCE_GAP = 2  # tokens between "proceedings for" / "convicted of" and the offence cue


def referred_to(analysis: Analysis, cue) -> bool:
    """True when an offence cue only refers to an offence ("in proceedings for an offence under this
    Act", "a person convicted of an offence"): it creates none (``cue.offence_reference``)."""
    return any(r.tok_start <= cue.tok_start <= r.tok_end + OFFENCE_REFERENCE_GAP
               for r in analysis.cues("cue.offence_reference"))


def defined_elsewhere(analysis: Analysis) -> bool:
    """The offence is named with a reference to where it is defined ("the crime of enslavement
    defined in article 5", "the offence of trafficking as defined in section 3")."""
    references = analysis.cues("cue.reference")
    return any(0 <= r.tok_start - s.tok_end <= REFERENCE_GAP
               for s in analysis.cues("cue.slavery_offence", "cue.trafficking") for r in references)


def derive_offence(analysis: Analysis) -> None:
    """crim.offence: an offence/penalty cue in a provision about trafficking, slavery or forced labour."""
    if analysis.context not in (TRAFFICKING, SLAVERY_OFFENCE):
        if not (analysis.context == GENERAL and analysis.has("cue.reference")):
            analysis.drop("crim.offence", "rule.offence.scope")
        return
    if is_aggravation_only(analysis) and not analysis.has("cue.slavery_offence"):
        analysis.drop("crim.offence", "rule.offence.aggravation_only")
        return
    if aggravation_start(analysis) is not None and defined_elsewhere(analysis):
        analysis.drop("crim.offence", "rule.offence.defined_elsewhere")
        return
    participation = any(e in analysis.candidates
                        for e in ("crim.attempt", "crim.complicity", "crim.organizing"))
    if participation and not analysis.has_prefix("act.") and not analysis.has("cue.slavery_offence"):
        return  # punishes attempt/complicity/conspiracy, not the offence itself
    cues = [c for c in analysis.cues("cue.offence") if not negated(analysis, c)]
    if not analysis.has("cue.penalty"):
        cues = [c for c in cues if not referred_to(analysis, c)]
        if not cues:
            analysis.drop("crim.offence", "rule.offence.reference")
            return
    if cues:
        _derive(analysis, "crim.offence", (cues[0], cues[0]), 0.85, "rule.offence")
    elif not analysis.candidates.get("crim.offence"):
        analysis.drop("crim.offence", "rule.offence.negated")
