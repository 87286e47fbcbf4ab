"""German pattern files (``indexer/tagging/patterns/de``): one test per pattern family.

Every sentence below is written for these tests in general German legal drafting (DE StGB "Mit
Freiheitsstrafe ... wird bestraft, wer ...", AT/LI StGB "ist mit Freiheitsstrafe ... zu bestrafen",
CH StGB/AIG and the Swiss treaty translations "Jede Vertragspartei trifft ..."); none is copied from
a statute. Each family has positive sentences (the element must be found) and near misses (it must not).
"""

from __future__ import annotations

from functools import partial

import pytest

from tests.indexer.tagging import helpers

LANG = "de"
found = partial(helpers.found, LANG)
check = partial(helpers.check, LANG)
DEFINITION_GROUPS = ("act.", "means.", "purpose.")


def definition_elements(text: str) -> set[str]:
    """The act/means/purpose elements found in ``text``."""
    return {e for e in found(text) if e.startswith(DEFINITION_GROUPS)}


# ---------------------------------------- evidence (folder completeness: test_loader.py)

def test_evidence_is_an_exact_quote():
    text = ("Mit Freiheitsstrafe von einem Jahr bis zu zehn Jahren wird bestraft, wer eine Person durch "
            "Täuschung anwirbt oder beherbergt, damit sie sexuell ausgebeutet wird.")
    assert helpers.quoted_elements(LANG, text)


# ------------------------------------------------------------------ act

def test_act_verbs_of_the_trafficking_offence():
    text = ("Mit Freiheitsstrafe von sechs Monaten bis zu zehn Jahren wird bestraft, wer eine andere "
            "Person unter Ausnutzung ihrer Zwangslage anwirbt, befördert, weitergibt, beherbergt oder "
            "aufnimmt, wenn diese Person ausgebeutet werden soll.")
    check(text, {"act.recruitment", "act.transportation", "act.transfer", "act.harbouring", "act.receipt",
                 "means.abuse_of_vulnerability", "crim.offence"}, set())


def test_act_nouns_in_a_treaty_style_definition():
    text = ("Im Sinne dieses Gesetzes bezeichnet der Ausdruck «Menschenhandel» die Anwerbung, Beförderung, "
            "Verbringung, Beherbergung oder Aufnahme von Personen zum Zweck der Ausbeutung.")
    check(text,
          {"act.recruitment", "act.transportation", "act.transfer", "act.harbouring", "act.receipt"}, set())


def test_act_austrian_style_offence():
    text = ("Wer eine volljährige Person mit dem Vorsatz, dass sie ausgebeutet werde, unter Einsatz "
            "unlauterer Mittel anwirbt, beherbergt oder sonst aufnimmt, befördert oder einem anderen "
            "anbietet, ist mit Freiheitsstrafe bis zu fünf Jahren zu bestrafen.")
    check(text, {"act.recruitment", "act.harbouring", "act.receipt", "act.transportation", "act.transfer",
                 "crim.offence"}, set())


def test_act_near_miss_receiving_payments_and_taking_up_work():
    text = ("Mit Freiheitsstrafe wird bestraft, wer eine andere Person unter Ausnutzung ihrer Hilflosigkeit "
            "veranlasst, die Prostitution aufzunehmen oder fortzusetzen, und dafür Zahlungen entgegennimmt.")
    assert "act.receipt" not in found(text)


def test_act_near_miss_smuggling_of_migrants():
    text = ("Mit Freiheitsstrafe bis zu fünf Jahren wird bestraft, wer Ausländer gegen Entgelt befördert "
            "oder beherbergt, um ihnen die rechtswidrige Einreise oder den rechtswidrigen Aufenthalt zu "
            "ermöglichen.")
    elements = found(text)
    assert not {e for e in elements if e.startswith(DEFINITION_GROUPS)}
    assert "crim.offence" not in elements


def test_act_near_miss_goods_are_not_persons():
    check("Mit Freiheitsstrafe bis zu drei Jahren wird bestraft, wer verbotene Waffen in das Inland "
          "verbringt oder einem anderen überlässt.", set(), {"act.transfer", "crim.offence"})


