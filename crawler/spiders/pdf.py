"""PDF statutes: official gazettes, parliament PDFs, SHERLOC / NATLEX / Refworld document links."""

from __future__ import annotations

import io

import pdfplumber
from scrapy.http import Response

from crawler.spiders.base import BaseSpider


def pdf_page_count(body: bytes) -> int:
    """Number of pages (raises on a PDF that cannot be opened)."""
    with pdfplumber.open(io.BytesIO(body)) as pdf:
        return len(pdf.pages)


class PdfSpider(BaseSpider):
    """Statutes published as PDF."""

    name = "pdf"
    default_format = "pdf"

    def validate_body(self, body: bytes, fmt: str, response: Response) -> str | None:
        """A PDF with its trailer that a PDF library can open and that has pages."""
        reason = super().validate_body(body, fmt, response)
        if reason or fmt != "pdf":
            return reason
        try:
            pages = pdf_page_count(body)
        except Exception as exc:  # pdfminer raises many types on corrupt input
            return f"corrupt PDF: {type(exc).__name__}: {str(exc)[:120]}"
        return None if pages else "PDF has no pages"
