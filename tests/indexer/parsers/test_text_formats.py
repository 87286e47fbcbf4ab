"""Markdown, plain text, JSON and HTML parsers on small hand-written statutes."""

from __future__ import annotations

import json

from indexer.models import DocumentMeta
from indexer.parsers import parse_document


def _parse(text: str, fmt: str, **meta):
    return parse_document(text.encode("utf-8"), DocumentMeta(format=fmt, **meta))


def _by_num(law):
    return {p.num: p for p in law.provisions}


MD = """---
title: "Ley 99/2030, de prueba"
status: "in_force"
last_updated: "2031-02-03"
source: "https://example.org/ley-99"
---
# Ley 99/2030, de prueba

## TÍTULO I. Disposiciones generales

##### Artículo 1. Objeto.

1. Esta ley regula la protección de las personas
que sufren explotación.

2. Se entiende por explotación:

a) el trabajo forzoso;

b) la servidumbre.

Lo dispuesto en el apartado 1 se aplica sin excepción.

##### Artículo 2 bis. Remisión.

Lo previsto en el artículo 1 se aplicará a las víctimas.
"""


def test_markdown_tree_offsets_and_metadata():
    law = _parse(MD, "markdown", jurisdiction="XXX")
    assert law.title == "Ley 99/2030, de prueba"
    assert law.in_force is True and str(law.version_date) == "2031-02-03"
    assert law.language == "es" and law.year == 2030
    nums = _by_num(law)
    assert list(nums) == ["1", "1(1)", "1(2)", "1(2)(a)", "1(2)(b)", "2 bis"]
    art1 = nums["1"]
    assert art1.eid == "art_1" and art1.heading == "Objeto." and art1.kind == "article"
    assert art1.path == ["TÍTULO I: Disposiciones generales"]  # container label with its title
    assert nums["1(1)"].text == "Esta ley regula la protección de las personas que sufren explotación."
    assert nums["1(2)(b)"].eid == "art_1__para_2__point_b" and nums["1(2)(b)"].text == "la servidumbre."
    # the unnumbered closing paragraph belongs to paragraph 2, not to point b
    assert nums["1(2)"].text.endswith("se aplica sin excepción.")
    assert art1.text.startswith("1. Esta ley") and art1.text.endswith("sin excepción.")
    for p in law.provisions:
        assert law.text[p.start:p.end] == p.text
    assert nums["2 bis"].eid == "art_2bis"
    assert [r.target_eid for r in nums["2 bis"].refs] == ["art_1"]


def test_markdown_heading_on_next_line_and_inline_markup():
    md = ("#### Article 4\n\n##### Definitions\n\nFor the purposes of this **Act**, see "
          "[article 5](http://x).\n\n#### Article 5\n\nThe *victim* shall be protected.\n")
    law = _parse(md, "markdown")
    a4, a5 = law.provisions
    assert (a4.num, a4.heading) == ("4", "Definitions")
    assert a4.text == "For the purposes of this Act, see article 5."
    assert a4.refs[0].target_eid == a5.eid == "art_5"
    assert "*" not in a5.text and law.language == "en"


def test_markdown_amending_article_inserts_provision():
    md = ("##### Article 1\n\nThe Penal Code is amended by inserting the following article 12 bis:\n\n"
          "Article 12 bis. Forced labour\n\nWhoever compels a person to work shall be punished.\n\n"
          "##### Article 2\n\nThis Act enters into force tomorrow.\n\n##### Article 3\n\nNothing else.\n")
    law = _parse(md, "markdown")
    nums = {p.num: p for p in law.provisions}
    assert nums["12 bis"].amends == "Penal Code art. 12 bis"
    assert nums["12 bis"].parent_eid == "art_1" and nums["12 bis"].text.startswith("Whoever compels")
    assert law.is_amending and law.amends_title == "Penal Code"
    assert nums["2"].parent_eid is None