# ------------------------------------------------------------------ means

def test_means_of_the_definition():
    text = ("Menschenhandel begeht, wer eine Person durch Androhung oder Anwendung von Gewalt, durch "
            "Nötigung, Entführung, Betrug, Täuschung, Missbrauch von Macht oder Ausnutzung besonderer "
            "Hilflosigkeit oder durch Gewährung von Zahlungen oder Vorteilen anwirbt, und wird mit "
            "Freiheitsstrafe bestraft.")
    check(text, {"means.threat", "means.force", "means.coercion", "means.abduction", "means.fraud",
                 "means.deception", "means.abuse_of_power", "means.abuse_of_vulnerability",
                 "means.payments_or_benefits"}, set())


def test_means_near_miss_kidnapping_and_threat_offences():
    check("Wer einen Menschen mit Gewalt entführt, um eine Dritte Person zu erpressen, wird mit "
          "Freiheitsstrafe nicht unter fünf Jahren bestraft.", set(), {"means.force", "means.abduction",
                                                                     "crim.offence"})
    check("Wer einen anderen mit der Begehung eines Verbrechens bedroht, wird mit Freiheitsstrafe bis zu "
          "einem Jahr bestraft.", set(), {"means.threat", "crim.offence"})


def test_means_near_miss_control_over_another_person_is_not_force():
    text = ("Im Sinne dieses Gesetzes gilt als Menschenhandel auch die Gewährung von Vorteilen zur Erlangung "
            "des Einverständnisses einer Person, die Gewalt über eine andere Person hat, zum Zweck der "
            "Ausbeutung.")
    check(text, {"means.payments_or_benefits"}, {"means.force"})


def test_means_near_miss_forgery_deceives_in_legal_dealings():
    check("Wer zur Täuschung im Rechtsverkehr eine unechte Urkunde herstellt, wird mit Freiheitsstrafe "
          "bestraft.", set(), {"means.deception"})


# ------------------------------------------------------------------ purpose

def test_purposes_of_exploitation():
    text = ("Ausbeutung im Sinne dieses Gesetzes umfasst mindestens die Ausnutzung der Prostitution anderer "
            "oder andere Formen sexueller Ausbeutung, Zwangsarbeit, Sklaverei, Leibeigenschaft, die Entnahme "
            "von Organen, die Ausnutzung strafbarer Handlungen, die Bettelei, die Zwangsheirat und die "
            "illegale Adoption.")
    check(text, {"purpose.sexual_exploitation", "purpose.forced_labour", "purpose.slavery",
                 "purpose.servitude", "purpose.organ_removal", "purpose.forced_criminality",
                 "purpose.forced_begging", "purpose.forced_marriage", "purpose.illegal_adoption"}, set())


def test_purposes_in_a_german_style_offence():
    text = ("Mit Freiheitsstrafe wird bestraft, wer eine Person unter einundzwanzig Jahren anwirbt, wenn "
            "diese Person ausgebeutet werden soll bei der Begehung von mit Strafe bedrohten Handlungen "
            "durch diese Person oder wenn ihr ein Organ entnommen werden soll.")
    check(text, {"purpose.forced_criminality", "purpose.organ_removal", "act.recruitment"}, set())


def test_slavery_offence_carries_its_purpose_and_offence():
    text = ("Wer eine Person in Sklaverei oder Leibeigenschaft hält, ist mit Freiheitsstrafe bis zu zwanzig "
            "Jahren zu bestrafen.")
    check(text, {"purpose.slavery", "purpose.servitude", "crim.offence"}, set())


def test_purpose_armed_conflict_and_tissue():
    check("Als Ausbeutung gilt auch die Rekrutierung von Kindern für den Einsatz in bewaffneten Konflikten.",
          {"purpose.armed_conflict"}, set())
    check("Als Ausbeutung gilt auch, wenn einer Person Gewebe oder Zellen entnommen werden.",
          {"purpose.tissue_removal"}, set())


