"""XML parsers (Canada, AKN, CLML, USLM, eISB, BOE) on small hand-written documents."""

from __future__ import annotations

from indexer.models import DocumentMeta
from indexer.parsers import parse_document


def _parse(xml: str, fmt: str = "", **meta):
    return parse_document(xml.encode("utf-8"), DocumentMeta(format=fmt, **meta))


def _by_num(law):
    return {p.num: p for p in law.provisions}


CANADA_BILL = """<?xml version="1.0" encoding="UTF-8"?>
<Bill xml:lang="en"><Identification><LongTitle>An Act to amend the Sample Code (labour)</LongTitle>
<Chapter><AnnualStatuteId><AnnualStatuteNumber>9</AnnualStatuteNumber><YYYY>2031</YYYY></AnnualStatuteId>
</Chapter></Identification><Body>
<Heading level="1" type="amending"><TitleText>SAMPLE CODE</TitleText></Heading>
<Section type="amending"><Label>1.</Label>
<Text>The Act is amended by adding the following after section 40:</Text>
<AmendedText><Section><MarginalNote>Forced labour</MarginalNote><Label>40.1</Label>
<Subsection><Label>(1)</Label><Text>Every person who compels labour is guilty of an offence and liable</Text>
<Paragraph><Label>(<Emphasis>a</Emphasis>)</Label><Text>to imprisonment for ten years; or</Text></Paragraph>
<Paragraph><Label>(b)</Label><Text>to a fine.</Text></Paragraph></Subsection>
<Subsection><MarginalNote>Consent</MarginalNote><Label>(2)</Label>
<Text>Consent is no defence to a charge under subsection (1).</Text></Subsection></Section>
</AmendedText></Section></Body></Bill>"""


def test_canada_bill_inserted_sections():
    law = _parse(CANADA_BILL)
    assert law.format == "canada-xml" and law.number == "c. 9" and law.year == 2031
    nums = _by_num(law)
    ins = nums["40.1"]
    assert ins.amends == "Sample Code s. 40.1"
    assert ins.heading == "Forced labour"
    assert ins.parent_eid == "sec_1"
    assert nums["40.1(1)(a)"].text == "to imprisonment for ten years; or"
    assert nums["40.1(2)"].heading == "Consent"
    assert nums["40.1(2)"].refs[0].target_eid == nums["40.1(1)"].eid
    assert law.is_amending and law.amends_title == "Sample Code"
    assert nums["40.1(1)"].text.startswith("Every person") and nums["40.1(1)"].text.endswith("to a fine.")


AKN = """<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act>
<meta><identification><FRBRWork><FRBRnumber value="12"/><FRBRdate date="2030-05-01" name="g"/>
</FRBRWork><FRBRExpression><FRBRlanguage language="eng"/></FRBRExpression></identification></meta>
<preface><p><docTitle>Sample Trafficking Act</docTitle></p></preface>
<body><part><num>1</num><heading>Offences</heading>
<section><num>3.</num><heading>Trafficking</heading>
<subsection><num>(1)</num><content><p>Any person who recruits a child commits an offence.</p>
</content></subsection>
<subsection><num>(2)</num><content><p>Consent of the child is irrelevant.</p></content></subsection>
</section></part></body></act></akomaNtoso>"""


def test_akoma_ntoso_act():
    law = _parse(AKN)
    assert law.format == "akn-xml" and law.title == "Sample Trafficking Act" and law.language == "en"
    nums = _by_num(law)
    assert nums["3"].heading == "Trafficking" and nums["3"].path == ["Part 1"]
    assert nums["3(2)"].text == "Consent of the child is irrelevant."
    assert nums["3(1)"].eid == "sec_3__subsec_1"


CLML = """<Legislation xmlns="http://www.legislation.gov.uk/namespaces/legislation"
 xmlns:ukm="http://www.legislation.gov.uk/namespaces/metadata" xmlns:dc="http://purl.org/dc/elements/1.1/">
<ukm:Metadata><dc:title>Sample Slavery Act 2030</dc:title><ukm:PrimaryMetadata><ukm:Year Value="2030"/>
<ukm:Number Value="7"/></ukm:PrimaryMetadata></ukm:Metadata><Primary><Body><Part><Number>PART 1</Number>
<Title>Offences</Title><P1group><Title>Slavery</Title><P1><Pnumber>1</Pnumber><P1para>
<P2><Pnumber>1</Pnumber><P2para>
<Text>A person commits an offence if the person holds another in slavery.</Text>
</P2para></P2><P2><Pnumber>2</Pnumber><P2para>
<Text>In subsection (1) the reference to holding is general.<CommentaryRef Ref="c1"/></Text>
</P2para></P2></P1para></P1></P1group></Part></Body></Primary></Legislation>"""


