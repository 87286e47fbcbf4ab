"""Filters: aggravation-only means, negation, victim scope, general-part crim.*, sub-forced labour."""

from __future__ import annotations

from indexer.tagging.rules.base import (
    CITES_OTHER,
    CITES_TRAFFICKING,
    DEFINITION_GROUPS,
    EXPLOITATION_DEFINITION,
    GENERAL,
    OTHER_OFFENCE,
    SLAVERY_OFFENCE,
    TRAFFICKING,
    Analysis,
    Evidence,
    same_sentence,
    sentence_end,
)

GENERAL_PART_CRIM = ("crim.attempt", "crim.complicity", "crim.organizing", "crim.legal_persons",
                     "crim.confiscation", "crim.jurisdiction", "crim.use_of_services")
VICTIM_GROUPS = ("prot.", "status.", "rights.")
NEGATION_GAP = 1  # tokens allowed between a negation cue and the element it cancels
# Participation forms that, named only inside an aggravation clause, are not the provision's own rule.
AFTER_AGGRAVATION = ("crim.attempt", "crim.complicity", "crim.organizing")
STRONG_AGGRAVATION = 0.7  # crim.aggravation patterns this sure also mark where aggravation starts


def aggravation_start(analysis: Analysis) -> int | None:
    """Offset of the first aggravation cue or strong crim.aggravation match, or None.

    Never in a definition of an exploitation term ("threats of serious harm" is a means there).
    """
    if analysis.context == EXPLOITATION_DEFINITION:
        return None
    starts = [m.start for m in analysis.matches
              if m.element == "cue.aggravation"
              or (m.element == "crim.aggravation" and m.confidence >= STRONG_AGGRAVATION)]
    return min(starts) if starts else None


def is_aggravation_only(analysis: Analysis) -> bool:
    """True when the provision aggravates a penalty without itself defining the offence.

    That is: an aggravation signal comes before any act of the offence (or there is no act), and
    the offence is not itself named (slavery offence, trafficking offence wording) before it.
    """
    start = aggravation_start(analysis)
    if start is None:
        return False
    defining = [e.start for name in analysis.elements_with_prefix("act.") for e in analysis.candidates[name]]
    if not defining:  # an offence with no act words: the slavery wording or the purpose defines it
        defining = [m.start for m in analysis.matches
                    if m.element == "cue.slavery_offence" or m.element.startswith("purpose.")]
    return not defining or start < min(defining)


def _penalty_after_acts(analysis: Analysis) -> int | None:
    """Start of the first offence/penalty cue after the last act.

    In "... harbours a person ... is guilty of an offence and liable to life imprisonment if they
    kidnap", what follows the penalty cue is penalty wording, not the definition of the offence.
    """
    acts = [e.end for name in analysis.elements_with_prefix("act.") for e in analysis.candidates[name]]
    if not acts:
        return None
    last_act = max(acts)
    cues = [m.start for m in analysis.matches
            if m.element in ("cue.offence", "cue.penalty") and m.start > last_act]
    return min(cues) if cues else None


def apply_aggravation_only(analysis: Analysis) -> None:
    """Means, acts and purposes named only as aggravating circumstances carry crim.aggravation alone.

    In a provision that defines the offence and then aggravates it, a means named only after the
    first aggravation signal is dropped; one named before it stays.
    """
    start = aggravation_start(analysis)
    if start is None:
        return
    if is_aggravation_only(analysis):
        for element in list(analysis.candidates):
            if element.startswith(DEFINITION_GROUPS):
                analysis.drop(element, "rule.aggravation_only")
        return
    start = min(start, _penalty_after_acts(analysis) or start)
    later = analysis.elements_with_prefix("means.")
    later += [e for e in AFTER_AGGRAVATION if e in analysis.candidates]
    for element in later:
        if all(e.start > start for e in analysis.candidates[element]):
            analysis.drop(element, "rule.aggravation_only.means")


def apply_negation(analysis: Analysis) -> None:
    """Drop element evidence directly preceded by a negation cue ("without force")."""
    negations = analysis.cues("cue.negation")
    if not negations:
        return
    for element in list(analysis.candidates):
        analysis.keep(element, lambda e: not any(0 <= e.tok_start - n.tok_end <= NEGATION_GAP
                                                 for n in negations), "rule.negation")


BODY_GROUPS = ("prot.", "status.", "rights.", "prev.", "coop.")


