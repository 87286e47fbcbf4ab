"""Fixtures of the tagger tests."""

from __future__ import annotations

import pytest

from indexer.tagging import Tagger, get_tagger


@pytest.fixture(scope="session")
def tagger() -> Tagger:
    """The cached process-wide tagger."""
    return get_tagger()


@pytest.fixture(scope="session")
def elements(tagger: Tagger):
    """``elements(text, lang="en", **kw)`` -> set of element ids the tagger finds."""

    def run(text: str, language: str = "en", **kwargs) -> set[str]:
        return {tag.element for tag in tagger.tag(text, language, **kwargs)}

    return run