def test_purpose_near_miss_pimping_offence():
    text = ("Mit Freiheitsstrafe bis zu drei Jahren wird bestraft, wer gewerbsmässig die Prostitution einer "
            "anderen Person fördert, auch wenn diese einwilligt, und sie dabei ausbeutet.")
    check(text, set(), {"purpose.sexual_exploitation", "crim.offence", "definition.consent_irrelevant"})


def test_purpose_near_miss_labour_short_of_forced_labour():
    text = ("Ausbeutung durch eine Beschäftigung liegt vor, wenn die Arbeitsbedingungen in einem auffälligen "
            "Missverhältnis zu denen vergleichbarer Arbeitnehmer stehen.")
    assert "purpose.forced_labour" not in found(text)


# ------------------------------------------------------------------ definition (consent, children)

def test_consent_is_irrelevant():
    text = ("Die Einwilligung eines Opfers von Menschenhandel in die beabsichtigte Ausbeutung ist "
            "unerheblich.")
    check(text, {"definition.consent_irrelevant"}, set())


def test_consent_near_miss_consent_of_the_authority():
    check("Die Zustimmung der kantonalen Behörde ist für die Verlängerung der Bewilligung erforderlich.",
          set(), {"definition.consent_irrelevant"})


def test_child_without_means():
    text = ("Als Menschenhandel gilt auch die Anwerbung oder Beförderung eines Kindes zum Zweck der "
            "Ausbeutung, selbst wenn keines der in Absatz 1 genannten Mittel angewendet wurde.")
    check(text, {"definition.child_no_means"}, set())


def test_child_defined_as_under_eighteen():
    check("Im Sinne dieses Gesetzes ist Kind jede Person unter achtzehn Jahren.",
          {"definition.child_under_18"}, set())
    check("Als Kind gilt, wer das 18. Lebensjahr noch nicht vollendet hat.", {"definition.child_under_18"},
          set())


def test_child_near_miss_adults_only_offence_and_resources():
    text = ("Mit Freiheitsstrafe wird bestraft, wer eine volljährige Person durch Täuschung anwirbt, damit "
            "sie sexuell ausgebeutet wird.")
    check(text, {"act.recruitment"}, {"definition.child_under_18", "definition.child_no_means"})
    check("Opfer, die keine ausreichenden Mittel haben, erhalten Unterstützung bei der Unterkunft.",
          set(), {"means.not_required", "definition.child_no_means"})


# ------------------------------------------------------------------ crim

@pytest.mark.parametrize("text, element", [
    ("Der Versuch ist strafbar.", "crim.attempt"),
    ("Wegen Beihilfe wird bestraft, wer einem anderen zu dessen Menschenhandel Hilfe leistet.",
     "crim.complicity"),
    ("Wer eine Vereinigung gründet, deren Zweck der Menschenhandel ist, oder den Menschenhandel "
     "organisiert, wird mit Freiheitsstrafe bestraft.", "crim.organizing"),
    ("Juristische Personen können für Menschenhandel verantwortlich gemacht und mit Geldbusse belegt "
     "werden.", "crim.legal_persons"),
    ("Das inländische Strafrecht gilt auch für Menschenhandel, der im Ausland begangen wird.",
     "crim.jurisdiction"),
    ("Die Tatwerkzeuge und Erträge aus dem Menschenhandel sind einzuziehen.", "crim.confiscation"),
    ("In besonders schweren Fällen des Menschenhandels ist die Freiheitsstrafe nicht unter drei Jahren.",
     "crim.aggravation"),
    ("Mit Freiheitsstrafe wird bestraft, wer die Dienste einer Person nutzt in dem Wissen, dass sie Opfer "
     "von Menschenhandel ist.", "crim.use_of_services"),
])
def test_criminalisation_families(text, element):
    check(text, {element}, set())


