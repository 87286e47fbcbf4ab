"""Catalan pattern files (``indexer/tagging/patterns/ca``): one test per pattern family.

Every sentence below is written for these tests in general Catalan legal drafting (Andorran codes:
"el qui recluti ... ha de ser castigat amb pena de presó", "té la consideració de"; Catalan regional
laws on victims: "s'entén per", "les víctimes tenen dret a"); none is copied from a statute.
Each family has positive sentences (the element must be found) and near misses (it must not).
"""

from __future__ import annotations

from functools import partial

import pytest

from tests.indexer.tagging import helpers

LANG = "ca"
found = partial(helpers.found, LANG)
check = partial(helpers.check, LANG)


def no_definition_elements(text: str) -> None:
    """Assert that no act, means or purpose (and no trafficking offence) is found."""
    elements = found(text)
    assert not {e for e in elements if e.startswith(("act.", "means.", "purpose."))}, sorted(elements)
    assert "crim.offence" not in elements


# ---------------------------------------- evidence (folder completeness: test_loader.py)

def test_evidence_is_an_exact_quote_with_both_apostrophes():
    text = ("El qui reclutï o aculli una persona amb finalitat d’explotació sexual, mitjançant engany, "
            "ha de ser "
            "castigat amb pena de presó de quatre a deu anys; la temptativa d'aquest delicte és punible.")
    assert {"act.recruitment", "act.harbouring", "purpose.sexual_exploitation", "means.deception",
            "crim.offence", "crim.attempt"} <= helpers.quoted_elements(LANG, text)


# ------------------------------------------------------------------ act

def test_act_verbs_of_the_trafficking_offence():
    text = ("Comet el delicte de tràfic d'éssers humans i ha de ser castigat amb pena de presó de cinc "
            "a deu anys "
            "qui capti, transporti, traslladi, aculli o rebi una persona amb finalitat d'explotació.")
    check(text, {"act.recruitment", "act.transportation", "act.transfer", "act.harbouring", "act.receipt",
                 "crim.offence"}, set())


def test_act_nouns_in_a_definition():
    text = ("S'entén per tràfic d'éssers humans el reclutament, el transport, el trasllat, l'acollida o la "
            "recepció de persones amb la finalitat d'explotar-les.")
    check(text,
          {"act.recruitment", "act.transportation", "act.transfer", "act.harbouring", "act.receipt"}, set())


def test_act_near_miss_receiving_payments():
    text = ("La pena és de deu anys quan hi hagi el lliurament o la recepció de pagaments o avantatges a qui "
            "tingui autoritat sobre la víctima de tràfic.")
    check(text, {"crim.aggravation"}, {"act.receipt"})


def test_act_near_miss_smuggling_of_migrants():
    no_definition_elements("Ha de ser castigat amb pena de presó d'un a tres anys qui, amb ànim de lucre, "
                           "transporti estrangers per facilitar-ne l'entrada il·legal al país o els "
                           "allotgi al "
                           "territori.")
    no_definition_elements("El qui, amb ànim de lucre, traslladi o aculli immigrants clandestins ha de ser "
                           "castigat amb pena de presó de dos a cinc anys.")


def test_act_near_miss_goods_and_assets():
    no_definition_elements("Els qui transportin o emmagatzemin explosius sense autorització han de ser "
                           "castigats "
                           "amb pena de presó de sis mesos a dos anys.")
    check("El qui, mitjançant engany, aconsegueixi la transferència de qualsevol actiu patrimonial "
          "comet estafa.",
          set(), {"act.transfer"})


# ------------------------------------------------------------------ means

def test_means_of_the_definition():
    text = ("Comet el delicte de tràfic d'éssers humans qui reclutï una persona amb finalitat d'explotació "
            "mitjançant amenaça, violència, coacció, segrest, frau, engany, abús d'autoritat o d'una "
            "situació de "
            "vulnerabilitat, o mitjançant el lliurament de pagaments o avantatges.")
    check(text, {"means.threat", "means.force", "means.coercion", "means.abduction", "means.fraud",
                 "means.deception", "means.abuse_of_power", "means.abuse_of_vulnerability",
                 "means.payments_or_benefits"}, set())


