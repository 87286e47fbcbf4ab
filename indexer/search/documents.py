"""Validation of the index documents the indexer feeds to a backend, and keyset sort keys."""

from __future__ import annotations

import hashlib
import re
from datetime import date

DOC_FIELDS = (
    "id", "law_id", "law_title", "jurisdiction", "region", "language", "eid", "num", "ref", "heading",
    "text", "elements", "requirements", "year", "version_date", "in_force", "ord",
)
# Sample: "2011-07-21"
DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
EPOCH = date(1700, 1, 1)
ORD_BITS = 24
LAW_BITS = 16
MAX_ORD = (1 << ORD_BITS) - 1
KEY_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class DocumentError(ValueError):
    """An index document that cannot be indexed (missing id, wrong types)."""


def _str(value: object) -> str:
    return "" if value is None else str(value)


def _str_list(value: object, name: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if not isinstance(value, (list, tuple, set)):
        raise DocumentError(f"{name} must be a list of strings, not {type(value).__name__}")
    return sorted({str(v) for v in value if v not in (None, "")})


def normalize(doc: dict) -> dict:
    """Return a clean copy of an index document, or raise :class:`DocumentError` with the reason."""
    if not isinstance(doc, dict):
        raise DocumentError(f"an index document must be a dict, not {type(doc).__name__}")
    doc_id = _str(doc.get("id")).strip()
    if not doc_id:
        raise DocumentError("index document without an id")
    year = doc.get("year")
    if year in ("", None):
        year = None
    else:
        try:
            year = int(year)
        except (TypeError, ValueError):
            raise DocumentError(f"{doc_id}: year must be an integer, not {year!r}") from None
    version_date = _str(doc.get("version_date")) or None
    if version_date and not DATE_RE.match(version_date):
        raise DocumentError(f"{doc_id}: version_date must be YYYY-MM-DD, not {version_date!r}")
    in_force = doc.get("in_force")
    if in_force is not None and not isinstance(in_force, bool):
        raise DocumentError(f"{doc_id}: in_force must be true, false or null")
    try:
        order = int(doc.get("ord") or 0)
    except (TypeError, ValueError):
        raise DocumentError(f"{doc_id}: ord must be an integer") from None
    out = {name: _str(doc.get(name)) for name in DOC_FIELDS}
    tags = doc.get("tags")
    if tags:
        if not isinstance(tags, list) or not all(isinstance(t, dict) for t in tags):
            raise DocumentError(f"{doc_id}: tags must be a list of objects")
        out["tags"] = [
            {"element": _str(t.get("element")), "evidence": _str(t.get("evidence")),
             "confidence": float(t.get("confidence") or 0.0), "source": _str(t.get("source") or "auto")}
            for t in tags
        ]
    out.update(
        id=doc_id,
        law_id=_str(doc.get("law_id")) or doc_id.split("--", 1)[0],
        jurisdiction=_str(doc.get("jurisdiction")).upper(),
        language=_str(doc.get("language")).lower(),
        text=_str(doc.get("text")).replace("\x00", " "),
        elements=_str_list(doc.get("elements"), "elements"),
        requirements=_str_list(doc.get("requirements"), "requirements"),
        year=year,
        version_date=version_date[:10] if version_date else None,
        in_force=in_force,
        ord=order,
    )
    return out


def _law_bits(law_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(law_id.encode(), digest_size=2).digest(), "big")


def _tail(doc: dict, ascending_ord: bool) -> int:
    order = min(max(doc["ord"], 0), MAX_ORD)
    return (_law_bits(doc["law_id"]) << ORD_BITS) | (MAX_ORD - order if ascending_ord else order)


def date_key(doc: dict) -> int:
    """Sort key for "newest first": version date (else 1 January of the year), law, then document order.

    Sorted descending; ties are broken by the cursor's list of already-returned ids.
    """
    days = 0
    match = DATE_RE.match(doc.get("version_date") or "")
    try:
        if match:
            days = (date(int(match[1]), int(match[2]), int(match[3])) - EPOCH).days
        elif doc.get("year"):
            days = (date(int(doc["year"]), 1, 1) - EPOCH).days
    except ValueError:
        days = 0
    days = min(max(days, 0), (1 << 20) - 1)
    return (days << (LAW_BITS + ORD_BITS)) | _tail(doc, ascending_ord=True)


def jurisdiction_key(doc: dict) -> int:
    """Sort key for "by jurisdiction" (ascending): first four characters of the code, law, document order."""
    code = 0
    for ch in (doc.get("jurisdiction") or "").upper()[:4].ljust(4, "0"):
        code = code * 37 + (KEY_ALPHABET.index(ch) + 1 if ch in KEY_ALPHABET else 0)
    return (code << (LAW_BITS + ORD_BITS)) | _tail(doc, ascending_ord=False)
