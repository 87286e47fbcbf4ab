"""Spanish pattern files (``indexer/tagging/patterns/es``): one test per pattern family.

Every sentence below is written for these tests in general Spanish legal drafting (Spain and Latin
America: "el que captare...", "será reprimido", "se entiende por"); none is copied from a statute.
Each family has positive sentences (the element must be found) and near misses (it must not).
Engine-side issues seen on the dev lines are listed at the top of test_patterns_fr.py.
"""

from __future__ import annotations

from functools import partial

import pytest

from indexer.tagging import get_tagger
from tests.indexer.tagging import helpers

LANG = "es"
found = partial(helpers.found, LANG)
check = partial(helpers.check, LANG)


# ---------------------------------------- evidence (folder completeness: test_loader.py)

def test_evidence_is_an_exact_quote():
    text = ("El que captare o acogiere a una persona con fines de explotación sexual, mediante engaño, será "
            "reprimido con prisión de cuatro a diez años.")
    assert helpers.quoted_elements(LANG, text)


# ------------------------------------------------------------------ act

def test_act_verbs_of_the_trafficking_offence():
    text = ("Comete el delito de trata de personas y será castigado con prisión de cinco a diez años el que "
            "capte, transporte, traslade, acoja o reciba a una persona con fines de explotación.")
    check(text, {"act.recruitment", "act.transportation", "act.transfer", "act.harbouring", "act.receipt",
                 "crim.offence"}, set())


def test_act_nouns_in_a_definition():
    text = ("Se entiende por trata de personas el reclutamiento, el transporte, el traslado, la "
            "acogida o "
            "la recepción de personas con fines de explotación.")
    check(text,
          {"act.recruitment", "act.transportation", "act.transfer", "act.harbouring", "act.receipt"}, set())


def test_act_near_miss_receiving_payments():
    text = ("La pena será de diez años cuando mediare la concesión o recepción de pagos o beneficios a quien "
            "tenga autoridad sobre la víctima de trata.")
    check(text, {"crim.aggravation"}, {"act.receipt"})


def test_act_near_miss_smuggling_of_migrants():
    text = ("Será castigado con prisión de uno a tres años el que, con ánimo de lucro, transporte a "
            "extranjeros "
            "para facilitar su ingreso ilegal al país o los aloje en territorio nacional.")
    elements = found(text)
    assert not {e for e in elements if e.startswith(("act.", "means.", "purpose."))}
    assert "crim.offence" not in elements


# ------------------------------------------------------------------ means

def test_means_of_the_definition():
    text = ("Comete el delito de trata de personas quien capte a una persona con fines de explotación "
            "mediante "
            "amenaza, violencia, coacción, secuestro, fraude, engaño, abuso de autoridad o aprovechamiento "
            "de "
            "una situación de vulnerabilidad, o mediante la concesión de pagos o beneficios.")
    check(text, {"means.threat", "means.force", "means.coercion", "means.abduction", "means.fraud",
                 "means.deception", "means.abuse_of_power", "means.abuse_of_vulnerability",
                 "means.payments_or_benefits"}, set())


def test_means_near_miss_kidnapping_and_threats_offences():
    check("El que secuestrare a una persona con violencia será castigado con prisión de seis a diez años.",
          set(), {"means.force", "means.abduction", "crim.offence"})
    check("Será reprimido con prisión de seis meses el que hiciere uso de amenazas para alarmar a otra "
          "persona.",
          set(), {"means.threat"})


def test_means_near_miss_privacy_is_not_intimidation():
    check("Se protegerá la intimidad de las víctimas de trata durante el proceso.", {"prot.privacy"},
          {"means.coercion"})


# ------------------------------------------------------------------ purpose

def test_purposes_of_exploitation():
    text = ("Se entiende por trata de personas la captación de personas con fines de explotación sexual, "
            "trabajos o servicios forzados, esclavitud, servidumbre, extracción de órganos, mendicidad "
            "forzada, "
            "matrimonio forzoso, adopción ilegal o realización de actividades delictivas.")
    check(text, {"purpose.sexual_exploitation", "purpose.forced_labour", "purpose.slavery",
                 "purpose.servitude", "purpose.organ_removal", "purpose.forced_begging",
                 "purpose.forced_marriage", "purpose.illegal_adoption", "purpose.forced_criminality"}, set())