def test_means_listed_as_conditions_after_the_acts():
    text = ("El qui, amb fins d'explotació laboral, recluti o allotgi una persona ha de ser castigat amb "
            "pena de presó de tres a set anys, quan s'empri algun dels mitjans següents: la intimidació, la "
            "sotmissió a amenaces o l'aprofitament d'una situació de necessitat.")
    check(text, {"act.recruitment", "act.harbouring", "means.coercion", "means.threat",
                 "means.abuse_of_vulnerability", "crim.offence"}, set())


def test_means_near_miss_kidnapping_and_threats_offences():
    check("El qui segresti una persona amb violència ha de ser castigat amb pena de presó de sis a deu anys.",
          set(), {"means.force", "means.abduction", "crim.offence"})
    check("Ha de ser castigat amb pena de presó de sis mesos el qui faci ús d'amenaces per alarmar una altra "
          "persona.", set(), {"means.threat"})


def test_means_near_miss_privacy_is_not_intimidation():
    check("S'ha de protegir la intimitat de les víctimes de tràfic durant el procés.", {"prot.privacy"},
          {"means.coercion"})


# ------------------------------------------------------------------ purpose

def test_purposes_of_exploitation():
    text = ("S'entén per tràfic d'éssers humans la captació de persones amb finalitat d'explotació sexual, "
            "treballs o serveis forçats, esclavatge, servitud, extracció d'òrgans, mendicitat, "
            "matrimoni forçat, "
            "adopció il·legal o la realització d'activitats delictives.")
    check(text, {"purpose.sexual_exploitation", "purpose.forced_labour", "purpose.slavery",
                 "purpose.servitude", "purpose.organ_removal", "purpose.forced_begging",
                 "purpose.forced_marriage", "purpose.illegal_adoption", "purpose.forced_criminality"}, set())


def test_slavery_offence_carries_its_purpose_and_offence():
    check("Qui sotmeti una altra persona a esclavatge ha de ser castigat amb pena de presó de quinze anys.",
          {"purpose.slavery", "crim.offence"}, set())
    check("Es considera servitud la situació de la persona sobre la qual un altre exerceix els atributs del "
          "dret de propietat, com ara vendre-la o comprar-la.", {"purpose.servitude"}, {"act.transfer"})
    check("1. Qui redueixi una persona a servitud ha de ser castigat amb pena de presó de cinc a deu "
          "anys. La pena "
          "s'ha d'imposar en la meitat superior si la víctima és menor d'edat.\n2. S'entén per servitud "
          "l'estat "
          "de la persona sobre la qual un altre exerceix poders de propietat, com ara vendre-la o cedir-la.",
          {"purpose.servitude", "crim.offence", "crim.aggravation"}, set())


def test_purpose_near_miss_pimping_offence():
    text = ("El qui promogui o faciliti la prostitució d'una altra persona, fins i tot amb el seu "
            "consentiment, "
            "ha de ser castigat amb pena de presó de quatre a sis anys.")
    check(text, set(), {"purpose.sexual_exploitation", "crim.offence", "definition.consent_irrelevant"})


def test_purpose_near_miss_administrative_bodies_and_transplants():
    check("Els òrgans administratius competents han d'informar la víctima de tràfic dels seus drets.",
          {"prot.counselling"}, {"purpose.organ_removal"})
    no_definition_elements("El qui extregui òrgans d'un donant viu sense l'autorització legal ha de ser "
                           "castigat amb pena de presó de tres a sis anys.")


# ------------------------------------------------------------------ definition (consent, children)

def test_consent_is_irrelevant():
    check("El consentiment de la víctima del tràfic d'éssers humans és irrellevant.",
          {"definition.consent_irrelevant"}, set())
    check("El consentiment donat per la víctima de tràfic no exclou en cap cas la responsabilitat penal de "
          "l'autor.", {"definition.consent_irrelevant"}, set())


def test_child_without_means():
    check("Té la consideració de tràfic d'éssers humans la captació de menors d'edat amb finalitat "
          "d'explotació, encara que no s'empri cap dels mitjans previstos.",
          {"definition.child_no_means"}, set())
    check("Quan no s'utilitzi cap dels mitjans esmentats, també constitueix tràfic d'éssers humans el "
          "reclutament d'un menor d'edat amb fins d'explotació sexual.", {"definition.child_no_means"}, set())


