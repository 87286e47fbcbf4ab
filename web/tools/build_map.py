"""Convert the world-atlas TopoJSON (npm ``world-atlas``, ISC; Natural Earth, public domain) to the
compact map asset ``web/static/map/world.json`` used by the gaps page.

Run once (the output is committed; nothing is fetched at run time)::

    cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python web/tools/build_map.py /tmp/package/countries-50m.json

Output: ``{"viewBox": "0 0 W H", "source": ..., "countries": [{"id": ISO3, "name", "d": SVG path,
"cx", "cy", "small": bool}]}`` projected with the Natural Earth I projection. Rings that cross the
antimeridian are unwrapped (consecutive longitudes never jump by more than 180 degrees) and then
clamped to the map edge, so no polygon smears across the whole map.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import math
import sys
from pathlib import Path

import country_converter

WIDTH = 960.0
MIN_STEP = 0.8  # drop projected points closer than this (px) to the previous kept point
SMALL_EXTENT = 4.0  # countries whose projected box is smaller than this (px) get a dot marker
# Features without a numeric id in world-atlas, by name; ``None`` = leave out of the map.
UNNUMBERED = {"Kosovo": "XKX", "Somaliland": None, "N. Cyprus": None,
              "Indian Ocean Ter.": None, "Siachen Glacier": None}
DROP = {"ATA"}  # Antarctica is not a jurisdiction and would take a quarter of the picture

log = logging.getLogger("build_map")


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """Natural Earth I projection (Šavrič et al. 2011) of degrees to unit coordinates."""
    lam, phi = math.radians(lon), math.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Decode the delta-encoded, quantised arcs of a TopoJSON topology into lon/lat lists."""
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Stitch a ring's arcs (negative index = reversed arc ``~i``) into one list of lon/lat points."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Unwrap longitudes at the antimeridian and clamp them back to [-180, 180]."""
    out: list[tuple[float, float]] = []
    offset = 0.0
    previous = None
    for lon, lat in points:
        if previous is not None:
            step = lon + offset - previous
            if step > 180:
                offset -= 360
            elif step < -180:
                offset += 360
        previous = lon + offset
        out.append((previous, lat))
    if out and min(p[0] for p in out) > 180:
        out = [(lon - 360, lat) for lon, lat in out]
    elif out and max(p[0] for p in out) < -180:
        out = [(lon + 360, lat) for lon, lat in out]
    return [(max(-180.0, min(180.0, lon)), lat) for lon, lat in out]


Point = tuple[float, float]


def project_ring(points: list[Point], scale: float, x0: float, y0: float) -> list[Point]:
    """Project a ring to pixels, dropping points closer than ``MIN_STEP`` to the last kept one."""
    kept: list[tuple[float, float]] = []
    for lon, lat in unwrap(points):
        ux, uy = natural_earth(lon, lat)
        px, py = (ux - x0) * scale, (y0 - uy) * scale
        if kept and abs(px - kept[-1][0]) < MIN_STEP and abs(py - kept[-1][1]) < MIN_STEP:
            continue
        kept.append((px, py))
    return kept


def path_data(rings: list[list[tuple[float, float]]]) -> str:
    """SVG path data for rings, with one decimal of precision."""
    parts = []
    for ring in rings:
        if len(ring) < 3:
            continue
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in ring)
        parts.append(f"M{coords}Z")
    return "".join(parts)


def numeric_to_iso3() -> dict[int, str]:
    """ISO numeric -> ISO3 from country_converter's data table.

    Read with ``csv`` rather than ``CountryConverter()``: country_converter 1.3.2 fails to start
    under pandas 3 (Namibia's ISO2 "NA" is read as a missing value).
    """
    table = Path(country_converter.__file__).with_name("country_data.tsv")
    with table.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {int(row["ISOnumeric"]): row["ISO3"] for row in rows if row["ISOnumeric"].strip().isdigit()}


