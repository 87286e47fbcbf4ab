"""French pattern files (``indexer/tagging/patterns/fr``): one test per pattern family.

Every sentence below is written for these tests in general French legal drafting (France,
Belgium, Switzerland, Luxembourg, Canada, West/Central Africa); none is copied from a statute.
Each family has positive sentences (the element must be found) and near misses (it must not).

Notes for the engine owner / lead: dev-line errors that patterns cannot fix (engine of 2026-11-28):
- Victim scope: the victim is named only in the chapter heading (FRA-CESEDA-L425-2/-3/-5, R425-5/-6/-7/-9,
  ESP-LOEX-59.2/59.3/59bis.5, MEX-LGPSEDMTP-52, CAN-LC2005ch43-art4(1)/art7): pass heading/law title.
- crim.aggravation survives in general/other contexts whenever a penalty cue exists (FRA-CP-225-4-10,
  225-4-11, 225-12-1, CESEDA-L823-3, ESP-CP-172bis, 311, 570bis, 190, ARG-CP-126, 149bis): require a
  trafficking/slavery context or cue (text or outer cues) or cue.general_part.
- derive_no_means: CHILD_WINDOW=30 tokens misses a child named later in the same sentence
  (ESP-CP-177bis.2 -> child_no_means lost, means.not_required added); use same_sentence.
- means.not_required for offences/definitions listing acts + purpose and no means at all is missing
  (ARG-CP-145bis, ARG-L26364-2, MEX-LGPSEDMTP-10, CAN-LC2005ch43-279.01).
- defines_exploitation_term: a means word inside the definiens of another offence counts as a defined
  term ("L'extorsion est le fait d'obtenir par violence", "Constitue un faux toute altération frauduleuse"):
  the term should precede the defining formula.
- derive_child_under_18 is blocked by any aggravation cue (CAN-LC2010ch3-279.011, ARG-L26364-11 have an
  aggravated tier after the child offence): compare positions instead.
- FRA-CP-224-1C (aggravated slavery): gold keeps purpose.slavery and has no crim.offence.
- FRA-CESEDA-R425-1 only informs the victim: spec says prot.counselling only (no housing/residence...).
- inst.* are not scoped to trafficking (ESP-EVD-DA1 annual report on all crime victims).
"""

from __future__ import annotations

from functools import partial

import pytest

from indexer.tagging import get_tagger
from tests.indexer.tagging import helpers

LANG = "fr"
found = partial(helpers.found, LANG)
check = partial(helpers.check, LANG)


# ---------------------------------------- evidence (folder completeness: test_loader.py)

def test_evidence_is_an_exact_quote():
    text = ("Quiconque recrute ou héberge une personne en vue de son exploitation sexuelle, par la menace, "
            "commet une infraction et est puni de dix ans d'emprisonnement.")
    assert helpers.quoted_elements(LANG, text)


# ------------------------------------------------------------------ act

ACT = ("Commet l'infraction de traite des êtres humains quiconque recrute, transporte, transfère, héberge "
       "ou accueille une personne en vue de son exploitation ; elle est punie de dix ans d'emprisonnement.")


def test_act_verbs_of_the_trafficking_offence():
    check(ACT, {"act.recruitment", "act.transportation", "act.transfer", "act.harbouring", "act.receipt",
                "crim.offence"}, set())


def test_act_nouns_in_a_definition():
    text = ("Aux fins de la présente loi, la traite des personnes s'entend du recrutement, du transport, du "
            "transfert, de l'hébergement ou de l'accueil de personnes aux fins de leur exploitation.")
    check(text,
          {"act.recruitment", "act.transportation", "act.transfer", "act.harbouring", "act.receipt"}, set())


def test_act_near_miss_receiving_payments_and_victim_shelter():
    text = ("Les victimes de la traite sont orientées vers des centres d'hébergement et reçoivent des "
            "allocations pendant la procédure.")
    check(text, {"prot.housing"}, {"act.receipt", "act.harbouring"})


def test_act_near_miss_smuggling_of_migrants():
    text = ("Est puni de cinq ans d'emprisonnement le fait de faciliter l'entrée ou le séjour irréguliers "
            "d'un "
            "étranger en le transportant ou en l'hébergeant.")
    found_here = found(text)
    assert not {e for e in found_here if e.startswith(("act.", "means.", "purpose."))}
    assert "crim.offence" not in found_here


