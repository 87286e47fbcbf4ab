"""Rule functions on synthetic matches: they are language-agnostic, so no pipeline is needed.

Each helper ``m(element, tok)`` is a match of one token at token index ``tok`` (character offsets
are ``10 * tok``), which is all the rules look at.
"""

from __future__ import annotations

from indexer.tagging.component import RawMatch
from indexer.tagging.rules import context, derived, information, scope
from indexer.tagging.rules.base import (
    EXPLOITATION_DEFINITION,
    GENERAL,
    OTHER_OFFENCE,
    SLAVERY_OFFENCE,
    TRAFFICKING,
    Analysis,
)

TEXT = "x" * 2000


def m(element: str, tok: int, length: int = 1) -> RawMatch:
    return RawMatch(element, tok * 10, (tok + length) * 10 - 1, tok, tok + length, f"t.{element}.{tok}", 0.8)


def analysis(*matches: RawMatch, outer: tuple[str, ...] = (), text: str = TEXT) -> Analysis:
    result = Analysis.build(text, matches, outer)
    result.context = context.classify_context(result)
    return result


# ---- context -----------------------------------------------------------------------------------

def test_trafficking_offence_context():
    a = analysis(m("cue.trafficking", 0), m("act.recruitment", 3), m("cue.offence", 20))
    assert a.context == TRAFFICKING


def test_act_with_purpose_is_trafficking_even_without_the_word():
    a = analysis(m("act.transportation", 2), m("purpose.forced_labour", 6), m("cue.offence", 12))
    assert a.context == TRAFFICKING


def test_smuggling_named_first_is_other_offence_and_loses_definition_elements():
    a = analysis(m("cue.smuggling", 0), m("act.transportation", 4), m("cue.trafficking", 30),
                 m("cue.offence", 9))
    assert a.context == OTHER_OFFENCE
    context.apply_definition_scope(a)
    assert "act.transportation" not in a.candidates


def test_sexual_assault_in_an_aggravation_clause_does_not_hide_the_trafficking_offence():
    a = analysis(m("act.recruitment", 1), m("cue.exploitation", 5), m("cue.offence", 9),
                 m("cue.aggravation", 15), m("cue.sexual_offence", 18))
    assert a.context == TRAFFICKING


def test_slavery_offence_needs_an_offence_cue():
    with_offence = analysis(m("cue.slavery_offence", 1), m("purpose.slavery", 3), m("cue.offence", 8))
    without = analysis(m("cue.slavery_offence", 1), m("purpose.slavery", 3))
    assert with_offence.context == SLAVERY_OFFENCE
    assert without.context != SLAVERY_OFFENCE


def test_defined_exploitation_term_context_keeps_means_but_not_acts():
    a = analysis(m("means.coercion", 2), m("cue.definition", 4), m("means.threat", 6), m("act.receipt", 20))
    assert a.context == EXPLOITATION_DEFINITION
    context.apply_definition_scope(a)
    assert {"means.coercion", "means.threat"} <= set(a.candidates) and "act.receipt" not in a.candidates


def test_protection_provision_mentioning_trafficking_is_general():
    a = analysis(m("cue.victim", 0), m("cue.trafficking", 2), m("prot.housing", 6), m("act.receipt", 9))
    assert a.context == GENERAL
    context.apply_definition_scope(a)
    assert set(a.candidates) == {"prot.housing"}


def test_heading_decides_when_the_text_is_silent():
    a = analysis(m("act.transportation", 2), m("cue.offence", 6), outer=("cue.smuggling",))
    assert a.context == OTHER_OFFENCE


# ---- scope filters -----------------------------------------------------------------------------

def test_aggravation_only_provision_keeps_only_crim_aggravation():
    a = analysis(m("cue.trafficking", 0), m("cue.offence", 1), m("cue.aggravation", 2), m("means.force", 5),
                 m("crim.aggravation", 6))
    scope.apply_aggravation_only(a)
    assert "means.force" not in a.candidates and "crim.aggravation" in a.candidates