def test_slavery_offence_carries_its_purpose_and_offence():
    text = "Será sancionado con prisión de quince a treinta años quien mantenga a otra persona en esclavitud."
    check(text, {"purpose.slavery", "crim.offence"}, set())


def test_purpose_near_miss_pimping_offence():
    text = ("El que promoviere o facilitare la prostitución de otra persona, aun con su consentimiento, será "
            "reprimido con prisión de cuatro a seis años.")
    check(text, set(), {"purpose.sexual_exploitation", "crim.offence", "definition.consent_irrelevant"})


def test_purpose_near_miss_administrative_bodies():
    text = "Los órganos administrativos competentes informarán a la víctima de trata de sus derechos."
    check(text, {"prot.counselling"}, {"purpose.organ_removal"})


# ------------------------------------------------------------------ definition (consent, children)

def test_consent_is_irrelevant():
    text = ("El consentimiento dado por la víctima de trata no constituirá en ningún caso causa excluyente "
            "de "
            "responsabilidad penal.")
    check(text, {"definition.consent_irrelevant"}, set())


def test_child_without_means():
    text = ("Se considerará trata de personas la captación de menores de edad con fines de explotación, aun "
            "cuando no se recurra a ninguno de los medios previstos.")
    check(text, {"definition.child_no_means"}, set())


def test_child_defined_as_under_eighteen():
    text = "Para los efectos de esta ley, se entiende por niño toda persona menor de dieciocho años de edad."
    check(text, {"definition.child_under_18"}, set())


def test_child_near_miss_adults_only_offence():
    text = ("El que captare personas mayores de dieciocho años con fines de explotación, mediante engaño, "
            "será "
            "reprimido con prisión de tres a seis años.")
    check(text, {"act.recruitment"}, {"definition.child_under_18", "definition.child_no_means"})


# ------------------------------------------------------------------ crim

@pytest.mark.parametrize("text, element", [
    ("La tentativa de los delitos previstos en esta ley será punible.", "crim.attempt"),
    ("Son cómplices los que cooperan a la ejecución del delito de trata con actos anteriores.",
     "crim.complicity"),
    ("Quienes organizaren o dirigieren una organización dedicada a la trata serán castigados con prisión de "
     "diez años.", "crim.organizing"),
    ("Las personas jurídicas serán penalmente responsables de los delitos de trata.", "crim.legal_persons"),
    ("Los tribunales nacionales serán competentes cuando el delito de trata se cometa en el extranjero.",
     "crim.jurisdiction"),
    ("El juez ordenará el decomiso de los bienes utilizados para cometer el delito de trata.",
     "crim.confiscation"),
    ("Se impondrá la pena superior en grado cuando la víctima de trata sea menor de edad.",
     "crim.aggravation"),
    ("Será sancionado con prisión quien, a sabiendas de su situación de trata, utilice los servicios de una "
     "víctima.", "crim.use_of_services"),
])
def test_criminalisation_families(text, element):
    check(text, {element}, set())


def test_crim_near_misses():
    check("Los que promovieren la inmigración clandestina de personas formando parte de una organización "
          "serán castigados con prisión.", set(), {"crim.organizing", "crim.offence"})
    check("El Estado promoverá la cooperación internacional y la ayuda mutua.", set(), {"crim.complicity"})


# ------------------------------------------------------------------ prot

def test_assistance_to_victims():
    text = ("Las víctimas de trata tendrán derecho a recibir alojamiento apropiado, asistencia médica y "
            "psicológica gratuita, información sobre sus derechos en un idioma que comprendan y la "
            "protección "
            "de su identidad e intimidad.")
    check(text,
          {"prot.housing", "prot.medical_assistance", "prot.counselling", "prot.privacy"}, {"act.receipt"})