TEXT_PAGES = "\f".join(
    f"OFFICIAL GAZETTE OF TESTLAND\n{body}\nPage {i} of 3\n" for i, body in enumerate([
        "PART I\nPRELIMINARY\nSection 1. Short title\nThis Act may be cited as the Protection Act.\n"
        "Section 2. Offence\n(1) A person who recruits another person for exploi-\ntation commits an "
        "offence.",
        "(2) A person who harbours a victim commits an\noffence.\nSection 3. Penalty\nA person convicted "
        "under section 2 is liable to imprisonment.",
        "Section 4. Commencement\nThis Act comes into force on publication.",
    ], start=1))


def test_text_pages_furniture_hyphenation_and_wrapping():
    law = _parse(TEXT_PAGES, "text")
    nums = _by_num(law)
    assert "OFFICIAL GAZETTE" not in law.text and "Page 2 of 3" not in law.text
    assert nums["2(1)"].text == "A person who recruits another person for exploitation commits an offence."
    assert nums["2(2)"].text == "A person who harbours a victim commits an offence."
    assert nums["3"].refs[0].target_eid == "sec_2"
    assert nums["1"].path == ["PART I"] and nums["1"].heading == "Short title"


def test_json_extract_with_inline_subsections():
    doc = {"title": "Example Act 2030", "status": "repealed", "provisions": [
        {"section": "1", "title": "Short title", "content": "This Act is the Example Act."},
        {"section": "2", "title": "Offence", "content": "(1) Whoever transports a person commits an offence. "
                                                       "(2) Consent is irrelevant.\n\n[Footnote] 1. Added."},
    ]}
    law = parse_document(json.dumps(doc).encode(), DocumentMeta(format="json", language="en"))
    nums = _by_num(law)
    assert law.title == "Example Act 2030" and law.in_force is False and law.year == 2030
    assert nums["2"].heading == "Offence"
    assert nums["2(2)"].text == "Consent is irrelevant."
    assert "Footnote" not in law.text


HTML = """<html><head><title>Loi de test</title><script>var x = 1;</script></head><body>
<nav>Menu</nav><h1>Loi de test</h1>
<h3>Article 1</h3><p>La présente loi protège les victimes.</p>
<h3>Article 2</h3><p>I. - Le recrutement est puni.</p><p>II. - La tentative est punie.</p>
<div style="display:none">texte caché</div>
</body></html>"""


def test_html_generic_page():
    law = _parse(HTML, "html")
    nums = _by_num(law)
    assert law.title == "Loi de test" and law.language == "fr"
    assert nums["2(I)"].text == "Le recrutement est puni." and nums["2(II)"].text == "La tentative est punie."
    assert "var x" not in law.text and "caché" not in law.text and "Menu" not in law.text


EURLEX = """<html><body><p class="oj-doc-ti">DIRECTIVE (EU) 2030/1</p>
<p class="oj-ti-art">Article 1</p><p class="oj-sti-art">Subject matter</p>
<p class="oj-normal">This Directive lays down minimum rules.</p>
<p class="oj-ti-art">Article 2</p><p class="oj-sti-art">Offences</p>
<p class="oj-normal">1. Member States shall take the necessary measures.</p>
<p class="oj-normal">2. A position of vulnerability means a situation.</p></body></html>"""


def test_eurlex_article_titles():
    law = _parse(EURLEX, "eurlex-html")
    nums = _by_num(law)
    assert nums["1"].heading == "Subject matter"
    assert nums["1"].text == "This Directive lays down minimum rules."
    assert nums["2(2)"].text.startswith("A position of vulnerability")


def test_format_is_sniffed_when_missing():
    law = parse_document(MD.encode(), DocumentMeta(url="https://example.org/law.md"))
    assert law.format == "markdown" and len(law.provisions) == 6
    law = parse_document(HTML.encode(), DocumentMeta())
    assert law.format == "html"


def test_recitals_become_provisions():
    md = ("# Directive 1/2030\n\nWhereas:\n\n- (1) Exploitation harms victims.\n\n"
          "- (2) Member States should act.\n\nHAVE ADOPTED THIS DIRECTIVE:\n\n#### Article 1\n\n"
          "##### Subject matter\n\nThis Directive sets rules.\n")
    law = _parse(md, "markdown")
    assert [(p.eid, p.num, p.kind) for p in law.provisions] == [
        ("rec_1", "recital 1", "recital"), ("rec_2", "recital 2", "recital"), ("art_1", "1", "article")]
    assert law.provisions[1].text == "Member States should act."


