"""Recognition of amending provisions (text that inserts or replaces provisions of another law)."""

from __future__ import annotations

import re

from .numbering import Heading

# The sentence that introduces inserted text, ending with a colon:
# "The Act is amended by adding the following after section 279:", "Incorpórase como artículo 145 bis
# el siguiente:", "Sustitúyese el artículo 2° de la ley 26.364 por el siguiente:", "est ajouté l'article
# suivant :", "wird folgender § 232a eingefügt:", "Se modifica el artículo 59 bis, que queda redactado así:"
AMEND_INTRO = re.compile(
    r"(?:the following|as follows|is (?:amended|replaced|added|inserted)|are (?:added|inserted)|"
    r"siguientes?|como sigue|redactad[oa]s? (?:así|de la siguiente)|queda(?:n)? redactad|incorp[oó]r|"
    r"sustit[uú]y|substit[uú]|modif[ií]ca|agr[eé]ga|añad|suivante?s?|ainsi rédigé|est (?:remplacé|ajouté|"
    r"inséré|complété)|sont (?:ajoutés|insérés)|folgende|eingefügt|ersetzt|gefasst|volgt|luidt|"
    r"següent|queda redactat|s'afegeix|afegeix)",
    re.IGNORECASE,
)
# A law named in an amending sentence: "Criminal Code", "Código Penal", "ley 26.364", "Llei 9/2005",
# "Code pénal", "Loi n° 2003-239", "Strafgesetzbuch", "Ley Orgánica 10/1995", "Immigration Act"
TARGET_LAW = re.compile(
    r"(?P<law>(?:Criminal|Penal) Code|C[óo]digo Penal(?: de la Naci[óo]n)?|Codi [Pp]enal|[Cc]ode p[ée]nal|"
    r"[Cc]ode criminel|Strafgesetzbuch|Wetboek van Strafrecht|"
    r"(?:[Ll]ey|[Ll]lei|[Ll]oi|[Dd]ecreto|[Gg]esetz|[Ww]et)(?: [Oo]rg[áa]nica| qualificada)?"
    r"(?: (?:[Nn][°º.o]\s?))?\s*\d+[\d./\-]*(?:/\d+)?|"
    r"(?:[A-Z][a-z]+ ){1,5}Act(?: \d{4})?)"
)
# "section 279", "article 2°", "artículo 145 bis", "l'article 225-4-1", "§ 232a"
TARGET_PROVISION = re.compile(
    r"(?:section|article|artículo|article|artigo|article|art\.|§)\s*(?P<num>\d+[\w.\-]*(?: bis| ter)?)",
    re.IGNORECASE,
)
# Title of an amending law: "An Act to amend the Criminal Code", "Ley ... modificatoria", "Loi modifiant"
AMENDING_TITLE = re.compile(
    r"\bto amend\b|\bamendment\b|\bamending\b|modificatori|modificaci[oó]n de|modificació de|modifiant|"
    r"\bmodifica\b|Änderung|wijziging",
    re.IGNORECASE,
)


def amend_target(intro: str, inserted: Heading) -> str:
    """Attribution of inserted text: the target law named in ``intro`` and the inserted number.

    "The Act is amended by adding the following after section 279:" + heading 279.01 ->
    "s. 279.01" (law unknown), "Sustitúyese el artículo 2° de la ley 26.364 por el siguiente:" ->
    "ley 26.364 art. 2".
    """
    m = TARGET_LAW.search(intro)
    word = "s." if inserted.kind == "section" else "art."
    if inserted.label.startswith("§"):
        word = "§"
    ref = f"{word} {inserted.num}"
    return f"{m.group('law').strip()} {ref}" if m else ref


def is_amending_title(title: str) -> bool:
    """True when a law's title says it amends another law."""
    return bool(AMENDING_TITLE.search(title or ""))