def apply_body_names(analysis: Analysis) -> None:
    """A capitalised service word right after "Ministry of" / "Secretary of" names a public body
    ("the Secretary of Education", "Ministry of Health"), it grants no measure: drop that evidence."""
    bodies = analysis.cues("cue.body_name")
    if not bodies:
        return
    text = analysis.text

    def not_a_body(e: Evidence) -> bool:
        capitalised = text[e.start:e.start + 1].isupper()
        return not (capitalised and any(0 <= e.tok_start - b.tok_end <= 0 for b in bodies))

    for element in [e for e in analysis.candidates if e.startswith(BODY_GROUPS)]:
        analysis.keep(element, not_a_body, "rule.body_name")


NEGATABLE_CUES = ("cue.offence", "cue.penalty")


def drop_negated_cues(analysis: Analysis) -> None:
    """Offence/penalty cues directly after a negation ("without penalty") state no offence: drop them.

    Runs before the context is classified, so "may terminate the grant without penalty" does not make
    a funding provision a penal one.
    """
    negations = analysis.cues("cue.negation")
    if not negations:
        return
    kept = [m for m in analysis.matches
            if m.element not in NEGATABLE_CUES
            or not any(0 <= m.tok_start - n.tok_end <= NEGATION_GAP for n in negations)]
    if len(kept) != len(analysis.matches):
        analysis.matches = kept
        analysis.applied.setdefault("rule.negation.cue", []).append("-cue")


def apply_victim_scope(analysis: Analysis) -> None:
    """prot.*, status.*, rights.* need victims (or trafficking) named in the provision or its context."""
    names = ("cue.victim", "cue.trafficking")
    if analysis.has(*names) or analysis.outer_cues.intersection(names):
        return
    for element in list(analysis.candidates):
        if element.startswith(VICTIM_GROUPS):
            analysis.drop(element, "rule.victim_scope")


def apply_general_part(analysis: Analysis) -> None:
    """Attempt, complicity, legal persons... stay unless the provision is about another offence.

    In an ``other_offence`` context they are kept only when the text says it applies to all/any
    offences (general part of a penal code); so in a ``general`` provision whose resolved citations
    are all about other offences ("the persons guilty of the offences of articles 311-1 to 311-11
    also incur confiscation"), unless trafficking is named in it, its heading or the law title.
    """
    if analysis.has("cue.general_part"):
        return
    named = analysis.has("cue.trafficking", "cue.slavery_offence") or \
        analysis.outer_cues.intersection(("cue.trafficking", "cue.slavery_offence"))
    general = analysis.context == GENERAL and not named
    cites_elsewhere = general and analysis.cites == CITES_OTHER
    if analysis.context != OTHER_OFFENCE and not cites_elsewhere:
        return
    for element in GENERAL_PART_CRIM + ("crim.aggravation", "crim.offence"):
        analysis.drop(element, "rule.general_part.other_offence")


def apply_specific_offence(analysis: Analysis) -> None:
    """In a law whose place of the provision is known, "the attempt is punishable" or "the court may
    order confiscation" inside one specific offence that is not trafficking belongs to that offence.

    Applies to penal provisions in a ``general`` context when the caller supplied the heading or law
    title (``Analysis.placed``) and neither they nor the text name trafficking or slavery, a general
    part ("Book I: General provisions", "any offence") or a cited trafficking provision. Without that
    context (a provision tagged on its own) the provision keeps the benefit of the doubt.
    """
    if not analysis.placed or analysis.context != GENERAL or analysis.cites == CITES_TRAFFICKING:
        return
    subjects = ("cue.trafficking", "cue.slavery_offence", "cue.general_part")
    if analysis.has(*subjects) or analysis.outer_cues.intersection(subjects):
        return
    if not analysis.has("cue.offence", "cue.penalty"):
        return
    for element in GENERAL_PART_CRIM + ("crim.aggravation",):
        analysis.drop(element, "rule.specific_offence")


def states_own_conduct(analysis: Analysis) -> bool:
    """The provision describes the conduct of its own offence (an act, means or purpose named before
    any aggravation signal), so an article it cites is not the offence its penalties aggravate.

    "Whoever compels another person to marry by violence ... the penalty is increased where the
    victim is a minor" aggravates forced marriage, even if it cites another article.
    """
    start = aggravation_start(analysis)
    return any(m.element.startswith(DEFINITION_GROUPS) and (start is None or m.start < start)
               for m in analysis.matches)


