"""HTML structure tests of every page (parsed with lxml.html, never string matching on markup)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import lxml.etree
import lxml.html
import pytest

from tests.web.conftest import XSS_LAW_ID, XSS_PROVISION_ID, XSS_TEXT

PAGES = ["/", "/search?q=exploitation", "/provisions/{gbr_offence}", "/laws/{gbr_law}", "/jurisdictions/GBR",
         "/compare?j=GBR&j=FRA", "/gaps?requirement=R17", "/elements", "/methodology", "/reviews", "/signin"]


def page(client, path: str, status: int = 200) -> lxml.html.HtmlElement:
    response = client.get(path)
    assert response.status_code == status, (path, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return lxml.html.fromstring(response.text)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_landmarks_one_h1_labels_and_no_inline_script(client, ids, path):
    path = path.format(**ids)
    doc = page(client, path)
    assert doc.get("lang") == "en"
    assert len(doc.xpath("//header")) >= 1 and len(doc.xpath("//main[@id='main']")) == 1
    assert doc.xpath("//nav[@aria-label='Main']//a[@href='/search']")
    assert len(doc.xpath("//footer")) == 1 and doc.xpath("//a[@class='skip-link'][@href='#main']")
    assert len(doc.xpath("//h1")) == 1 and doc.xpath("string(//h1)").strip()
    assert doc.xpath("//title")[0].text_content().strip()
    for control in doc.xpath("//input[not(@type='hidden') and not(@type='submit')] | //select | //textarea"):
        ident = control.get("id")
        assert ident and doc.xpath(f"//label[@for='{ident}']") or control.xpath("ancestor::label"), \
            (path, lxml.html.tostring(control))
    # CSP allows no inline script or style: every script is external, no style attribute anywhere.
    assert all(s.get("src", "").startswith("/static/") for s in doc.xpath("//script"))
    assert not doc.xpath("//*[@style]") and not doc.xpath("//*[starts-with(name(@*), 'on')]")


def test_pages_are_plain_get_forms_that_work_without_javascript(client):
    doc = page(client, "/")
    form = doc.xpath("//form[@role='search']")[0]
    assert form.get("method") == "get" and form.get("action") == "/search"
    assert form.xpath(".//input[@name='q']") and form.xpath(".//button[@type='submit']")
    gaps = page(client, "/gaps?requirement=R17")
    assert gaps.xpath("//form[@action='/gaps'][@method='get']//button[@type='submit']")


def test_home_shows_collection_figures_and_latest_changes(client, web_data):
    from indexer.db import connect

    doc = page(client, "/")
    figures = {li.xpath("string(.)").split()[-1]: li.xpath("string(.//span[@class='num'])") for li in
               doc.xpath("//ul[@class='stats']/li")}
    conn = connect(web_data.db_path, readonly=True)
    try:
        expected = conn.execute("SELECT COUNT(DISTINCT jurisdiction), COUNT(*) FROM laws").fetchone()
        provisions = conn.execute("SELECT COUNT(*) FROM provisions WHERE is_current = 1").fetchone()[0]
    finally:
        conn.close()
    assert (figures["jurisdictions"], figures["laws"]) == (str(expected[0]), str(expected[1]))
    assert figures["provisions"] == str(provisions) and figures["languages"] == "3"
    links = doc.xpath("//section[@aria-labelledby='changes-title']//a/@href")
    assert any(h.startswith("/laws/") for h in links) and any(h.startswith("/jurisdictions/") for h in links)


def test_empty_collection_explains_how_to_import(tmp_path):
    from fastapi.testclient import TestClient

    from indexer.settings import Settings
    from search_api.app import create_app

    with TestClient(create_app(Settings(data_dir=tmp_path, environment="test"))) as empty:
        doc = page(empty, "/")
    box = doc.xpath("//section[@aria-labelledby='empty-title']")[0]
    assert "palermo import" in box.text_content() and "palermo index" in box.text_content()


def test_search_results_snippets_chips_facets_pagination_and_exports(client):
    doc = page(client, "/search?q=exploitation")
    results = doc.xpath("//ol[@class='results']/li")
    assert results
    assert all(r.xpath(".//h3/a[starts-with(@href, '/provisions/')]") for r in results)
    assert any(r.xpath(".//p[@class='snippet']/mark") for r in results)
    chip = doc.xpath("//ul[@class='chips']//a[contains(@class, 'chip')]")[0]
    assert chip.text_content().strip() and chip.get("class").split()[1].startswith("g-")
    facet_links = doc.xpath("//aside[@class='facets']//section//a/@href")
    assert facet_links
    for href in facet_links:  # every facet link keeps the query
        assert parse_qs(urlsplit(href).query)["q"] == ["exploitation"]
    export = doc.xpath("//a[text()='CSV']/@href")[0]
    assert parse_qs(urlsplit(export).query) == {"q": ["exploitation"], "format": ["csv"]}
    exported = client.get(export)
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    assert exported.text.count("\n") - 1 == int(doc.xpath("string(//h2[@id='results-title'])").split()[0])


def test_facet_link_filters_and_marks_itself_selected(client):
    doc = page(client, "/search?q=exploitation")
    href = doc.xpath("//section[@aria-labelledby='facet-jurisdiction']//a")[0].get("href")
    code = parse_qs(urlsplit(href).query)["jurisdiction"][0]
    filtered = page(client, href)
    metas = filtered.xpath("//ol[@class='results']/li//p[@class='meta']/a/@href")
    assert metas and all(m == f"/jurisdictions/{code}" for m in metas)
    selected = filtered.xpath("//section[@aria-labelledby='facet-jurisdiction']//a[@aria-current='true']")
    assert len(selected) == 1
    assert "jurisdiction" not in parse_qs(urlsplit(selected[0].get("href")).query)


def test_search_pagination_links_keep_filters(client):
    doc = page(client, "/search?q=registry&in_force=true")
    assert doc.xpath("string(//h2[@id='results-title'])").startswith("25 provisions, page 1 of 2")
    assert len(doc.xpath("//ol[@class='results']/li")) == 20
    assert not doc.xpath("//nav[@class='pagination']//a[@rel='prev']")
    nxt = doc.xpath("//nav[@class='pagination']//a[@rel='next']/@href")[0]
    assert parse_qs(urlsplit(nxt).query) == {"q": ["registry"], "in_force": ["true"], "page": ["2"]}
    second = page(client, nxt)
    assert len(second.xpath("//ol[@class='results']/li")) == 5
    assert second.xpath("//ol[@class='results']/@start") == ["21"]
    assert second.xpath("//nav[@class='pagination']//a[@rel='prev']")


def test_bad_search_is_a_clear_400_page_not_a_crash(client):
    doc = page(client, "/search?q=" + "x" * 2000, status=400)
    assert doc.xpath("//p[@role='alert']")[0].text_content().strip()


def test_provision_page_highlights_evidence_lists_tags_and_cites(client, ids):
    doc = page(client, f"/provisions/{ids['gbr_offence']}")
    marks = doc.xpath("//div[contains(@class, 'statute')]//mark[contains(@class, 'ev')]")
    assert len(marks) >= 5
    for mark in marks:
        assert mark.get("tabindex") == "0" and "confidence" in mark.get("data-tip")
        for ref in mark.get("aria-describedby").split():
            assert doc.xpath(f"//tr[@id='{ref}']"), ref
    law_title = doc.xpath("string(//nav[@class='breadcrumbs']//li[2])").strip()
    assert doc.xpath("string(//code[@id='citation'])").startswith(law_title + ", ")
    assert "(GBR)" in doc.xpath("string(//code[@id='citation'])")
    assert doc.xpath("//button[@data-copy-target='citation'][@hidden]")
    assert doc.xpath("//a[text()='Official source']/@href")[0].startswith("https://")
    assert doc.xpath("//section[@aria-labelledby='toc-title']//a[@aria-current='page']")
    assert doc.xpath("//section[@aria-labelledby='similar-title']//a[starts-with(@href, '/provisions/')]")
    assert not doc.xpath("//form[@action='/reviews']")  # signed out: no reviewer controls


def test_statute_text_with_markup_is_shown_as_text(client):
    """XSS: a provision whose text, heading, law title and evidence carry HTML is rendered inert."""
    response = client.get(f"/provisions/{XSS_PROVISION_ID}")
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.text)
    assert not doc.xpath("//main//script") and not doc.xpath("//main//img") and not doc.xpath("//main//b")
    assert not doc.xpath("//main//i") and not doc.xpath("//*[@onerror or @onclick or @onmouseover]")
    assert not doc.xpath("//a[starts-with(normalize-space(@href), 'javascript:')]")
    assert "javascript:alert" in doc.xpath("string(//div[@class='citation'])")  # shown as text only
    statute = doc.xpath("//div[contains(@class, 'statute')]")[0]
    assert statute.text_content() == XSS_TEXT
    assert '<script>alert("pwned")</script>' in doc.xpath("string(//h1)") + statute.text_content()
    assert "<i>Offence</i>" in doc.xpath("string(//h1)")
    assert [m.text_content() for m in statute.xpath(".//mark") if "script" in m.text_content()]
    for path in ("/search?q=pwned", f"/laws/{XSS_LAW_ID}", "/jurisdictions/GBR"):
        other = page(client, path)
        assert not other.xpath("//a[starts-with(normalize-space(@href), 'javascript:')]")
        assert not other.xpath("//main//script") and not other.xpath("//main//b")
        assert not other.xpath("//*[@onerror or @onclick or @onmouseover]")
    hits = page(client, "/search?q=pwned").xpath("//ol[@class='results']/li")
    assert hits and "<script>" in hits[0].text_content()


def test_law_page_has_metadata_toc_tree_and_versions(client, ids):
    doc = page(client, f"/laws/{ids['gbr_law']}")
    toc = doc.xpath("//nav[@aria-labelledby='toc-title']")[0]
    nested = toc.xpath("./ul/li/ul/li/a/@href")
    assert f"/provisions/{ids['gbr_offence']}" in nested
    assert doc.xpath("//h2[@id='versions']") and doc.xpath("//dl[@class='meta-list']/dt")
    versioned = page(client, f"/laws/{ids['versioned_law']}")
    assert len(versioned.xpath("//h2[@id='versions']/following-sibling::ul[1]/li")) == 2


def test_provision_with_two_versions_shows_its_diff(client, ids):
    doc = page(client, f"/provisions/{ids['changed_provision']}")
    diff = doc.xpath("//pre[@class='diff']")
    assert diff and diff[0].xpath(".//span[@class='add']")
    assert doc.xpath("//select[@name='from']/option")


def test_scorecard_groups_verdicts_with_evidence_scores_and_as_of(client):
    doc = page(client, "/jurisdictions/GBR")
    groups = [h.text_content() for h in doc.xpath("//section[@class='req-group']/h2")]
    assert groups[:2] == ["Definition", "Criminalisation"]
    articles = doc.xpath("//article[@class='requirement']")
    assert len(articles) == 22
    for art in articles:
        badge = art.xpath(".//span[contains(@class, 'verdict')]")[0]
        assert badge.text_content().strip() in {"● Met", "◐ Partial", "○ Not found", "◆ Broader"}
        assert art.xpath(".//span[@class='obligation']")
    r1 = doc.xpath("//article[@id='R1']")[0]
    assert r1.xpath(".//a[starts-with(@href, '/provisions/')]")
    r3 = doc.xpath("//article[@id='R3']")[0]
    assert "Abuse of power" in r3.xpath("string(.//p[@class='missing'])")
    assert doc.xpath("//svg[@class='bar-chart']/desc")[0].text_content().count(" of ") >= 3
    assert doc.xpath("//form//input[@type='date'][@name='as_of']")
    old = page(client, "/jurisdictions/CAN?as_of=2020-01-01")
    assert "as of 2020-01-01" in old.xpath("string(//main//p[@class='muted'])")
    bad = page(client, "/jurisdictions/CAN?as_of=yesterday")
    assert bad.xpath("//p[@role='alert']")


def test_unknown_things_are_html_404s(client):
    for path in ("/provisions/nope--sec_1", "/laws/nope", "/jurisdictions/ZZZ", "/gaps?requirement=R99"):
        doc = page(client, path, status=404)
        assert doc.xpath("//p[@role='alert']")


def test_compare_matrix_marks_differing_rows_and_links_cells(client):
    doc = page(client, "/compare?j=GBR&j=FRA")
    header = [th.text_content().strip() for th in doc.xpath("//table[contains(@class,'matrix')]/thead//th")]
    assert header == ["Requirement", "United Kingdom", "France"]
    rows = doc.xpath("//table[contains(@class,'matrix')]/tbody/tr[not(contains(@class, 'summary'))]")
    assert len(rows) == 22
    differing = [r for r in rows if "differs" in (r.get("class") or "")]
    assert differing and all("Differs" in r.xpath("string(./th)") for r in differing)
    cell_links = rows[0].xpath("./td/a/@href")
    assert cell_links == ["/jurisdictions/GBR#R1", "/jurisdictions/FRA#R1"]
    assert doc.xpath("//input[@type='checkbox'][@name='j'][@value='GBR'][@checked]")
    too_few = page(client, "/compare?j=GBR", status=400)
    assert too_few.xpath("//p[@role='alert']")
    chooser = page(client, "/compare")
    assert len(chooser.xpath("//input[@type='checkbox'][@name='j']")) == 4


def test_gaps_map_and_list(client):
    doc = page(client, "/gaps?requirement=R5")
    svg = doc.xpath("//svg[@class='world-map']")[0]
    coloured = {p.get("id"): p.get("class") for p in svg.xpath(".//use[@id]")}
    assert set(coloured) == {"map-GBR", "map-FRA", "map-ESP", "map-CAN"}
    assert all(c.startswith("c-") and c != "c-none" for c in coloured.values())
    assert len(svg.xpath(".//use[@class='c-none']")) > 150
    sprite = svg.xpath(".//use/@href")[0].split("#")[0]
    assert all(href.startswith(sprite + "#c-") for href in svg.xpath(".//use/@href"))
    geometry = client.get(sprite)
    assert geometry.status_code == 200 and geometry.headers["content-type"].startswith("image/svg+xml")
    targets = {href.split("#")[1] for href in svg.xpath(".//use/@href")}
    assert targets <= set(lxml.etree.fromstring(geometry.content).xpath("//*[local-name()='path']/@id"))
    rows = doc.xpath("//table[@id='gap-table']/tbody/tr")
    assert len(rows) == 4
    verdicts = {r.xpath("string(./td[1]/a)"): r.xpath("string(./td[3])").strip() for r in rows}
    for row in rows:
        name = row.xpath("string(./td[1]/a)")
        code = row.xpath("./td[1]/a/@href")[0].split("/")[2].split("#")[0]
        title = svg.xpath(f".//use[@id='map-{code}']/title")[0].text_content()
        assert title.endswith(verdicts[name].split(" ", 1)[1])
    europe = page(client, "/gaps?requirement=R5&region=Northern+Europe")
    assert [r.xpath("string(./td[1]/a)") for r in europe.xpath("//table[@id='gap-table']/tbody/tr")] == \
        ["United Kingdom"]
    by_element = page(client, "/gaps?element=prot.housing")
    assert "Appropriate housing" in by_element.xpath("string(//h1)")


def test_elements_and_methodology_pages(client):
    doc = page(client, "/elements")
    rows = doc.xpath("//table[contains(@class, 'element-table')]/tbody/tr")
    assert len(rows) == 72
    assert doc.xpath("//tr[@id='means.abuse_of_vulnerability']/td[3]")[0].text_content() == "art. 3(a)"
    method = page(client, "/methodology")
    assert len(method.xpath("//table/tbody/tr")) == 22
    assert method.xpath("//a[@href='/elements#crim.offence']")


def test_reviews_page_asks_to_sign_in(client):
    doc = page(client, "/reviews")
    assert doc.xpath("//main//a[starts-with(@href, '/signin')]")
    assert not doc.xpath("//table")


def test_export_links_of_scorecard_compare_and_gaps_download(client):
    for path, link in (("/jurisdictions/GBR", "CSV"), ("/compare?j=GBR&j=FRA", "CSV"),
                       ("/gaps?requirement=R17", "CSV"), ("/jurisdictions/GBR", "JSON")):
        href = page(client, path).xpath(f"//main//a[text()='{link}']/@href")[0]
        response = client.get(href)
        assert response.status_code == 200, href
        expected = "text/csv" if link == "CSV" else "application/json"
        assert response.headers["content-type"].startswith(expected)
        assert len(response.content) > 20


def test_elements_page_shows_measured_accuracy_and_flags_weak_elements(client, tmp_path, monkeypatch):
    import json

    from web import catalog

    measured = {"measured_at": "2026-11-28T00:00:00Z", "provisions": 40,
                "micro": {"precision": 0.8, "recall": 0.7, "f1": 0.7467}, "macro_f1": 0.61,
                "by_language": {"en": {"f1": 0.75}},
                "elements": {"act.recruitment": {"precision": 0.9, "recall": 0.8, "f1": 0.8471,
                                                 "support": 12},
                             "means.abuse_of_vulnerability": {"precision": 0.5, "recall": 0.25, "f1": 0.3333,
                                                              "support": 4}}}
    path = tmp_path / "accuracy.json"
    path.write_text(json.dumps(measured))
    monkeypatch.setattr(catalog, "ACCURACY_FILE", path)
    doc = page(client, "/elements")
    good = [td.text_content().strip() for td in doc.xpath("//tr[@id='act.recruitment']/td")]
    assert good[4:] == ["90%", "80%", "85%", "12"]
    weak = doc.xpath("//tr[@id='means.abuse_of_vulnerability']/td[7]/span")[0]
    assert weak.get("class") == "accuracy-low" and "check" in weak.text_content()
    assert [td.text_content().strip() for td in doc.xpath("//tr[@id='act.transfer']/td")][4:] == ["–"] * 4
    assert "40 hand-labelled provisions" in doc.xpath("string((//main//p[@class='hint'])[1])")
    summary = page(client, "/methodology").xpath("string(//p[@id='accuracy-summary'])")
    assert "F1 75%" in summary and "40" in summary
    monkeypatch.setattr(catalog, "ACCURACY_FILE", tmp_path / "missing.json")
    assert page(client, "/elements").xpath("//main//p[@role='status']")


def test_filter_only_search_from_an_element_link(client):
    href = page(client, "/elements").xpath("//tr[@id='act.recruitment']//a[text()='provisions']/@href")[0]
    doc = page(client, href)
    results = doc.xpath("//ol[@class='results']/li")
    assert results
    for result in results:
        chips = result.xpath(".//a[contains(@class, 'chip')]")
        assert "Recruitment" in [chip.text_content().strip() for chip in chips]
    assert doc.xpath("//ul[@class='active-filters']//a")[0].text_content().strip() == "✕ Element: Recruitment"
