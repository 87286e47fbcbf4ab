"""Two-pass tagging: citations resolved in the law tell the tagger what a provision aggravates."""

from __future__ import annotations

from datetime import UTC, datetime

from indexer.models import CrossRef, Law, Provision, StoredDocument
from indexer.pipeline import cited_subjects, context_heading, parse_and_tag
from indexer.tagging import get_tagger
from indexer.tagging.rules.base import CITES_OTHER, CITES_TRAFFICKING

# A small French code written for this test: a trafficking offence, a theft offence, and one
# aggravation of each that cites its offence only by number.
CODE = """---
title: "Code d'essai"
---
# Code d'essai

##### Article 1

La traite des êtres humains est le fait de recruter une personne, de la transporter ou de l'héberger à des
fins d'exploitation. Elle est punie de sept ans d'emprisonnement.

##### Article 2

Le vol est la soustraction frauduleuse de la chose d'autrui. Il est puni de trois ans d'emprisonnement.

##### Article 3

L'infraction prévue à l'article 2 est punie de cinq ans d'emprisonnement lorsqu'elle est commise en bande
organisée.

##### Article 4

L'infraction prévue à l'article 1 est punie de dix ans d'emprisonnement lorsqu'elle est commise en bande
organisée.
"""


def _stored(fmt: str, language: str) -> StoredDocument:
    return StoredDocument(id=1, url="file:///code.md", jurisdiction="FRA", title="Code d'essai",
                          language=language, format=fmt, fetched_at=datetime.now(UTC), sha256="0" * 64,
                          size=1, blob_path="x")


def test_an_aggravation_is_about_the_offence_it_cites():
    law = parse_and_tag(CODE.encode(), _stored("markdown", "fr"), get_tagger())
    by_eid = {p.eid: {t.element for t in p.tags} for p in law.provisions}
    theft, trafficking = by_eid["art_3"], by_eid["art_4"]
    assert "crim.aggravation" in trafficking
    assert "crim.aggravation" not in theft
    # without resolved citations (the `palermo tag` contract) both keep the benefit of the doubt
    text = next(p.text for p in law.provisions if p.eid == "art_3")
    alone = get_tagger().tag(text, "fr")
    assert "crim.aggravation" in {t.element for t in alone}


def _prov(eid: str, *targets: str | None) -> Provision:
    refs = [CrossRef(text="article", start=0, end=7, target_eid=t) for t in targets]
    return Provision(eid=eid, text="x", refs=refs)


def test_cited_subjects_resolves_each_provision():
    law = Law(jurisdiction="XXX", title="t", provisions=[
        _prov("art_1"), _prov("art_2"), _prov("art_7"),
        _prov("art_3", "art_1"), _prov("art_4", "art_2"), _prov("art_5", "art_2", None),
        _prov("art_6", "art_7"), _prov("art_8", "art_1__para_2"), _prov("art_9"),
    ])
    first = {"art_1": ("trafficking", set()), "art_2": ("general", {"crim.offence"}),
             "art_7": ("general", {"crim.attempt"})}
    cites = cited_subjects(law, first)
    assert cites == {"art_3": CITES_TRAFFICKING, "art_4": CITES_OTHER, "art_8": CITES_TRAFFICKING}
    # art_5: one citation unresolved; art_6: cites a general-part rule; art_9: cites nothing


def test_a_paragraph_reads_its_article_heading():
    para = Provision(eid="art_5__para_2", text="x", path=["Chapter 1", "Article 5"])
    assert context_heading(para, "Victims of trafficking") == "Victims of trafficking; Chapter 1; Article 5"


DIRECTIVE = """# Directive 2099/1 on victims

Whereas:

(1) Member States should ensure that victims of trafficking in human beings receive shelter and medical
treatment.

HAVE ADOPTED THIS DIRECTIVE:

##### Article 1

Member States shall ensure that victims of trafficking in human beings receive shelter and medical treatment.
"""


def test_recitals_are_not_tagged():
    law = parse_and_tag(DIRECTIVE.encode(), _stored("markdown", "en"), get_tagger())
    tags = {p.eid: {t.element for t in p.tags} for p in law.provisions}
    assert {"prot.housing", "prot.medical_assistance"} <= tags["art_1"]
    assert tags["rec_1"] == set()
