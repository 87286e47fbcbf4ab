"""Dutch pattern files (``indexer/tagging/patterns/nl``): one test per pattern family.

Every sentence below is written for these tests in general Dutch legal drafting (Netherlands: "Hij die
... wordt gestraft met gevangenisstraf", "Onder ... wordt verstaan"; Belgium: "wordt gestraft met
opsluiting", "verzwarende omstandigheden", "Mensenhandel is de werving ..."); none is copied from a
statute. Each family has positive sentences (the element must be found) and near misses (it must not).
"""

from __future__ import annotations

from functools import partial

import pytest

from tests.indexer.tagging import helpers

LANG = "nl"
found = partial(helpers.found, LANG)
check = partial(helpers.check, LANG)
DEFINITION_GROUPS = ("act.", "means.", "purpose.")


def definition_elements(text: str) -> set[str]:
    """The act/means/purpose elements found in ``text``."""
    return {e for e in found(text) if e.startswith(DEFINITION_GROUPS)}


# ---------------------------------------- evidence (folder completeness: test_loader.py)

def test_evidence_is_an_exact_quote():
    text = ("Hij die een ander door  misleiding werft of\nhuisvest met het oogmerk van seksuele uitbuiting, "
            "wordt als schuldig aan mensenhandel gestraft met gevangenisstraf van ten hoogste tien jaren.")
    expected = {"act.recruitment", "act.harbouring", "means.deception", "purpose.sexual_exploitation"}
    assert expected <= helpers.quoted_elements(LANG, text)


# ------------------------------------------------------------------ act

def test_act_verbs_of_the_trafficking_offence():
    text = ("Als schuldig aan mensenhandel wordt gestraft met gevangenisstraf van ten hoogste twaalf jaren "
            "hij die een ander door dwang werft, vervoert, overbrengt, huisvest of opneemt met het oogmerk "
            "van uitbuiting.")
    check(text, {"act.recruitment", "act.transportation", "act.transfer", "act.harbouring", "act.receipt",
                 "crim.offence", "means.coercion"}, set())


def test_act_nouns_in_a_belgian_style_definition():
    text = ("Mensenhandel is de werving, het vervoer, de overbrenging, de huisvesting, de opvang van een "
            "persoon of de overdracht van de controle over hem met het doel van seksuele uitbuiting.")
    check(text, {"act.recruitment", "act.transportation", "act.transfer", "act.harbouring", "act.receipt",
                 "purpose.sexual_exploitation"}, set())


def test_act_near_miss_receiving_payments():
    text = ("De straf wordt met een derde verhoogd indien de dader betalingen of voordelen ontvangt van "
            "degene die zeggenschap heeft over het slachtoffer van mensenhandel.")
    check(text, {"crim.aggravation"}, {"act.receipt", "means.payments_or_benefits"})


def test_act_near_miss_smuggling_of_migrants():
    text = ("Wie uit winstbejag een vreemdeling helpt zich toegang tot het grondgebied te verschaffen, hem "
            "daartoe vervoert of huisvest, wordt wegens mensensmokkel gestraft met gevangenisstraf van ten "
            "hoogste vier jaren.")
    assert not definition_elements(text)
    assert "crim.offence" not in found(text)


def test_act_near_miss_goods_and_untransported_wood():
    check("Hij die zonder geweld of bedreiging niet vervoerd sprokkelhout wegneemt, wordt als schuldig aan "
          "stroperij gestraft met geldboete.", set(),
          {"act.transportation", "means.force", "means.threat", "crim.offence"})
    check("Hij die opzettelijk ontplofbare stoffen vervoert of voorhanden heeft, wordt gestraft met "
          "gevangenisstraf.",
          set(), {"act.transportation", "crim.offence"})


# ------------------------------------------------------------------ means