def test_child_defined_as_under_eighteen():
    check("Als efectes d'aquesta llei, s'entén per infant tota persona menor de divuit anys.",
          {"definition.child_under_18"}, set())


def test_child_near_miss_adults_only_offence_and_aggravation():
    check("Qui capti persones majors de divuit anys amb finalitat d'explotació, mitjançant engany, ha de ser "
          "castigat amb pena de presó de tres a sis anys.",
          {"act.recruitment"}, {"definition.child_under_18", "definition.child_no_means"})
    check("La pena s'ha d'imposar en la meitat superior quan la víctima del tràfic d'éssers humans sigui "
          "menor de divuit anys.", {"crim.aggravation"}, {"definition.child_under_18"})


# ------------------------------------------------------------------ crim

@pytest.mark.parametrize("text, element", [
    ("La temptativa dels delictes previstos en aquesta llei és punible.", "crim.attempt"),
    ("Són còmplices els qui cooperen a l'execució del delicte de tràfic d'éssers humans amb actes anteriors.",
     "crim.complicity"),
    ("Els qui promoguin o dirigeixin una organització dedicada al tràfic d'éssers humans han de ser "
     "castigats "
     "amb pena de presó de deu anys.", "crim.organizing"),
    ("Les persones jurídiques són penalment responsables dels delictes de tràfic d'éssers humans.",
     "crim.legal_persons"),
    ("La llei penal s'aplica també al delicte de tràfic d'éssers humans comès a l'estranger per un nacional.",
     "crim.jurisdiction"),
    ("El tribunal ha d'acordar el comís dels béns utilitzats per cometre el delicte de tràfic d'éssers "
     "humans.",
     "crim.confiscation"),
    ("S'ha d'imposar la pena en la meitat superior quan la víctima del tràfic d'éssers humans sigui menor "
     "d'edat.", "crim.aggravation"),
    ("Ha de ser castigat amb pena de presó qui utilitzi els serveis d'una persona sabent que és víctima del "
     "tràfic d'éssers humans.", "crim.use_of_services"),
])
def test_criminalisation_families(text, element):
    check(text, {element}, set())


def test_crim_near_misses():
    check("Els qui promoguin la immigració clandestina de persones formant part d'una organització han "
          "de ser "
          "castigats amb pena de presó.", set(), {"crim.organizing", "crim.offence"})
    check("El Govern ha de promoure la cooperació internacional i l'ajuda mútua.", set(), {"crim.complicity"})
    check("Les persones físiques o jurídiques poden presentar sol·licituds al servei d'immigració.",
          set(), {"crim.legal_persons"})


# ------------------------------------------------------------------ prot

def test_assistance_to_victims():
    text = ("Les víctimes del tràfic d'éssers humans tenen dret a rebre un allotjament adequat, assistència "
            "mèdica i psicològica gratuïta, informació sobre els seus drets en una llengua que "
            "comprenguin i la "
            "protecció de la seva identitat i intimitat.")
    check(text, {"prot.housing", "prot.medical_assistance", "prot.counselling", "prot.privacy"},
          {"act.receipt"})


@pytest.mark.parametrize("text, element", [
    ("La víctima té dret a exercir l'acció penal i que les seves opinions siguin examinades.",
     "prot.victim_participation"),
    ("La víctima de tràfic pot personar-se com a part acusadora en el procés penal.",
     "prot.victim_participation"),
    ("El tribunal ha de condemnar el culpable al pagament de la reparació del dany a favor de la víctima.",
     "prot.compensation"),
    ("S'han d'adoptar mesures per garantir la seva seguretat i evitar represàlies contra la víctima.",
     "prot.physical_safety"),
    ("La víctima ha de rebre formació professional i ajuda en la recerca de feina.",
     "prot.employment_education"),
    ("Les mesures han de tenir en compte l'edat i la maduresa de les víctimes menors d'edat.",
     "prot.special_needs"),
    ("La víctima ha de ser informada de l'estat del procediment i de la data del judici.",
     "prot.proceedings_information"),
    ("Les prestacions a les víctimes de tràfic cobreixen les necessitats bàsiques de manutenció i roba.",
     "prot.medical_assistance"),
])
def test_protection_families(text, element):
    check(text, {element}, set())


