"""Fixtures of the API tests: a synthetic dataset (tests/fixtures_data.py) behind a TestClient."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from indexer.db import connect
from indexer.search import reset_backends
from indexer.settings import Settings
from search_api.app import create_app
from search_api.auth import create_token
from tests.fixtures_data import build_fixture

ADMIN_ENV_SECRET = "an-admin-secret-for-tests-0123456789"


def make_settings(data_dir: Path, **overrides) -> Settings:
    """Settings for a test data dir (never read from the environment's data dir)."""
    values = {"data_dir": data_dir, "environment": "test", "admin_token": ADMIN_ENV_SECRET, **overrides}
    return Settings(**values)


@pytest.fixture(scope="session")
def fixture_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Read-only shared dataset: built once per session."""
    settings = make_settings(tmp_path_factory.mktemp("api-ro") / "data")
    build_fixture(settings)
    return settings


@pytest.fixture(scope="session")
def client(fixture_settings: Settings) -> Iterator[TestClient]:
    """A TestClient on the shared read-only dataset (tests must not write through it)."""
    with TestClient(create_app(fixture_settings)) as test_client:
        yield test_client


@pytest.fixture
def rw_settings(tmp_path: Path) -> Iterator[Settings]:
    """A fresh dataset for tests that write (reviews, jobs, tokens)."""
    settings = make_settings(tmp_path / "data")
    build_fixture(settings)
    yield settings
    reset_backends()


@pytest.fixture
def rw_client(rw_settings: Settings) -> Iterator[TestClient]:
    """A TestClient on a fresh dataset."""
    with TestClient(create_app(rw_settings)) as test_client:
        yield test_client


@pytest.fixture
def tokens(rw_settings: Settings) -> dict[str, str]:
    """A reviewer token and an admin token for ``rw_settings``."""
    conn = connect(rw_settings.db_path)
    try:
        return {
            "reviewer": create_token(conn, "reviewer", "rita"),
            "admin": create_token(conn, "admin", "adam"),
        }
    finally:
        conn.close()


def assert_problem(response, status: int) -> dict:
    """The response is an RFC 9457 problem with ``status``; returns its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json"), response.headers
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    assert isinstance(body["detail"], str)
    return body


GBR_LAW = "GBR-modern-slavery-act-2015-a1b2c3"
GBR_OFFENCE = f"{GBR_LAW}--part_1__sec_1"
CAN_LAW = "CAN-criminal-code-j1k2l3"
