"""Builders of small PDF files for the tests (fpdf2 for text, Pillow for an image-only scan)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path


def statute_pdf(path: Path, *, two_columns: bool = False, password: str | None = None) -> Path:
    """A 3-page statute with a running header and page numbers (optionally two columns / encrypted)."""
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pages = [
        ["PART I", "Section 1. Short title", "This Act may be cited as the Sample Act.",
         "Section 2. Offence", "(1) A person who recruits another person for exploi-",
         "tation commits an offence."],
        ["(2) A person who harbours a victim commits an", "offence.", "Section 3. Penalty",
         "A person convicted under section 2 is liable to imprisonment."],
        ["Section 4. Commencement", "This Act comes into force on publication."],
    ]
    for i, lines in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("helvetica", size=9)
        pdf.set_xy(20, 10)
        pdf.cell(text="SAMPLE GAZETTE - OFFICIAL")
        pdf.set_font("helvetica", size=11)
        if two_columns:
            half = (len(lines) + 1) // 2
            for col, chunk in enumerate((lines[:half], lines[half:])):
                for j, line in enumerate(chunk):
                    pdf.set_xy(15 + col * 100, 30 + j * 7)
                    pdf.cell(w=85, text=line)
        else:
            for j, line in enumerate(lines):
                pdf.set_xy(20, 30 + j * 7)
                pdf.cell(text=line)
        pdf.set_xy(100, 285)
        pdf.set_font("helvetica", size=9)
        pdf.cell(text=str(i))
    if password:
        pdf.set_encryption(owner_password="owner-" + password, user_password=password,
                           encryption_method=EncryptionMethod.RC4)
    path.write_bytes(bytes(pdf.output()))
    return path


def scanned_pdf(path: Path) -> Path:
    """An image-only PDF (a 'scan' without a text layer)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(img).rectangle((50, 50, 550, 120), outline="black")
    buf = BytesIO()
    img.save(buf, format="PDF")
    path.write_bytes(buf.getvalue())
    return path


def marginal_notes_pdf(path: Path) -> Path:
    """A one-page act whose section titles are printed in the right margin (gazette style)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    rows = [("1. (1) This Act may be called the Sample Act.", "Short title."),
            ("(2) It extends to the whole country.", None),
            ("2. Whoever compels a person to labour shall be punished.", "Forced labour."),
            ("3. Nothing in this Act applies to lawful work.", "Saving.")]
    for j, (line, note) in enumerate(rows):
        pdf.set_xy(20, 40 + j * 8)
        pdf.cell(text=line)
        if note:
            pdf.set_xy(172, 40 + j * 8)
            pdf.cell(text=note)
    path.write_bytes(bytes(pdf.output()))
    return path
