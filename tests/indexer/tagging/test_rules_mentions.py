"""Information lists, permit holders, forfeited assets, group offences, own conduct, child penalties.

The sentences are written for these tests (general legal drafting in each language); none is
copied from a statute.
"""

from __future__ import annotations

import pytest

from indexer.tagging import get_tagger
from indexer.tagging.rules.information import list_end, marker_style


def found(text: str, lang: str) -> set[str]:
    return {tag.element for tag in get_tagger().tag(text, lang)}


@pytest.mark.parametrize(("line", "style"), [
    ("a) Medidas de asistencia", "letter"), ("(iv) the shelters", "letter"), ("(2) legal aid", "paren"),
    ("3) legal aid", "paren"), ("1° De la possibilité", "degree"), ("2. Esta información", "dot"),
    ("- shelter", "bullet"), ("The victim shall", None), ("2023 was", None),
])
def test_marker_style(line, style):
    assert marker_style(line) == style


def test_list_stops_at_a_line_with_another_kind_of_marker():
    text = "sobre:\na) uno.\nb) dos.\n2. Otro apartado."
    assert text[:list_end(text, text.index(":"))].endswith("b) dos.")
    assert list_end("informs them: of the rights", 13) is None  # the list must start on the next line


@pytest.mark.parametrize(("lang", "text", "kept", "dropped"), [
    ("en", "The police shall inform the victim of the following:\n(a) the possibility of obtaining a "
           "temporary residence permit;\n(b) the shelters and medical care available to victims;\n"
           "(c) legal aid.\nThe victim shall be entitled to compensation from the offender.",
     {"prot.counselling", "prot.compensation"},
     {"status.residence", "prot.housing", "prot.medical_assistance", "rights.legal_aid"}),
    ("fr", "L'officier de police judiciaire informe la victime :\n1° De la possibilité d'obtenir une "
           "carte de séjour temporaire ;\n2° Des dispositifs d'hébergement et de soins médicaux ;\n"
           "3° De l'aide juridictionnelle.",
     {"prot.counselling"},
     {"status.residence", "prot.housing", "prot.medical_assistance", "rights.legal_aid"}),
    ("es", "La víctima tendrá derecho a recibir información sobre los siguientes extremos:\na) Medidas de "
           "alojamiento y asistencia médica disponibles.\nb) Indemnizaciones a las que pueda tener derecho.\n"
           "2. Las víctimas recibirán asistencia psicológica gratuita.",
     {"prot.counselling", "prot.medical_assistance"}, {"prot.housing", "prot.compensation"}),
    ("es", "Las oficinas de asistencia a las víctimas prestarán:\na) Información general sobre sus "
           "derechos y, en particular, sobre la posibilidad de obtener una indemnización "
           "por los daños sufridos.\nb) Alojamiento temporal.",
     {"prot.counselling", "prot.housing"}, {"prot.compensation"}),
])
def test_rights_listed_under_an_information_duty_are_only_information(lang, text, kept, dropped):
    elements = found(text, lang)
    assert kept <= elements, elements
    assert not dropped & elements, elements


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("fr", "L'étranger titulaire d'une carte de séjour temporaire délivrée à une victime de la "
           "traite des êtres humains bénéficie d'un hébergement.", {"prot.housing"}),
    ("en", "A victim who is the holder of a temporary residence permit shall have access to shelter.",
     {"prot.housing"}),
    ("es", "El extranjero titular de una autorización de residencia concedida como víctima de trata "
           "tendrá acceso a alojamiento.", {"prot.housing"}),
])
def test_a_permit_already_held_is_not_granted(lang, text, expected):
    assert found(text, lang) == expected


def test_a_permit_that_is_issued_is_residence():
    text = "Une carte de séjour temporaire est délivrée à l'étranger victime de la traite des êtres humains."
    assert "status.residence" in found(text, "fr")


def test_forfeited_assets_paid_to_victims_fund_them_without_ordering_forfeiture():
    assert found("Assets forfeited under this Act shall be used to compensate victims of "
                 "trafficking.", "en") \
        >= {"rights.victim_fund"}
    assert "crim.confiscation" not in found(
        "Assets forfeited under this Act shall be used to compensate victims of trafficking.", "en")
    assert "crim.confiscation" in found(
        "The court shall order the forfeiture of any property used to commit an offence of trafficking in "
        "persons.", "en")


def test_non_prefix_negates_the_word_after_it():
    assert "crim.confiscation" not in found(
        "Transfers shall not reduce the obligation of the offender to pay restitution to the victim "
        "through the "
        "use of non-forfeited assets.", "en")