def test_bare_numbered_sections_of_a_common_law_act():
    text = ("THE SAMPLE ACT, 2030\nCONTENTS\n1. Short title\n2. Trafficking in persons\nTEXT\n"
            "1. Short title.—This Act may be called the Sample Act, 2030.\n"
            "2. Trafficking in persons.—(1) Whoever recruits a person for exploitation commits an offence.\n"
            "(2) Consent is immaterial.\n")
    law = _parse(text, "text")
    top = [p for p in law.provisions if not p.parent_eid]
    assert [(p.eid, p.num, p.heading) for p in top] == [("sec_1", "1", "Short title"),
                                                         ("sec_2", "2", "Trafficking in persons")]
    assert _by_num(law)["2(2)"].text == "Consent is immaterial."


def test_numbered_paragraphs_stay_paragraphs_in_a_short_law():
    text = "Artículo 1.\n" + "".join(f"{i}. Párrafo número {i} del artículo.\n" for i in range(1, 15)) + \
        "Artículo 2.\nTexto final de la ley.\n"
    law = _parse(text, "text")
    top = [p.num for p in law.provisions if not p.parent_eid]
    assert top == ["1", "2"] and _by_num(law)["1(14)"].text == "Párrafo número 14 del artículo."


def test_insertions_in_several_languages():
    es = ("Artículo primero. Modificación del Código Penal.\n"
          "Se añade un nuevo artículo 99 bis al Código Penal, con la siguiente redacción:\n"
          "«Artículo 99 bis. Trata.\n1. Será castigado quien capte a otra persona.»\n"
          "Artículo segundo. Entrada en vigor.\nEsta ley entra en vigor mañana.\n")
    law = _parse(es, "text", language="es")
    nums = {p.num: p for p in law.provisions}
    assert nums["99 bis"].amends == "Código Penal art. 99 bis" and law.is_amending
    assert nums["99 bis(1)"].text.startswith("Será castigado")
    fr = ("Article 1\nAprès l'article 12 du code pénal, il est inséré un article 12-1 ainsi rédigé :\n"
          "« Art. 12-1. - Le fait de recruter une personne est puni. »\n"
          "Article 2\nLa présente loi est applicable.\n")
    law = _parse(fr, "text", language="fr")
    assert {p.num: p.amends for p in law.provisions}["12-1"] == "code pénal art. 12-1"
    en = ("Section 1. Amendment of the Sample Act\nThe following section is inserted after section 4 of the "
          "Sample Act—\n\"4A. Forced labour\nA person who compels labour commits an offence.\"\n"
          "Section 2. Commencement\nThis Act comes into force today.\n")
    law = _parse(en, "text", language="en")
    top = [p.num for p in law.provisions if not p.parent_eid]
    assert top == ["1", "2"]
    inserted = next(p for p in law.provisions if p.amends)
    assert (inserted.num, inserted.heading, inserted.amends) == ("4A", "Forced labour", "Sample Act s. 4A")


SAME_LEVEL_CONTAINERS = """# Code d'exemple

#### Titre II : Des atteintes aux personnes

#### Chapitre V : De la dignité

#### Section 1 bis : De l'exploitation

##### Article 10

Le fait d'exploiter une personne est puni de sept ans d'emprisonnement.

##### Article 11

La tentative est punie des mêmes peines.

##### Article 12

Les personnes morales encourent l'amende.

#### Titre III : Des atteintes aux biens

##### Article 20

Le vol est puni de trois ans d'emprisonnement.
"""


def test_containers_at_one_markdown_level_nest_by_rank():
    """Codes that write titles, chapters and sections at one heading level keep the whole path."""
    law = _parse(SAME_LEVEL_CONTAINERS, "markdown", language="fr")
    arts = _by_num(law)
    assert arts["10"].path == ["Titre II: Des atteintes aux personnes", "Chapitre V: De la dignité",
                               "Section 1 bis: De l'exploitation"]
    assert arts["20"].path == ["Titre III: Des atteintes aux biens"]
