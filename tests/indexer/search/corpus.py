# ruff: noqa: E501  (one fixture document per block reads better than wrapped lines)
"""A small hand-written multilingual corpus for search tests (invented sentences, not statute text)."""

from __future__ import annotations


def _doc(law_id, title, jur, region, lang, eid, ref, heading, text, elements, reqs, year, vdate, in_force, order):
    return {
        "id": f"{law_id}--{eid}", "law_id": law_id, "law_title": title, "jurisdiction": jur, "region": region,
        "language": lang, "eid": eid, "num": ref.split()[-1], "ref": ref, "heading": heading, "text": text,
        "elements": elements, "requirements": reqs, "year": year, "version_date": vdate, "in_force": in_force,
        "ord": order,
    }


DOCS = [
    _doc("ESP-ley-1", "Ley de ejemplo 1/2010", "ESP", "Europe", "es", "art_5", "art. 5", "Trata de personas",
         "Quien capte o traslade a una persona con fines de explotación laboral comete el delito de trata.",
         ["act_recruitment", "act_transfer", "purpose_forced_labour"], ["R1", "R3"], 2010, "2015-03-01", True, 5),
    _doc("ESP-ley-1", "Ley de ejemplo 1/2010", "ESP", "Europe", "es", "art_6", "art. 6", "No punibilidad",
         "La víctima de tratas no será castigada por los delitos cometidos como consecuencia directa.",
         ["non_punishment"], ["R12"], 2010, "2015-03-01", True, 6),
    _doc("MEX-ley-2", "Ley modelo contra la trata", "MEX", "Americas", "es", "art_10", "art. 10", "Sanciones",
         "Se impondrá prisión a quien reclute personas mediante engaño o abuso de poder.",
         ["act_recruitment", "means_deception", "means_abuse_of_power"], ["R1", "R2"], 2012, None, True, 10),
    _doc("GBR-act-3", "Example Slavery Act 2015", "GBR", "Europe", "en", "sec_1", "s. 1", "Offences",
         "A person commits an offence if the person arranges the travel of another person with a view to that "
         "person being exploited, including forced labour.",
         ["act_transport", "purpose_forced_labour"], ["R1", "R3"], 2015, "2016-01-01", True, 1),
    _doc("GBR-act-3", "Example Slavery Act 2015", "GBR", "Europe", "en", "sec_45", "s. 45", "Defence for victims",
         "A victim of trafficking is not guilty of an offence committed as a direct consequence of being "
         "trafficked. <script>alert('x')</script> & \"quoted\" words.",
         ["non_punishment"], ["R12"], 2015, "2016-01-01", True, 45),
    _doc("USA-code-4", "Example Victims Protection Act", "USA", "Americas", "en", "sec_7", "s. 7", "Definitions",
         "The term severe forms of trafficking in persons means the recruitment, harboring or transportation "
         "of a person for labor or services through force, fraud, or coercion.",
         ["act_recruitment", "act_harbouring", "means_force", "means_fraud"], ["R1", "R2"], 2000, None, False, 7),
    _doc("FRA-code-5", "Code d'exemple", "FRA", "Europe", "fr", "art_225", "art. 225", "De la traite",
         "La traite des êtres humains est le fait de recruter une personne en échange d'une rémunération, "
         "en vue de son exploitation.",
         ["act_recruitment", "purpose_exploitation"], ["R1"], 2003, "2020-06-15", True, 225),
    _doc("FRA-code-5", "Code d'exemple", "FRA", "Europe", "fr", "art_226", "art. 226", "Victimes",
         "La victime de la traite n'est pas punissable pour les infractions qu'elle a été contrainte de commettre.",
         ["non_punishment"], ["R12"], 2003, "2020-06-15", True, 226),
    _doc("DEU-gesetz-6", "Beispielgesetz", "DEU", "Europe", "de", "para_232", "§ 232", "Menschenhandel",
         "Wer eine andere Person unter Ausnutzung ihrer Zwangslage anwirbt, befördert oder beherbergt, wird "
         "wegen Menschenhandels bestraft.",
         ["act_recruitment", "act_transport", "means_abuse_of_vulnerability"], ["R1", "R2"], 2016, None, True, 232),
    _doc("NLD-wet-7", "Voorbeeldwet", "NLD", "Europe", "nl", "art_273f", "art. 273f", "Mensenhandel",
         "Hij die een ander door dwang werft, vervoert of huisvest met het oogmerk van uitbuiting wordt gestraft.",
         ["act_recruitment", "act_transport", "means_coercion"], ["R1", "R2"], 2005, None, True, 273),
    _doc("BRA-lei-8", "Lei de exemplo", "BRA", "Americas", "pt", "art_149a", "art. 149-A", "Tráfico de pessoas",
         "Agenciar, aliciar, recrutar ou transportar pessoa mediante grave ameaça, com a finalidade de "
         "submetê-la a trabalho em condições análogas à de escravo.",
         ["act_recruitment", "act_transport", "means_threat", "purpose_slavery"], ["R1", "R2", "R3"],
         2016, "2016-10-06", True, 149),
    _doc("JPN-act-9", "Example Act on Persons", "JPN", "Asia", "ja", "art_1", "art. 1", "目的",
         "人身取引の被害者を保護する。 Emoji 🙂 and right-to-left שלום עולם text.",
         [], [], 2017, None, None, 1),
]

# One document carries tag objects (evidence and confidence), as the indexer may send them.
DOCS[4]["tags"] = [{"element": "non_punishment", "evidence": "is not guilty of an offence", "confidence": 0.9,
                    "source": "auto"}]