@pytest.mark.parametrize("text, element", [
    ("La víctima tiene derecho a ejercer la acción penal y a que sus opiniones sean examinadas.",
     "prot.victim_participation"),
    ("El juez deberá condenar al pago de la reparación del daño a favor de la víctima.", "prot.compensation"),
    ("Se adoptarán medidas para garantizar su seguridad y evitar represalias contra la víctima.",
     "prot.physical_safety"),
    ("La víctima recibirá capacitación laboral y ayuda en la búsqueda de empleo.",
     "prot.employment_education"),
    ("Las medidas tendrán en cuenta la edad y madurez de las víctimas menores de edad.",
     "prot.special_needs"),
    ("La víctima será informada del estado de las actuaciones y de la fecha del juicio.",
     "prot.proceedings_information"),
])
def test_protection_families(text, element):
    check(text, {element}, set())


def test_protection_near_miss_without_victims():
    check("El hospital brinda asistencia médica y alojamiento a los pacientes.", set(),
          {"prot.medical_assistance", "prot.housing"})
    check("El agente de la víctima trabaja en el Ministerio de Seguridad Social.", set(),
          {"prot.physical_safety"})


# ------------------------------------------------------------------ status

def test_status_of_victims():
    text = ("Se concederá a la víctima extranjera un período de restablecimiento y reflexión, una "
            "autorización "
            "de residencia temporal y, a su elección, el retorno asistido a su país.")
    check(text, {"status.reflection_period", "status.residence", "status.repatriation"}, set())


def test_return_documents():
    text = ("La Secretaría verificará si la víctima es su connacional y expedirá los documentos de viaje "
            "necesarios para su retorno.")
    check(text, {"status.return_documents"}, set())


# ------------------------------------------------------------------ rights

@pytest.mark.parametrize("text, element", [
    ("Las víctimas de trata no serán punibles por los delitos cometidos como consecuencia directa de su "
     "explotación.", "rights.non_punishment"),
    ("Las autoridades adoptarán medidas para la identificación de las víctimas de trata.",
     "rights.identification"),
    ("La víctima tendrá derecho a asistencia jurídica gratuita.", "rights.legal_aid"),
    ("En todas las decisiones prevalecerá el interés superior del niño víctima.", "rights.child_guardian"),
    ("Se crea un fondo para la asistencia a las víctimas de trata.", "rights.victim_fund"),
    ("La asistencia a las víctimas no se condicionará a su colaboración con las autoridades.",
     "rights.unconditional_assistance"),
    ("En ningún caso se alojará a las víctimas en cárceles o establecimientos penitenciarios.",
     "rights.non_detention"),
])
def test_rights_families(text, element):
    check(text, {element}, set())


def test_rights_near_misses():
    check("Quedará exento de responsabilidad penal quien desista voluntariamente de la ejecución.", set(),
          {"rights.non_punishment"})
    check("Se adoptarán medidas para impedir la difusión de información que facilite la identificación de "
          "las "
          "víctimas.", {"prot.privacy"}, {"rights.identification"})


# ------------------------------------------------------------------ prev, coop, inst

def test_prevention():
    text = ("El Estado realizará campañas de información y programas para desalentar la demanda, en "
            "coordinación con organizaciones no gubernamentales y la sociedad civil.")
    check(text, {"prev.awareness", "prev.demand", "prev.civil_society"}, set())


def test_cooperation_borders_and_training():
    text = ("Las empresas de transporte verificarán los documentos de los pasajeros y se impartirá "
            "capacitación "
            "a los funcionarios policiales y fiscales.")
    check(text, {"coop.border_measures", "coop.training"}, set())


def test_training_near_miss_victims_vocational_training():
    check("La víctima de trata recibirá capacitación laboral.",
          {"prot.employment_education"}, {"coop.training"})


def test_institutions():
    text = ("Créase la Comisión Interinstitucional contra la Trata de Personas, que elaborará un Plan "
            "Nacional, "
            "recopilará datos estadísticos y presentará un informe anual al Congreso.")
    check(text,
          {"inst.coordination_body", "inst.action_plan", "inst.data_collection", "inst.rapporteur"}, set())


# ------------------------------------------------------------------ added families

def test_forced_labour_prohibition_is_an_offence():
    text = ("Queda prohibido el trabajo forzoso u obligatorio. La infracción de esta prohibición será "
            "sancionada "
            "con prisión de dos a seis años.")
    check(text, {"purpose.forced_labour", "crim.offence"}, set())


