"""Jurisdiction names and UN M49 regions from the ``country_converter`` data package.

``country_converter`` ships its classification table (``country_data.tsv``: ISO3,
short name, ``UNregion`` = M49 sub-region, ``continent`` = M49 region). Its
converter class does not load under pandas 3 (NaN in the ISO2 column), so the
table is read directly with :mod:`csv`; nothing here is hand-written.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

# jurisdictions that are organisations, not countries: no M49 region
ORGANISATIONS = {"UN": "United Nations", "EU": "European Union", "COE": "Council of Europe"}


@lru_cache
def _table() -> dict[str, dict[str, str]]:
    """ISO3 -> row of the country_converter table (empty when the package is missing)."""
    try:
        data = resources.files("country_converter").joinpath("country_data.tsv").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - dependency of the project
        return {}
    rows = csv.DictReader(data.splitlines(), delimiter="\t")
    table: dict[str, dict[str, str]] = {}
    for row in rows:
        iso3 = (row.get("ISO3") or "").strip().upper()
        if iso3 and not (row.get("obsolete") or "").strip():
            table[iso3] = row
    return table


def region_of(iso3: str) -> str:
    """UN M49 sub-region name ("Southern Europe"); "" when unknown or an organisation (UN, EU, COE)."""
    row = _table().get((iso3 or "").strip().upper())
    return (row.get("UNregion") or "").strip() if row else ""


def continent_of(iso3: str) -> str:
    """UN M49 region ("Europe", "Africa", "America", "Asia", "Oceania"); "" when unknown."""
    row = _table().get((iso3 or "").strip().upper())
    return (row.get("continent") or "").strip() if row else ""


def jurisdiction_name(iso3: str) -> str:
    """Short English name of a jurisdiction ("Spain"), or of an organisation; the code when unknown."""
    code = (iso3 or "").strip().upper()
    if code in ORGANISATIONS:
        return ORGANISATIONS[code]
    row = _table().get(code)
    return (row.get("name_short") or code).strip() if row else code


def in_region(iso3: str, region: str) -> bool:
    """True when ``region`` (case-insensitive) names the jurisdiction's M49 sub-region or region."""
    wanted = region.strip().casefold()
    return bool(wanted) and wanted in {region_of(iso3).casefold(), continent_of(iso3).casefold()}


def known_regions() -> list[str]:
    """Every M49 sub-region and region name in the table (for filters and validation)."""
    names = {(r.get("UNregion") or "").strip() for r in _table().values()}
    names |= {(r.get("continent") or "").strip() for r in _table().values()}
    return sorted(n for n in names if n)
