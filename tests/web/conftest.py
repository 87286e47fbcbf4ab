"""Fixtures of the web UI tests: a synthetic collection (tests/fixtures_data.py) plus a hostile provision."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.settings import Settings
from tests.fixtures_data import LAWS, FixtureLaw, FixtureProvision, build_fixture

XSS_LAW_ID = "GBR-hostile-markup-act-2020-x55x55"
XSS_EID = "sec_1"
XSS_PROVISION_ID = f"{XSS_LAW_ID}--{XSS_EID}"
# Written for the tests: statute text carrying markup that must be shown as text.
XSS_TEXT = (
    'A person who recruits another <script>alert("pwned")</script> for the purpose of exploitation '
    'commits an offence <img src=x onerror="alert(1)"> and the court " onmouseover="alert(2)" may order '
    "compensation & restitution."
)
XSS_LAW = FixtureLaw(
    id=XSS_LAW_ID, jurisdiction="GBR", title='Hostile <b onclick="x()">Markup</b> Act 2020', language="en",
    year=2020, version_dates=["2020-01-01"], source_url="javascript:alert(document.cookie)",
    versions=[[FixtureProvision(
        XSS_EID, "1", XSS_TEXT, heading="<i>Offence</i>",
        tags=[("crim.offence", "commits an offence"),
              ("act.recruitment", 'recruits another <script>alert("pwned")</script>')])]],
)


# Enough provisions mentioning "registry" to need two result pages (written for the tests).
BULK_LAW = FixtureLaw(
    id="GBR-registry-regulations-2021-r00r00", jurisdiction="GBR", title="Registry Regulations 2021",
    language="en", year=2021, version_dates=["2021-05-01"], in_force=True,
    versions=[[FixtureProvision(f"reg_{n}", str(n), f"Registry rule {n}: the registry keeps entry {n}.")
               for n in range(1, 26)]],
)


@pytest.fixture(scope="session")
def web_data(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of a data dir holding the shared synthetic fixture plus the hostile law (built once)."""
    data_dir: Path = tmp_path_factory.mktemp("web-data")
    settings = Settings(data_dir=data_dir, environment="test")
    build_fixture(settings, [*LAWS, XSS_LAW, BULK_LAW])
    return settings


@pytest.fixture(scope="session")
def client(web_data: Settings):
    """A TestClient of the whole app (API + web UI) over the synthetic collection."""
    from fastapi.testclient import TestClient

    from search_api.app import create_app

    with TestClient(create_app(web_data)) as test_client:
        yield test_client


@pytest.fixture
def reviewer_token(web_data: Settings) -> str:
    """A fresh reviewer token in the fixture database."""
    from indexer.db import connect
    from search_api.auth import create_token

    conn = connect(web_data.db_path)
    try:
        return create_token(conn, "reviewer", "web-test-reviewer")
    finally:
        conn.close()


@pytest.fixture(scope="session")
def ids(web_data: Settings) -> dict[str, str]:
    """Ids picked from the fixture database (so the tests follow changes of tests/fixtures_data.py)."""
    from indexer.db import connect

    conn = connect(web_data.db_path, readonly=True)
    try:
        versioned = conn.execute(
            "SELECT law_id FROM law_versions GROUP BY law_id HAVING COUNT(*) > 1 ORDER BY law_id"
        ).fetchone()[0]
        changed = conn.execute(
            "SELECT new.id FROM provisions new JOIN provisions old ON old.id = new.id AND old.is_current = 0 "
            "WHERE new.is_current = 1 AND new.law_id = ? AND new.text_hash != old.text_hash", (versioned,)
        ).fetchone()[0]
        offence = conn.execute(
            "SELECT p.id FROM provisions p JOIN tags t ON t.provision_rowid = p.rowid "
            "JOIN laws l ON l.id = p.law_id "
            "WHERE l.jurisdiction = 'GBR' AND p.is_current = 1 AND l.id != ? GROUP BY p.id "
            "ORDER BY COUNT(*) DESC LIMIT 1", (XSS_LAW_ID,)).fetchone()[0]
    finally:
        conn.close()
    return {"versioned_law": versioned, "changed_provision": changed, "gbr_offence": offence,
            "gbr_law": offence.rpartition("--")[0]}