# ------------------------------------------------------------------ means

def test_means_of_the_definition():
    text = ("La traite des personnes consiste à recruter une personne, à des fins d'exploitation, par la "
            "menace, la violence, la contrainte, l'enlèvement, la fraude, la tromperie, l'abus d'autorité ou "
            "l'abus d'une situation de vulnérabilité, ou par l'offre de paiements ou d'avantages.")
    check(text, {"means.threat", "means.force", "means.coercion", "means.abduction", "means.fraud",
                 "means.deception", "means.abuse_of_power", "means.abuse_of_vulnerability",
                 "means.payments_or_benefits"}, set())


def test_means_near_miss_outside_trafficking():
    text = ("Le fait d'enlever ou de séquestrer une personne par la violence ou la menace est puni de vingt "
            "ans de réclusion criminelle.")
    check(text, set(), {"means.force", "means.threat", "means.abduction", "crim.offence"})


def test_means_near_miss_threat_to_public_order():
    text = ("La carte de séjour peut être retirée lorsque la présence de l'étranger constitue une menace "
            "pour l'ordre public.")
    check(text, set(), {"means.threat"})


# ------------------------------------------------------------------ purpose

def test_purposes_of_exploitation():
    text = ("La traite des êtres humains est le fait de recruter une personne à des fins d'exploitation "
            "sexuelle, de travail forcé, d'esclavage, de servitude, de prélèvement d'organes, de mendicité, "
            "de mariage forcé ou d'adoption illégale, ou afin de la contraindre à commettre tout crime ou "
            "délit.")
    check(text, {"purpose.sexual_exploitation", "purpose.forced_labour", "purpose.slavery",
                 "purpose.servitude", "purpose.organ_removal", "purpose.forced_begging",
                 "purpose.forced_marriage", "purpose.illegal_adoption", "purpose.forced_criminality"}, set())


def test_slavery_offence_carries_its_purpose_and_offence():
    text = "La réduction en esclavage d'une personne est punie de vingt ans de réclusion criminelle."
    check(text, {"purpose.slavery", "crim.offence"}, set())


def test_purpose_near_miss_pimping_offence():
    text = ("Le proxénétisme est le fait d'embaucher ou d'héberger une personne en vue de la prostitution ; "
            "il est puni de sept ans d'emprisonnement.")
    check(text, set(), {"act.harbouring", "purpose.sexual_exploitation", "crim.offence"})


def test_purpose_near_miss_organs_of_a_company():
    text = ("Les personnes morales sont responsables des infractions commises pour leur compte par leurs "
            "organes ou représentants.")
    check(text, {"crim.legal_persons"}, {"purpose.organ_removal"})


# ------------------------------------------------------------------ definition (consent, children)

def test_consent_is_irrelevant():
    text = ("Le consentement de la victime de la traite est indifférent lorsque l'un des moyens énumérés a "
            "été "
            "employé.")
    check(text, {"definition.consent_irrelevant"}, set())


def test_child_without_means():
    text = ("La traite d'un mineur est constituée même si aucun des moyens mentionnés au premier alinéa n'a "
            "été "
            "utilisé.")
    check(text, {"definition.child_no_means"}, set())


def test_child_defined_as_under_eighteen():
    text = "Au sens de la présente loi, on entend par enfant toute personne âgée de moins de dix-huit ans."
    check(text, {"definition.child_under_18"}, set())


def test_consent_near_miss_sexual_offence():
    text = "Constitue un viol tout acte de pénétration sexuelle commis sans le consentement de la personne."
    check(text, set(), {"definition.consent_irrelevant"})


# ------------------------------------------------------------------ crim

@pytest.mark.parametrize("text, element", [
    ("La tentative des délits prévus au présent chapitre est punie des mêmes peines.", "crim.attempt"),
    ("Est complice la personne qui, sciemment, par aide ou assistance, a facilité la préparation de "
     "l'infraction de traite.", "crim.complicity"),
    ("La participation à une association de malfaiteurs en vue de commettre la traite est punie de dix ans "
     "d'emprisonnement.", "crim.organizing"),
    ("Les personnes morales peuvent être déclarées pénalement responsables de l'infraction de traite.",
     "crim.legal_persons"),
    ("La loi pénale est applicable aux infractions de traite commises à l'étranger par un ressortissant.",
     "crim.jurisdiction"),
    ("Le tribunal ordonne la confiscation des biens ayant servi à commettre la traite.", "crim.confiscation"),
    ("Les peines sont portées à quinze ans de réclusion lorsque la traite est commise en bande organisée.",
     "crim.aggravation"),
])
def test_criminalisation_families(text, element):
    check(text, {element}, set())


