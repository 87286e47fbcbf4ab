"""Language-aware text analysis shared by the embedded index, the query compiler and the highlighter.

Each provision language with a stemmer gets its own analyzer (and its own
index field): tokenise on letters/digits, drop over-long tokens, lowercase,
stem, then fold accents (so ``tráfico`` and ``trafico`` meet). Other
languages get the folding analyzer without stemming.

Stop words are kept: legal phrases depend on them ("in persons", "de la
traite"), BM25 already gives them little weight, and both backends then
index exactly the same terms.
"""

from __future__ import annotations

from functools import cache, lru_cache

import tantivy

# ISO 639-1 -> the stemmer/stop-word language name tantivy (and Elasticsearch) use.
STEMMED_LANGUAGES: dict[str, str] = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "de": "german",
    "nl": "dutch",
    "pt": "portuguese",
    "it": "italian",
}
OTHER = "xx"  # analyzer key and field suffix for every other language
LANGUAGE_KEYS: tuple[str, ...] = (*STEMMED_LANGUAGES, OTHER)
MAX_TOKEN_CHARS = 40


def language_key(language: str | None) -> str:
    """Map a provision language (``"es"``, ``"ES"``, ``"spa"``...) to an analyzer key."""
    code = (language or "").strip().lower()[:2]
    return code if code in STEMMED_LANGUAGES else OTHER


def tokenizer_name(key: str) -> str:
    """The name the analyzer for ``key`` is registered under in a tantivy index."""
    return f"palermo_{key}"


@cache
def analyzer(key: str) -> tantivy.TextAnalyzer:
    """The tantivy text analyzer for an analyzer key (see :data:`LANGUAGE_KEYS`)."""
    builder = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_CHARS))
        .filter(tantivy.Filter.lowercase())
    )
    name = STEMMED_LANGUAGES.get(key)
    if name:
        builder = builder.filter(tantivy.Filter.stemmer(name))
    return builder.filter(tantivy.Filter.ascii_fold()).build()


@lru_cache(maxsize=1)
def fold_analyzer() -> tantivy.TextAnalyzer:
    """Lowercase + accent folding without stemming or stop words (prefix terms)."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )


def register_analyzers(index: tantivy.Index) -> None:
    """Register every language analyzer on an open tantivy index (needed before writing or searching)."""
    for key in LANGUAGE_KEYS:
        index.register_tokenizer(tokenizer_name(key), analyzer(key))


def analyze(key: str, text: str) -> list[str]:
    """Index terms of ``text`` under the analyzer ``key``."""
    return analyzer(key).analyze(text)


def analyze_positions(key: str, text: str) -> list[tuple[int, str]]:
    """``(position, term)`` pairs of ``text`` (for phrases)."""
    return [(tok.position, tok.text) for tok in analyzer(key).pre_tokenize(text).tokens]


def fold(text: str) -> list[str]:
    """Lowercased, accent-folded words of ``text`` (no stemming)."""
    return fold_analyzer().analyze(text)


def token_spans(key: str, text: str) -> list[tuple[int, int, str]]:
    """``(char_start, char_end, term)`` for each index term of ``text`` (for highlighting)."""
    return _spans(analyzer(key), text)


def fold_spans(text: str) -> list[tuple[int, int, str]]:
    """``(char_start, char_end, folded word)`` for each word of ``text`` (prefix highlighting)."""
    return _spans(fold_analyzer(), text)


def _spans(text_analyzer: tantivy.TextAnalyzer, text: str) -> list[tuple[int, int, str]]:
    return [(t.char_offset_from, t.char_offset_to, t.text) for t in text_analyzer.pre_tokenize(text).tokens]