def test_means_of_the_definition():
    text = ("Wordt als schuldig aan mensenhandel gestraft, hij die een ander werft met het oogmerk van "
            "uitbuiting door bedreiging, geweld, dwang, ontvoering, fraude, misleiding, misbruik van "
            "gezag, door betalingen of voordelen aan te bieden of door de kwetsbare positie van die ander "
            "te misbruiken.")
    check(text, {"means.threat", "means.force", "means.coercion", "means.abduction", "means.fraud",
                 "means.deception", "means.abuse_of_power", "means.abuse_of_vulnerability",
                 "means.payments_or_benefits"}, set())


def test_means_abuse_of_de_facto_ascendancy():
    text = ("Hij die een ander door misbruik van uit feitelijke omstandigheden voortvloeiend overwicht "
            "huisvest met het oogmerk van uitbuiting, wordt gestraft als schuldig aan mensenhandel.")
    check(text, {"means.abuse_of_power", "act.harbouring"}, set())


def test_means_near_miss_kidnapping_and_threats_offences():
    check("Hij die opzettelijk iemand met geweld wederrechtelijk van de vrijheid berooft, wordt gestraft met "
          "gevangenisstraf van ten hoogste acht jaren.", set(), {"means.force", "crim.offence"})
    check("Bedreiging met zware mishandeling wordt gestraft met gevangenisstraf van ten hoogste twee jaren.",
          set(), {"means.threat", "crim.offence"})


def test_means_near_miss_punishable_with_is_not_a_threat():
    text = ("Op mensenhandel staat straf: het feit wordt bedreigd met een gevangenisstraf van twaalf jaren "
            "of een geldboete.")
    assert "means.threat" not in found(text)


# ------------------------------------------------------------------ purpose

def test_purposes_of_exploitation():
    text = ("Uitbuiting omvat ten minste uitbuiting in de prostitutie, seksuele uitbuiting, gedwongen of "
            "verplichte arbeid of diensten, bedelarij, slavernij en met slavernij vergelijkbare "
            "praktijken, dienstbaarheid, de verwijdering van organen, uitbuiting van strafbare "
            "activiteiten, een gedwongen huwelijk en illegale adoptie.")
    check(text, {"purpose.sexual_exploitation", "purpose.forced_labour", "purpose.slavery",
                 "purpose.servitude",
                 "purpose.organ_removal", "purpose.forced_begging", "purpose.forced_criminality",
                 "purpose.forced_marriage", "purpose.illegal_adoption"}, {"act.receipt"})


def test_slavery_offence_carries_its_purpose_and_offence():
    check("Hij die een ander in slavernij of dienstbaarheid houdt, wordt gestraft met gevangenisstraf van "
          "ten hoogste vijftien jaren.", {"purpose.slavery", "purpose.servitude", "crim.offence"}, set())
    check("Hij die slavenhandel drijft, wordt gestraft met gevangenisstraf van ten hoogste twaalf jaren.",
          {"purpose.slavery", "crim.offence"}, set())


def test_purpose_near_miss_pimping_offence():
    text = ("Hij die een bordeel houdt of de prostitutie van een ander bevordert, ook met diens "
            "toestemming, wordt gestraft met gevangenisstraf van ten hoogste vijf jaren.")
    check(text, set(), {"purpose.sexual_exploitation", "crim.offence", "definition.consent_irrelevant"})


def test_purpose_near_miss_organs_of_a_legal_person_and_easements():
    check("De organen van de rechtspersoon stellen een jaarverslag op over de opvang van slachtoffers van "
          "mensenhandel.", set(), {"purpose.organ_removal"})
    assert "purpose.servitude" not in found("Een erfdienstbaarheid wordt gevestigd door een notariële akte.")


def test_forced_labour_and_begging_near_misses():
    check("Met gevangenisstraf wordt gestraft hij die een ander arbeid laat verrichten tegen een kennelijk "
          "onevenredig loon, in strijd met de menselijke waardigheid, met het oogmerk van uitbuiting.",
          set(), {"purpose.forced_labour"})
    check("Hij die de bedelarij van een ander exploiteert, wordt gestraft met gevangenisstraf van een jaar.",
          set(), {"purpose.forced_begging", "crim.offence"})


