"""Statute parsers: turn one stored document into a :class:`indexer.models.Law`.

Public contract::

    parse_document(data: bytes, meta: DocumentMeta) -> Law   # raises ParseError only
    register(fmt, *, jurisdiction=None, language=None)      # decorator for parser functions
    ParseError                                              # .reason: short human reason

Parsers live in one module per format and register themselves on import.

Conventions of the returned Law:

* ``law.text`` is the normalised document text (markup, notes, page headers/footers removed); for
  every provision ``law.text[p.start:p.end] == p.text``.
* ``provisions`` are flattened in document order, every level is a row; a parent's text includes
  its children (the article with all its paragraphs), without its own number and heading.
* ``num`` is the citation number: "177 bis", "279.01", "L425-1"; sub-levels are composed with
  parentheses: "177 bis(1)(a)", "2(1)"; recitals are "recital 12", Spanish final provisions
  "adicional primera". Inserted text of amending acts keeps the target numbering ("279.01") and
  ``amends`` says where it goes ("Criminal Code s. 279.01").
* ``eid`` follows Akoma Ntoso (``art_177bis__para_1``); containers (book/part/title/chapter) only
  prefix a unit's eId when its number repeats in the document (``part_ii__sec_1``).
* ``path`` holds the ancestors' labels (containers included), ``heading`` the unit's own title.
* ``refs`` offsets are relative to the provision's text; ``target_eid`` is set when the reference
  resolves inside the law, ``target_law`` when it names another law.
"""

from __future__ import annotations

from indexer.models import DocumentMeta, Law

from .errors import ParseError
from .registry import lookup, normalise_format, register, sniff_format

__all__ = ["ParseError", "parse_document", "register", "lookup", "normalise_format", "sniff_format",
           "MAX_BYTES"]

MAX_BYTES = 40 * 1024 * 1024  # larger documents are refused with a reason (statutes are far smaller)


def _load_parsers() -> None:
    from . import (  # noqa: F401  (imported for their @register side effects)
        akn,
        boe,
        clml,
        eisb,
        html,
        json_extract,
        markdown,
        pdf,
        text,
        uslm,
        xml_canada,
    )


def parse_document(data: bytes, meta: DocumentMeta) -> Law:
    """Parse ``data`` described by ``meta`` into a Law with its flattened provision tree.

    The format comes from ``meta.format`` (aliases accepted) or is sniffed from the bytes/URL.
    Raises :class:`ParseError` with a reason for bad input; never any other exception.
    """
    if not isinstance(data, bytes | bytearray):
        raise ParseError(f"expected bytes, got {type(data).__name__}")
    if len(data) > MAX_BYTES:
        raise ParseError(f"document too large: {len(data) / 1e6:.1f} MB > {MAX_BYTES / 1e6:.0f} MB limit")
    if not data.strip():
        raise ParseError("empty document (0 bytes)" if not data else "empty document (only whitespace)")
    _load_parsers()
    fmt = normalise_format(meta.format) or normalise_format(meta.content_type.split(";")[0]) \
        or sniff_format(bytes(data), meta.url)
    try:
        return _parse_as(fmt, bytes(data), meta)
    except ParseError as exc:
        sniffed = sniff_format(bytes(data), meta.url)
        if sniffed == fmt or not normalise_format(meta.format):
            raise
        try:  # a mislabelled document: the bytes say another format
            law = _parse_as(sniffed, bytes(data), meta)
        except ParseError:
            raise exc from None
        law.warnings.append(f"declared format {meta.format!r} failed ({exc.reason}); parsed as {sniffed}")
        return law


def _parse_as(fmt: str, data: bytes, meta: DocumentMeta) -> Law:
    from .finish import finish_law

    parser = lookup(fmt, meta.jurisdiction, meta.language) or lookup("text")
    try:
        law = parser(data, meta)
        return finish_law(law, meta, fmt)
    except ParseError:
        raise
    except RecursionError as exc:
        raise ParseError(f"{fmt}: document nested too deeply") from exc
    except MemoryError as exc:
        raise ParseError(f"{fmt}: out of memory") from exc
    except Exception as exc:  # noqa: BLE001 - any parser failure becomes a per-document error record
        raise ParseError(f"{fmt} parser failed: {type(exc).__name__}: {str(exc)[:200]}") from exc
