"""Filters: aggravation-only means, negation, victim scope, general-part crim.*, sub-forced labour."""

from __future__ import annotations

from indexer.tagging.rules.base import (
    DEFINITION_GROUPS,
    EXPLOITATION_DEFINITION,
    OTHER_OFFENCE,
    SLAVERY_OFFENCE,
    TRAFFICKING,
    Analysis,
    Evidence,
    same_sentence,
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
        kept = [e for e in analysis.candidates[element]
                if not any(0 <= e.tok_start - n.tok_end <= NEGATION_GAP for n in negations)]
        if not kept:
            analysis.drop(element, "rule.negation")
        else:
            analysis.candidates[element] = kept


BODY_GROUPS = ("prot.", "status.", "rights.", "prev.", "coop.")


def apply_body_names(analysis: Analysis) -> None:
    """A capitalised service word right after "Ministry of" / "Secretary of" names a public body
    ("the Secretary of Education", "Ministry of Health"), it grants no measure: drop that evidence."""
    bodies = analysis.cues("cue.body_name")
    if not bodies:
        return
    text = analysis.text
    for element in [e for e in analysis.candidates if e.startswith(BODY_GROUPS)]:
        kept = [e for e in analysis.candidates[element]
                if not (text[e.start:e.start + 1].isupper()
                        and any(0 <= e.tok_start - b.tok_end <= 0 for b in bodies))]
        if not kept:
            analysis.drop(element, "rule.body_name")
        else:
            analysis.candidates[element] = kept


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
    offences (general part of a penal code).
    """
    if analysis.context != OTHER_OFFENCE or analysis.has("cue.general_part"):
        return
    for element in GENERAL_PART_CRIM + ("crim.aggravation", "crim.offence"):
        analysis.drop(element, "rule.general_part.other_offence")


def apply_general_context_crim(analysis: Analysis) -> None:
    """crim.aggravation needs a penalty, offence or aggravation cue in the provision.

    Outside a trafficking or slavery offence it also needs trafficking named in the provision, its
    heading or law title, or a general-part provision applying to all offences.
    """
    if "crim.aggravation" not in analysis.candidates:
        return
    if analysis.context not in (TRAFFICKING, SLAVERY_OFFENCE):
        named = analysis.has("cue.trafficking", "cue.general_part", "cue.reference") or \
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

    kept = [e for e in evidence if not substandard(e)]
    if kept:
        analysis.candidates["purpose.forced_labour"] = kept
    else:
        analysis.drop("purpose.forced_labour", "rule.substandard_labour")


# Acts that are really part of another element's phrase ("giving or receiving of payments").
NESTED_ACTS = {"act.receipt": ("means.payments_or_benefits",),
               "act.transfer": ("means.payments_or_benefits",)}


def apply_nested_acts(analysis: Analysis) -> None:
    """Drop act evidence that lies inside the evidence of a means ("receiving payments" is not receipt)."""
    for act, hosts in NESTED_ACTS.items():
        evidence = analysis.candidates.get(act)
        if not evidence:
            continue
        spans = [(e.start, e.end) for host in hosts for e in analysis.candidates.get(host, [])]
        kept = [e for e in evidence if not any(s <= e.start and e.end <= t for s, t in spans)]
        if kept:
            analysis.candidates[act] = kept
        else:
            analysis.drop(act, "rule.nested_act")



def apply_use_of_services(analysis: Analysis) -> None:
    """An offence of knowingly using a victim's services is not itself the trafficking offence.

    When crim.use_of_services is found and the provision states at most one act (typically "obtains
    the services"), acts, means.not_required and crim.offence are dropped.
    """
    if "crim.use_of_services" not in analysis.candidates or len(analysis.elements_with_prefix("act.")) > 1:
        return
    for element in analysis.elements_with_prefix("act.") + ["means.not_required", "crim.offence"]:
        analysis.drop(element, "rule.use_of_services")


INFORM_WINDOW = 14  # tokens after the start of an information duty in which a right is only its object
INFORMED_GROUPS = ("prot.", "status.", "rights.")
NOT_INFORMATION = ("prot.counselling", "prot.proceedings_information", "rights.identification")


def apply_information_only(analysis: Analysis) -> None:
    """A provision that only informs victims about a right or service carries prot.counselling.

    Rights and services named only inside an information duty ("shall inform the victim of the
    possibility of a residence permit") are dropped, and the duty itself gives prot.counselling.
    """
    informs = analysis.cues("cue.inform")
    if not informs or "prot.proceedings_information" in analysis.candidates:
        return  # informing about proceedings is an element of its own, followed by other duties
    dropped = False
    for element in list(analysis.candidates):
        if not element.startswith(INFORMED_GROUPS) or element in NOT_INFORMATION:
            continue
        evidence = analysis.candidates[element]
        if all(any(0 < e.tok_start - c.tok_start <= INFORM_WINDOW and same_sentence(analysis.text, c, e)
                   for c in informs) for e in evidence):
            analysis.drop(element, "rule.information_only")
            dropped = True
    if dropped and "prot.counselling" not in analysis.candidates:
        cue = informs[0]
        analysis.add(Evidence("prot.counselling", cue.start, cue.end, 0.7, [cue.pattern_id], cue.tok_start,
                              cue.tok_end), "rule.information_only")