def test_protection_near_miss_without_victims():
    check("L'hospital presta assistència mèdica i allotjament als pacients.", set(),
          {"prot.medical_assistance", "prot.housing"})
    check("L'agent de la víctima treballa al Ministeri de Seguretat Social.", set(), {"prot.physical_safety"})


def test_special_protection_category_is_not_a_measure():
    check("La pena s'imposa en la meitat superior si la víctima és menor d'edat o especialment "
          "vulnerable.", set(), {"prot.special_needs"})


# ------------------------------------------------------------------ status

def test_status_of_victims():
    text = ("S'ha de concedir a la víctima estrangera un període de reflexió i de recuperació, una "
            "autorització "
            "de residència temporal i, si ho demana, el retorn assistit al seu país.")
    check(text, {"status.reflection_period", "status.residence", "status.repatriation"}, set())


def test_return_documents():
    check("El ministeri ha de verificar si la víctima té la nacionalitat andorrana i ha d'expedir els "
          "documents "
          "de viatge necessaris per al seu retorn.", {"status.return_documents"}, set())


def test_permit_holder_is_not_granted_a_permit():
    check("La persona estrangera titular d'una autorització de residència que sigui víctima de tràfic ha de "
          "comunicar el canvi de domicili.", set(), {"status.residence"})


# ------------------------------------------------------------------ rights

@pytest.mark.parametrize("text, element", [
    ("Les víctimes de tràfic no són punibles pels delictes comesos com a conseqüència directa de la seva "
     "explotació.", "rights.non_punishment"),
    ("Les víctimes de tràfic no poden ser sancionades per la seva situació administrativa irregular.",
     "rights.non_punishment"),
    ("El Govern ha d'adoptar les mesures necessàries per identificar les víctimes del tràfic d'éssers "
     "humans.",
     "rights.identification"),
    ("La víctima té dret a assistència jurídica gratuïta.", "rights.legal_aid"),
    ("En totes les decisions ha de prevaler l'interès superior de l'infant víctima.",
     "rights.child_guardian"),
    ("Es crea un fons per a l'assistència a les víctimes de tràfic.", "rights.victim_fund"),
    ("La concessió de les prestacions no es pot condicionar a la voluntat de la víctima de testificar en el "
     "procés penal.", "rights.unconditional_assistance"),
    ("Les víctimes de tràfic no poden ser internades en centres d'internament d'estrangers.",
     "rights.non_detention"),
])
def test_rights_families(text, element):
    check(text, {element}, set())


def test_rights_near_misses():
    check("Resta exempt de pena el qui desisteixi voluntàriament de l'execució del delicte.", set(),
          {"rights.non_punishment"})
    check("S'han d'adoptar mesures per evitar la difusió d'informació que faciliti la identificació de les "
          "víctimes.", {"prot.privacy"}, {"rights.identification"})
    check("Les prestacions a les víctimes de tràfic no es poden condicionar al pagament de taxes.",
          set(), {"rights.unconditional_assistance"})


# ------------------------------------------------------------------ prev, coop, inst

def test_prevention():
    text = ("El Govern ha de dur a terme campanyes de sensibilització i programes per desincentivar la "
            "demanda, "
            "en col·laboració amb les organitzacions no governamentals i la societat civil.")
    check(text, {"prev.awareness", "prev.demand", "prev.civil_society"}, set())
    check("El Govern ha d'adoptar les mesures necessàries per prevenir el tràfic d'éssers humans.",
          {"prev.policies"}, set())


def test_cooperation_borders_and_training():
    text = ("Les empreses de transport han de verificar els documents dels passatgers i s'ha d'impartir "
            "formació als agents de policia i als fiscals sobre el tràfic d'éssers humans.")
    check(text, {"coop.border_measures", "coop.training"}, set())
    check("Les autoritats han d'intercanviar informació sobre les xarxes de tràfic d'éssers humans.",
          {"coop.information_exchange"}, set())


def test_training_near_miss_victims_vocational_training():
    check("La víctima de tràfic ha de rebre formació professional.", {"prot.employment_education"},
          {"coop.training"})


def test_institutions():
    text = ("Es crea la Comissió interdepartamental contra el tràfic d'éssers humans, que ha d'elaborar "
            "un Pla "
            "nacional, recollir dades estadístiques i presentar un informe anual al Parlament.")
    check(text, {"inst.coordination_body", "inst.action_plan", "inst.data_collection", "inst.rapporteur"},
          set())