def test_crim_near_misses():
    check("Mit Freiheitsstrafe wird bestraft, wer als Mitglied einer Bande die rechtswidrige Einreise von "
          "Ausländern fördert.", set(), {"crim.organizing", "crim.offence"})
    check("Der Bund fördert die Zusammenarbeit mit den Kantonen und unterstützt deren Projekte.", set(),
          {"crim.complicity"})
    check("Natürliche und juristische Personen können beim Amt ein Gesuch einreichen.", set(),
          {"crim.legal_persons"})


def test_aggravation_only_drops_means():
    text = ("Auf Freiheitsstrafe von einem Jahr bis zu zehn Jahren ist zu erkennen, wenn der Täter das Opfer "
            "des Menschenhandels durch Gewalt in die Gefahr des Todes bringt.")
    check(text, {"crim.aggravation"}, {"means.force"})


# ------------------------------------------------------------------ prot

def test_assistance_to_victims():
    text = ("Opfer von Menschenhandel erhalten eine angemessene und sichere Unterkunft, medizinische "
            "Versorgung, psychologische Betreuung, Beratung über ihre Rechte in einer Sprache, die sie "
            "verstehen, sowie den Schutz ihrer Identität.")
    check(text, {"prot.housing", "prot.medical_assistance", "prot.counselling", "prot.privacy"},
          {"act.receipt"})


@pytest.mark.parametrize("text, element", [
    ("Das Opfer des Menschenhandels kann sich dem Verfahren als Nebenkläger anschliessen.",
     "prot.victim_participation"),
    ("Das Opfer hat Anspruch auf Entschädigung und Genugtuung durch den Täter.", "prot.compensation"),
    ("Die Opfer werden vor Vergeltung und Einschüchterung geschützt.", "prot.physical_safety"),
    ("Opfern von Menschenhandel wird der Zugang zum Arbeitsmarkt und zur beruflichen Ausbildung gewährt.",
     "prot.employment_education"),
    ("Bei Opfern, die Kinder sind, werden die Massnahmen kindgerecht ausgestaltet.", "prot.special_needs"),
    ("Das Opfer wird auf Antrag über den Ausgang des Verfahrens und die Entlassung des Täters unterrichtet.",
     "prot.proceedings_information"),
])
def test_protection_families(text, element):
    check(text, {element}, set())


def test_protection_near_miss_without_victims():
    check("Das Spital gewährt den Patienten medizinische Versorgung und Unterkunft.", set(),
          {"prot.medical_assistance", "prot.housing"})
    check("Das Opfer arbeitete beim Bundesamt für Sicherheit in der Informationstechnik.", set(),
          {"prot.physical_safety"})


# ------------------------------------------------------------------ status

def test_status_of_victims():
    text = ("Ausländischen Opfern von Menschenhandel wird eine Erholungs- und Bedenkzeit gewährt; danach "
            "kann ihnen eine Aufenthaltsbewilligung erteilt werden, und sie erhalten Rückkehrhilfe.")
    check(text, {"status.reflection_period", "status.residence", "status.repatriation"}, set())


def test_return_documents():
    text = ("Die Behörde prüft ohne Verzögerung, ob das Opfer ihre Staatsangehörigkeit besitzt, und stellt "
            "die erforderlichen Reisedokumente aus.")
    check(text, {"status.return_documents"}, set())


def test_status_near_miss_holder_of_a_permit():
    check("Opfer von Menschenhandel, die Inhaber einer Aufenthaltsbewilligung sind, können eine "
          "Erwerbstätigkeit ausüben.", set(), {"status.residence"})


# ------------------------------------------------------------------ rights

@pytest.mark.parametrize("text, element", [
    ("Opfer von Menschenhandel werden für Straftaten, zu denen sie gezwungen wurden, nicht bestraft.",
     "rights.non_punishment"),
    ("Die Behörden legen Verfahren zur Identifizierung von Opfern des Menschenhandels fest.",
     "rights.identification"),
    ("Das Opfer hat Anspruch auf unentgeltlichen Rechtsbeistand.", "rights.legal_aid"),
    ("Bei allen Entscheidungen über Opfer, die Kinder sind, ist das Wohl des Kindes vorrangig zu "
     "berücksichtigen.", "rights.child_guardian"),
    ("Es wird ein Fonds zur Unterstützung der Opfer von Menschenhandel errichtet.", "rights.victim_fund"),
    ("Die Unterstützung der Opfer wird nicht von ihrer Bereitschaft abhängig gemacht, als Zeuge "
     "auszusagen.", "rights.unconditional_assistance"),
    ("Opfer von Menschenhandel werden nicht in Abschiebungshaft genommen.", "rights.non_detention"),
])
def test_rights_families(text, element):
    check(text, {element}, set())