# ------------------------------------------------------------------ definition (consent, children)

def test_consent_is_irrelevant():
    check("De instemming van het slachtoffer met de beoogde uitbuiting is irrelevant.",
          {"definition.consent_irrelevant"}, set())
    check("De toestemming van het slachtoffer van mensenhandel is zonder belang.",
          {"definition.consent_irrelevant"}, set())


def test_child_without_means():
    text = ("Geldt eveneens als mensenhandel: het vervoeren of opnemen van een minderjarige met het oogmerk "
            "van uitbuiting, ook als geen van de middelen van het eerste lid is toegepast.")
    check(text, {"definition.child_no_means"}, set())


def test_child_specific_offence_without_means():
    text = ("Wie een jongere die de leeftijd van achttien jaren nog niet heeft bereikt werft of huisvest "
            "met het oog op uitbuiting, wordt wegens mensenhandel gestraft.")
    check(text, {"definition.child_no_means", "act.recruitment"}, set())


def test_child_defined_as_under_eighteen():
    check("Voor de toepassing van deze wet wordt onder kind verstaan iedere persoon die jonger is dan "
          "achttien jaar.", {"definition.child_under_18"}, set())
    check("In deze wet wordt verstaan onder minderjarige: een persoon beneden de leeftijd van 18 jaar.",
          {"definition.child_under_18"}, set())


def test_child_near_miss_age_as_aggravation():
    text = ("De schuldige wordt gestraft met ten hoogste vijftien jaren gevangenisstraf wanneer het "
            "slachtoffer van mensenhandel jonger is dan achttien jaar.")
    check(text, {"crim.aggravation"}, {"definition.child_under_18", "definition.child_no_means"})


# ------------------------------------------------------------------ crim

@pytest.mark.parametrize("text, element", [
    ("Een poging tot misdrijf is strafbaar zodra de dader met de uitvoering is begonnen.", "crim.attempt"),
    ("Medeplichtigen aan een misdrijf, zoals wie opzettelijk behulpzaam is bij het plegen ervan, worden "
     "gestraft.", "crim.complicity"),
    ("Wie deelneemt aan een organisatie met als oogmerk het plegen van mensenhandel, wordt gestraft met "
     "gevangenisstraf.", "crim.organizing"),
    ("Strafbare feiten, waaronder mensenhandel, kunnen worden begaan door natuurlijke personen en "
     "rechtspersonen.",
     "crim.legal_persons"),
    ("De strafwet van Nederland is toepasselijk op iedere Nederlander die buiten het Rijk mensenhandel "
     "pleegt.", "crim.jurisdiction"),
    ("Bij iedere veroordeling kan de rechter de verbeurdverklaring van voorwerpen uitspreken.",
     "crim.confiscation"),
    ("De gevangenisstraf wordt met een derde verhoogd indien het slachtoffer van mensenhandel minderjarig "
     "is.",
     "crim.aggravation"),
    ("Mensenhandel wordt gestraft met opsluiting van tien jaar tot vijftien jaar in de volgende verzwarende "
     "omstandigheden.", "crim.aggravation"),
    ("Hij die gebruikmaakt van de diensten van een slachtoffer van mensenhandel, terwijl hij weet dat die "
     "ander wordt uitgebuit, wordt gestraft met gevangenisstraf.", "crim.use_of_services"),
])
def test_criminalisation_families(text, element):
    check(text, {element}, set())


def test_crim_near_misses():
    check("Hij die een vreemdeling behulpzaam is bij het zich verschaffen van toegang en daarbij deel "
          "uitmaakt van een criminele organisatie, wordt gestraft met gevangenisstraf.", set(),
          {"crim.organizing", "crim.offence"})
    check("De Staat bevordert de internationale samenwerking en de wederzijdse rechtshulp.", set(),
          {"crim.complicity"})
    check("Als rechter geldt ook een arbitraal college dat zijn rechtsmacht aan een verdrag ontleent.", set(),
          {"crim.jurisdiction"})
    check("Natuurlijke personen of rechtspersonen kunnen een aanvraag indienen bij de dienst.", set(),
          {"crim.legal_persons"})