# ------------------------------------------------------------------ information duty (cue.inform)

@pytest.mark.parametrize("text, right", [
    ("La policia ha d'informar la víctima de tràfic de la possibilitat d'obtenir una autorització de "
     "residència.",
     "status.residence"),
    ("Les víctimes del tràfic d'éssers humans han de ser informades dels seus drets i de la possibilitat "
     "d'accedir a l'assistència mèdica.", "prot.medical_assistance"),
    ("Se l'ha d'informar del seu dret a l'assistència jurídica gratuïta, ja que és víctima de tràfic.",
     "rights.legal_aid"),
])
def test_information_duty_gives_counselling_not_the_right(text, right):
    check(text, {"prot.counselling"}, {right})


def test_information_duty_near_miss_right_granted_or_report():
    check("Les víctimes del tràfic d'éssers humans tenen dret a una autorització de residència temporal i a "
          "allotjament en centres d'acollida.", {"status.residence", "prot.housing"}, {"prot.counselling"})
    check("L'informe anual sobre la situació de les víctimes de tràfic ha d'incloure l'assistència mèdica "
          "prestada.", set(), {"prot.counselling"})


# ------------------------------------------------------------------ context: other offences, references

def test_other_offences_are_not_trafficking():
    no_definition_elements("El qui, mitjançant violència o intimidació, obligui una persona major d'edat a "
                           "exercir la prostitució ha de ser castigat amb pena de presó d'un a quatre anys.")
    no_definition_elements("El qui falsifiqui un passaport amb engany ha de ser castigat amb pena de "
                           "presó de "
                           "tres mesos a tres anys.")
    no_definition_elements("El qui, amb violència o intimidació, cometi una agressió sexual ha de ser "
                           "castigat "
                           "amb pena de presó de dos a sis anys.")


def test_drug_trafficking_is_not_trafficking_in_persons():
    no_definition_elements("El qui transporti o emmagatzemi drogues tòxiques destinades al tràfic "
                           "il·legal ha "
                           "de ser castigat amb pena de presó de tres a vuit anys.")


def test_offence_cues_need_a_criminal_penalty():
    check("El pla de contingència s'aplica als menors no acompanyats que puguin ser traslladats, "
          "incloses les "
          "possibles víctimes de tràfic d'éssers humans.", set(), {"crim.offence", "act.transfer"})
    check("Ha de ser sancionat amb pena de presó de cinc a deu anys qui capti o traslladi una persona amb "
          "finalitat d'explotació sexual.", {"crim.offence", "act.recruitment"}, set())


# ------------------------------------------------------------------ near misses seen on Andorran penal code

def test_child_pornography_and_filiation_offences_are_not_trafficking():
    no_definition_elements("El qui recluti o utilitzi un menor amb finalitats exhibicionistes o "
                           "pornogràfiques ha "
                           "de ser castigat amb pena de presó d'un a quatre anys.")
    no_definition_elements("Qui lliuri un infant a una altra persona per alterar-ne la filiació, a canvi de "
                           "diners, ha de ser castigat amb pena de presó de dos a cinc anys.")


def test_recruiting_clandestine_immigrants_is_smuggling():
    no_definition_elements("El qui, amb ànim de lucre, participi en el reclutament o el transport "
                           "d'immigrants "
                           "clandestins ha de ser castigat amb pena de presó de sis mesos a tres anys, i amb "
                           "pena de presó de dos a cinc anys quan hi concorri violència o engany.")


def test_trafficking_offence_with_means_after_the_penalty():
    text = ("El qui, amb fins d'extracció d'òrgans, recluti, traslladi o aculli una persona ha de ser "
            "castigat amb pena de presó de tres a vuit anys, quan s'empri algun dels mitjans següents: la "
            "violència, l'engany o l'abús d'una situació de vulnerabilitat.")
    check(text, {"act.recruitment", "act.transfer", "act.harbouring", "purpose.organ_removal", "means.force",
                 "means.deception", "means.abuse_of_vulnerability", "crim.offence"}, {"act.receipt"})


