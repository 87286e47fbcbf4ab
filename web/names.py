"""Jurisdiction names and regions for display (from :mod:`indexer.assessment`, country_converter data)."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def jurisdiction_name(iso3: str) -> str:
    """Short English name of a jurisdiction ("Spain"); the code itself when unknown."""
    try:
        from indexer.assessment import jurisdiction_name as lookup
    except ImportError as err:  # pragma: no cover - the assessment package is part of the project
        log.warning("jurisdiction names unavailable: %s", err)
        return iso3
    try:
        return lookup(iso3) or iso3
    except Exception:  # noqa: BLE001 - a name is decoration: never fail a page for it
        return iso3


def region_name(iso3: str) -> str:
    """UN M49 sub-region of a jurisdiction ('' when unknown or an organisation)."""
    try:
        from indexer.assessment import region_of
    except ImportError:  # pragma: no cover
        return ""
    try:
        return region_of(iso3) or ""
    except Exception:  # noqa: BLE001
        return ""