def apply_general_context_crim(analysis: Analysis) -> None:
    """crim.aggravation needs a penalty, offence or aggravation cue in the provision.

    Outside a trafficking or slavery offence it also needs trafficking named in the provision, its
    heading or law title, a general-part provision applying to all offences, or a reference to the
    offence it aggravates ("the offence under section 5 is punished ... where") in a provision that
    states no conduct of its own.
    """
    if "crim.aggravation" not in analysis.candidates:
        return
    if analysis.context not in (TRAFFICKING, SLAVERY_OFFENCE):
        by_reference = (analysis.has("cue.reference") or analysis.cites == CITES_TRAFFICKING) and \
            analysis.cites != CITES_OTHER and not states_own_conduct(analysis)
        named = by_reference or analysis.has("cue.trafficking", "cue.general_part") or \
            "cue.trafficking" in analysis.outer_cues
        if not named:
            analysis.drop("crim.aggravation", "rule.aggravation.not_trafficking")
            return
    if not analysis.has("cue.penalty", "cue.aggravation", "cue.offence"):
        analysis.drop("crim.aggravation", "rule.aggravation.no_penalty")


EXPLICIT_FORCED_LABOUR = 0.85  # pattern confidence of explicit wording ("forced or compulsory labour")


def apply_substandard_labour(analysis: Analysis) -> None:
    """Labour exploitation short of forced labour (underpaid work...) is not purpose.forced_labour.

    Forced-labour evidence is dropped when it overlaps a sub-forced-labour cue, or when it is only
    generic wording ("exploitation of labour") in the same sentence as such a cue.
    """
    cues = analysis.cues("cue.substandard_labour")
    evidence = analysis.candidates.get("purpose.forced_labour")
    if not cues or not evidence:
        return

    def substandard(e) -> bool:
        if any(c.tok_start - 3 <= e.tok_start <= c.tok_end + 3 for c in cues):
            return True
        return e.confidence < EXPLICIT_FORCED_LABOUR and any(same_sentence(analysis.text, c, e) for c in cues)

    analysis.keep("purpose.forced_labour", lambda e: not substandard(e), "rule.substandard_labour")


# Acts that are really part of another element's phrase ("giving or receiving of payments").
NESTED_ACTS = {"act.receipt": ("means.payments_or_benefits",),
               "act.transfer": ("means.payments_or_benefits",)}


def apply_nested_acts(analysis: Analysis) -> None:
    """Drop act evidence that lies inside the evidence of a means ("receiving payments" is not receipt)."""
    for act, hosts in NESTED_ACTS.items():
        spans = [(e.start, e.end) for host in hosts for e in analysis.candidates.get(host, [])]
        analysis.keep(act, lambda e, spans=spans: not any(s <= e.start and e.end <= t for s, t in spans),
                      "rule.nested_act")


def apply_use_of_services(analysis: Analysis) -> None:
    """An offence of knowingly using a victim's services is not itself the trafficking offence.

    When crim.use_of_services is found and the provision states at most one act (typically "obtains
    the services"), acts, means.not_required and crim.offence are dropped.
    """
    if "crim.use_of_services" not in analysis.candidates or len(analysis.elements_with_prefix("act.")) > 1:
        return
    for element in analysis.elements_with_prefix("act.") + ["means.not_required", "crim.offence"]:
        analysis.drop(element, "rule.use_of_services")


GROUP_SUBJECTS = ("cue.trafficking", "cue.slavery_offence")
GROUP_PRECEDES = ("cue.offence", "cue.penalty", "cue.aggravation")


def apply_group_offence(analysis: Analysis) -> None:
    """An offence of organising or taking part in a criminal group keeps crim.organizing only.

    When the provision starts with the group offence ("whoever directs a criminal organisation ...",
    "constitutes a criminal association ...") and its first sentence names neither trafficking nor an
    act, the graded penalties that follow belong to the group offence, not to trafficking.
    """
    organizing = analysis.candidates.get("crim.organizing")
    if not organizing or "crim.aggravation" not in analysis.candidates:
        return
    first = min(e.start for e in organizing)
    end = sentence_end(analysis.text, first)
    for m in analysis.matches:
        if (m.element in GROUP_SUBJECTS or m.element.startswith("act.")) and m.start < end:
            return
        if m.element in GROUP_PRECEDES and m.start < first:
            return  # "... shall be punished ... where the leaders of the group": an aggravation clause
    if all(e.start > first for e in analysis.candidates["crim.aggravation"]):
        analysis.drop("crim.aggravation", "rule.group_offence")