def test_crim_near_misses():
    check("Le juge fixe une indemnité lorsque des blessures sont causées lors d'une tentative d'arrestation.",
          set(), {"crim.attempt"})
    check("Le fait de diriger ou d'organiser un groupement ayant pour objet l'aide à l'entrée irrégulière "
          "d'étrangers est puni de dix ans d'emprisonnement.", set(), {"crim.organizing", "crim.offence"})


# ------------------------------------------------------------------ prot

def test_assistance_to_victims():
    text = ("Les victimes de la traite bénéficient d'un hébergement sécurisé, de soins médicaux, d'un "
            "soutien "
            "psychologique et de l'assistance d'un interprète dans une langue qu'elles comprennent.")
    check(text, {"prot.housing", "prot.medical_assistance", "prot.counselling"}, set())


@pytest.mark.parametrize("text, element", [
    ("L'identité des victimes de la traite ne peut être divulguée et les débats ont lieu à huis clos.",
     "prot.privacy"),
    ("La victime peut se constituer partie civile et présenter ses observations au tribunal.",
     "prot.victim_participation"),
    ("La victime peut obtenir réparation de son préjudice et des dommages-intérêts.", "prot.compensation"),
    ("Les victimes et les témoins bénéficient, en cas de danger, d'une protection policière.",
     "prot.physical_safety"),
    ("La victime a accès à la formation professionnelle et à une activité professionnelle.",
     "prot.employment_education"),
    ("Les mesures d'assistance sont adaptées à son âge lorsque la victime est mineure.",
     "prot.special_needs"),
    ("La victime est informée de l'état de la procédure et des suites données à sa plainte.",
     "prot.proceedings_information"),
])
def test_protection_families(text, element):
    check(text, {element}, set())


def test_protection_near_miss_without_victims():
    check("Le médecin assure des soins aux patients hospitalisés et leur fournit un logement de fonction.",
          set(), {"prot.medical_assistance", "prot.housing"})
    check("La carte de séjour temporaire portant la mention « vie privée et familiale » est délivrée à la "
          "victime de la traite.", {"status.residence"}, {"prot.privacy"})


# ------------------------------------------------------------------ status

def test_status_of_victims():
    text = ("La victime de la traite se voit délivrer une carte de séjour temporaire et bénéficie d'un "
            "délai de "
            "réflexion de trente jours ; son rapatriement volontaire est organisé dans des conditions de "
            "sécurité.")
    check(text, {"status.residence", "status.reflection_period", "status.repatriation"}, set())


# ------------------------------------------------------------------ rights

@pytest.mark.parametrize("text, element", [
    ("La victime de la traite ne peut être poursuivie pour les infractions qu'elle a été contrainte de "
     "commettre.",
     "rights.non_punishment"),
    ("Les services de police procèdent à l'identification des victimes de la traite.",
     "rights.identification"),
    ("La victime a droit à l'aide juridictionnelle sans condition de ressources.", "rights.legal_aid"),
    ("Un administrateur ad hoc est désigné pour le mineur victime, dans l'intérêt supérieur de l'enfant.",
     "rights.child_guardian"),
    ("Il est créé un fonds d'indemnisation des victimes de la traite.", "rights.victim_fund"),
    ("L'assistance aux victimes n'est pas subordonnée à leur coopération avec les autorités.",
     "rights.unconditional_assistance"),
])
def test_rights_families(text, element):
    check(text, {element}, set())


def test_non_punishment_near_miss_general_defence():
    check("N'est pas pénalement responsable la personne qui a agi sous l'empire d'une force irrésistible.",
          set(), {"rights.non_punishment"})


# ------------------------------------------------------------------ prev, coop, inst

def test_prevention():
    text = ("L'État mène des campagnes de sensibilisation sur la traite, en coopération avec les "
            "organisations "
            "non gouvernementales, et prend des mesures pour décourager la demande.")
    check(text, {"prev.awareness", "prev.civil_society", "prev.demand"}, set())


