"""Numbering and heading recognition across the corpus languages.

Every pattern is a named module constant with a sample input. ``match_article``
recognises article/section headings ("Artículo 177 bis.", "§ 232a Zwangsprostitution",
"Art. 382-1", "Section 2"), ``match_container`` recognises book/part/title/chapter
headings and ``match_enumerator`` the labels of subdivisions ("(1)", "a)", "1°", "I.-").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Latin/ordinal suffixes used in numbers: "177 bis", "3 quater", "145 ter"
LATIN_SUFFIX = r"(?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|novies|decies|undecies|duodecies)"
# A provision number: "177", "279.01", "225-4-1", "L425-1", "149-A", "232a", "15b", "1º", "13-1"
NUM_TOKEN = (
    r"(?:[LRDA]\.?\s?)?\d+(?:[a-zA-Z]|[Α-Ωα-ω]){0,2}(?:[.\-–‑]\d+[a-zA-Z]{0,2})*(?:[.\-–‑][A-Z]\b)?"
    rf"(?:\s*[ºo°](?![a-zà-ü]))?(?:[\s\-]+{LATIN_SUFFIX}\b)?(?:\s+[A-Z]\b(?![.\-]))?"
)
# Spanish/Portuguese/Catalan ordinal words: "Artículo Primero", "Artículo Único"
ORDINAL_WORDS = (
    r"(?:(?:d[eé]cim[oa]\s+)?(?:primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|sext[oa]|"
    r"s[eé]ptim[oa]|octav[oa]|noven[oa])|primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|sext[oa]|s[eé]ptim[oa]|octav[oa]|"
    r"noven[oa]|d[eé]cim[oa]|[uú]nic[oa]|first|second|third|premier|unique|"
    r"الأولى|الثانية|الثالثة|الرابعة|الخامسة|السادسة|السابعة|الثامنة|التاسعة|العاشرة)"
)
# Words that introduce an article-level unit: "Artículo", "ARTICULO", "Art.", "Article", "Artikel",
# "Artigo", "Articolo", "Section", "Sec.", "s.", "§", "Paragraph" (DE "Paragraf"), "Rule", "Regulation"
ARTICLE_WORD = (
    r"(?P<word>art[ií]culo|article|artikel|artigo|articolo|artykuł|art\.?|section|sec\.|s\.|§§?|"
    r"paragraf|rule|regulation|reg\.|المادة|مادة|Άρθρο|ΑΡΘΡΟ)"
)
# "Artículo 177 bis.", "**ARTICULO 145 bis**. - Será", "§ 232a Zwangsprostitution", "Art. 382-1",
# "Article 3 quater", "Artigo 149-A", "ARTÍCULO 10.- Toda", "Section 2. Short title", "Artículo Primero.-"
ARTICLE_HEAD = re.compile(
    rf"^\s*(?:[“\"«‘']\s?)?(?:\*\*|__)?{ARTICLE_WORD}\s*(?:\*\*)?\s*(?P<num>{NUM_TOKEN}|{ORDINAL_WORDS})(?!\w)\.?(?:\*\*|__)?"
    r"(?P<sep>\s*(?:\.\s*[-–—]|[-–—:.)/]+|\s)\s*|\s*$)(?P<rest>.*)$",
    re.IGNORECASE,
)
# Bare numbered section headings of common-law statutes (used only when no keyword headings exist):
# "3. Trafficking in persons.—(1) Whoever", "279.011 (1) Every person", "2.—(1)"
BARE_SECTION_HEAD = re.compile(
    r"^\s*(?P<num>\d+[A-Z]{0,2}(?:\.\d+)?)(?:\.(?!\d)|\s)\s*(?P<sep>[—–-]*)\s*(?P<rest>\S.*)$"
)
# Container words, ranked from broadest (0) to narrowest: "LIBRO II", "TÍTULO VII bis. De la trata",
# "Chapitre Ier : Des principes", "Part 2", "1. Kapitel: Gegenstand", "3. jagu Süü", "Hoofdstuk 1"
CONTAINER_WORDS = {
    "book": (0, r"libro|livre|book|buch|llibre|boek|livro"),
    "part": (1, r"parte|partie|part|teil|deel|osa|partea"),
    "title": (2, r"t[ií]tulo|titre|title|t[ií]tol|titel"),
    "chapter": (3, r"cap[ií]tulo|chapitre|chapter|kapitel|cap[ií]tol|hoofdstuk|peat[üu]kk|capo"),
    "section_group": (4, r"secci[oó]n|section|abschnitt|afdeling|jagu|secci[oó]|sezione|sec[cç][aã]o"),
    "subdivision": (5, r"subsecci[oó]n|sous-section|unterabschnitt|paragraaf|alajagu|subsection"),
}
# "TÍTULO VII bis. De la trata", "CHAPTER  IV", "Titre Ier : De la loi", "LIBRO PRIMERO"
CONTAINER_NUM = (
    rf"(?P<num>[IVXLC]+(?:er|re|e)?(?:\s+{LATIN_SUFFIX})?|\d+[a-z]?(?:\s+{LATIN_SUFFIX})?|"
    r"unique|único|unico|preliminar|primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|sext[oa]|"
    r"s[eé]ptim[oa]|octav[oa]|noven[oa]|d[eé]cim[oa]|first|second|third|fourth|fifth|sixth|"
    r"seventh|eighth|ninth|tenth|erste[rs]?|zweite[rs]?|dritte[rs]?|vierte[rs]?|fünfte[rs]?|"
    r"primer|segon|tercer|quart|cinquè|premier|deuxième|troisième|quatrième|cinquième)"
)
# "1. Kapitel: Gegenstand", "3. jagu Süü", "Erster Abschnitt - Das Strafgesetz"
CONTAINER_HEAD = re.compile(
    r"^\s*(?:\*\*)?(?:(?P<pre>\d+\.|[A-Za-zäöü]+er|[A-Za-zäöü]+es)\s+)?(?P<word>"
    + "|".join(f"(?:{w})" for _, w in CONTAINER_WORDS.values())
    + rf")\b\.?(?:\*\*)?(?:\s+{CONTAINER_NUM}\b)?\.?(?:\*\*)?(?P<rest>\s*(?:[.:\-–—]\s*)?.*)$",
    re.IGNORECASE,
)
# A container word glued to its number by text extraction: "CHAPTERVII", "PARTII"
GLUED_CONTAINER = re.compile(
    r"^(CHAPTER|PART|TITLE|BOOK|SCHEDULE|CAP[IÍ]TULO|T[IÍ]TULO|LIBRO)(?=[IVXLC]+\b|\d+\b)")
# Spanish/Catalan final provisions: "Disposición adicional primera.", "Disposició final única"
DISPOSITION_HEAD = re.compile(
    r"^\s*(?:\*\*)?(?P<word>disposici[oó]n|disposició)\s+(?P<type>adicional|addicional|transitoria|transitòria|"
    r"derogatoria|derogatòria|final)\s+(?P<num>[\wáéíóúàèòç]+(?:\s+(?:bis|ter))?)\.?(?:\*\*)?"
    r"(?P<sep>\s*[.:\-–—]?\s*)(?P<rest>.*)$",
    re.IGNORECASE,
)
# Schedules and annexes: "Schedule 1", "ANNEX I", "Anexo", "Anhang 2", "Annexe"
ANNEX_HEAD = re.compile(
    r"^\s*(?:\*\*)?(?P<word>schedule|annex|annexe|anexo|anhang|anlage|bijlage|appendix)\b\s*"
    r"(?P<num>[IVXLC]+|\d+[A-Z]?|[A-Z])?\b\.?(?P<rest>.*)$",
    re.IGNORECASE,
)

# Enumerators, each with a sample
ENUM_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "(1) ", "(4.11) ", "(2a) ", or a label alone on its line: "(ii)"
    ("paren_num", re.compile(r"^\((?P<v>\d+[a-z]?(?:\.\d+)?)\)(?:\s*(?=\S)|\s*$)")),
    ("paren_roman", re.compile(r"^\((?P<v>[ivx]+)\)(?:\s*(?=\S)|\s*$)")),  # "(ii) "
    ("paren_double", re.compile(r"^\((?P<v>([a-z])\2)\)(?:\s*(?=\S)|\s*$)")),  # US items: "(aa) ", "(bb) "
    ("paren_alpha", re.compile(r"^\((?P<v>[a-z]{1,2}(?:\.\d+)?)\)(?:\s*(?=\S)|\s*$)")),  # "(a) ", "(aa) "
    ("paren_roman_upper", re.compile(r"^\((?P<v>[IVX]+)\)(?:\s+(?=\S)|\s*$)")),  # "(II) " (US subclauses)
    ("paren_upper", re.compile(r"^\((?P<v>[A-Z])\)(?:\s+(?=\S)|\s*$)")),  # "(A) "
    ("num_degree", re.compile(r"^(?P<v>\d+)\s?[°º]\.?[\s\-–—]+(?=\S)")),  # "1° Les lois", "2º.- "
    ("num_dot", re.compile(r"^(?P<v>\d+[a-z]?)(?:\.(?!\d)|\))[\s\-–—]*(?=\S)")),  # "1. Será", "7) Delitos"
    ("num_dash", re.compile(r"^(?P<v>\d+)\s?[-–](?=\s)\s*(?=\S)")),  # "1- يُعد مرتكباً"
    ("arabic_letter", re.compile(r"^(?P<v>[\u0621-\u064a])\s?[-–)](?=\s)\s*(?=\S)")),  # "أ- باع"
    # "I. Establecer", "II.-"
    ("roman_dot", re.compile(r"^(?P<v>[IVX]+)(?:\.\s?[-–—]|\.|\s?[-–—]|\))\s*(?=\S)")),
    ("roman_paren", re.compile(r"^(?P<v>[ivx]+)\)\s*(?=\S)")),  # "ii) "
    ("alpha_paren", re.compile(r"^(?P<v>[a-z])\)\s*(?=\S)")),  # "a) La imposición"
    ("alpha_dot", re.compile(r"^(?P<v>[a-z])\.\s+(?=\S)")),  # "a. the recruitment"
]
ENUM_KIND = {
    "paren_num": "subsection", "num_dot": "paragraph", "num_degree": "paragraph", "roman_dot": "paragraph",
    "paren_alpha": "paragraph", "alpha_paren": "point", "alpha_dot": "point", "paren_upper": "clause",
    "paren_roman": "subparagraph", "roman_paren": "subparagraph", "num_dash": "paragraph",
    "paren_roman_upper": "subclause", "paren_double": "item",
    "arabic_letter": "point",
}
FIRST_VALUES = {"1", "a", "i", "I", "A", "1a", "1.1", "aa", "أ", "ا"}
# Arabic ordinal words used as article numbers: "المادة الأولى" (Article One)
ARABIC_ORDINALS = {w: str(i) for i, w in enumerate(
    ["الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة",
     "العاشرة"], start=1)}
# "(a.1)" / "(4.11)" / "(xlvii.1)": inserted numbers may start a list anywhere
_INSERTED = re.compile(r"\d*[a-z]*\.\d+$")


@dataclass(frozen=True)
class Heading:
    """A recognised heading: kind, clean number, the label as written and what follows it."""

    kind: str
    num: str
    label: str
    rest: str
    rest_offset: int
    rank: int = 9


def clean_num(num: str) -> str:
    """Normalise a provision number: ``"1º"`` -> ``"1"``, ``"177  bis"`` -> ``"177 bis"``."""
    num = re.sub(r"(?<=\d)\s*[ºo°]$", "", num.strip().strip("*").strip())
    num = re.sub(r"(?<=\d)\s*[ºo°](?=\s)", "", num)
    num = re.sub(r"^([LRDA])\.\s?(?=\d)", r"\1", num)
    num = ARABIC_ORDINALS.get(num.strip(), num).replace("–", "-").replace("‑", "-")
    return re.sub(r"\s+", " ", num).strip(" .")


def _article_kind(word: str) -> str:
    word = word.lower().rstrip(".")
    if word in ("section", "sec", "s"):
        return "section"
    if word.startswith("§") or word == "paragraf":
        return "section"
    if word in ("rule",):
        return "rule"
    if word in ("regulation", "reg"):
        return "regulation"
    return "article"


@lru_cache(maxsize=8192)
def match_article(line: str, *, strict: bool = True) -> Heading | None:
    """Recognise an article/section heading at the start of ``line``.

    ``strict`` rejects running text such as "Section 3 of the Act" or "Artículo 145 bis del
    Código" (a heading's number is followed by punctuation, an upper-case word or nothing).
    """
    m = ARTICLE_HEAD.match(line)
    if not m:
        return None
    word = m.group("word")
    if word[0].islower() and word not in ("s.", "art."):
        return None  # "section 101." at the start of a wrapped line is running text
    rest = m.group("rest")
    sep = m.group("sep") or ""
    if strict and rest and not sep.strip() and (rest[0].islower() or rest[0].isdigit()):
        return None
    if strict and rest and sep.strip() in ("", "/") and rest[:1] == ",":
        return None
    num = clean_num(m.group("num"))
    label = line[: m.start("sep")].strip().strip("*_“\"«‘'").strip().rstrip(".:").strip()
    return Heading(_article_kind(word), num, label, rest.strip(), m.start("rest"))


def match_disposition(line: str) -> Heading | None:
    """Recognise "Disposición adicional primera. Título" (kind "provision", num "adicional primera")."""
    m = DISPOSITION_HEAD.match(line)
    if not m or len(line) > 300:
        return None
    num = f"{m.group('type').lower()} {m.group('num').lower()}"
    label = line[: m.end("num")].strip().strip("*")
    return Heading("provision", num, label, m.group("rest").strip(), m.start("rest"))


@lru_cache(maxsize=8192)
def match_container(line: str) -> Heading | None:
    """Recognise a book/part/title/chapter/section-group heading ("TÍTULO VII bis. De la trata")."""
    line = GLUED_CONTAINER.sub(r"\1 ", line)
    m = CONTAINER_HEAD.match(line)
    if not m or len(line) > 250:
        return None
    if m.group("word")[0].islower() and not m.group("pre"):
        return None  # "section 101 of..." at the start of a wrapped line
    word = m.group("word").lower()
    kind, rank = "chapter", 3
    for k, (r, pattern) in CONTAINER_WORDS.items():
        if re.fullmatch(pattern, word, re.IGNORECASE):
            kind, rank = k, r
            break
    num = m.group("num") or ""
    pre = (m.group("pre") or "").rstrip(".")
    if not num and pre:
        num = pre
    rest = m.group("rest").strip().lstrip(".:-–— ").strip("* ")
    if not num and not re.match(r"^\s*(?:\*\*)?[A-ZÁÉÍÓÚ]", line):
        return None
    if not num and rest and not line.strip().isupper():
        return None
    label = line[: m.start("rest")].strip().strip("*").strip().rstrip(".:")
    return Heading(kind, clean_num(num), label, rest, m.start("rest"), rank)


def match_annex(line: str) -> Heading | None:
    """Recognise a schedule/annex heading ("SCHEDULE 2", "Annex I")."""
    m = ANNEX_HEAD.match(line)
    if not m:
        return None
    rest = m.group("rest").strip()
    if rest and rest[0].islower():
        return None
    word = m.group("word").lower()
    kind = "schedule" if word in ("schedule", "appendix") else "annex"
    label = line[: m.start("rest")].strip().strip("*").strip()
    return Heading(kind, m.group("num") or "", label, rest.lstrip(".:-–— "), m.start("rest"))


@lru_cache(maxsize=8192)
def match_enumerator(line: str) -> tuple[str, str, int] | None:
    """Recognise a subdivision label; return ``(type, value, end_of_label)`` or None.

    Samples: "(1) Every person" -> ("paren_num", "1", 4); "a) La imposición" -> ("alpha_paren", "a", 3).
    """
    for name, pattern in ENUM_PATTERNS:
        m = pattern.match(line)
        if m:
            return name, m.group("v"), m.end()
    return None


def is_first_value(value: str) -> bool:
    """True for a value that can open a new list level ("1", "a", "i", "I", "a.1")."""
    return value in FIRST_VALUES or bool(_INSERTED.match(value))


def roman_to_int(value: str) -> int | None:
    """Integer value of a Roman numeral ("xlvii" -> 47), None when it is not one."""
    table = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    value = value.lower()
    if not value or any(ch not in table for ch in value):
        return None
    total = 0
    for i, ch in enumerate(value):
        v = table[ch]
        total += -v if i + 1 < len(value) and table[value[i + 1]] > v else v
    return total