def test_rights_near_misses():
    check("Wegen Versuchs wird nicht bestraft, wer freiwillig die weitere Ausführung der Tat aufgibt.",
          set(), {"rights.non_punishment"})
    check("Wegen Menschenhandels wird nicht bestraft, wer die Tat freiwillig anzeigt, bevor das Opfer "
          "befreit ist.", set(), {"rights.non_punishment"})
    check("Die Veröffentlichung von Angaben, die eine Identifizierung der Opfer ermöglichen, ist untersagt.",
          {"prot.privacy"}, {"rights.identification"})


# ------------------------------------------------------------------ prev, coop, inst

def test_prevention():
    text = ("Der Bund führt Sensibilisierungskampagnen gegen Menschenhandel durch, wirkt der Nachfrage "
            "entgegen und arbeitet mit nichtstaatlichen Organisationen zusammen.")
    check(text, {"prev.awareness", "prev.demand", "prev.civil_society"}, set())


def test_prevention_policies_and_root_causes():
    check("Die Massnahmen zur Verhütung des Menschenhandels umfassen Programme gegen Armut und fehlende "
          "Chancengleichheit.", {"prev.policies", "prev.root_causes"}, set())


def test_cooperation_borders_and_training():
    text = ("Die Grenzkontrollen werden verstärkt, Beförderungsunternehmen prüfen die Reisedokumente, und "
            "die Bediensteten der Polizei erhalten eine Schulung zum Menschenhandel.")
    check(text, {"coop.border_measures", "coop.training"}, set())


def test_information_exchange_and_documents():
    check("Die Strafverfolgungsbehörden tauschen Informationen über Fälle von Menschenhandel aus.",
          {"coop.information_exchange"}, set())
    check("Der Staat gewährleistet die Integrität und Sicherheit der von ihm ausgestellten Reisedokumente.",
          {"coop.document_security"}, set())


def test_training_near_miss_victims_vocational_training():
    check("Das Opfer von Menschenhandel erhält eine berufliche Ausbildung.", {"prot.employment_education"},
          {"coop.training"})


def test_document_security_near_miss_forgery_offence():
    check("Wer einen Pass fälscht, wird mit Freiheitsstrafe bis zu fünf Jahren bestraft.", set(),
          {"coop.document_security"})


def test_institutions():
    text = ("Die Koordinationsstelle gegen Menschenhandel erarbeitet einen Nationalen Aktionsplan, führt "
            "Statistiken über die Opfer und legt dem Parlament jährlich einen Bericht vor.")
    check(text,
          {"inst.coordination_body", "inst.action_plan", "inst.data_collection", "inst.rapporteur"}, set())


def test_institutions_near_miss_generic_committee():
    check("Der Ausschuss der Vertragsparteien tritt einmal jährlich zusammen.", set(),
          {"inst.coordination_body"})


# ------------------------------------------------------------------ information duty (cue.inform)

@pytest.mark.parametrize("text, right", [
    ("Die Polizei informiert das Opfer von Menschenhandel über die Möglichkeit einer "
     "Aufenthaltsbewilligung.", "status.residence"),
    ("Opfer von Menschenhandel werden über ihr Recht auf unentgeltlichen Rechtsbeistand informiert.",
     "rights.legal_aid"),
    ("Das Opfer erhält Informationen über die verfügbare medizinische Versorgung.",
     "prot.medical_assistance"),
])
def test_information_duty_gives_counselling_not_the_right(text, right):
    check(text, {"prot.counselling"}, {right})


