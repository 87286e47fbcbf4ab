"""PDF statutes through their text layer (pypdfium2, the PDFium engine behind pdfplumber).

Two-column pages are read column by column, running headers/footers and page numbers are
removed, hyphenation at line ends is undone. A PDF without a text layer (a scan) is refused
with the reason "no text layer".
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium

from indexer.models import DocumentMeta, Law

from .errors import ParseError
from .finish import law_from_tree
from .registry import register
from .structure import build_tree
from .text import text_blocks
from .textnorm import drop_footnote_marks

RULE_RUN = re.compile(r"_{5,}")  # drawn rules extracted as underscores: "EXTRAORDINARY 47 ________"
LABEL_GLUED = re.compile(r"(?<![\w)])(\(\d{1,3}[a-z]?\))(?=[A-Z][a-z])")  # lost space: "143. (1)Whoever"
# A footnote block at the foot of a page: a blank line, then "1" alone or "2Substituted for the word..."
FOOTNOTE_START = re.compile(r"^\s*\d{1,3}\s*(?:$|[A-Z][a-z])")
# An amendment footnote even without the blank line: "8Substituted for the words ...", "3 Ins. by Act 5"
FOOTNOTE_EDIT = re.compile(r"^\s*\d{1,3}\s?(?:Subs(?:tituted)?|Ins(?:erted)?|Omitted|Added|Renumbered|"
                           r"Amended|Deleted|Rep(?:ealed)?)\b\.?")
SECTION_START = re.compile(r"^\s*(\d{1,4}[A-Z]{0,2})\.\s+")  # "144. (1) Whoever"
MIN_CHARS_PER_PAGE = 40  # fewer extracted characters than this on average: a scan without text layer
MAX_PAGES = 3000


def _column_gutter(textpage: pdfium.PdfTextPage, width: float) -> float | None:
    """x position of a vertical gutter splitting the page into two text columns, or None."""
    n = textpage.count_rects()
    if n < 20:
        return None
    rects = [textpage.get_rect(i) for i in range(n)]
    best: float | None = None
    for frac in (0.5, 0.48, 0.52, 0.45, 0.55, 0.42, 0.58):
        x = width * frac
        crossing = sum(1 for (left, _b, right, _t) in rects if left < x - 2 and right > x + 2)
        left_n = sum(1 for (_l, _b, right, _t) in rects if right <= x)
        right_n = sum(1 for (left, _b, _r, _t) in rects if left >= x)
        if crossing <= n * 0.03 and left_n >= n * 0.25 and right_n >= n * 0.25:
            best = x
            break
    return best


def _margin_column(textpage: pdfium.PdfTextPage, width: float) -> float | None:
    """x where a narrow right-hand column of marginal notes starts (section headings), or None."""
    n = textpage.count_rects()
    if n < 4:
        return None
    rects = [textpage.get_rect(i) for i in range(n)]
    for frac in (0.78, 0.8, 0.76, 0.82, 0.74):
        x = width * frac
        notes = [r for r in rects if r[0] >= x and r[2] - r[0] < width * 0.2]
        crossing = sum(1 for (left, _b, right, _t) in rects if left < x - 2 and right > x + 2)
        if len(notes) >= 2 and crossing <= max(1, n * 0.02):
            return x
    return None


def _marginal_titles(textpage: pdfium.PdfTextPage, margin: float, height: float) -> dict[str, str]:
    """Section titles printed in the margin, by the number of the section they stand beside.

    A note block ("Exploitation / of a trafficked / person.") belongs to the body line at the height
    of its first line when that line opens a numbered section ("144. (1) Whoever ...").
    """
    rects = sorted((textpage.get_rect(i) for i in range(textpage.count_rects())), key=lambda r: -r[3])
    notes = [r for r in rects if r[0] >= margin and r[3] < height * 0.9]
    blocks: list[list[tuple[float, float, float, float]]] = []
    for rect in notes:
        if blocks and blocks[-1][-1][3] - rect[3] < 16:
            blocks[-1].append(rect)
        else:
            blocks.append([rect])
    titles: dict[str, str] = {}
    for block in blocks:
        text = " ".join(textpage.get_text_bounded(*r).strip() for r in block)
        text = RULE_RUN.sub("", " ".join(text.split())).strip()
        left, bottom, _right, top = block[0]
        band = textpage.get_text_bounded(0, bottom, margin, top).strip()
        m = SECTION_START.match(band)
        if m and text and len(text) < 200:
            titles.setdefault(m.group(1), text)
    return titles


def _with_titles(lines: list[str], titles: dict[str, str]) -> list[str]:
    """Put marginal titles in front of their sections: "144. Title.—(1) Whoever ..."."""
    out = []
    for line in lines:
        m = SECTION_START.match(line)
        title = titles.get(m.group(1)) if m else None
        if title:
            title = title if title.endswith(".") else f"{title}."
            line = f"{m.group(1)}. {title}—{line[m.end():]}"
        out.append(line)
    return out


def page_lines(page: pdfium.PdfPage) -> list[str]:
    """Text lines of one page in reading order (column by column on two-column pages)."""
    textpage = page.get_textpage()
    try:
        width, height = page.get_size()
        gutter = _column_gutter(textpage, width)
        margin = _margin_column(textpage, width) if gutter is None else None
        titles: dict[str, str] = {}
        if gutter is None and margin is not None:
            text = textpage.get_text_bounded(0, 0, margin, height)  # marginal notes become titles
            titles = _marginal_titles(textpage, margin, height)
        elif gutter is None:
            text = textpage.get_text_range()
        else:
            left = textpage.get_text_bounded(0, 0, gutter, height)
            right = textpage.get_text_bounded(gutter, 0, width, height)
            text = f"{left}\n{right}"
    finally:
        textpage.close()
    # PDFium joins a hyphenated line end itself and marks the hyphen as U+FFFE: drop the mark
    text = RULE_RUN.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", ""))
    lines = [drop_footnote_marks(LABEL_GLUED.sub(r"\1 ", line)) for line in text.split("\n")]
    return drop_footnotes(_with_titles(lines, titles) if titles else lines)


def drop_footnotes(lines: list[str]) -> list[str]:
    """Cut the footnotes printed below the text of a page (after a blank line, numbered)."""
    n = len(lines)
    for i in range(max(1, min(n // 2, n - 15)), n):
        if FOOTNOTE_EDIT.match(lines[i]) or (
                i >= n - 15 and i + 1 < n and not lines[i].strip() and FOOTNOTE_START.match(lines[i + 1])):
            return lines[:i]
    return lines


def extract_pages(data: bytes) -> list[list[str]]:
    """Lines of every page; ParseError for encrypted, malformed or text-less PDFs."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise ParseError("encrypted PDF: a password is required") from exc
        raise ParseError(f"malformed PDF: {msg}") from exc
    try:
        n = len(pdf)
        if n == 0:
            raise ParseError("malformed PDF: no pages")
        if n > MAX_PAGES:
            raise ParseError(f"PDF too long: {n} pages > {MAX_PAGES}")
        pages = []
        for i in range(n):
            page = pdf[i]
            try:
                pages.append(page_lines(page))
            finally:
                page.close()
    finally:
        pdf.close()
    chars = sum(len(line.strip()) for page in pages for line in page)
    if chars < MIN_CHARS_PER_PAGE * len(pages):
        raise ParseError(f"no text layer (scanned PDF?): {chars} characters on {len(pages)} pages")
    return pages


@register("pdf")
def parse_pdf(data: bytes, meta: DocumentMeta) -> Law:
    """Parse a PDF statute from its text layer."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ParseError("malformed PDF: missing %PDF header")
    pages = extract_pages(data)
    doc_text, roots = build_tree(text_blocks(pages))
    law = law_from_tree(doc_text, roots, meta, format="pdf")
    return law
