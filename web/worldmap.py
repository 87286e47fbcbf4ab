"""The world choropleth of the gaps page, drawn server-side as SVG (works without JavaScript).

Geometry: ``web/static/map/world.json`` (names, label points) and the sprite ``world.svg`` that the
page references with ``<use>`` (cached by the browser), both built once by ``web/tools/build_map.py``
from world-atlas (ISC) / Natural Earth (public domain); see ``web/static/LICENSES.md``.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

MAP_FILE = Path(__file__).resolve().parent / "static" / "map" / "world.json"
DOT_RADIUS = 3.2


@dataclass(frozen=True)
class Country:
    """One country shape: ISO3 id, name, SVG path data, label point and whether it needs a dot."""

    id: str
    name: str
    d: str
    cx: float
    cy: float
    small: bool


@lru_cache(maxsize=1)
def load_map() -> tuple[str, tuple[Country, ...]]:
    """``(viewBox, countries)`` from the map asset; an empty map when the asset is missing."""
    try:
        data = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        log.warning("map asset unavailable (%s): %s", MAP_FILE, err)
        return "0 0 960 420", ()
    countries = tuple(
        Country(id=str(c["id"]), name=str(c.get("name", c["id"])), d=str(c["d"]), cx=float(c.get("cx", 0)),
                cy=float(c.get("cy", 0)), small=bool(c.get("small")))
        for c in data.get("countries", []) if c.get("id") and c.get("d"))
    return str(data.get("viewBox", "0 0 960 420")), countries


def map_layers(verdicts: dict[str, str]) -> dict:
    """What the template draws: every shape with its verdict class, plus dots for small countries with data.

    ``verdicts`` maps ISO3 -> verdict (``met``/``partial``/``not_found``/``broader``). Jurisdictions
    that are not on the map (organisations such as EU, COE) are returned in ``off_map``.
    """
    view_box, countries = load_map()
    on_map = {c.id for c in countries}
    shapes = [{"country": c, "verdict": verdicts.get(c.id, "")} for c in countries]
    dots = [{"country": c, "verdict": verdicts[c.id]} for c in countries if c.small and c.id in verdicts]
    return {"view_box": view_box, "shapes": shapes, "dots": dots, "radius": DOT_RADIUS,
            "off_map": sorted(code for code in verdicts if code not in on_map)}
