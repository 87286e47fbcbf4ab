"""Information lists, permit holders, forfeited assets paid to victims, group offences, own conduct.

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