def test_near_miss_smuggling_called_trafico_de_personas():
    text = ("Será reprimido con prisión de uno a seis años el que promoviere o facilitare el tráfico ilegal "
            "de "
            "personas con destino al país, transportándolas o alojándolas.")
    check(text, set(), {"act.transportation", "act.harbouring", "crim.offence"})


def test_near_miss_goods_are_not_persons():
    check("Los que en la fabricación, transporte o tenencia de explosivos infringieren los reglamentos serán "
          "castigados con prisión.", set(), {"act.transportation", "crim.offence"})
    check("Cometen estafa los que, mediante engaño, consigan la transferencia de cualquier activo "
          "patrimonial.",
          set(), {"act.transfer"})


def test_non_punishment_variants():
    check("Las víctimas de trata no serán penalmente responsables de los delitos que sean consecuencia "
          "directa "
          "de su explotación.", {"rights.non_punishment"}, set())
    check("Las víctimas de trata no podrán ser sancionadas por su situación migratoria irregular.",
          {"rights.non_punishment"}, set())


def test_near_miss_legal_persons_outside_criminal_law():
    check("Las personas físicas o jurídicas podrán presentar solicitudes ante la oficina de extranjería.",
          set(), {"crim.legal_persons"})
    check("Cuando una persona jurídica sea responsable del delito de trata se le impondrá la pena de multa.",
          {"crim.legal_persons"}, set())


# ------------------------------------------------------------------ information duty (cue.inform)

@pytest.mark.parametrize("text, right", [
    ("La autoridad policial informará a la víctima de trata de la posibilidad de obtener una autorización "
     "de residencia.", "status.residence"),
    ("Las víctimas de trata de personas serán informadas sobre sus derechos y sobre la posibilidad de "
     "acceder a la asistencia médica.", "prot.medical_assistance"),
    ("Se le informe a la víctima de trata de su derecho a la asistencia jurídica gratuita.",
     "rights.legal_aid"),
])
def test_information_duty_gives_counselling_not_the_right(text, right):
    check(text, {"prot.counselling"}, {right})


def test_information_duty_near_miss_right_granted_or_report():
    check("Las víctimas de trata de personas tendrán derecho a una autorización de residencia temporal y a "
          "alojamiento en centros de acogida.", {"status.residence", "prot.housing"}, {"prot.counselling"})
    check("El informe anual sobre la situación de las víctimas de trata incluirá la asistencia médica "
          "prestada.", set(), {"prot.counselling"})


# ------------------------------------------------------------ penal-code near misses (round 2)

def test_special_protection_category_is_not_a_measure():
    check("Se impondrá la pena en su mitad superior cuando la víctima fuera menor de edad o persona con "
          "discapacidad necesitada de especial protección.", set(), {"prot.special_needs"})
    check("Las víctimas de trata menores de edad recibirán medidas de protección específicas.",
          {"prot.special_needs"}, set())


def test_complaint_as_condition_of_prosecution_is_not_participation():
    check("Para proceder por este delito será precisa querella de la persona agraviada, víctima del delito.",
          set(), {"prot.victim_participation"})
    check("La víctima de trata podrá constituirse en parte querellante en el proceso penal.",
          {"prot.victim_participation"}, set())


def test_transfer_of_assets_is_not_an_act():
    check("Serán castigados por estafa los que, con ánimo de lucro y valiéndose de manipulación informática, "
          "consigan que se transfieran activos patrimoniales en perjuicio de otro.", set(), {"act.transfer"})
    check("Comete el delito de trata quien capte, enganche, transporte, transfiera, retenga o aloje a una o "
          "varias personas con fines de explotación.", {"act.transfer", "act.recruitment"}, set())


# ------------------------------------------------------------------ other hispanophone drafting (round 2)

def test_inverted_and_inclusive_definitions():
    check("Constituye trata de personas la captación, el traslado o la acogida de personas mediante engaño o "
          "amenaza con fines de explotación.",
          {"act.recruitment", "act.transfer", "act.harbouring", "means.deception", "means.threat"}, set())
    check("La explotación comprende, como mínimo, los trabajos forzados, la servidumbre y la extracción de "
          "órganos.", {"purpose.forced_labour", "purpose.servitude", "purpose.organ_removal"}, set())