@pytest.mark.parametrize("text, absent", [
    ("El període de reflexió es pot revocar quan es tingui coneixement que la condició de víctima del tràfic "
     "s'ha invocat indegudament.", "crim.use_of_services"),
    ("El tribunal pot acordar el comís dels béns que no puguin ser repatriats de l'estranger, també en els "
     "delictes amb víctimes.", "status.repatriation"),
    ("Són circumstàncies agreujants cometre el fet contra la víctima per raó de la seva orientació sexual.",
     "prot.counselling"),
    ("Ha de ser castigat qui, sense autorització, reculli dades personals de les víctimes amb fins "
     "comercials.",
     "inst.data_collection"),
    ("Constitueix grup terrorista l'associació de tres o més persones amb la finalitat d'alterar la pau "
     "pública.", "inst.coordination_body"),
    ("El qui, sense ànim de lucre, faciliti el transport d'una persona ha de ser castigat amb pena d'arrest.",
     "prev.civil_society"),
    ("La llei de serveis socials i sociosanitaris s'aplica també a les víctimes de tràfic.",
     "prot.medical_assistance"),
])
def test_penal_code_near_misses(text, absent):
    check(text, set(), {absent})


# ------------------------------------------------------------------ Catalan regional victim-law drafting

@pytest.mark.parametrize("text, element", [
    ("Les víctimes de tràfic tenen dret a la recuperació integral, que inclou l'atenció psicològica.",
     "prot.medical_assistance"),
    ("Les dades de caràcter personal de les víctimes de tràfic tenen caràcter confidencial.", "prot.privacy"),
    ("El personal dels cossos policials ha de rebre formació específica en matèria de tràfic.",
     "coop.training"),
    ("L'Observatori ha de presentar cada any un informe sobre la tracta de persones al Parlament.",
     "inst.rapporteur"),
    ("El Govern ha d'aprovar un pla estratègic contra la tracta de persones.", "inst.action_plan"),
    ("Les administracions han de col·laborar amb les entitats del tercer sector que atenen les víctimes.",
     "prev.civil_society"),
    ("Els infants víctimes de tracta no acompanyats tenen dret a la presumpció de minoria d'edat.",
     "rights.child_guardian"),
    ("Les víctimes de tracta no poden ser detingudes ni internades per la seva situació administrativa.",
     "rights.non_detention"),
])
def test_regional_victim_law_phrasing(text, element):
    check(text, {element}, set())


def test_detention_ban_is_not_non_punishment_and_acolliment_in_a_definition_is_an_act():
    check("Les víctimes de tracta no poden ser detingudes ni internades per la seva situació administrativa.",
          set(), {"rights.non_punishment"})
    check("La tracta de persones és la captació, el trasllat, l'acolliment o la recepció de persones "
          "mitjançant l'amenaça o l'ús de la força amb finalitat d'explotació.",
          {"act.harbouring", "act.receipt", "means.threat", "means.force"}, {"prot.housing"})


def test_recitals_and_offences_referred_to():
    check("Exposició de motius. Aquesta Llei estableix un període de reflexió per a les víctimes de tràfic.",
          set(), {"status.reflection_period"})
    check("Les víctimes de tràfic tenen dret a un període de reflexió de noranta dies.",
          {"status.reflection_period"}, set())
    check("En els procediments per delictes de tràfic d'éssers humans, la víctima pot declarar per "
          "videoconferència.", {"prot.physical_safety"}, {"crim.offence"})


def test_spanish_code_style_in_catalan():
    check("Serà castigat amb la pena de sis a nou anys de presó com a reu de tràfic d'éssers humans "
          "qui, emprant "
          "intimidació o abusant d'una situació de necessitat de la víctima, la capti, l'aculli o "
          "la rebi amb la "
          "finalitat d'imposar-li treballs forçats.",
          {"act.recruitment", "act.harbouring", "means.coercion", "means.abuse_of_vulnerability",
           "purpose.forced_labour", "crim.offence"}, set())
    check("La conspiració, la proposició i la provocació per cometre el delicte de tràfic d'éssers "
          "humans són "
          "castigades amb la pena inferior en un grau.", {"crim.organizing", "crim.complicity"}, set())
    check("La víctima de tràfic té dret a l'atenció sanitària, psicològica i jurídica gratuïta.",
          {"rights.legal_aid", "prot.medical_assistance"}, set())
