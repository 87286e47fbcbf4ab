"""Unit tests of the web helpers: evidence highlighting, snippets, links, TOC, redirects, map asset."""

from __future__ import annotations

import json
import re

import lxml.html
import pytest

from web.highlight import highlight, locate
from web.pages.law import toc_tree
from web.pages.provision import toc_window
from web.pages.reviews import safe_next
from web.pages.search import safe_snippet
from web.templating import query_string
from web.tools.build_map import natural_earth, unwrap
from web.worldmap import MAP_FILE, load_map, map_layers

# Written for the tests.
TEXT = "Whoever recruits or harbours a person by deception for exploitation commits an offence."


def _marks(markup: str) -> list[lxml.html.HtmlElement]:
    return lxml.html.fragment_fromstring(f"<div>{markup}</div>").findall(".//mark")


def test_highlight_marks_each_evidence_span_with_its_description():
    tags = [{"element": "act.recruitment", "evidence": "recruits", "start": 8, "end": 16, "confidence": 0.91,
             "rule_ids": ["en.act.recruit"]},
            {"element": "means.deception", "evidence": "deception", "start": TEXT.index("deception"),
             "end": TEXT.index("deception") + 9, "confidence": 0.7, "rule_ids": []}]
    marks = _marks(highlight(TEXT, tags))
    assert [m.text for m in marks] == ["recruits", "deception"]
    assert marks[0].get("data-elements") == "act.recruitment"
    assert "confidence 0.91" in marks[0].get("data-tip") and "en.act.recruit" in marks[0].get("data-tip")
    assert marks[0].get("aria-describedby") == "tag-0" and marks[0].get("tabindex") == "0"
    assert "g-act" in marks[0].get("class") and "g-means" in marks[1].get("class")


def test_overlapping_spans_are_split_and_list_every_element():
    tags = [{"element": "crim.offence", "evidence": "commits an offence", "start": TEXT.index("commits"),
             "end": TEXT.index("commits") + 18, "confidence": 0.9},
            {"element": "crim.attempt", "evidence": "an offence", "start": TEXT.index("an offence"),
             "end": TEXT.index("an offence") + 10, "confidence": 0.5}]
    marks = _marks(highlight(TEXT, tags))
    assert [m.text for m in marks] == ["commits ", "an offence"]
    assert marks[1].get("data-elements") == "crim.offence crim.attempt"
    assert "ev-multi" in marks[1].get("class")
    assert lxml.html.fragment_fromstring(f"<div>{highlight(TEXT, tags)}</div>").text_content() == TEXT


def test_wrong_offsets_fall_back_to_the_quote_and_unknown_quotes_are_not_marked():
    tags = [{"element": "act.harbouring", "evidence": "harbours", "start": 500, "end": 508,
             "confidence": 0.8},
            {"element": "act.transfer", "evidence": "transfers", "start": 0, "end": 9, "confidence": 0.8}]
    spans = locate(TEXT, tags)
    assert spans[0] is not None and TEXT[spans[0].start:spans[0].end] == "harbours"
    assert spans[1] is None
    assert [m.text for m in _marks(highlight(TEXT, tags))] == ["harbours"]


def test_highlight_escapes_markup_in_text_and_evidence():
    text = 'Text <script>alert("x")</script> & <b onclick="y()">bold</b>'
    tags = [{"element": "crim.offence", "evidence": '<script>alert("x")</script>', "start": 5, "end": 32,
             "confidence": 1.0}]
    html = str(highlight(text, tags))
    assert "<script>" not in html and "<b " not in html
    root = lxml.html.fragment_fromstring(f"<div>{html}</div>")
    assert root.find(".//script") is None and root.find(".//b") is None
    assert root.text_content() == text


def test_safe_snippet_keeps_only_mark_tags():
    snippet = 'the <mark>victim</mark> &lt;script&gt; <img src=x onerror=alert(1)> end'
    root = lxml.html.fragment_fromstring(f"<p>{safe_snippet(snippet)}</p>")
    assert [m.text for m in root.findall(".//mark")] == ["victim"]
    assert root.find(".//img") is None and root.find(".//script") is None
    assert "<img src=x onerror=alert(1)>" in root.text_content()
    unbalanced = lxml.html.fragment_fromstring(f"<p>{safe_snippet('a <mark>b')}</p>")
    assert unbalanced.find(".//mark") is None and unbalanced.text_content() == "a b"