def test_penalty_grades_of_a_criminal_group_offence_are_not_trafficking_aggravations():
    group = ("Quienes dirigieren una organización criminal serán castigados con la pena de prisión "
             "de cuatro a "
             "ocho años. La pena se impondrá en su mitad superior si la organización estuviere "
             "formada por un "
             "elevado número de personas.")
    assert found(group, "es") == {"crim.organizing"}
    trafficking = ("El que captare, transportare o acogiere a una persona con fines de explotación "
                   "sexual será "
                   "castigado con la pena de prisión de cinco a ocho años. Se impondrá la pena en su mitad "
                   "superior cuando el culpable perteneciere a una organización criminal.")
    assert "crim.aggravation" in found(trafficking, "es")


def test_a_cited_article_does_not_make_an_offence_with_its_own_conduct_a_trafficking_one():
    forced_marriage = ("El que con violencia obligare a otra persona a contraer matrimonio será "
                       "castigado con "
                       "prisión de uno a tres años. Se impondrá la pena en su mitad superior cuando "
                       "la víctima "
                       "fuera menor de edad, sin perjuicio de lo dispuesto en el artículo 12.")
    assert "crim.aggravation" not in found(forced_marriage, "es")
    by_reference = ("El delito previsto en el artículo 177 bis será castigado con la pena en su "
                    "mitad superior "
                    "cuando la víctima fuera menor de edad.")
    assert "crim.aggravation" in found(by_reference, "es")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The receiving State shall accept the return of a victim of trafficking with due regard for the "
           "safety of that person."),
    ("es", "La Secretaría facilitará la repatriación de las víctimas de trata, garantizando su seguridad."),
])
def test_safety_of_a_return_is_repatriation_not_protection(lang, text):
    elements = found(text, lang)
    assert "status.repatriation" in elements
    assert "prot.physical_safety" not in elements


def test_safety_far_from_a_return_is_still_protection():
    text = ("The police shall protect the physical safety of victims of trafficking and of their families "
            "during the proceedings. The Minister shall also organise the assisted return of victims.")
    assert {"prot.physical_safety", "status.repatriation"} <= found(text, "en")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The State shall verify whether a victim of trafficking is its national or had the right of "
           "permanent residence in its territory."),
    ("es", "La Secretaría verificará si la víctima de trata es su nacional o tenía derecho de residencia "
           "permanente en el país."),
])
def test_a_residence_right_the_victim_had_is_not_granted(lang, text):
    assert "status.residence" not in found(text, lang)


def test_an_offence_defined_elsewhere_and_aggravated_here_is_not_a_new_offence():
    text = ("Le crime de réduction en esclavage défini à l'article 12 est puni de trente ans de réclusion "
            "criminelle lorsqu'il est commis à l'égard d'un mineur.")
    elements = found(text, "fr")
    assert "crim.aggravation" in elements
    assert "crim.offence" not in elements


# (element, language, near miss without the element, positive with it)
CONTRASTS = [
    ("purpose.illegal_adoption", "en",
     "Each State shall adopt legislative measures to prevent the transport of trafficking victims.",
     "A person who recruits or transfers a child for adoption in exchange for payment commits the offence of "
     "trafficking in persons."),
    ("crim.organizing", "en",
     "The courts have jurisdiction over any offence of trafficking in persons (or any attempt or "
     "conspiracy to commit such an offence) committed abroad by a national.",
     "(2) Whoever conspires with another person to commit an offence of trafficking in persons shall be "
     "punished with imprisonment for ten years."),
    ("rights.non_punishment", "en",
     "This restriction shall not apply to organizations that provide services to individuals who are victims "
     "of trafficking.",
     "Subsection (a) does not apply to the conduct of a person who is a victim of trafficking, if that "
     "conduct is caused by the trafficking."),
]


@pytest.mark.parametrize(("element", "lang", "near_miss", "positive"), CONTRASTS,
                         ids=[c[0] for c in CONTRASTS])
def test_near_miss_and_positive(element, lang, near_miss, positive):
    assert element not in found(near_miss, lang)
    assert element in found(positive, lang)