@pytest.mark.parametrize("text, element", [
    ("Se decomisarán los bienes y ganancias provenientes del delito de trata de personas.",
     "crim.confiscation"),
    ("El Estado garantizará que los documentos de viaje que expida no puedan ser falsificados.",
     "coop.document_security"),
    ("La asistencia a las víctimas de trata no estará condicionada a su colaboración en el proceso penal.",
     "rights.unconditional_assistance"),
    ("Las víctimas de trata no serán alojadas en centros de detención migratoria.", "rights.non_detention"),
    ("El Estado garantizará a las víctimas de trata el acceso a una vivienda digna.", "prot.housing"),
])
def test_state_duties_in_general_phrasing(text, element):
    check(text, {element}, set())


def test_state_duty_near_misses():
    check("El que falsificare un documento de identidad será castigado con prisión de uno a tres años.",
          set(), {"coop.document_security"})
    check("La asistencia a las víctimas de trata no estará condicionada al pago de tasas.",
          set(), {"rights.unconditional_assistance"})
    check("El que entrare en la vivienda de la víctima sin su consentimiento será castigado con prisión.",
          set(), {"prot.housing"})


def test_offence_cues_need_a_criminal_penalty():
    check("El Plan de respuesta ante situaciones de contingencia migratoria se aplicará a los menores no "
          "acompañados que puedan ser trasladados, incluidas las posibles víctimas de trata de personas.",
          set(), {"crim.offence", "act.transfer"})
    check("Será sancionado con pena de prisión de cinco a diez años quien captare o trasladare a una persona "
          "con fines de explotación sexual.", {"crim.offence", "act.recruitment"}, set())
    check("Con la pena de prisión de cuatro a ocho años si sometieran a una persona a esclavitud. Esta pena "
          "se aplicará sin perjuicio de las que correspondan por otros delitos.", {"crim.offence"}, set())


# ------------------------------------------------------------------ review fixes (FR/ES corpus audit)

def matched(text: str) -> set[str]:
    """Element and cue ids matched by the patterns (before any rule): for cue-level checks."""
    return {m.element for m in get_tagger().analyse(text, LANG).matches}


def test_general_part_cue_is_not_a_single_offence():
    assert "cue.general_part" in matched("Será competente para conocer de cualquier delito cometido a bordo.")
    assert "cue.general_part" not in matched("Si el hecho no constituyere un delito más grave, habrá multa.")


def test_aggrieved_person_is_not_an_aggravation():
    hits = matched("La pena se agravará cuando el autor sea reincidente.")
    assert {"cue.aggravation", "crim.aggravation"} <= hits
    misses = matched("La acción penal requiere la denuncia previa de la persona agraviada o del agraviado.")
    assert not {"cue.aggravation", "crim.aggravation"} & misses


@pytest.mark.parametrize("text", [
    "Se denegará la entrada en el territorio nacional a los extranjeros condenados por trata de personas.",
    "Podrá denegarse la entrada al extranjero que carezca de un documento de viaje válido.",
    "No se permitirá la entrada a quien figure en la lista de personas no admisibles.",
    "Las autoridades reforzarán la vigilancia en las terminales de autobuses, en los aeropuertos y en los "
    "puertos para impedir la trata de personas.",
])
def test_border_measures_in_establishing_form(text):
    check(text, {"coop.border_measures"}, set())


@pytest.mark.parametrize("text", [
    "El recurso contra la resolución que haya denegado la entrada no suspende sus efectos.",
    "El que causare estragos en aeropuertos, puertos o estaciones será castigado con prisión de diez años.",
])
def test_border_measures_near_miss_mentions_and_damage(text):
    check(text, set(), {"coop.border_measures"})


def test_provocation_as_a_preparatory_act():
    check("La provocación y la conspiración para cometer estos delitos de trata serán castigadas con una "
          "pena rebajada en un grado.", {"crim.complicity"}, set())
    assert "crim.complicity" in matched("La provocación para cometer estos delitos se castigará con prisión.")
    assert "crim.complicity" in matched("La provocación se castigará solo en los casos que la ley prevea.")


