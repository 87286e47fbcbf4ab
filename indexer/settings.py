"""One typed settings class for every stage, read through a cached getter.

Environment variables use the ``PALERMO_`` prefix (``PALERMO_DATA_DIR``,
``PALERMO_BACKEND``...); ``ELASTICSEARCH_URL`` is read without the prefix too.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = {"", "changeme", "change-me", "changethis", "secret", "admin", "password", "token"}


class Settings(BaseSettings):
    """Configuration of crawler, indexer, API and web UI."""

    model_config = SettingsConfigDict(env_prefix="PALERMO_", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    data_dir: Path = Path("./data")
    backend: Literal["embedded", "elasticsearch"] = "embedded"
    elasticsearch_url: str = Field(
        "http://127.0.0.1:9200",
        validation_alias=AliasChoices("PALERMO_ELASTICSEARCH_URL", "ELASTICSEARCH_URL"),
    )
    elasticsearch_index: str = "palermo-provisions"
    elasticsearch_api_key: str | None = None
    admin_token: str = ""
    user_agent: str = "PalermoBot/0.1 (+https://github.com/palermo-kb/palermo; legislation research crawler)"
    contact_url: str = "https://github.com/palermo-kb/palermo"
    max_response_bytes: int = 50 * 1024 * 1024
    download_timeout: int = 60
    cors_origins: list[str] = []
    page_size_max: int = 100
    query_max_length: int = 1000
    compare_max: int = 20
    export_max_rows: int = 100_000
    write_rate_per_minute: int = 60
    public_base_url: str = "http://127.0.0.1:8000"

    @field_validator("data_dir")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @model_validator(mode="after")
    def _refuse_placeholder_secret(self) -> Settings:
        if self.environment == "production" and self.admin_token.strip().lower() in PLACEHOLDER_SECRETS:
            raise ValueError("PALERMO_ADMIN_TOKEN is empty or a placeholder; set a real secret in production")
        return self

    @property
    def db_path(self) -> Path:
        """The SQLite system of record."""
        return self.data_dir / "palermo.db"

    @property
    def blob_dir(self) -> Path:
        """Content-addressed raw bytes of every fetched version."""
        return self.data_dir / "blobs"

    @property
    def index_dir(self) -> Path:
        """Files of the embedded search index."""
        return self.data_dir / "index"


@lru_cache
def get_settings() -> Settings:
    """Return the process-wide settings (cached; call ``get_settings.cache_clear()`` in tests)."""
    return Settings()
