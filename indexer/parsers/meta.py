"""Law metadata from titles and front matter: year, number, in-force status, version date."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

# Years in titles: "Ley 4/2015, de 27 de abril", "Act 1 of 2018", "S.C. 2005, c. 43"
YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
# Law numbers: "Ley 26.364", "No. 24 of 2023", "c. 43", "10/1995", "Act 45 of 2023", "Llei 40/2014"
NUMBER = re.compile(
    r"(?:\b(?:Ley|Llei|Loi|Law|Act|Decree-Law|Decreto|No\.?|n[°º]|Nr\.?|c\.|ch\.|Act No\.?)\s*)"
    r"(?P<num>\d+(?:[./]\d+)*(?:\s*\(I\))?)",
    re.IGNORECASE,
)
IN_FORCE = {"in_force", "in force", "vigente", "en vigueur", "in kraft", "current", "valid"}
NOT_IN_FORCE = {"repealed", "derogated", "derogada", "derogado", "abrogé", "abrogée", "abrogada",
                "aufgehoben", "expired", "revoked", "not in force"}
VERSION_KEYS = ("last_updated", "version_date", "consolidated", "date", "publication_date", "enactment_date")


def parse_date(value: Any) -> date | None:
    """A date from a front-matter value ("2026-04-09", a date, a datetime), None otherwise."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value if value.year >= 1800 and value != date(1900, 1, 1) else None  # placeholders
    if isinstance(value, str):
        m = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
        if m:
            try:
                return parse_date(date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
            except ValueError:
                return None
    return None


def in_force_from(value: Any) -> bool | None:
    """In-force status from a status word ("in_force" -> True, "repealed" -> False)."""
    if not isinstance(value, str):
        return None
    word = value.strip().lower()
    if word in IN_FORCE:
        return True
    if word in NOT_IN_FORCE:
        return False
    return None


def year_from(*texts: str) -> int | None:
    """The first plausible year in the given texts."""
    for text in texts:
        m = YEAR.search(text or "")
        if m:
            return int(m.group(1))
    return None


def number_from(title: str) -> str:
    """The law number cited in a title ("Ley 26.364 - ..." -> "26.364"), "" when none."""
    m = NUMBER.search(title or "")
    return m.group("num").strip() if m else ""


def front_matter_meta(fm: dict[str, Any]) -> dict[str, Any]:
    """Law fields found in a YAML front-matter mapping (keys compared case-insensitively)."""
    low = {str(k).lower(): v for k, v in fm.items()}
    out: dict[str, Any] = {}
    if isinstance(low.get("title"), str):
        out["title"] = low["title"].strip()
    for key in ("short_title", "jurabk", "abbreviation"):
        if isinstance(low.get(key), str):
            out["short_title"] = low[key].strip()
            break
    for key in ("official_number", "number", "law_number"):
        if low.get(key) not in (None, ""):
            out["number"] = str(low[key]).strip()
            break
    status = in_force_from(low.get("status"))
    if status is not None:
        out["in_force"] = status
    for key in VERSION_KEYS:
        d = parse_date(low.get(key))
        if d:
            out["version_date"] = d
            break
    if isinstance(low.get("source"), str) and low["source"].startswith("http"):
        out["source_url"] = low["source"]
    lang = low.get("language") or low.get("lang")
    if isinstance(lang, str) and 2 <= len(lang) <= 3:
        out["language"] = lang.lower()
    return out