def test_means_after_the_aggravation_clause_are_dropped_but_earlier_ones_stay():
    a = analysis(m("act.recruitment", 1), m("means.deception", 3), m("cue.exploitation", 5),
                 m("cue.offence", 7),
                 m("cue.aggravation", 10), m("means.abduction", 12), m("crim.attempt", 13))
    scope.apply_aggravation_only(a)
    assert "means.deception" in a.candidates
    assert "means.abduction" not in a.candidates and "crim.attempt" not in a.candidates


def test_negation_cancels_the_following_element_only():
    a = analysis(m("cue.negation", 3), m("means.force", 4), m("means.fraud", 9))
    scope.apply_negation(a)
    assert set(a.candidates) == {"means.fraud"}


def test_victim_scope():
    without = analysis(m("prot.housing", 1))
    scope.apply_victim_scope(without)
    assert "prot.housing" not in without.candidates
    with_heading = analysis(m("prot.housing", 1), outer=("cue.victim",))
    scope.apply_victim_scope(with_heading)
    assert "prot.housing" in with_heading.candidates


def test_general_part_crim_is_dropped_on_other_offences_unless_it_applies_to_all():
    specific = analysis(m("cue.smuggling", 0), m("crim.attempt", 3), m("cue.offence", 6))
    scope.apply_general_part(specific)
    assert "crim.attempt" not in specific.candidates
    general = analysis(m("cue.smuggling", 0), m("crim.attempt", 3), m("cue.general_part", 5))
    scope.apply_general_part(general)
    assert "crim.attempt" in general.candidates


def test_aggravation_needs_a_penalty_or_offence_cue():
    bare = analysis(m("cue.trafficking", 0), m("crim.aggravation", 2))
    scope.apply_general_context_crim(bare)
    assert "crim.aggravation" not in bare.candidates
    penal = analysis(m("cue.trafficking", 0), m("crim.aggravation", 2), m("cue.penalty", 8))
    scope.apply_general_context_crim(penal)
    assert "crim.aggravation" in penal.candidates


def test_aggravation_of_an_unrelated_offence_is_dropped():
    a = analysis(m("crim.aggravation", 2), m("cue.penalty", 8))
    scope.apply_general_context_crim(a)
    assert "crim.aggravation" not in a.candidates
    outer = analysis(m("crim.aggravation", 2), m("cue.penalty", 8), outer=("cue.trafficking",))
    scope.apply_general_context_crim(outer)
    assert "crim.aggravation" in outer.candidates


def test_aggravation_cue_in_a_trafficking_penalty_provision():
    a = analysis(m("cue.aggravation", 0), m("cue.trafficking", 3), m("cue.offence", 6), m("cue.penalty", 9))
    derived.derive_aggravation(a)
    assert "crim.aggravation" in a.candidates
    unrelated = analysis(m("cue.aggravation", 0), m("cue.penalty", 9))
    derived.derive_aggravation(unrelated)
    assert "crim.aggravation" not in unrelated.candidates


def test_substandard_labour_is_not_forced_labour():
    a = analysis(m("cue.substandard_labour", 4), m("purpose.forced_labour", 5))
    scope.apply_substandard_labour(a)
    assert "purpose.forced_labour" not in a.candidates


def test_receiving_payments_is_not_receipt_of_a_person():
    a = analysis(m("act.receipt", 3), m("means.payments_or_benefits", 1, length=5))
    scope.apply_nested_acts(a)
    assert "act.receipt" not in a.candidates


# ---- derived elements --------------------------------------------------------------------------