def test_an_aside_keeps_the_measure_it_qualifies():
    assert "crim.jurisdiction" in found(CONTRASTS[1][2], "en")
    assert "crim.attempt" not in found(CONTRASTS[1][2], "en")


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "La traite des êtres humains est le fait de recruter une personne à des fins d'exploitation. "
           "Elle est punie de sept ans d'emprisonnement. La traite à l'égard d'un mineur est "
           "constituée même sans contrainte. Elle est punie de dix ans d'emprisonnement."),
    ("es", "Será castigado con la pena de cinco a ocho años de prisión el que captare a una persona con "
           "fines de explotación. Cuando la víctima fuera una persona menor de edad se impondrá además la "
           "pena de inhabilitación especial."),
    ("en", "A person who recruits another person for the purpose of exploitation commits an offence and is "
           "liable to imprisonment for ten years. Where the victim is a child, the offender is liable to "
           "imprisonment for life."),
])
def test_a_separate_penalty_for_child_victims_is_an_aggravation(lang, text):
    assert {"crim.offence", "crim.aggravation"} <= found(text, lang)


def test_the_same_penalty_for_child_victims_is_no_aggravation():
    text = ("A person who recruits another person for the purpose of exploitation commits an offence and is "
            "liable to imprisonment for ten years. If the person recruited is a child, the same penalty "
            "applies even if no means were used.")
    assert "crim.aggravation" not in found(text, "en")


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Lorsque la personne recrutée est un mineur, la traite est constituée même si elle n'est commise "
           "par aucun des moyens énumérés au premier alinéa."),
    ("es", "La trata de personas menores de edad se configura aun cuando no mediare ninguno de los medios "
           "previstos en el artículo anterior."),
    ("en", "Trafficking in a child is constituted even if none of the means referred to in subsection (1) is "
           "used."),
])
def test_child_trafficking_needs_no_means_even_outside_the_definition_sentence(lang, text):
    assert "definition.child_no_means" in found(text, lang)


def test_a_definitions_section_keeps_the_acts_of_its_trafficking_definition():
    text = ('In this Act: "abuse of power" means the misuse of authority over another person; '
            '"trafficking in persons" means the recruitment, transportation or harbouring of a person by '
            'means of threat for the purpose of exploitation.')
    assert {"act.recruitment", "act.transportation", "act.harbouring"} <= found(text, "en")


def test_acts_that_are_trafficking_even_without_means_keep_their_context():
    text = ("Recruiting, transporting, transferring, harbouring or receiving a child with a view to "
            "exploiting the child shall be regarded as trafficking in persons even if none of the means "
            "listed in paragraph 1 is used.")
    assert {"act.recruitment", "act.receipt", "definition.child_no_means"} <= found(text, "en")


def test_findings_and_criteria_for_other_states_establish_nothing():
    findings = ("(b) Findings. Congress finds that victims of trafficking need shelter, medical care and "
                "legal assistance, which are often not available.")
    assert found(findings, "en") == set()
    criterion = ("(3) Whether the government of the country has adopted measures to prevent trafficking, "
                 "such as public awareness campaigns and shelters for victims.")
    assert found(criterion, "en") == set()
    measure = "The Government shall provide shelter and medical care to victims of trafficking."
    assert {"prot.housing", "prot.medical_assistance"} <= found(measure, "en")


def test_an_offence_only_referred_to_is_not_created():
    referred = ("In any proceedings for an offence of trafficking in persons under this Act, the court shall "
                "protect the identity of the victim.")
    assert "crim.offence" not in found(referred, "en")
    created = "A person who traffics another person commits an offence of trafficking in persons."
    assert "crim.offence" in found(created, "en")


THEFT_ATTEMPT = ("Whoever steals a vehicle shall be punished with imprisonment for up to five years. The "
                 "attempt is punishable.")


def test_attempt_inside_a_specific_offence_of_a_placed_provision_is_that_offence_s():
    tagger = get_tagger()
    alone = {t.element for t in tagger.tag(THEFT_ATTEMPT, "en")}
    assert "crim.attempt" in alone  # tagged on its own, the provision keeps the benefit of the doubt
    placed = {t.element for t in tagger.tag(THEFT_ATTEMPT, "en", heading="Chapter 20: Theft",
                                            law_title="Criminal Code")}
    assert "crim.attempt" not in placed
    general = {t.element for t in tagger.tag(THEFT_ATTEMPT, "en", heading="Chapter 2: Attempt",
                                             law_title="Criminal Code", path="Book I: General Part")}
    assert "crim.attempt" in general
    trafficking = {t.element for t in tagger.tag(THEFT_ATTEMPT, "en", law_title="Criminal Code",
                                                 heading="Chapter 9: Trafficking in persons")}
    assert "crim.attempt" in trafficking


def test_a_preamble_heading_makes_its_paragraphs_non_operative():
    text = "Las víctimas de trata necesitan alojamiento y asistencia médica, que esta ley garantiza."
    assert "prot.housing" in found(text, "es")
    tags = get_tagger().tag(text, "es", heading="Exposición de motivos", law_title="Ley de prueba")
    assert tags == []
