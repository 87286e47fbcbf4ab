"""Browser tests on a real index: a few statutes of ../shared/corpus through the lead's pipeline.

Skipped on a fresh clone (no ../shared); the synthetic tests in test_browser.py cover the same
pages there. Screenshots go to tests/artifacts/web/real-*.png.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from indexer.db import connect
from indexer.settings import Settings
from search_api.auth import create_token
from tests.web.live import ARTIFACTS, PageWatch, launch_chromium, live_server

pytestmark = [pytest.mark.browser, pytest.mark.shared, pytest.mark.slow]

# Three jurisdictions, three languages/formats; small enough to index in ~15 s on 2 cores.
REAL_FILES = (
    "ARG/Ley_26364_Trata_de_Personas.md",
    "CAN/SC_2005_c43_trafficking_in_persons_en.xml",
    "PAK/Prevention_of_Trafficking_in_Persons_Act_2018_llamaparse.md",
)
CODES = ("ARG", "CAN", "PAK")
NO_DATA_FILL = "rgb(217, 221, 225)"


def build_real_index(shared_dir: Path, folder: Path, settings: Settings) -> dict:
    """Copy the chosen corpus files with a filtered MANIFEST.csv, import and index them."""
    pipeline = pytest.importorskip("indexer.pipeline")
    corpus = shared_dir / "corpus"
    with (corpus / "MANIFEST.csv").open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = [row for row in reader if row["path"] in REAL_FILES]
        fields = reader.fieldnames
    assert len(rows) == len(REAL_FILES)
    for row in rows:
        target = folder / row["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((corpus / row["path"]).read_bytes())
    with (folder / "MANIFEST.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    imported = pipeline.import_folder(folder, settings)
    assert imported["failed"] == []
    return pipeline.index_pending(settings)


@pytest.fixture(scope="module")
def real_site(shared_dir, tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("real-data"), environment="test")
    summary = build_real_index(shared_dir, tmp_path_factory.mktemp("real-corpus"), settings)
    assert summary["provisions"] > 50 and not summary["failed"]
    conn = connect(settings.db_path)
    try:
        token = create_token(conn, "reviewer", "Real Reviewer")
    finally:
        conn.close()
    with live_server(settings) as base_url:
        yield {"url": base_url, "token": token}


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
    tab.set_default_timeout(20_000)
    yield tab
    context.close()


def shot(tab, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"real-{name}.png"), full_page=True)


@pytest.mark.parametrize(("name", "path"), [
    ("home", "/"), ("scorecard-ARG", "/jurisdictions/ARG"), ("scorecard-CAN", "/jurisdictions/CAN"),
    ("scorecard-PAK", "/jurisdictions/PAK"), ("compare", "/compare?j=ARG&j=CAN&j=PAK"),
    ("gaps", "/gaps?requirement=R3"), ("elements", "/elements"),
])
def test_real_pages_load_cleanly(real_site, page, name, path):
    watch = PageWatch(page)
    page.goto(real_site["url"] + path)
    page.wait_for_load_state("networkidle")
    assert page.locator("main h1").count() == 1
    shot(page, name)
    assert watch.take() == []


def test_real_search_to_highlighted_provision(real_site, page):
    watch = PageWatch(page)
    page.goto(real_site["url"] + "/")
    page.fill("input[name=q]", "trata OR trafficking")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?"))
    assert page.locator("ol.results > li").count() >= 3
    jurisdictions = set(page.locator("section[aria-labelledby=facet-jurisdiction] a").all_inner_texts())
    assert len(jurisdictions) >= 2
    shot(page, "search")
    page.locator("ol.results > li", has=page.locator("ul.chips")).first.locator("h3 a").click()
    page.wait_for_url(re.compile(r"/provisions/"))
    marks = page.locator(".statute mark.ev")
    assert marks.count() >= 1
    marks.first.focus()
    assert "confidence" in marks.first.evaluate("el => getComputedStyle(el, '::after').content")
    shot(page, "provision")
    assert watch.take() == []


def test_real_gap_map_colours_the_collected_countries(real_site, page):
    page.goto(real_site["url"] + "/gaps?requirement=R1")
    for code in CODES:
        fill = page.locator(f"#map-{code}").evaluate("el => getComputedStyle(el).fill")
        assert fill != NO_DATA_FILL, code
    assert page.locator("#gap-table tbody tr").count() == len(CODES)


def test_real_reviewer_confirms_a_tag_and_the_scorecard_marks_it_reviewed(real_site, page):
    watch = PageWatch(page)
    page.goto(real_site["url"] + "/jurisdictions/CAN")
    assert page.locator("#R1 .verdict", has_text="reviewed").count() == 0
    evidence = page.locator("#R1 .found-list a[href^='/provisions/']").first.get_attribute("href")
    page.goto(real_site["url"] + "/signin?next=" + evidence)
    page.fill("#token", real_site["token"])
    page.click("form[action='/signin'] button")
    page.wait_for_url(re.compile(r"/provisions/"))
    row = page.locator("tr", has=page.locator("code", has_text=re.compile(r"^crim\.offence$")))
    row.first.locator("button", has_text="Confirm").click()  # a provision may quote the element twice
    page.wait_for_url(re.compile(r"review=saved"))
    page.goto(real_site["url"] + "/jurisdictions/CAN")
    header = page.locator("#R1 header").inner_text()
    assert page.locator("#R1 .verdict", has_text="reviewed").count() == 1, header
    assert "(reviewed)" in page.locator("#R1 .found-list").inner_text()
    shot(page, "scorecard-reviewed")
    assert watch.take() == []