@pytest.mark.parametrize("text", [
    "Obra en legítima defensa quien actúa sin que medie provocación suficiente por su parte.",
    "La provocación de explosiones que causen estragos será castigada con prisión de diez a veinte años.",
])
def test_provocation_near_miss_self_defence_and_damage(text):
    assert "crim.complicity" not in matched(text)


def test_no_means_cue_needs_independence_wording():
    assert "cue.no_means" in matched("Habrá trata con independencia de los medios empleados por el autor.")
    shelter = "Los albergues garantizarán que las víctimas cuenten con medios para llamar a sus familias."
    assert "cue.no_means" not in matched(shelter)


@pytest.mark.parametrize("text", [
    "Sin perjuicio de lo dispuesto en la Ley de Asistencia Jurídica Gratuita, las víctimas serán atendidas "
    "por la oficina.",
    "La oficina de atención a las víctimas se coordinará con los colegios de abogados en los términos de la "
    "Ley 1/1996, de 10 de enero, de Asistencia Jurídica Gratuita.",
])
def test_statute_title_is_not_a_measure(text):
    assert "cue.body_name" in matched(text)
    check(text, set(), {"rights.legal_aid"})


def test_statute_title_near_miss_measure_named_in_lowercase():
    check("Las víctimas de trata tendrán derecho a asistencia jurídica gratuita desde el primer momento.",
          {"rights.legal_aid"}, set())


def test_scoping_reference_formulas():
    for text in ("Las penas de los delitos comprendidos en este Capítulo se impondrán en su mitad superior.",
                 "Los hechos previstos en los artículos anteriores serán castigados con multa.",
                 "Las conductas tipificadas en el presente título llevarán aparejada la inhabilitación."):
        assert "cue.reference" in matched(text), text
    assert "cue.reference" not in matched("Los gastos comprendidos en el presupuesto serán sufragados.")


@pytest.mark.parametrize("text", [
    "Las víctimas y los testigos tendrán derecho al cambio de identidad cuando su vida corra peligro.",
    "El juez acordará medidas de protección personal a favor de la víctima de trata.",
    "Se evitará el contacto directo entre la víctima y el investigado durante las diligencias.",
    "Las oficinas consulares deberán salvaguardar la dignidad e integridad física de las víctimas de trata.",
])
def test_physical_safety_variants(text):
    check(text, {"prot.physical_safety"}, set())


def test_physical_safety_near_miss_integrity_endangered_by_the_offence():
    check("Se impondrá la pena superior cuando el autor hubiera puesto en peligro la integridad física de la "
          "víctima.", set(), {"prot.physical_safety"})


def test_proceedings_information_by_communication():
    check("La resolución que ponga fin al procedimiento será comunicada por escrito a la víctima.",
          {"prot.proceedings_information"}, set())
    check("El juez oirá a la víctima y la resolución será comunicada al Ministerio Fiscal.", set(),
          {"prot.proceedings_information"})


@pytest.mark.parametrize("text", [
    "La empresa titular de la autorización de explotación transportará a los viajeros hasta su destino.",
    "Los trabajadores de la explotación agrícola recibirán formación en prevención de riesgos.",
    "La entidad pública se encargará de la explotación del servicio de transporte de viajeros.",
])
def test_business_operation_is_not_exploitation(text):
    assert "cue.exploitation" not in matched(text)


@pytest.mark.parametrize("text", [
    "El que trasladare a una persona con fines de explotación laboral será castigado con prisión.",
    "La explotación de personas en talleres clandestinos será perseguida de oficio.",
    "Explotación sexual: la obtención de beneficios de la prostitución ajena.",
])
def test_exploitation_of_persons_is_still_a_cue(text):
    assert "cue.exploitation" in matched(text)


def test_operating_licence_does_not_make_a_trafficking_context():
    text = ("La infracción se sancionará con multa por cada viajero transportado sin documentación, y podrá "
            "acordarse la suspensión de la autorización de explotación y la inmovilización del vehículo.")
    check(text, set(), {"act.transportation", "crim.offence", "means.not_required"})


def test_general_part_book_heading():
    assert "cue.general_part" in matched("LIBRO I: Disposiciones generales sobre los delitos")
    assert "cue.general_part" in matched("Parte general")
    assert "cue.general_part" not in matched("Título XIII; CAPÍTULO I: Disposiciones generales")