def iso3_of(geometry: dict, codes: dict[int, str]) -> str | None:
    """ISO 3166 alpha-3 code of a world-atlas feature (numeric id converted with country_converter)."""
    name = (geometry.get("properties") or {}).get("name", "")
    if "id" not in geometry:
        return UNNUMBERED.get(name)
    code = codes.get(int(geometry["id"]))
    if not code:
        log.warning("no ISO3 code for %s (%s)", geometry["id"], name)
        return None
    return code


def country_entry(iso3: str, name: str, rings: list[list[tuple[float, float]]]) -> dict:
    """One country of the asset: path data, a label point and whether it needs a dot marker."""
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    largest = max(rings, key=len)
    cx = sum(x for x, _ in largest) / len(largest)
    cy = sum(y for _, y in largest) / len(largest)
    small = max(max(xs) - min(xs), max(ys) - min(ys)) < SMALL_EXTENT
    return {"id": iso3, "name": name, "d": path_data(rings) or f"M{cx:.1f},{cy:.1f}h0.6v0.6h-0.6Z",
            "cx": round(cx, 1), "cy": round(cy, 1), "small": small}


def build(topology: dict) -> dict:
    """Build the asset dict from a world-atlas ``countries`` topology."""
    arcs = decode_arcs(topology)
    codes = numeric_to_iso3()
    x0, _ = natural_earth(-180, 0)
    x1, _ = natural_earth(180, 0)
    _, ytop = natural_earth(0, 84)
    _, ybottom = natural_earth(0, -58)
    scale = WIDTH / (x1 - x0)
    height = (ytop - ybottom) * scale
    rings_by_iso: dict[str, list[list[tuple[float, float]]]] = {}
    names: dict[str, tuple[int, str]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        iso3 = iso3_of(geometry, codes)
        if not iso3 or iso3 in DROP:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [project_ring(ring_points(r, arcs), scale, x0, ytop) for poly in polygons for r in poly]
        size = sum(len(r) for r in rings)
        # Several features can share one code (Australia and Ashmore and Cartier Is.): merge them
        # and keep the name of the biggest.
        rings_by_iso.setdefault(iso3, []).extend(r for r in rings if r)
        if size > names.get(iso3, (-1, ""))[0]:
            names[iso3] = (size, geometry.get("properties", {}).get("name", iso3))
    countries = [country_entry(iso3, names[iso3][1], rings) for iso3, rings in rings_by_iso.items() if rings]
    countries.sort(key=lambda c: c["id"])
    return {
        "viewBox": f"0 0 {WIDTH:.0f} {height:.0f}",
        "projection": "Natural Earth I",
        "source": "world-atlas 2.0.2 countries-50m (ISC, Mike Bostock); Natural Earth (public domain)",
        "countries": countries,
    }


def sprite(asset: dict) -> str:
    """An SVG sprite of every country (``<path id="c-ISO3">`` in ``<defs>``, no fill of its own), so a page
    draws the map with ``<use href="world.svg#c-FRA" class="...">`` and the geometry is cached once."""
    paths = "".join(f'<path id="c-{c["id"]}" d="{c["d"]}"/>' for c in asset["countries"])
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{asset["viewBox"]}">'
            f"<!-- {asset['source']} --><defs>{paths}</defs></svg>")


def main(argv: list[str] | None = None) -> int:
    """CLI entry point: ``build_map.py TOPOJSON [--out PATH]`` (also writes the ``.svg`` sprite)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path)
    default_out = Path(__file__).resolve().parents[1] / "static/map/world.json"
    parser.add_argument("--out", type=Path, default=default_out)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    asset = build(json.loads(args.topojson.read_text()))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(asset, separators=(",", ":"), ensure_ascii=False))
    args.out.with_suffix(".svg").write_text(sprite(asset))
    log.info("%d countries -> %s (%d bytes)", len(asset["countries"]), args.out, args.out.stat().st_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