def test_query_string_keeps_repeated_params_and_applies_changes():
    params = {"q": "forced labour", "jurisdiction": ["GBR", "FRA"], "page": 3}
    qs = query_string(params, page=None, sort="date")
    assert qs == "q=forced+labour&jurisdiction=GBR&jurisdiction=FRA&sort=date"


@pytest.mark.parametrize(("value", "expected"), [
    ("/provisions/x--y", "/provisions/x--y"), ("https://evil.example/", "/"), ("//evil.example", "/"),
    ("javascript:alert(1)", "/"), ("/\\evil", "/"), ("", "/"),
])
def test_safe_next_only_allows_local_paths(value, expected):
    assert safe_next(value) == expected


class _Entry:
    def __init__(self, eid, parent=None):
        self.eid, self.parent_eid = eid, parent


def test_toc_tree_nests_by_parent_and_window_keeps_ancestors():
    entries = [_Entry("part_1"), _Entry("part_1__sec_1", "part_1"), _Entry("part_1__sec_2", "part_1"),
               _Entry("part_2")] + [_Entry(f"part_2__sec_{i}", "part_2") for i in range(3, 30)]
    tree = toc_tree(entries)
    assert [n["entry"].eid for n in tree] == ["part_1", "part_2"]
    assert [n["entry"].eid for n in tree[0]["children"]] == ["part_1__sec_1", "part_1__sec_2"]
    shown, before, after = toc_window(entries, "part_2__sec_20", window=3)
    eids = [e.eid for e in shown]
    assert eids[0] == "part_2" and "part_2__sec_20" in eids and len(eids) == 8
    assert before == len(entries) - after - 7 and after == 6


def test_unwrap_keeps_rings_continuous_across_the_antimeridian():
    ring = [(178.0, -17.0), (179.9, -16.5), (-179.8, -16.4), (-179.5, -17.2), (179.0, -17.5)]
    lons = [lon for lon, _ in unwrap(ring)]
    assert all(abs(a - b) < 180 for a, b in zip(lons, lons[1:], strict=False))
    assert all(-180 <= lon <= 180 for lon in lons)
    x0, _ = natural_earth(-180, 0)
    x1, _ = natural_earth(180, 0)
    assert x0 == pytest.approx(-x1) and x1 > 2.5


# "M1.0,2.0 3.0,4.0Z" -> subpaths and their points
SUBPATH_RE = re.compile(r"M([^MZ]+)Z")


def test_map_asset_has_iso3_countries_and_no_ring_smeared_across_the_map():
    data = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    width = float(data["viewBox"].split()[2])
    ids = [c["id"] for c in data["countries"]]
    assert len(ids) == len(set(ids)) > 200
    assert {"FRA", "GBR", "CAN", "ESP", "PAK", "NPL", "MWI", "AND", "LIE"} <= set(ids)
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in ids)
    for country in data["countries"]:
        for subpath in SUBPATH_RE.findall(country["d"]):
            xs = [float(p.split(",")[0]) for p in subpath.split()]
            assert max(xs) - min(xs) < width / 2, country["id"]
            assert min(xs) >= -1 and max(xs) <= width + 1


def test_map_layers_colour_known_codes_and_list_organisations_off_map():
    layers = map_layers({"FRA": "met", "AND": "partial", "EU": "not_found"})
    by_id = {s["country"].id: s["verdict"] for s in layers["shapes"]}
    assert by_id["FRA"] == "met" and by_id["DEU"] == ""
    assert [d["country"].id for d in layers["dots"]] == ["AND"]
    assert layers["off_map"] == ["EU"]
    assert load_map()[0] == layers["view_box"]


@pytest.mark.parametrize(("value", "expected"), [
    ("https://www.boe.es/buscar/act.php?id=BOE-A-1995-25444", "https://www.boe.es/buscar/act.php?id=BOE-A-1995-25444"),
    ("http://example.org/law", "http://example.org/law"), (" javascript:alert(1)", ""),
    ("JaVaScRiPt:alert(1)", ""), ("data:text/html,x", ""), ("file:///etc/passwd", ""), ("/relative", ""),
    ("", ""),
])
def test_web_url_only_links_http_sources(value, expected):
    from web.templating import web_url

    assert web_url(value) == expected