# ------------------------------------------------------------------ prot

def test_assistance_to_victims():
    text = ("Slachtoffers van mensenhandel hebben recht op bescherming van hun persoonlijke levenssfeer, "
            "passende huisvesting, medische en psychologische bijstand en informatie over hun rechten in "
            "een taal die zij begrijpen.")
    check(text, {"prot.housing", "prot.medical_assistance", "prot.counselling", "prot.privacy"},
          {"act.receipt", "act.harbouring"})


@pytest.mark.parametrize("text, element", [
    ("Het slachtoffer kan zich als benadeelde partij voegen in het strafproces en heeft spreekrecht.",
     "prot.victim_participation"),
    ("De rechter kan de verdachte de verplichting opleggen tot betaling van schadevergoeding aan het "
     "slachtoffer.",
     "prot.compensation"),
    ("Er worden maatregelen genomen om het slachtoffer te beschermen tegen intimidatie en represailles.",
     "prot.physical_safety"),
    ("Het slachtoffer van mensenhandel krijgt toegang tot de arbeidsmarkt en tot beroepsopleiding.",
     "prot.employment_education"),
    ("Bij de bijstand aan slachtoffers van mensenhandel wordt rekening gehouden met de specifieke "
     "behoeften van kinderen.", "prot.special_needs"),
    ("Het slachtoffer wordt op zijn verzoek op de hoogte gesteld van de stand van de strafzaak en van de "
     "datum van de terechtzitting.", "prot.proceedings_information"),
    ("Slachtoffers van mensenhandel ontvangen leefgeld en hebben toegang tot gezondheidszorg.",
     "prot.medical_assistance"),
])
def test_protection_families(text, element):
    check(text, {element}, set())


def test_protection_near_miss_without_victims():
    check("Het ziekenhuis verleent medische bijstand en huisvesting aan patiënten.", set(),
          {"prot.medical_assistance", "prot.housing"})
    check("Het slachtoffer wordt gehoord door Onze Minister van Veiligheid en Justitie.", set(),
          {"prot.physical_safety"})
    check("Als bijzondere voorwaarde kan worden gesteld een verblijf in een instelling voor opvang, ook ten "
          "gunste van slachtoffers.", set(), {"prot.housing"})


# ------------------------------------------------------------------ status

def test_status_of_victims():
    text = ("Aan het slachtoffer van mensenhandel wordt een bedenktijd van drie maanden verleend, daarna "
            "een verblijfsvergunning voor bepaalde tijd en, op zijn verzoek, hulp bij de vrijwillige "
            "terugkeer naar zijn land van herkomst.")
    check(text, {"status.reflection_period", "status.residence", "status.repatriation"}, set())


def test_status_belgian_wording_and_return_documents():
    check("Het slachtoffer van mensenhandel krijgt een reflectieperiode van vijfenveertig dagen en daarna "
          "een machtiging tot verblijf.", {"status.reflection_period", "status.residence"}, set())
    check("De ambassade gaat na of het slachtoffer van mensenhandel de nationaliteit bezit en verstrekt de "
          "nodige reisdocumenten voor zijn terugkeer.", {"status.return_documents"}, set())


def test_status_near_miss_holder_of_a_permit():
    check("De houder van een verblijfsvergunning die slachtoffer is van mensenhandel meldt een "
          "adreswijziging.",
          set(), {"status.residence"})


# ------------------------------------------------------------------ rights