def test_prevention_near_miss_profit_motive():
    check("Le fait d'agir dans un but lucratif constitue une circonstance aggravante.", set(),
          {"prev.civil_society"})


def test_cooperation_borders_and_training():
    text = ("Les transporteurs vérifient que les passagers possèdent les documents de voyage requis ; des "
            "formations sont dispensées aux agents de police et aux magistrats.")
    check(text, {"coop.border_measures", "coop.training"}, set())


def test_institutions():
    text = ("Il est institué une commission nationale de lutte contre la traite, chargée d'élaborer un plan "
            "d'action national, de collecter des données statistiques et de remettre un rapport annuel.")
    check(text,
          {"inst.coordination_body", "inst.action_plan", "inst.data_collection", "inst.rapporteur"}, set())


# ------------------------------------------------------------------ added families

def test_forced_labour_prohibition_is_an_offence():
    text = ("Le travail forcé ou obligatoire est interdit. Toute infraction à cette interdiction est punie "
            "d'un "
            "emprisonnement de trois ans.")
    check(text, {"purpose.forced_labour", "crim.offence"}, set())


def test_payment_clause_is_not_abuse_of_power():
    text = ("La traite s'entend du recrutement de personnes aux fins d'exploitation par l'offre de "
            "paiements ou "
            "d'avantages pour obtenir le consentement d'une personne ayant autorité sur une autre.")
    check(text, {"means.payments_or_benefits", "act.recruitment"}, {"means.abuse_of_power"})


def test_reference_to_a_reflection_period_is_not_a_grant():
    check("La victime de la traite bénéficie d'un délai de réflexion de trente jours.",
          {"status.reflection_period"}, set())
    check("Pendant le délai de réflexion prévu à l'article 12, la victime de la traite peut travailler.",
          set(), {"status.reflection_period"})


def test_near_miss_crimes_outside_trafficking():
    check("L'extorsion est le fait d'obtenir par violence ou menace une signature ou la remise de fonds ; "
          "elle "
          "est punie de sept ans d'emprisonnement.", set(), {"crim.offence"})
    check("Le fait de transporter des marchandises dangereuses sans autorisation est puni d'une amende.",
          set(), {"act.transportation", "crim.offence"})


def test_near_miss_bodies_and_legal_persons_outside_criminal_law():
    check("Le décret est pris après avis de la Commission nationale de l'informatique et des libertés.",
          set(), {"inst.coordination_body"})
    check("Les personnes morales chargées de la gestion des centres d'accueil signent une convention.",
          set(), {"crim.legal_persons"})
    check("L'amende applicable aux personnes morales est égale au quintuple de celle prévue pour les "
          "personnes "
          "physiques.", {"crim.legal_persons"}, set())


# ------------------------------------------------------------------ information duty (cue.inform)

@pytest.mark.parametrize("text", [
    "L'officier de police judiciaire informe la victime de la traite de la possibilité d'obtenir une carte "
    "de séjour temporaire.",
    "La victime de la traite des êtres humains est informée de son droit à une carte de séjour temporaire.",
    "L'étranger victime de la traite reçoit une information sur ses droits et sur la possibilité d'un titre "
    "de séjour.",
])
def test_information_duty_gives_counselling_not_the_right(text):
    check(text, {"prot.counselling"}, {"status.residence"})


def test_information_duty_near_miss_right_granted_or_report():
    check("L'étranger victime de la traite des êtres humains se voit délivrer une carte de séjour temporaire "
          "et bénéficie d'un hébergement sécurisé.", {"status.residence", "prot.housing"},
          {"prot.counselling"})
    check("Le rapport annuel informe le Parlement de la situation des victimes de la traite.",
          set(), {"prot.counselling"})


# ------------------------------------------------------------ penal-code near misses (round 2)

