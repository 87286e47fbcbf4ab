"""Byte decoding and text normalisation shared by the text-based parsers.

``decode_bytes`` turns bytes into str (BOM, declared charset, UTF-8, cp1252 fallback) and rejects
binary data; ``clean_markdown_line`` strips inline markup; ``reflow`` joins hard-wrapped lines into
paragraphs; ``strip_page_furniture`` removes running headers, footers and page numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .errors import ParseError
from .numbering import match_annex, match_article, match_container, match_enumerator

# XML declaration: '<?xml version="1.0" encoding="ISO-8859-1"?>'
XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding=[\"']([A-Za-z0-9_\-]+)[\"']", re.IGNORECASE)
# HTML meta charset: '<meta charset="utf-8">' / 'content="text/html; charset=windows-1252"'
HTML_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)
# Control characters that never occur in text: "\x00", "\x07"
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Markdown heading: "##### Artículo 177 bis." / "####Gender equality"
MD_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")
# Markdown image / link: "![x](a.png)", "[Ley N° 26.842](http://...)"
MD_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]{1,12}\]")  # "§ 104a[^138]"
MD_FOOTNOTE_DEF = re.compile(r"^\s*\[\^[^\]\s]{1,12}\]:")  # "[^138]: Eingefügt durch LGBl. ..."
MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
# Emphasis markers: "**ARTICULO 1º**", "*(Artículo sustituido)*", "__x__"
MD_STRONG = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
MD_EM = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])")
MD_STRAY_STAR = re.compile(r"(?<=\S)\*+(?=\S|$)|(?:^|(?<=\s))\*+(?=\S)")  # "de la*Ley" -> "de laLey"
MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
MARKUP_CHARS = re.compile(r"[*_\[\]<>\\|`]|^\s*(?:[-+:]\s|#)")  # any markdown syntax at all?
HTML_TAG = re.compile(r"</?[A-Za-z][^>]{0,200}>")
# List / quote / definition markers at line start: "- item", "> quoted", ":   Definition"
MD_LINE_MARK = re.compile(r"^(?:>\s?)+|^[-*+]\s+(?=\S)|^:\s+")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")  # "|---|:---:|"
# Page numbers and page furniture: "12", "- 12 -", "Page 3 of 10", "1 de 60", "Seite 4 von 9"
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:(?:page|página|pagina|seite|p\.)\s*)?\d{1,4}(?:\s*(?:of|de|von|sur|/)\s*\d{1,4})?"
    r"(?:\s*[-–—])?\s*$",
    re.IGNORECASE,
)
RULE_LINE = re.compile(r"^\s*[_\-–—=.*]{3,}\s*$")  # "________" separator rules
EDGE_LINES = 6  # running headers/footers are looked for in the first/last lines of a page
# A paragraph that is only an italic parenthesis: "*(Artículo sustituido por art. 24 ...)*"
ITALIC_NOTE = re.compile(r"^\s*[*_]\s*\((?:[^()]|\([^()]*\))*\)\s*[*_]\s*$|"
                         r"^\s*[*_]\((?:Artículo|Art\.|Inciso|Párrafo|Texto|Nota|Expresión|Denominación)[^\n]*\)[*_]?\s*$")
# Mexican consolidation notes: "Fracción reformada DOF 19-01-2018", "Artículo adicionado DOF 07-06-2024"
DOF_NOTE = re.compile(
    r"^\s*(?:(?:Art[íi]culo|Fracci[óo]n|P[áa]rrafo|Inciso|Apartado|Cap[íi]tulo|T[íi]tulo|Secci[óo]n|Libro|"
    r"Denominaci[óo]n|Fe de erratas)(?: [\w ]{0,40})?|Reforma|[ÚU]ltima reforma)\s+"
    r"(?:reformad|adicionad|derogad|recorrid|publicad|al)[\w ,]{0,60}DOF\s+\d{2}-\d{2}-\d{4}.*$",
    re.IGNORECASE,
)
# A footnote number glued to an amended passage: "1[the Punjab]", "2[any other person]", "4 [* * *]"
FOOTNOTE_MARK = re.compile(r"(?<![\w\])/.,-])\d{1,2}(?=\[(?!\d))|(?<![\w\])/.,-])\d{1,2} (?=\[\*)")
TRAILING_MARK = re.compile(r"(?<=\w) \d{1,2}$")  # "whole of 2" + "[the Punjab]"
SENTENCE_END = re.compile(r"[.;:!?»\"”)\]]\s*$")  # "...delito." / "...siguiente:"
WHITESPACE = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u3000]+")


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode document bytes; raise ParseError for empty or binary input.

    Order: BOM, UTF-8, the declared charset (XML declaration / HTML meta / argument), cp1252.
    A declared charset that does not fit the bytes is recorded as a warning, not an error.
    """
    warnings: list[str] = []
    if not data or not data.strip():
        raise ParseError("empty document (0 bytes)" if not data else "empty document (only whitespace)")
    if data.startswith(b"\xef\xbb\xbf"):
        return _check_text(data[3:].decode("utf-8", errors="replace")), warnings
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _check_text(data.decode("utf-16", errors="replace")), warnings
    m = XML_ENCODING.match(data[:200]) or HTML_CHARSET.search(data[:4096])
    if m and not declared:
        declared = m.group(1).decode("ascii", errors="ignore")
    try:
        text = data.decode("utf-8")
        if declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8", "us-ascii", "ascii"):
            warnings.append(f"declared encoding {declared!r} is wrong: bytes are UTF-8")
        return _check_text(text), warnings
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return _check_text(data.decode(declared)), warnings
        except (LookupError, UnicodeDecodeError):
            warnings.append(f"declared encoding {declared!r} does not decode the bytes; read as cp1252")
    else:
        warnings.append("not UTF-8 and no declared encoding; read as cp1252")
    return _check_text(data.decode("cp1252", errors="replace")), warnings