@pytest.mark.parametrize("text, element", [
    ("Slachtoffers van mensenhandel zijn niet strafbaar voor strafbare feiten die zij hebben begaan als "
     "rechtstreeks gevolg van hun uitbuiting.", "rights.non_punishment"),
    ("Het openbaar ministerie kan afzien van vervolging van een slachtoffer van mensenhandel voor feiten die "
     "het gedwongen was te plegen.", "rights.non_punishment"),
    ("De politie zorgt voor de identificatie van mogelijke slachtoffers van mensenhandel.",
     "rights.identification"),
    ("Het slachtoffer van mensenhandel heeft recht op kosteloze rechtsbijstand.", "rights.legal_aid"),
    ("Bij alle beslissingen over een minderjarig slachtoffer staat het belang van het kind voorop.",
     "rights.child_guardian"),
    ("Voor een alleenstaand minderjarig slachtoffer van mensenhandel wordt een voogd benoemd.",
     "rights.child_guardian"),
    ("Er wordt een fonds opgericht voor de bijstand aan slachtoffers van mensenhandel.",
     "rights.victim_fund"),
    ("De bijstand aan slachtoffers van mensenhandel is niet afhankelijk van hun medewerking aan het "
     "strafrechtelijk onderzoek.", "rights.unconditional_assistance"),
    ("Slachtoffers van mensenhandel worden niet in vreemdelingenbewaring gesteld.", "rights.non_detention"),
])
def test_rights_families(text, element):
    check(text, {element}, set())


def test_rights_near_misses():
    check("Wie handelt onder overmacht, is niet strafbaar voor dat feit.", set(),
          {"rights.non_punishment"})
    check("Er worden maatregelen genomen tegen de verspreiding van gegevens die de identificatie van "
          "slachtoffers van mensenhandel mogelijk maken.", {"prot.privacy"}, set())
    check("De bijstand aan slachtoffers van mensenhandel is niet afhankelijk van de betaling van leges.",
          set(), {"rights.unconditional_assistance"})


# ------------------------------------------------------------------ prev, coop, inst

def test_prevention():
    text = ("De regering voert voorlichtingscampagnes en neemt maatregelen om de vraag naar diensten van "
            "uitgebuite personen te ontmoedigen, in samenwerking met niet-gouvernementele organisaties en "
            "het maatschappelijk middenveld.")
    check(text, {"prev.awareness", "prev.demand", "prev.civil_society"}, set())


def test_prevention_policies_and_root_causes():
    check("De Staat voert beleid ter voorkoming van mensenhandel en bestrijdt armoede en onderontwikkeling.",
          {"prev.policies", "prev.root_causes"}, set())
    check("Hij die een getuigschrift van armoede vervalst, wordt gestraft met gevangenisstraf.", set(),
          {"prev.root_causes"})


def test_cooperation_borders_training_documents():
    text = ("Vervoerders controleren de reisdocumenten van passagiers, de grenscontroles worden versterkt "
            "en de opleiding van politieambtenaren en officieren van justitie op het gebied van "
            "mensenhandel wordt verbeterd.")
    check(text, {"coop.border_measures", "coop.training"}, set())
    check("De Staat waarborgt de echtheid en de beveiliging van de reisdocumenten die hij afgeeft.",
          {"coop.document_security"}, set())
    check("De diensten wisselen informatie uit over de gebruikte methoden van mensenhandelaars.",
          {"coop.information_exchange"}, set())


def test_cooperation_near_misses():
    check("Het slachtoffer van mensenhandel volgt een beroepsopleiding.", {"prot.employment_education"},
          {"coop.training"})
    check("Hij die een reisdocument vervalst, wordt gestraft met gevangenisstraf van ten hoogste zes jaren.",
          set(), {"coop.document_security"})


def test_institutions():
    text = ("Er wordt een Interdepartementale Commissie ter bestrijding van mensenhandel ingesteld, die "
            "een nationaal actieplan opstelt, statistische gegevens verzamelt en jaarlijks verslag "
            "uitbrengt aan de Nationaal rapporteur.")
    check(text, {"inst.coordination_body", "inst.action_plan", "inst.data_collection", "inst.rapporteur"},
          set())


