"""Browser tests in headless Chromium against a live server on 127.0.0.1.

Every page loads with no console error and no failed request; search -> result -> highlighted
evidence; compare two jurisdictions; the gap map colours countries; a reviewer confirms/rejects a
tag and the scorecard reflects it; the pages work with JavaScript disabled. Screenshots of each
page go to tests/artifacts/web/ (ignored by git).
"""

from __future__ import annotations

import re

import pytest

from indexer.db import connect
from indexer.settings import Settings
from search_api.auth import create_token
from tests.web.conftest import BULK_LAW, XSS_LAW, XSS_PROVISION_ID
from tests.web.live import ARTIFACTS, PageWatch, launch_chromium, live_server

pytestmark = pytest.mark.browser
NO_DATA_FILL = "rgb(217, 221, 225)"  # --map-none


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A live server over its own copy of the synthetic collection, plus a reviewer token."""
    from tests.fixtures_data import LAWS, build_fixture

    settings = Settings(data_dir=tmp_path_factory.mktemp("browser-data"), environment="test")
    build_fixture(settings, [*LAWS, XSS_LAW, BULK_LAW])
    conn = connect(settings.db_path)
    try:
        token = create_token(conn, "reviewer", "Browser Reviewer")
    finally:
        conn.close()
    with live_server(settings) as base_url:
        yield {"url": base_url, "token": token, "settings": settings}


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def shot(tab, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _ids(settings: Settings) -> dict[str, str]:
    conn = connect(settings.db_path, readonly=True)
    try:
        consent = conn.execute(
            "SELECT p.id FROM tags t JOIN provisions p ON p.rowid = t.provision_rowid "
            "JOIN laws l ON l.id = p.law_id WHERE t.element = 'definition.consent_irrelevant' "
            "AND l.jurisdiction = 'GBR' AND p.is_current = 1"
        ).fetchone()[0]
        offence = conn.execute(
            "SELECT p.id FROM tags t JOIN provisions p ON p.rowid = t.provision_rowid "
            "JOIN laws l ON l.id = p.law_id WHERE l.jurisdiction = 'GBR' AND p.is_current = 1 "
            "GROUP BY p.id ORDER BY COUNT(*) DESC, p.id LIMIT 1").fetchone()[0]
    finally:
        conn.close()
    return {"consent": consent, "law": consent.rpartition("--")[0], "offence": offence}


PAGES = {
    "home": "/", "search": "/search?q=exploitation", "provision": "/provisions/{consent}",
    "law": "/laws/{law}", "scorecard": "/jurisdictions/GBR", "compare": "/compare?j=GBR&j=FRA&j=CAN",
    "gaps": "/gaps?requirement=R5",
    "elements": "/elements", "methodology": "/methodology", "reviews": "/reviews", "signin": "/signin",
    "hostile": f"/provisions/{XSS_PROVISION_ID}",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_each_page_loads_cleanly_and_is_captured(site, page, name):
    watch = PageWatch(page)
    page.goto(site["url"] + PAGES[name].format(**_ids(site["settings"])))
    page.wait_for_load_state("networkidle")
    assert page.locator("main h1").count() == 1
    assert page.evaluate("document.styleSheets.length") >= 1
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") \
        == "rgb(29, 58, 95)"  # the stylesheet really loaded
    shot(page, name)
    assert watch.take() == []


@pytest.mark.parametrize("name", ["search", "provision", "scorecard", "gaps"])
def test_pages_fit_a_phone_screen(site, browser, name):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    tab = context.new_page()
    try:
        tab.goto(site["url"] + PAGES[name].format(**_ids(site["settings"])))
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{name} scrolls sideways by {overflow}px on a phone"
        shot(tab, f"{name}-phone")
    finally:
        context.close()


def test_search_then_open_a_result_shows_highlighted_evidence(site, page):
    watch = PageWatch(page)
    page.goto(site["url"] + "/")
    page.fill("input[name=q]", "trafficking")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=trafficking"))
    assert page.locator("ol.results > li").count() >= 2
    assert page.locator("p.snippet mark").count() >= 1
    page.locator("ol.results > li h3 a").first.click()
    page.wait_for_url(re.compile(r"/provisions/"))
    marks = page.locator(".statute mark.ev")
    assert marks.count() >= 1
    background = marks.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    marks.first.focus()
    tip = marks.first.evaluate("el => getComputedStyle(el, '::after').content")
    assert "confidence" in tip and "rule" in tip
    shot(page, "provision-focused-evidence")
    assert watch.take() == []


def test_copy_citation_button_appears_with_javascript(site, browser):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site["url"])
    tab = context.new_page()
    try:
        tab.goto(site["url"] + PAGES["provision"].format(**_ids(site["settings"])))
        button = tab.locator("button[data-copy-target=citation]")
        assert button.is_visible()
        button.click()
        tab.wait_for_function(
            "document.querySelector('[data-copy-target=citation]').textContent === 'Copied'")
        copied = tab.evaluate("navigator.clipboard.readText()")
        assert copied == tab.locator("#citation").inner_text()
    finally:
        context.close()


def test_compare_two_jurisdictions_from_the_form(site, page):
    watch = PageWatch(page)
    page.goto(site["url"] + "/compare")
    page.check("input[name=j][value=GBR]")
    page.check("input[name=j][value=ESP]")
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r"/compare\?j=ESP&j=GBR|/compare\?j=GBR&j=ESP"))
    headers = page.locator("table.matrix thead th").all_inner_texts()
    assert sorted(headers[1:]) == ["Spain", "United Kingdom"]
    assert page.locator("table.matrix tbody tr").count() == 24
    differing = page.locator("table.matrix tr.differs")
    assert differing.count() >= 1
    assert differing.first.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.locator("table.matrix tbody tr:not(.summary) td a").first.click()
    page.wait_for_url(re.compile(r"/jurisdictions/(GBR|ESP)#R1"))
    shot(page, "compare-two")
    assert watch.take() == []


def test_gap_map_colours_countries_and_shows_names_on_hover(site, page):
    watch = PageWatch(page)
    page.goto(site["url"] + "/gaps?requirement=R5")
    fills = {code: page.locator(f"#map-{code}").evaluate("el => getComputedStyle(el).fill")
             for code in ("GBR", "FRA", "ESP", "CAN")}
    assert all(fill != NO_DATA_FILL for fill in fills.values()), fills
    assert len(set(fills.values())) >= 2  # R5 differs between these jurisdictions in the fixture
    assert page.locator("use.c-none").first.evaluate("el => getComputedStyle(el).fill") == NO_DATA_FILL
    box = page.locator("#map-CAN").bounding_box()
    assert box and box["width"] > 50 and box["height"] > 20  # the sprite's geometry was drawn
    page.locator("#map-CAN").hover()
    tip = page.locator(".map-tip")
    assert tip.is_visible() and tip.inner_text().startswith("Canada: ")
    page.locator("#gap-table thead th").nth(2).locator("button").click()
    assert page.locator("#gap-table thead th").nth(2).get_attribute("aria-sort") == "ascending"
    shot(page, "gaps-map")
    page.select_option("#requirement", "")
    page.select_option("#element", "prot.housing")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"element=prot.housing"))
    assert page.locator("use[id^=map-]").count() == 4
    assert watch.take() == []


def test_pages_work_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(site["url"] + "/")
        tab.fill("input[name=q]", "registry")
        tab.click("form[role=search] button")
        tab.wait_for_url(re.compile(r"/search\?q=registry"))
        assert tab.locator("ol.results > li").count() == 20
        tab.click("nav.pagination a[rel=next]")
        tab.wait_for_url(re.compile(r"page=2"))
        assert tab.locator("ol.results > li").count() == 5
        tab.goto(site["url"] + "/search?q=exploitation")
        tab.locator("section[aria-labelledby=facet-jurisdiction] a").first.click()
        tab.wait_for_url(re.compile(r"jurisdiction="))
        assert tab.locator("ul.active-filters a").count() == 1
        tab.goto(site["url"] + "/gaps?requirement=R17")
        assert tab.locator("use[id^=map-]").count() == 4  # the map is server-drawn
        assert tab.locator("#map-FRA").bounding_box()["width"] > 5
        shot(tab, "search-no-js")
    finally:
        context.close()


def test_reviewer_confirms_and_rejects_tags_and_the_scorecard_reflects_it(site, page):
    watch = PageWatch(page)
    ids = _ids(site["settings"])
    page.goto(site["url"] + "/jurisdictions/GBR")
    assert page.locator("#R5 .verdict").first.inner_text().strip() == "● Met"
    page.click("text=Reviewer sign-in")
    page.fill("#token", site["token"])
    page.click("form[action='/signin'] button")
    page.wait_for_url(re.compile(r"/jurisdictions/GBR"))
    assert "Browser Reviewer" in page.locator(".session").inner_text()
    assert page.locator("#R1 .verdict", has_text="reviewed").count() == 0
    page.goto(site["url"] + f"/provisions/{ids['offence']}")
    confirm = page.locator("tr", has=page.locator("code", has_text=re.compile(r"^crim\.offence$")))
    confirm.first.locator("button", has_text="Confirm").click()
    page.wait_for_url(re.compile(r"review=saved"))
    page.goto(site["url"] + "/jurisdictions/GBR#R1")
    assert page.locator("#R1 .verdict", has_text="reviewed").count() == 1
    assert "(reviewed)" in page.locator("#R1 .found-list").inner_text()
    page.goto(site["url"] + f"/provisions/{ids['consent']}")
    row = page.locator("tr", has=page.locator("code", has_text="definition.consent_irrelevant"))
    row.first.locator("button", has_text="Reject").click()
    page.wait_for_url(re.compile(r"review=saved"))
    assert page.locator(".flash-ok").is_visible()
    shot(page, "provision-reviewed")
    page.goto(site["url"] + "/jurisdictions/GBR#R5")
    assert page.locator("#R5 .verdict").first.inner_text().strip() == "○ Not found"
    shot(page, "scorecard-after-review")
    page.goto(site["url"] + "/reviews")
    assert page.locator("#low-title").is_visible()
    assert watch.take() == []


def test_scorecard_prints_on_a4(site, browser):
    context = browser.new_context()
    tab = context.new_page()
    try:
        tab.goto(site["url"] + "/jurisdictions/FRA")
        pdf = tab.pdf(format="A4", print_background=True)
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "scorecard-A4.pdf").write_bytes(pdf)
        tab.emulate_media(media="print")
        assert tab.locator(".site-header").evaluate("el => getComputedStyle(el).display") == "none"
        assert tab.locator("form.filters").evaluate("el => getComputedStyle(el).display") == "none"
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= tab.viewport_size["width"]
    finally:
        context.close()


CONTRAST_JS = """
(selectors) => {
  const parse = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return m.length === 4 ? m : [...m, 1]; };
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = ([r, g, b]) => 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  const background = (el) => {
    for (let n = el; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c[3] > 0.5) return c;
    }
    return [255, 255, 255, 1];
  };
  const out = [];
  for (const sel of selectors) {
    for (const el of Array.from(document.querySelectorAll(sel)).slice(0, 5)) {
      if (!el.offsetParent || !el.textContent.trim()) continue;
      const fg = lum(parse(getComputedStyle(el).color)), bg = lum(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      out.push([sel, Math.round(ratio * 100) / 100]);
    }
  }
  return out;
}
"""


@pytest.mark.parametrize(("path", "selectors"), [
    ("/search?q=exploitation", ["a.chip", ".facets a", ".facets .count", ".result .meta", ".hint",
                                ".nav a", "p.snippet mark", ".site-footer p"]),
    ("/jurisdictions/GBR", [".verdict", ".obligation", ".missing", ".muted", ".hint", ".ev-quote"]),
    ("/provisions/{offence}", ["mark.ev", ".breadcrumbs a", ".citation code", ".tag-table td"]),
    ("/gaps?requirement=R5", [".legend li", "#gap-table td", "select"]),
])
def test_text_contrast_meets_wcag_aa(site, page, path, selectors):
    page.goto(site["url"] + path.format(**_ids(site["settings"])))
    ratios = page.evaluate(CONTRAST_JS, selectors)
    assert {sel for sel, _ in ratios} == set(selectors)  # every kind of text was measured
    low = [(sel, ratio) for sel, ratio in ratios if ratio < 4.5]
    assert low == []


def test_keyboard_reaches_the_skip_link_then_the_content(site, page):
    page.goto(site["url"] + "/search?q=exploitation")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside_main = page.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert inside_main