@pytest.mark.parametrize("text, element", [
    ("La victime de la traite peut se constituer partie civile devant le tribunal.",
     "prot.victim_participation"),
    ("Les mineurs victimes de la traite ont accès à l'éducation et à la scolarisation.",
     "prot.employment_education"),
    ("La victime de la traite a droit à la réparation intégrale de son préjudice.", "prot.compensation"),
    ("Les victimes de la traite sont protégées contre toute intimidation ou représailles.",
     "prot.physical_safety"),
    ("L'État mène des actions pour lutter contre la pauvreté et la précarité, facteurs de la traite.",
     "prev.root_causes"),
    ("L'État organise des campagnes de sensibilisation sur la traite des êtres humains.", "prev.awareness"),
    ("Lorsque la victime de la traite est mineure, le juge détermine les mesures de protection appropriées "
     "à sa situation.", "prot.special_needs"),
])
def test_victim_measures_in_general_phrasing(text, element):
    check(text, {element}, set())


@pytest.mark.parametrize("text, absent", [
    ("Les violences sont punies de cinq ans d'emprisonnement lorsqu'elles sont commises sur un témoin, une "
     "victime ou une partie civile.", "prot.victim_participation"),
    ("Les violences sont punies lorsqu'elles sont commises dans un établissement d'enseignement sur une "
     "victime mineure.", "prot.employment_education"),
    ("Les violences sont punies lorsqu'elles sont commises dans un établissement d'enseignement sur une "
     "victime mineure.", "prot.special_needs"),
    ("La sanction-réparation oblige le condamné à procéder à la réparation de la chose endommagée au "
     "détriment de la victime.", "prot.compensation"),
    ("Les actes d'intimidation commis contre une victime sont punis de trois ans d'emprisonnement.",
     "prot.physical_safety"),
    ("Le meurtre est puni lorsqu'il est commis sur une victime dont la vulnérabilité due à la précarité de "
     "sa situation économique est apparente.", "prev.root_causes"),
    ("La juridiction peut ordonner un stage de sensibilisation à la lutte contre la traite des êtres "
     "humains.", "prev.awareness"),
    ("Le service de police informe le procureur de la République de la situation de la victime de la traite, "
     "qui bénéficie d'une carte de séjour.", "prot.counselling"),
])
def test_penal_code_mentions_are_not_victim_measures(text, absent):
    check(text, set(), {absent})


def test_residence_needs_a_residence_word():
    check("L'étranger victime de la traite bénéficie de l'admission au séjour.", {"status.residence"}, set())
    check("La victime de la traite a droit au respect de sa dignité.", set(), {"status.residence"})


# ------------------------------------------------------------------ other francophone drafting (round 2)

def test_inverted_defining_formulas():
    check("Constitue la traite des personnes le fait de recruter, de transporter ou d'héberger une personne, "
          "par la menace ou la tromperie, aux fins de son exploitation.",
          {"act.recruitment", "act.transportation", "act.harbouring", "means.threat", "means.deception"},
          set())
    check("L'exploitation comprend notamment le travail forcé, la servitude et le prélèvement d'organes.",
          {"purpose.forced_labour", "purpose.servitude", "purpose.organ_removal"}, set())


def test_inclusion_verb_alone_is_not_a_definition():
    check("Le comité comprend un représentant des associations d'aide aux personnes et un agent chargé du "
          "travail forcé.", set(), {"purpose.forced_labour"})
    check("Constitue une contravention le fait de stationner sur un passage protégé.", set(),
          {"crim.offence"})


@pytest.mark.parametrize("text, element", [
    ("Les enquêteurs et les magistrats suivent une formation spécialisée sur la traite des personnes.",
     "coop.training"),
    ("L'État veille à ce que les documents de voyage qu'il délivre ne puissent être facilement falsifiés.",
     "coop.document_security"),
    ("Un administrateur ad hoc est nommé pour l'enfant non accompagné victime de la traite.",
     "rights.child_guardian"),
    ("Est puni comme complice quiconque aide ou facilite sciemment la commission de la traite des personnes.",
     "crim.complicity"),
])
def test_cooperation_guardian_and_complicity_variants(text, element):
    check(text, {element}, set())


def test_document_and_training_near_misses():
    check("Le fait de falsifier un document de voyage est puni de cinq ans d'emprisonnement.",
          set(), {"coop.document_security"})
    check("Les élèves reçoivent une formation sur la sécurité routière.", set(), {"coop.training"})


def test_carrier_duties_and_a_vehicle_owner_near_miss():
    check("Le propriétaire ou l'exploitant d'un véhicule commercial qui amène au pays une personne dépourvue "
          "des documents requis est passible d'une amende.", {"coop.border_measures"}, set())
    check("La juridiction peut ordonner la confiscation du véhicule dont le condamné est le propriétaire.",
          set(), {"coop.border_measures"})


