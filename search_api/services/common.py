"""Helpers shared by the services: law rows, citation labels, element labels, assessment access."""

from __future__ import annotations

import importlib
import logging
import re
import sqlite3
from functools import lru_cache
from typing import Any

from indexer.repository import citation_label
from search_api.errors import ApiError, BadRequest, NotFound
from search_api.schemas import LawSummary

LOG = logging.getLogger("palermo.api")

# ISO 3166-1 alpha-3 codes and organisation codes used as jurisdictions: "GBR", "EU", "COE", "UN"
ISO3_RE = re.compile(r"^[A-Z]{2,3}$")
# A jurisdiction code as typed in a URL, any case: "gbr", "EU"
ISO3_PARAM_PATTERN = r"^[A-Za-z]{2,3}$"
# A UN M49 region name: "Latin America and the Caribbean", "Western Europe"
REGION_PATTERN = r"^[A-Za-z][A-Za-z .,'()-]{0,59}$"
# A law id (ASCII slug): "ESP-codigo-penal-lo-10-1995-3f2a9c"
LAW_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$"
# A keyset cursor (URL-safe base64 without padding): "eyJzIjpbMS4yXX0"
CURSOR_PATTERN = r"^[A-Za-z0-9_-]+$"
# An ISO 639-1 language code: "fr"
LANGUAGE_PATTERN = r"^[a-z]{2}$"
# A requirement id: "R17"
REQUIREMENT_RE = re.compile(r"^R\d{1,2}$")
# An element id: "prot.housing", "means.abuse_of_vulnerability"
ELEMENT_RE = re.compile(r"^[a-z]+\.[a-z0-9_]+$")
# A number that already carries its unit: "Article 5", "Section 12", "§ 232"
NUM_HAS_UNIT_RE = re.compile(r"^(?:[A-Za-zÀ-ÿ]+\.?|§+)\s+\S")


def norm_iso3(value: str) -> str:
    """Upper-case and check a jurisdiction code; 400 when it is not one."""
    code = (value or "").strip().upper()
    if not ISO3_RE.match(code):
        raise BadRequest(
            f"{value!r} is not a jurisdiction code (ISO 3166-1 alpha-3 such as 'GBR', or 'EU')",
            title="Invalid jurisdiction",
        )
    return code


def assessment_api(name: str) -> Any:
    """A function of :mod:`indexer.assessment` (503 when that module does not provide it yet)."""
    try:
        module = importlib.import_module("indexer.assessment")
        return getattr(module, name)
    except (ImportError, AttributeError) as exc:
        raise ApiError(
            503,
            f"the assessment engine is not available ({name}: {exc})",
            title="Assessment unavailable",
            slug="unavailable",
        ) from exc


@lru_cache
def _taxonomy() -> dict[str, Any]:
    try:
        from indexer.tagging.taxonomy import load_taxonomy

        return dict(load_taxonomy())
    except Exception as exc:  # taxonomy missing or malformed: labels fall back to ids
        LOG.warning("taxonomy unavailable: %s", exc)
        return {}


def taxonomy() -> dict[str, Any]:
    """The element taxonomy ``{id: Element}`` ({} when it cannot be loaded)."""
    return _taxonomy()


def element_label(element: str, language: str = "en") -> str:
    """Human label of an element (its id when unknown)."""
    item = _taxonomy().get(element)
    if item is None:
        return element
    try:
        return item.label(language)
    except Exception:
        return element


def ref_label(kind: str, num: str, language: str = "") -> str:
    """Citation label of a provision number, as in search hits: ("section", "279.01") -> "s. 279.01"."""
    num = (num or "").strip()
    if num and NUM_HAS_UNIT_RE.match(num):
        return num
    return citation_label(num, kind or "", language or "")


def citation(
    law_title: str,
    kind: str,
    num: str,
    eid: str,
    jurisdiction: str,
    version_date: str | None,
    language: str = "",
) -> str:
    """A citation string: ``Criminal Code, s. 279.01 (CAN), version of 2024-01-01``."""
    label = ref_label(kind, num, language) or eid
    text = f"{law_title}, {label} ({jurisdiction})"
    if version_date:
        text += f", version of {version_date}"
    return text


def law_summary(row: sqlite3.Row, provisions: int = 0, version_date: str | None = None) -> LawSummary:
    """A :class:`LawSummary` from a ``laws`` row."""
    in_force = row["in_force"]
    return LawSummary(
        id=row["id"],
        jurisdiction=row["jurisdiction"],
        title=row["title"],
        short_title=row["short_title"],
        number=row["number"],
        year=row["year"],
        language=row["language"],
        format=row["format"],
        in_force=None if in_force is None else bool(in_force),
        source_url=row["source_url"],
        is_amending=bool(row["is_amending"]),
        amends_title=row["amends_title"],
        version_date=version_date,
        provisions=provisions,
    )


def get_law_row(conn: sqlite3.Connection, law_id: str) -> sqlite3.Row:
    """The ``laws`` row of ``law_id`` (404 when unknown)."""
    row = conn.execute("SELECT * FROM laws WHERE id = ?", (law_id,)).fetchone()
    if row is None:
        raise NotFound("Law", law_id)
    return row


def split_provision_id(provision_id: str) -> tuple[str, str]:
    """``<law_id>--<eid>`` -> (law_id, eid); 404 when it has no ``--``."""
    law_id, sep, eid = provision_id.rpartition("--")
    if not sep or not law_id or not eid:
        raise NotFound("Provision", provision_id)
    return law_id, eid