def test_information_duty_near_miss_right_granted():
    check("Opfer von Menschenhandel haben Anspruch auf eine Aufenthaltsbewilligung und auf eine Unterkunft.",
          {"status.residence", "prot.housing"}, {"prot.counselling"})


# ------------------------------------------------------------------ offence contexts in a penal code

def test_other_offence_near_misses_get_no_definition_elements():
    pimping = ("Mit Freiheitsstrafe wird bestraft, wer eine andere Person, die der Prostitution nachgeht, "
               "ausbeutet oder sie durch Drohung zur Fortsetzung anhält.")
    kidnapping = ("Mit Freiheitsstrafe nicht unter einem Jahr wird bestraft, wer einen Menschen entführt "
                  "oder durch Gewalt festhält, um einen Dritten zu nötigen.")
    smuggling = ("Wer als Schlepper Ausländer befördert oder ihnen Unterkunft gewährt, wird mit "
                 "Freiheitsstrafe bestraft.")
    forgery = ("Wer einen falschen Reisepass herstellt, ihn einem anderen übergibt und dabei Gewalt "
               "anwendet, wird bestraft.")
    for text in (pimping, kidnapping, smuggling, forgery):
        assert not definition_elements(text), text


def test_slavery_prohibition_is_an_offence():
    text = ("Sklaverei und Zwangsarbeit sind verboten. Wer eine Person in Sklaverei hält, wird mit "
            "Freiheitsstrafe bestraft.")
    check(text, {"purpose.forced_labour", "purpose.slavery", "crim.offence"}, set())


def test_general_part_attempt_in_another_offence():
    check("Wer als Schlepper die rechtswidrige Einreise fördert, wird bestraft. Der Versuch ist strafbar.",
          set(), {"crim.attempt"})
    check("Der Versuch eines Verbrechens ist stets strafbar, der Versuch eines Vergehens nur, wenn das "
          "Gesetz es bestimmt.", {"crim.attempt"}, set())


# ------------------------------------------------------------------ other drafting styles (CH, AT, DE)

def test_swiss_style_trade_in_persons_without_means():
    text = ("Wer als Anbieter, Vermittler oder Abnehmer mit einem Menschen Handel treibt zum Zwecke der "
            "sexuellen Ausbeutung, wird mit Freiheitsstrafe bestraft. Ist das Opfer minderjährig, so ist die "
            "Strafe Freiheitsstrafe nicht unter einem Jahr.")
    check(text, {"act.transfer", "act.receipt", "purpose.sexual_exploitation", "crim.offence",
                 "means.not_required", "crim.aggravation"}, set())


def test_child_offence_by_completed_years_needs_no_means():
    text = ("Wer eine Person, die das 18. Lebensjahr nicht vollendet hat, anwirbt oder beherbergt, um sie "
            "sexuell auszubeuten, wird mit Freiheitsstrafe bestraft.")
    check(text, {"definition.child_no_means", "act.recruitment", "act.harbouring"}, set())


def test_non_punishment_by_discretion_and_information_on_rights():
    check("Von der Verfolgung kann abgesehen werden, wenn das Opfer von Menschenhandel die Tat im "
          "Zusammenhang mit seiner Ausbeutung begangen hat.", {"rights.non_punishment"}, set())
    check("Die Strafbehörden informieren die geschädigte Person über ihre Rechte im Strafverfahren.",
          {"prot.counselling"}, set())


def test_smuggling_incitement_is_not_trafficking_complicity():
    check("Wer einen Ausländer zur Einreise anstiftet oder ihm dazu Hilfe leistet und dafür einen Vorteil "
          "erhält, wird mit Freiheitsstrafe bestraft.", set(), {"crim.complicity", "crim.offence"})


def test_austrian_style_child_offence_without_unfair_means():
    text = ("Wer eine minderjährige Person mit dem Vorsatz, dass sie ausgebeutet werde, anwirbt oder "
            "befördert, ist auch dann zu bestrafen, wenn kein unlauteres Mittel eingesetzt wird.")
    check(text, {"definition.child_no_means", "act.recruitment", "crim.offence"}, set())