def test_institutions_near_miss_task_force_alone():
    check("De taskforce vergadert op dinsdag.", set(), {"inst.coordination_body"})


# ------------------------------------------------------------------ information duty (cue.inform)

@pytest.mark.parametrize("text, right", [
    ("De politie informeert het slachtoffer van mensenhandel over de mogelijkheid van een "
     "verblijfsvergunning.",
     "status.residence"),
    ("Het slachtoffer van mensenhandel wordt gewezen op de mogelijkheid van kosteloze rechtsbijstand.",
     "rights.legal_aid"),
    ("Slachtoffers van mensenhandel worden op de hoogte gesteld van de mogelijkheid van medische bijstand.",
     "prot.medical_assistance"),
])
def test_information_duty_gives_counselling_not_the_right(text, right):
    check(text, {"prot.counselling"}, {right})


def test_information_duty_near_miss_right_granted():
    check("Slachtoffers van mensenhandel hebben recht op een verblijfsvergunning en op passende huisvesting.",
          {"status.residence", "prot.housing"}, {"prot.counselling"})


# ------------------------------------------------------------------ other offences near misses

@pytest.mark.parametrize("text", [
    "Wie een minderjarige door misleiding onttrekt aan het gezag van zijn ouders, wordt gestraft met "
    "gevangenisstraf van ten hoogste zes jaren.",
    "Wie een ander met geweld dwingt tot het ondergaan van seksueel binnendringen, wordt wegens "
    "verkrachting gestraft met gevangenisstraf.",
    "Hij die een orgaan tegen een vergoeding aanbiedt of verkoopt, wordt gestraft met gevangenisstraf van "
    "ten hoogste een jaar; handel in organen is verboden.",
    "Hij die een vervalst paspoort gebruikt of in voorraad heeft, terwijl hij weet dat het vals is, wordt "
    "gestraft met gevangenisstraf.",
])
def test_other_offences_get_no_definition_elements(text):
    elements = found(text)
    assert not {e for e in elements if e.startswith(DEFINITION_GROUPS)}, elements
    assert "crim.offence" not in elements


def test_offence_cue_negated_is_no_offence():
    check("Het slachtoffer van mensenhandel wordt niet gestraft voor illegale arbeid.",
          {"rights.non_punishment"},
          {"crim.offence"})


# ------------------------------------------------------------ Belgian drafting, verb-final word order

def test_belgian_definition_with_substandard_labour():
    text = ("Mensenhandel is de werving of de overbrenging van een persoon met het doel van seksuele "
            "uitbuiting, van tewerkstelling in omstandigheden die in strijd zijn met de menselijke "
            "waardigheid, of hem een wanbedrijf te laten plegen tegen zijn wil.")
    check(text, {"act.recruitment", "act.transfer", "purpose.sexual_exploitation",
                 "purpose.forced_criminality"},
          {"purpose.forced_labour", "prot.housing"})


def test_belgian_aggravation_by_reference():
    text = ("Het misdrijf bedoeld in artikel 10 wordt gestraft met opsluiting van tien jaar tot vijftien "
            "jaar wanneer het misdrijf gepleegd werd tegen een minderjarige.")
    check(text, {"crim.aggravation"}, {"definition.child_under_18"})


def test_verb_final_sale_and_armed_conflict():
    check("Met gevangenisstraf wordt gestraft hij die een kind verkoopt of koopt met het oogmerk van "
          "uitbuiting.",
          {"act.transfer", "crim.offence"}, set())
    check("Hij die een minderjarige werft om hem in te zetten in een gewapend conflict, wordt als schuldig "
          "aan mensenhandel gestraft.", {"act.recruitment", "purpose.armed_conflict"}, set())
    check("De koper die een woning verkoopt, betaalt de overdrachtsbelasting.", set(), {"act.transfer"})
    text = ("Wie zonder verlof personen werft voor buitenlandse krijgsdienst of gewapende strijd, wordt "
            "gestraft met gevangenisstraf.")
    assert not definition_elements(text)
