"""The typed settings class."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from indexer.settings import Settings, get_settings


def test_defaults_and_paths(tmp_path) -> None:
    """The database, blobs and index live under the data dir."""
    settings = Settings(data_dir=tmp_path)
    assert settings.backend == "embedded"
    assert settings.db_path == tmp_path / "palermo.db"
    assert settings.blob_dir.parent == settings.index_dir.parent == tmp_path


@pytest.mark.parametrize("secret", ["", "changeme", "  Secret  "])
def test_placeholder_admin_secret_refused_in_production(secret: str) -> None:
    """Production refuses an empty or placeholder admin token."""
    with pytest.raises(ValidationError, match="placeholder"):
        Settings(environment="production", admin_token=secret)


def test_real_secret_accepted_in_production() -> None:
    """A real secret passes."""
    assert Settings(environment="production", admin_token="k3y-" + "x" * 30).admin_token


def test_environment_variables_are_read(monkeypatch, tmp_path) -> None:
    """PALERMO_* and ELASTICSEARCH_URL configure the cached settings."""
    monkeypatch.setenv("PALERMO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PALERMO_BACKEND", "elasticsearch")
    monkeypatch.setenv("ELASTICSEARCH_URL", "http://127.0.0.1:9299")
    get_settings.cache_clear()
    try:
        settings = get_settings()
        assert settings.data_dir == tmp_path and settings.backend == "elasticsearch"
        assert settings.elasticsearch_url == "http://127.0.0.1:9299"
        assert get_settings() is settings
    finally:
        get_settings.cache_clear()
