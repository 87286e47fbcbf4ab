"""The API documentation is served by the app itself, and browsers get HTML error pages on UI paths."""

from __future__ import annotations

import re

from lxml import html

from tests.search_api.conftest import assert_problem

ASSET_RE = re.compile(r"""(?:src|href)=["']([^"']+)["']""")


def test_docs_page_loads_only_local_assets(client):
    """Swagger UI comes from the app (swagger-ui-bundle), never from a CDN."""
    page = client.get("/docs")
    assert page.status_code == 200
    assets = ASSET_RE.findall(page.text)
    assert assets, page.text[:500]
    for url in assets:
        assert url.startswith("/"), f"external asset in /docs: {url}"
        assert client.get(url).status_code == 200, url
    assert "cdn" not in page.headers["content-security-policy"]
    assert client.get("/openapi.json").json()["info"]["title"] == "Palermo API"


def test_browser_gets_an_html_error_page_on_ui_paths(client):
    """A page that does not exist answers an HTML page to a browser, problem+json to others."""
    page = client.get("/no-such-page", headers={"accept": "text/html,application/xhtml+xml"})
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    tree = html.fromstring(page.text)
    assert tree.xpath("//main"), "the error page uses the site layout"
    assert_problem(client.get("/no-such-page"), 404)


def test_api_paths_keep_problem_json_for_browsers(client):
    """The API answers problem+json whatever the Accept header says."""
    assert_problem(client.get("/api/provisions/nope--nope", headers={"accept": "text/html"}), 404)