# ------------------------------------------------------------------ review fixes (FR/ES corpus audit)

def matched(text: str) -> set[str]:
    """Element and cue ids matched by the patterns (before any rule): for cue-level checks."""
    return {m.element for m in get_tagger().analyse(text, LANG).matches}


@pytest.mark.parametrize("text", [
    "Emportent interdiction de territoire les faits de se livrer à la traite des personnes.",
    "L'autorité administrative peut refuser l'entrée à l'étranger qui ne présente pas de document de voyage.",
    "L'entrée sur le territoire est refusée à l'étranger dont la présence constitue une menace.",
    "L'étranger signalé aux fins de non-admission peut se voir refuser l'entrée sur le territoire.",
    "L'étranger qui ne remplit pas les conditions peut faire l'objet d'une décision de refus d'entrée.",
])
def test_border_measures_in_establishing_form(text):
    check(text, {"coop.border_measures"}, set())


@pytest.mark.parametrize("text", [
    "L'étranger qui fait l'objet d'un refus d'entrée peut demander l'assistance d'un interprète.",
    "Le sursis de la mesure d'interdiction de territoire est prononcé par la section d'appel.",
])
def test_border_measures_near_miss_mentions_of_a_decision(text):
    check(text, set(), {"coop.border_measures"})


@pytest.mark.parametrize("text", [
    "Les juridictions françaises sont compétentes pour connaître des infractions de traite commises à "
    "l'étranger.",
    "La loi pénale française s'applique aux crimes commis hors du territoire de la République par un "
    "Français.",
    "La poursuite de l'infraction commise à l'étranger peut être intentée devant tout tribunal du pays.",
])
def test_jurisdiction_with_penal_wording(text):
    check(text, {"crim.jurisdiction"}, set())


@pytest.mark.parametrize("text", [
    "Les juridictions compétentes statuent sur la rectification des actes de l'état civil.",
    "Le bénéfice de la protection est refusé à la personne qui a commis un crime grave hors du territoire.",
    "La présente loi s'applique aux étrangers résidant sur le territoire.",
])
def test_jurisdiction_near_miss_courts_and_asylum_exclusion(text):
    check(text, set(), {"crim.jurisdiction"})


def test_no_means_absence_needs_the_means():
    assert "cue.no_means" in matched("L'infraction est constituée même en l'absence de l'un des moyens "
                                     "énumérés au I.")
    assert "cue.no_means" not in matched("Le harcèlement est constitué même en l'absence de concertation "
                                         "entre les auteurs.")


def test_statute_title_cue():
    title = "Les frais sont remboursés selon la loi n° 91-647 du 10 juillet 1991 relative à l'Aide Juridique."
    assert "cue.body_name" in matched(title)
    assert "cue.body_name" not in matched("La loi punit le fait de recruter une personne.")


def test_scoping_reference_formulas():
    for text in ("La tentative des délits prévus par les articles 222-36 à 222-39 est punie.",
                 "Les personnes coupables des infractions prévues par le présent chapitre encourent la "
                 "confiscation.",
                 "Les personnes morales responsables des infractions définies à la présente section "
                 "encourent l'amende."):
        assert "cue.reference" in matched(text), text
    assert "cue.reference" not in matched("Les sommes prévues par la convention sont versées chaque année.")


@pytest.mark.parametrize("text", [
    "La victime de la traite qui témoigne peut bénéficier d'un changement d'identité.",
    "Le juge veille à éviter tout contact entre la victime et l'auteur des faits lors des auditions.",
])
def test_physical_safety_variants(text):
    check(text, {"prot.physical_safety"}, set())


def test_physical_safety_near_miss_identity_check():
    check("La victime présente une pièce d'identité lors de la plainte.", set(), {"prot.physical_safety"})


def test_proceedings_information_decision_notice():
    check("La victime est avisée de la décision de classement sans suite.", {"prot.proceedings_information"},
          set())


def test_general_part_book_heading():
    assert "cue.general_part" in matched("Livre Ier: Dispositions générales")
    assert "cue.general_part" in matched("LIVRE PREMIER - DISPOSITIONS GÉNÉRALES")
    assert "cue.general_part" not in matched("Chapitre Ier: Du vol; Section 2: Dispositions générales")