def test_consent_irrelevant_needs_both_cues_in_one_sentence():
    text = "a" * 100 + ". " + "b" * 400
    same = analysis(m("cue.trafficking", 0), m("cue.definition", 1), m("cue.consent", 2),
                    m("cue.irrelevant", 5),
                    text=text)
    derived.derive_consent_irrelevant(same)
    assert "definition.consent_irrelevant" in same.candidates
    split = analysis(m("cue.trafficking", 0), m("cue.definition", 1), m("cue.consent", 2),
                     m("cue.irrelevant", 15),
                     text=text)
    derived.derive_consent_irrelevant(split)
    assert "definition.consent_irrelevant" not in split.candidates


def test_no_means_with_child_is_child_no_means_without_child_means_not_required():
    child = analysis(m("cue.trafficking", 0), m("cue.definition", 1), m("cue.child", 4), m("cue.no_means", 8))
    derived.derive_no_means(child)
    assert "definition.child_no_means" in child.candidates and "means.not_required" not in child.candidates
    adult = analysis(m("cue.trafficking", 0), m("cue.definition", 1), m("cue.no_means", 8))
    derived.derive_no_means(adult)
    assert "means.not_required" in adult.candidates


def test_means_not_required_is_dropped_when_means_are_listed():
    a = analysis(m("cue.trafficking", 0), m("cue.offence", 1), m("means.not_required", 4),
                 m("means.force", 8))
    derived.derive_no_means(a)
    assert "means.not_required" not in a.candidates


def test_child_offence_listing_no_means():
    a = analysis(m("act.recruitment", 2), m("cue.child", 4), m("cue.exploitation", 7), m("cue.offence", 10))
    derived.derive_child_offence_without_means(a)
    assert "definition.child_no_means" in a.candidates
    with_means = analysis(m("act.recruitment", 2), m("cue.child", 4), m("means.force", 5),
                          m("cue.exploitation", 7),
                          m("cue.offence", 10))
    derived.derive_child_offence_without_means(with_means)
    assert "definition.child_no_means" not in with_means.candidates


def test_child_under_18_in_a_definition_but_not_in_an_aggravation():
    definition = analysis(m("cue.child", 1), m("cue.definition", 2), m("cue.age_18", 5))
    derived.derive_child_under_18(definition)
    assert "definition.child_under_18" in definition.candidates
    aggravation = analysis(m("cue.trafficking", 0), m("cue.offence", 1), m("cue.aggravation", 3),
                           m("cue.child", 5), m("cue.age_18", 7))
    derived.derive_child_under_18(aggravation)
    assert "definition.child_under_18" not in aggravation.candidates


def test_non_punishment_needs_a_victim_near_the_non_liability_cue():
    a = analysis(m("cue.victim", 1), m("cue.non_liability", 3))
    derived.derive_non_punishment(a)
    assert "rights.non_punishment" in a.candidates
    far = analysis(m("cue.victim", 1), m("cue.non_liability", 90))
    derived.derive_non_punishment(far)
    assert "rights.non_punishment" not in far.candidates


def test_unconditional_assistance():
    a = analysis(m("cue.assistance", 1), m("cue.unconditional", 4), m("cue.cooperation", 7))
    derived.derive_unconditional_assistance(a)
    assert "rights.unconditional_assistance" in a.candidates
    no_assistance = analysis(m("cue.unconditional", 4), m("cue.cooperation", 7))
    derived.derive_unconditional_assistance(no_assistance)
    assert "rights.unconditional_assistance" not in no_assistance.candidates


def test_crim_offence_only_for_trafficking_or_slavery_offences():
    traf = analysis(m("cue.trafficking", 0), m("cue.offence", 5))
    derived.derive_offence(traf)
    assert "crim.offence" in traf.candidates
    smuggling = analysis(m("cue.smuggling", 0), m("cue.offence", 5))
    derived.derive_offence(smuggling)
    assert "crim.offence" not in smuggling.candidates
    aggravation = analysis(m("cue.trafficking", 0), m("cue.aggravation", 1), m("act.recruitment", 3),
                           m("cue.offence", 6))
    derived.derive_offence(aggravation)
    assert "crim.offence" not in aggravation.candidates


