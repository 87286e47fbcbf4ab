"""Tag statute provisions with the elements of the UN Trafficking in Persons Protocol.

Public API::

    get_tagger() -> Tagger
    Tagger.tag(text, language, *, heading="", law_title="") -> list[Tag]
    Tagger.tag_batch(items) -> list[list[Tag]]
    tag_jsonl(in_path, out_path) -> {"provisions": n, "errors": n, "tags": n}
"""

from __future__ import annotations

from functools import lru_cache

from indexer.tagging.engine import Tagger, TaggingError, TagResult
from indexer.tagging.jsonl import tag_jsonl

__all__ = ["Tagger", "TaggingError", "TagResult", "get_tagger", "tag_jsonl"]


@lru_cache(maxsize=1)
def get_tagger() -> Tagger:
    """The process-wide tagger (pipelines are built lazily per language and cached)."""
    return Tagger()