def _check_text(text: str) -> str:
    sample = text[:20000]
    bad = len(CONTROL_CHARS.findall(sample))
    if "\x00" in sample or bad > max(5, len(sample) // 50):
        raise ParseError("binary data: not a text document")
    if sample.count("\ufffd") > max(20, len(sample) // 20):
        raise ParseError("undecodable bytes: not a text document")
    return text


def norm_space(text: str) -> str:
    """NFC, no-break spaces to spaces, runs of blanks collapsed, ends trimmed."""
    return WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def clean_markdown_line(line: str) -> str:
    """Strip inline markdown (links, emphasis, escapes, HTML tags) from one line of text."""
    if not MARKUP_CHARS.search(line):
        return norm_space(line)
    if MD_FOOTNOTE_DEF.match(line):
        return ""
    line = MD_FOOTNOTE_REF.sub("", line)
    line = MD_IMAGE.sub("", line)
    line = MD_LINK.sub(r"\1", line)
    line = HTML_TAG.sub(" ", line)
    line = MD_LINE_MARK.sub("", line.strip())
    line = MD_EM.sub(r"\1", line)
    line = MD_STRONG.sub("", line)
    line = MD_STRAY_STAR.sub(" ", line) if "*" in line and "* *" not in line else line
    line = MD_ESCAPE.sub(r"\1", line)
    if line.startswith("|") and line.rstrip().endswith("|"):
        line = " | ".join(c.strip() for c in line.strip().strip("|").split("|"))
    return norm_space(line)


def drop_footnote_marks(line: str) -> str:
    """Remove amendment footnote numbers of South Asian codes: "1[the Punjab]" -> "[the Punjab]",
    "The 4 [* * * *] Government" -> "The [* * * *] Government"."""
    return FOOTNOTE_MARK.sub("", line) if "[" in line else line


def is_editorial_note(line: str) -> bool:
    """True for consolidation notes that are not statute words.

    "*(Artículo sustituido por art. 24 de la Ley N° 26.842 B.O. 27/12/2012)*" (an italic
    parenthesis on its own line) and "Fracción reformada DOF 19-01-2018" (Mexican DOF notes).
    """
    return bool(ITALIC_NOTE.match(line) or DOF_NOTE.match(line))


def is_structural(line: str) -> bool:
    """True when a line opens a unit (article, container, annex or enumerated item)."""
    return bool(match_article(line) or match_enumerator(line) or match_container(line) or match_annex(line))


def _joinable(prev: str, nxt: str) -> bool:
    if not prev or not nxt or is_structural(nxt):
        return False
    if nxt[0].islower():
        return True
    if SENTENCE_END.search(prev):
        return False
    if match_container(prev) or match_article(prev) and len(prev) < 40:
        return False
    if prev.isupper() != nxt.isupper():
        return False
    if nxt[0] == "[" and re.search(r"\w \d{1,2}$|\w$", prev):
        return True  # "The 4" + "[* * * *] Government": a bracketed amendment continues the sentence
    return nxt[0].isalpha() and not nxt.isupper() and len(prev) > 50


def reflow(lines: list[str], *, hard_wrapped: bool) -> list[str]:
    """Join wrapped lines into paragraphs and undo line-break hyphenation.

    With ``hard_wrapped`` every line is a candidate for joining (plain text, PDF); otherwise only a
    line that clearly continues a sentence (lower-case start after no sentence end) is joined.
    """
    out: list[str] = []
    for raw in lines:
        line = norm_space(raw)
        if not line:
            continue
        if out:
            prev = out[-1]
            if re.search(r"[a-zà-ÿ]-$", prev) and line[0].islower():
                out[-1] = prev[:-1] + line
                continue
            lower_cont = line[0].islower() and not SENTENCE_END.search(prev) and not is_structural(line)
            if lower_cont or (hard_wrapped and _joinable(prev, line)):
                if line[0] == "[":
                    prev = TRAILING_MARK.sub("", prev)  # superscript footnote number before "[amended text]"
                out[-1] = f"{prev} {line}"
                continue
        out.append(line)
    return out


def furniture_key(line: str) -> str:
    """Comparison key of a header/footer line (digits masked: "Page 3" == "Page 4")."""
    return re.sub(r"\d+", "#", norm_space(line).lower())


def furniture_keys(pages: list[list[str]]) -> set[str]:
    """Keys of lines repeated at the top/bottom of at least half of the pages (3 pages or more)."""
    edge: Counter[str] = Counter()
    for page in pages:
        lines = [ln for ln in page if ln.strip()]
        for ln in {furniture_key(x) for x in lines[:EDGE_LINES] + lines[-EDGE_LINES:]}:
            edge[ln] += 1
    threshold = max(3, len(pages) // 3) if len(pages) >= 3 else 10**9
    return {k for k, n in edge.items() if n >= threshold}


def strip_page_furniture(pages: list[list[str]]) -> list[str]:
    """Remove running headers/footers (lines repeated at page tops/bottoms) and page numbers."""
    key = furniture_key
    edge: Counter[str] = Counter()
    for page in pages:
        lines = [ln for ln in page if ln.strip()]
        for ln in {key(x) for x in lines[:EDGE_LINES] + lines[-EDGE_LINES:]}:
            edge[ln] += 1
    threshold = max(3, len(pages) // 3) if len(pages) >= 3 else 10**9
    furniture = {k for k, n in edge.items() if n >= threshold}
    out: list[str] = []
    for page in pages:
        lines = [ln for ln in page if ln.strip()]
        n = len(lines)
        for i, ln in enumerate(lines):
            near_edge = i < EDGE_LINES or i >= n - EDGE_LINES
            if near_edge and (key(ln) in furniture or PAGE_NUMBER.match(ln)) or RULE_LINE.match(ln):
                continue
            out.append(ln)
    return out