def test_special_needs_of_child_victims():
    a = analysis(m("cue.assistance", 1), m("cue.child", 3), m("cue.victim", 4))
    derived.derive_special_needs(a)
    assert "prot.special_needs" in a.candidates
    dependants = analysis(m("cue.assistance", 1), m("cue.victim", 3), m("cue.child", 9))
    derived.derive_special_needs(dependants)
    assert "prot.special_needs" not in dependants.candidates


def test_punishing_attempt_or_conspiracy_is_not_the_offence_itself():
    a = analysis(m("cue.trafficking", 2), m("crim.organizing", 0), m("cue.offence", 6))
    a.context = TRAFFICKING
    derived.derive_offence(a)
    assert "crim.offence" not in a.candidates


def test_victim_of_trafficking_is_a_reference_not_the_subject():
    a = analysis(m("cue.victim", 3), m("cue.trafficking", 5), m("cue.offence", 9))
    assert a.context == GENERAL
    subject = analysis(m("cue.trafficking", 0), m("cue.offence", 9))
    assert subject.context == TRAFFICKING


def test_information_duty_gives_counselling_only():
    a = analysis(m("cue.victim", 0), m("cue.inform", 2), m("status.residence", 5), m("prot.housing", 30))
    information.apply_information_only(a)
    assert "status.residence" not in a.candidates
    assert {"prot.counselling", "prot.housing"} <= set(a.candidates)


def test_child_alternative_to_the_means_needs_no_means():
    a = analysis(m("cue.trafficking", 0), m("cue.definition", 1), m("act.recruitment", 3),
                 m("means.force", 5), m("cue.child", 9), m("cue.age_18", 12))
    derived.derive_child_under_18(a)
    assert {"definition.child_under_18", "definition.child_no_means"} <= set(a.candidates)


# ---- round-1 engine reports (each one a regression test) ---------------------------------------

def test_aggravation_in_an_unrelated_offence_needs_trafficking_or_a_general_part():
    other = analysis(m("cue.kidnapping", 0), m("cue.offence", 2), m("cue.penalty", 4),
                     m("cue.aggravation", 6), m("crim.aggravation", 6))
    scope.apply_general_context_crim(other)
    assert "crim.aggravation" not in other.candidates
    general_part = analysis(m("cue.general_part", 0), m("cue.penalty", 4), m("crim.aggravation", 6))
    scope.apply_general_context_crim(general_part)
    assert "crim.aggravation" in general_part.candidates


def test_child_named_late_in_the_same_sentence_gives_child_no_means():
    a = analysis(m("cue.trafficking", 0), m("cue.definition", 1), m("cue.no_means", 3), m("cue.child", 60))
    derived.derive_no_means(a)
    assert "definition.child_no_means" in a.candidates
    text = "x" * 300 + ". " + "x" * 1700  # a sentence boundary between the two cues
    apart = analysis(m("cue.trafficking", 0), m("cue.definition", 1), m("cue.no_means", 3),
                     m("cue.child", 60), text=text)
    derived.derive_no_means(apart)
    assert "definition.child_no_means" not in apart.candidates
    assert "means.not_required" in apart.candidates


def test_offence_with_acts_and_purpose_and_no_means_needs_no_means():
    a = analysis(m("cue.trafficking", 0), m("cue.offence", 1), m("act.recruitment", 3),
                 m("cue.purpose_marker", 6), m("purpose.sexual_exploitation", 8))
    derived.derive_means_not_required(a)
    assert "means.not_required" in a.candidates
    with_means = analysis(m("cue.trafficking", 0), m("cue.offence", 1), m("act.recruitment", 3),
                          m("means.force", 5), m("cue.purpose_marker", 6),
                          m("purpose.sexual_exploitation", 8))
    derived.derive_means_not_required(with_means)
    assert "means.not_required" not in with_means.candidates