def test_clml_sections_and_commentary_refs():
    law = _parse(CLML)
    assert law.format == "clml" and law.year == 2030 and law.number == "7"
    nums = _by_num(law)
    assert nums["1"].heading == "Slavery" and nums["1"].path[0].startswith("PART 1")
    assert nums["1(2)"].text == "In subsection (1) the reference to holding is general."
    assert nums["1(2)"].refs[0].target_eid == "sec_1__subsec_1"


USLM = """<uscDoc xmlns="http://xml.house.gov/schemas/uslm/1.0"><meta><title>Title 99</title></meta><main>
<title><num value="99">Title 99—</num><heading>SAMPLES</heading>
<section><num value="5">§ 5.</num><heading>Forced labor</heading>
<subsection><num value="a">(a)</num>
<content>Whoever obtains labor by force shall be fined.</content></subsection>
<subsection><num value="b">(b)</num><chapeau>In this section—</chapeau>
<paragraph><num value="1">(1)</num><content>the term “force” includes threats.</content></paragraph>
</subsection><notes><note>Historical note text.</note></notes></section></title></main></uscDoc>"""


def test_uslm_code_section():
    law = _parse(USLM)
    assert law.format == "uslm"
    nums = _by_num(law)
    assert nums["5"].heading == "Forced labor"
    assert nums["5(b)(1)"].text == "the term “force” includes threats."
    assert "Historical note" not in law.text
    assert nums["5(a)"].eid == "sec_5__subsec_a"


EISB = """<?xml version="1.0"?><act><metadata><title>SAMPLE ACT 2030</title><number>4</number>
<year>2030</year>
<dateofenactment>20300102</dateofenactment></metadata><body><part><title><p><b>PART 1</b></p>
<p>General</p></title>
<sect><number>1.</number><title><p><b>Definitions</b></p></title>
<p><b>1.</b> (1) In this Act<emdash/></p><p><odq/>victim<cdq/> means a person harmed;</p>
<p>(2) A reference to a person includes a body<emdash/></p><p>(a) corporate, or</p><p>(b) unincorporated.</p>
</sect></part></body></act>"""


def test_eisb_sections_and_character_elements():
    law = _parse(EISB)
    assert law.format == "eisb-xml"
    assert law.title == "Sample Act 2030"
    assert str(law.version_date) == "2030-01-02"
    nums = _by_num(law)
    assert nums["1"].heading == "Definitions"
    assert " ".join(nums["1(1)"].text.split()) == "In this Act— “victim” means a person harmed;"
    assert nums["1(2)(b)"].text == "unincorporated."


BOE = """<?xml version="1.0" encoding="UTF-8"?><response><data><metadatos>
<titulo>Ley 1/2030, de prueba</titulo>
<fecha_actualizacion>20300405</fecha_actualizacion></metadatos><texto>
<bloque id="ti" tipo="encabezado"><version><p class="titulo_num">TÍTULO I</p>
<p class="titulo_tit">Delitos</p></version></bloque>
<bloque id="a1" tipo="precepto"><version><p class="articulo">Artículo 1. Trata.</p>
<p class="parrafo">1. Texto antiguo.</p></version><version><p class="articulo">Artículo 1. Trata.</p>
<p class="parrafo">1. Será castigado quien capte a otra persona.</p>
<p class="parrafo">2. El consentimiento será irrelevante.</p></version></bloque></texto></data></response>"""


def test_boe_consolidated_latest_version_only():
    law = _parse(BOE, "boe-xml")
    nums = _by_num(law)
    assert law.title == "Ley 1/2030, de prueba" and str(law.version_date) == "2030-04-05"
    assert "antiguo" not in law.text
    assert nums["1(2)"].text == "El consentimiento será irrelevante." and nums["1"].heading == "Trata."


def test_declared_encoding_latin1_is_honoured():
    xml = CANADA_BILL.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace("labour", "travail forcé")
    law = parse_document(xml.encode("latin-1"), DocumentMeta(format="canada-xml"))
    assert "travail forcé" in law.text
