"""What the per-language pattern tests share: the elements the public tagger finds, and checks on them."""

from __future__ import annotations

from indexer.tagging import get_tagger


def found(lang: str, text: str, **context: str) -> set[str]:
    """Element ids the public tagger finds in ``text`` (``context``: heading, law_title, path)."""
    return {tag.element for tag in get_tagger().tag(text, lang, **context)}


def check(lang: str, text: str, present: set[str], absent: set[str], **context: str) -> None:
    """Assert ``present`` are all found and none of ``absent`` is."""
    elements = found(lang, text, **context)
    assert present <= elements, f"missing {sorted(present - elements)} in {sorted(elements)}"
    assert not absent & elements, f"unexpected {sorted(absent & elements)}"


def quoted_elements(lang: str, text: str) -> set[str]:
    """Tag ``text``, assert every tag quotes its evidence exactly and carries a confidence and rule ids;
    return the element ids."""
    tags = get_tagger().tag(text, lang)
    for tag in tags:
        assert text[tag.start:tag.end] == tag.evidence
        assert 0 < tag.confidence <= 1 and tag.rule_ids
    return {tag.element for tag in tags}
