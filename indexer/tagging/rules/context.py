"""Provision context: does this provision define/criminalise trafficking, or something else?

Definition elements (act/means/purpose) are allowed only on provisions that define or criminalise
trafficking in persons, define its exploitation terms, or criminalise slavery, servitude or forced
labour. Smuggling, kidnapping, pimping, organ-trade, document, sexual, begging and adoption offences
get none of them. The decision uses the provision's own words first, its heading and the law title
only as a tie-breaker.
"""

from __future__ import annotations

from indexer.tagging.rules.base import (
    DEFINITION_CONTEXTS,
    DEFINITION_GROUPS,
    EXPLOITATION_DEFINITION,
    GENERAL,
    OTHER_OFFENCE,
    SLAVERY_OFFENCE,
    TRAFFICKING,
    Analysis,
    near,
    same_sentence,
)

OTHER_OFFENCE_CUES = ("cue.smuggling", "cue.kidnapping", "cue.pimping", "cue.organ_trade",
                      "cue.document_offence", "cue.sexual_offence", "cue.begging_offence",
                      "cue.adoption_offence")
TRAFFICKING_CUES = ("cue.trafficking",)
OFFENCE_CUES = ("cue.offence", "cue.penalty")


def _first(analysis: Analysis, names: tuple[str, ...]) -> int | None:
    return analysis.first_start(names)


def trafficking_outranks_other(analysis: Analysis) -> bool:
    """When both trafficking and another offence are named, the one named first is the subject."""
    traf = _first(analysis, TRAFFICKING_CUES)
    other = _first(analysis, OTHER_OFFENCE_CUES)
    if traf is None:
        return False
    if other is None:
        return True
    return traf <= other


def slavery_outranks_other(analysis: Analysis) -> bool:
    """A slavery/servitude/forced-labour offence named before any other offence."""
    slavery = _first(analysis, ("cue.slavery_offence",))
    other = _first(analysis, OTHER_OFFENCE_CUES)
    return slavery is not None and (other is None or slavery <= other)


def defines_or_criminalises(analysis: Analysis) -> bool:
    """The provision defines something, creates an offence, or states an act with a purpose or means."""
    if analysis.has("cue.definition", "cue.offence"):
        return True
    return has_act_and_purpose(analysis) or has_act_and_means(analysis)


def has_act_and_means(analysis: Analysis) -> bool:
    """An act done by at least two different means ("recruits ... by force or deception").

    ``means.not_required`` ("by any means") is no means of its own.
    """
    means = [m for m in analysis.elements_with_prefix("means.") if m != "means.not_required"]
    return analysis.has_prefix("act.") and len(means) >= 2


def has_act_and_purpose(analysis: Analysis) -> bool:
    """An act of the offence together with an exploitative purpose ("recruits ... for exploitation")."""
    has_act = analysis.has_prefix("act.")
    has_purpose = analysis.has_prefix("purpose.") or analysis.has("cue.exploitation")
    return has_act and has_purpose


VICTIM_OF_GAP = 3  # tokens between "victim(s)" and "trafficking" in "victims of (human) trafficking"
TERM_GAP = 4  # tokens between a defined term and its defining formula ("debt bondage" means)


def defines_exploitation_term(analysis: Analysis) -> bool:
    """A definition whose defined term is exploitation, one of its forms or one of the means.

    The term must sit right before (or inside) the defining formula ("“debt bondage” means",
    "exploitation includes"); a means word inside the definiens of another term does not count.
    """
    terms = [m for m in analysis.matches
             if m.element.startswith(("purpose.", "means.")) or m.element == "cue.exploitation"]
    return exploitation_term_start(analysis, terms) is not None


def exploitation_term_start(analysis: Analysis, terms=None) -> int | None:
    """Offset of the first defining formula that has an exploitation/means term next to it."""
    if terms is None:
        terms = [m for m in analysis.matches
                 if m.element.startswith(("purpose.", "means.")) or m.element == "cue.exploitation"]
    for cue in analysis.cues("cue.definition"):
        for term in terms:
            if term.tok_start < cue.tok_end and near(cue, term, TERM_GAP):
                return term.start
    return None


def trafficking_subject_start(analysis: Analysis) -> int | None:
    """Offset of a trafficking cue that is the provision's subject, not a passing mention.

    It is the subject when the provision defines it ("trafficking in persons means"), makes it an
    offence in the same sentence ("commits the offence of trafficking"), or names it in an offence
    that also states acts of the offence.
    """
    victims = analysis.cues("cue.victim")
    # "a victim of trafficking" refers to a person, it does not make trafficking the subject
    traf = [c for c in analysis.cues(*TRAFFICKING_CUES)
            if not any(0 <= c.tok_start - v.tok_end <= VICTIM_OF_GAP for v in victims)]
    if not traf:
        return None
    definitions = analysis.cues("cue.definition")
    offences = analysis.cues("cue.offence")
    for cue in traf:
        if any(near(cue, d, TERM_GAP) for d in definitions):
            return cue.start
        if any(same_sentence(analysis.text, cue, o) for o in offences):
            return cue.start
    if offences and analysis.has_prefix("act."):
        return traf[0].start
    return None