def test_a_means_word_after_the_defining_formula_is_not_the_defined_term():
    # "extortion is defined as obtaining ... by violence"
    extortion = analysis(m("cue.definition", 2), m("means.force", 5))
    assert not context.defines_exploitation_term(extortion)
    bondage = analysis(m("means.abuse_of_vulnerability", 1), m("cue.definition", 3))  # "'debt bondage' means"
    assert context.defines_exploitation_term(bondage)


def test_child_under_18_is_kept_when_the_aggravation_comes_after_it():
    a = analysis(m("cue.trafficking", 0), m("cue.offence", 1), m("act.recruitment", 2), m("cue.child", 3),
                 m("cue.age_18", 5), m("cue.penalty", 9), m("cue.aggravation", 12))
    derived.derive_child_under_18(a)
    assert "definition.child_under_18" in a.candidates


def test_a_negated_penalty_does_not_make_a_provision_penal():
    a = analysis(m("act.recruitment", 1), m("purpose.forced_labour", 4), m("cue.negation", 8),
                 m("cue.penalty", 9))
    scope.drop_negated_cues(a)
    a.context = context.classify_context(a)
    assert a.context == GENERAL
    penal = analysis(m("act.recruitment", 1), m("purpose.forced_labour", 4), m("cue.penalty", 9))
    scope.drop_negated_cues(penal)
    assert context.classify_context(penal) == TRAFFICKING


def test_definition_of_an_exploitation_term_carries_no_criminal_law_measure():
    a = analysis(m("purpose.forced_labour", 1), m("cue.definition", 3), m("means.coercion", 6),
                 m("crim.confiscation", 9), m("act.recruitment", 12))
    assert a.context == EXPLOITATION_DEFINITION
    context.apply_definition_scope(a)
    assert "crim.confiscation" not in a.candidates and "act.recruitment" not in a.candidates
    assert "means.coercion" in a.candidates


def test_a_measure_aimed_directly_at_children_in_a_provision_on_victims():
    a = analysis(m("cue.victim", 1), m("cue.assistance", 5), m("cue.child", 7))  # "assistance to minors"
    derived.derive_special_needs(a)
    assert "prot.special_needs" in a.candidates
    no_victims = analysis(m("cue.assistance", 5), m("cue.child", 7))
    derived.derive_special_needs(no_victims)
    assert "prot.special_needs" not in no_victims.candidates
    far = analysis(m("cue.victim", 1), m("cue.assistance", 5), m("cue.child", 12))
    derived.derive_special_needs(far)
    assert "prot.special_needs" not in far.candidates


def test_child_named_further_from_the_act_in_the_same_sentence():
    a = analysis(m("cue.penalty", 0), m("act.transfer", 5), m("act.receipt", 7), m("cue.child", 20),
                 m("cue.exploitation", 26), m("cue.reference", 32))
    a.context = TRAFFICKING
    derived.derive_child_offence_without_means(a)
    assert "definition.child_no_means" in a.candidates


def test_child_offence_referring_first_to_another_provision_is_left_alone():
    a = analysis(m("cue.reference", 1), m("cue.offence", 3), m("act.recruitment", 5), m("cue.child", 7),
                 m("cue.exploitation", 9))
    a.context = TRAFFICKING
    derived.derive_child_offence_without_means(a)
    assert "definition.child_no_means" not in a.candidates


def test_a_capitalised_word_after_a_body_name_is_not_a_measure():
    text = "the Minister of Education and victims" + " " * 2000
    body = RawMatch("cue.body_name", 4, 15, 1, 3, "t.body", 0.8)  # "Minister of"
    service = RawMatch("prot.employment_education", 16, 25, 3, 4, "t.edu", 0.8)  # "Education"
    a = Analysis.build(text, [body, service])
    scope.apply_body_names(a)
    assert "prot.employment_education" not in a.candidates
    lower = Analysis.build(text.replace("Education", "education"), [body, service])
    scope.apply_body_names(lower)
    assert "prot.employment_education" in lower.candidates
