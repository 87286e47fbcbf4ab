"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PALERMO_SHARED_DIR", REPO.parent / "shared")).resolve()


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-goldens`` rewrites golden expected outputs instead of comparing them."""
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite golden files from the current output")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """True when the run was started with ``--update-goldens``."""
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder (corpus, gold, spec, formats); skips the test when it is absent."""
    if not (SHARED / "corpus" / "MANIFEST.csv").is_file():
        pytest.skip(f"../shared is absent ({SHARED}): real-statute tests need the shared corpus")
    return SHARED


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh PALERMO_DATA_DIR for one test, with the cached settings reset."""
    from indexer.settings import get_settings

    path = tmp_path / "data"
    path.mkdir()
    monkeypatch.setenv("PALERMO_DATA_DIR", str(path))
    monkeypatch.setenv("PALERMO_ENVIRONMENT", "test")
    get_settings.cache_clear()
    yield path
    get_settings.cache_clear()