def _act_start(analysis: Analysis) -> int | None:
    starts = [e.start for name in analysis.elements_with_prefix("act.") for e in analysis.candidates[name]]
    return min(starts) if starts else None


def subject_positions(analysis: Analysis) -> dict[str, int]:
    """Where the provision first names each possible subject (only subjects that are present)."""
    found: dict[str, int] = {}
    operative = defines_or_criminalises(analysis)
    traf = trafficking_subject_start(analysis)
    if traf is not None:
        found[TRAFFICKING] = traf
    slavery = _first(analysis, ("cue.slavery_offence",))
    if slavery is not None and analysis.has(*OFFENCE_CUES):
        found[SLAVERY_OFFENCE] = slavery
    stated = has_act_and_purpose(analysis) or has_act_and_means(analysis)
    if stated and analysis.has("cue.definition", *OFFENCE_CUES):
        act = _act_start(analysis)
        if act is not None and (TRAFFICKING not in found or act < found[TRAFFICKING]):
            found[TRAFFICKING] = act
    sale = _first(analysis, ("cue.sale",))
    if sale is not None and analysis.has("cue.child", "cue.exploitation") and operative:
        found[TRAFFICKING] = min(sale, found.get(TRAFFICKING, sale))
    term = exploitation_term_start(analysis)
    if term is not None:
        found[EXPLOITATION_DEFINITION] = term
    other = _first(analysis, OTHER_OFFENCE_CUES)
    if other is not None and not named_in_aggravation(analysis, other):
        found[OTHER_OFFENCE] = other
    return found


def named_in_aggravation(analysis: Analysis, offset: int) -> bool:
    """True when another offence is first named after an aggravation signal in an offence that
    states acts ("... if the violation includes kidnapping or aggravated sexual abuse"): it is a
    circumstance of the penalty, not the provision's subject."""
    aggravations = [m.start for m in analysis.matches if m.element == "cue.aggravation"]
    return bool(aggravations) and min(aggravations) < offset and (
        analysis.has_prefix("act.") or analysis.has("cue.slavery_offence", "cue.trafficking"))


def classify_context(analysis: Analysis) -> str:
    """Return the context label of the provision (see ``rules.base``).

    The subject named first wins (trafficking before slavery before other offences on ties): an
    offence of trafficking whose aggravations mention "sexual assault" stays a trafficking offence,
    and a smuggling offence that mentions trafficking in passing stays a smuggling offence.
    """
    found = subject_positions(analysis)
    if found:
        order = {TRAFFICKING: 0, EXPLOITATION_DEFINITION: 1, SLAVERY_OFFENCE: 2, OTHER_OFFENCE: 3}
        first = min(found, key=lambda name: (found[name], order[name]))
        if first == EXPLOITATION_DEFINITION and defines_trafficking_too(analysis):
            return TRAFFICKING  # a definitions section: "abuse of power" means ...; "trafficking" means ...
        return first
    if analysis.has_prefix("act.") and trafficking_without_means(analysis):
        return TRAFFICKING
    outer = analysis.outer_cues
    outer_other = bool(outer.intersection(OTHER_OFFENCE_CUES))
    outer_traf = bool(outer.intersection(TRAFFICKING_CUES + ("cue.slavery_offence",)))
    if outer_other and not outer_traf:
        return OTHER_OFFENCE
    if outer_traf and analysis.has_prefix("act.") and analysis.has(*OFFENCE_CUES, "cue.definition"):
        return TRAFFICKING
    return GENERAL


def apply_definition_scope(analysis: Analysis) -> None:
    """Drop act/means/purpose candidates outside the contexts where the spec allows them.

    In the definition of an exploitation term, acts and crim.* are dropped too.
    """
    if analysis.context == EXPLOITATION_DEFINITION:
        # a definition of an exploitation term states no act and no criminal-law measure
        # ("'bonded labour' means ... the forfeiture of wages" is not confiscation)
        for element in analysis.elements_with_prefix("act.") + analysis.elements_with_prefix("crim."):
            analysis.drop(element, "rule.scope.exploitation_definition")
        return
    if analysis.context in DEFINITION_CONTEXTS:
        return
    for element in list(analysis.candidates):
        if element.startswith(DEFINITION_GROUPS):
            analysis.drop(element, f"rule.scope.{analysis.context}")


def defines_trafficking_too(analysis: Analysis) -> bool:
    """A definitions section that also defines trafficking itself ("'trafficking in persons' means
    the recruitment ..."), with its acts, after defining a means or exploitation term."""
    definitions = analysis.cues("cue.definition")
    if len(definitions) < 2 or not analysis.has_prefix("act."):
        return False
    return any(t.tok_start < d.tok_start and near(t, d, TERM_GAP)
               for t in analysis.cues(*TRAFFICKING_CUES) for d in definitions)


def trafficking_without_means(analysis: Analysis) -> bool:
    """Acts named in the sentence that says it is trafficking even without any of the means
    ("the recruitment ... of a child ... shall be considered trafficking even if it does not involve
    any of the means")."""
    return any(same_sentence(analysis.text, t, n)
               for t in analysis.cues(*TRAFFICKING_CUES) for n in analysis.cues("cue.no_means"))

