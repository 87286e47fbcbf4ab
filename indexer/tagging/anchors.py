"""Fast pre-selection of token patterns by their first token ("anchor").

spaCy's ``Matcher`` evaluates Python predicates (``IN``, ``REGEX``...) for every pattern at every
token, which costs ~0.4 µs per pattern per token. Patterns are therefore grouped by their first
token, and whether a word satisfies a group's first token is computed once per distinct word and
cached: per document that is one dictionary lookup per token. Patterns are then matched only at
the positions where their first token holds: by ``indexer.tagging.sequence`` (the subset of Matcher
semantics the pattern files use) or, for anything else, by a small spaCy ``Matcher`` per group run on
windows around those positions. The matches are identical to one big ``Matcher``
(``tests/indexer/tagging/test_sequence.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.attrs import ORTH
from spacy.tokens import Token

TEXT_ATTRS = {"LOWER": "lower_", "TEXT": "text", "ORTH": "text", "NORM": "norm_", "LEMMA": "lemma_"}
FLAG_ATTRS = {name: name.lower() for name in (
    "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE", "IS_TITLE", "IS_UPPER",
    "LIKE_URL", "LIKE_NUM", "LIKE_EMAIL", "IS_STOP", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT",
    "IS_RIGHT_PUNCT",
    "IS_CURRENCY")}
OPTIONAL_OPS = {"?", "*", "!"}
# "{0,5}" or "{,3}": a quantifier that allows zero repetitions
ZERO_QUANTIFIER_RE = re.compile(r"^\{0?,\d*\}$|^\{0\}$")

Predicate = Callable[[Token], bool]


def _value_test(value) -> Callable[[str], bool] | None:
    if isinstance(value, str):
        return lambda s: s == value
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            allowed = frozenset(arg)
            return lambda s: s in allowed
        if op == "NOT_IN":
            banned = frozenset(arg)
            return lambda s: s not in banned
        if op == "REGEX":
            regex = re.compile(arg)
            return lambda s: regex.search(s) is not None
    return None


def token_predicate(token_spec: dict) -> Predicate | None:
    """The test of one Matcher token dict, ignoring ``OP``; None when an attribute is unsupported."""
    tests: list[Predicate] = []
    for key, value in token_spec.items():
        if key == "OP":
            continue
        upper = key.upper()
        if upper in TEXT_ATTRS:
            test = _value_test(value)
            if test is None:
                return None
            attr = TEXT_ATTRS[upper]
            tests.append(lambda tok, attr=attr, test=test: test(getattr(tok, attr)))
        elif upper in FLAG_ATTRS and isinstance(value, bool):
            attr = FLAG_ATTRS[upper]
            tests.append(lambda tok, attr=attr, value=value: getattr(tok, attr) == value)
        else:
            return None
    if not tests:
        return lambda tok: True
    if len(tests) == 1:
        return tests[0]
    return lambda tok: all(test(tok) for test in tests)


def anchor_predicate(token_spec: dict) -> Predicate | None:
    """A Python test equivalent to one Matcher token dict, or None when it cannot anchor a pattern.

    None is returned for optional tokens (``OP`` ?, *, !, {0,n}), for a token without attributes and
    for attributes this module does not evaluate; such patterns are always run.
    """
    op = token_spec.get("OP")
    if op in OPTIONAL_OPS or (isinstance(op, str) and ZERO_QUANTIFIER_RE.match(op)):
        return None
    if all(key == "OP" for key in token_spec):
        return None
    return token_predicate(token_spec)


def selective(token_spec: dict) -> bool:
    """True when a token dict names words (a value, an ``IN`` list or a ``REGEX``), so that few tokens
    of a text satisfy it; ``NOT_IN`` lists and bare flags hold almost everywhere."""
    if anchor_predicate(token_spec) is None:
        return False
    for key, value in token_spec.items():
        if key != "OP" and key.upper() in TEXT_ATTRS and (
                isinstance(value, str) or (isinstance(value, dict) and set(value) & {"IN", "REGEX"})):
            return True
    return False


def anchor_offset(pattern: list[dict]) -> int:
    """Index of the token to anchor a pattern on: the first one unless it is not selective and a
    later selective token sits at a fixed distance (every token before it is exactly one token).

    "[NOT_IN: by, of ...] means" is anchored on "means", one token after the pattern's start; a
    longer word or a REGEX is preferred to a short function word ("de").
    """
    if selective(pattern[0]):
        return 0
    candidates = []
    for index, token in enumerate(pattern):
        if token.get("OP") not in (None, "1") or anchor_predicate(token) is None:
            break
        if selective(token):
            candidates.append(index)
    rare = [i for i in candidates if _rare(pattern[i])]
    return (rare or candidates or [0])[0]


def _rare(token_spec: dict) -> bool:
    """A selective token that is not a short function word ("de", "of"): a REGEX or longer words."""
    for key, value in token_spec.items():
        if key == "OP" or key.upper() not in TEXT_ATTRS:
            continue
        if isinstance(value, dict) and "REGEX" in value:
            return True
        words = [value] if isinstance(value, str) else value.get("IN", []) if isinstance(value, dict) else []
        return bool(words) and all(len(w) >= 4 for w in words)
    return False


def _lower_only(token_spec: dict):
    """("exact", set) or ("regex", pattern) when the token dict tests LOWER alone, else None."""
    keys = [k for k in token_spec if k != "OP"]
    if len(keys) != 1 or keys[0].upper() != "LOWER":
        return None
    value = token_spec[keys[0]]
    if isinstance(value, str):
        return "exact", {value}
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            return "exact", set(arg)
        if op == "REGEX":
            return "regex", re.compile(arg)
    return None


class AnchorIndex:
    """Maps each distinct word to the pattern groups whose first token it satisfies (cached).

    LOWER tests (exact value, ``IN`` list, ``REGEX``) are indexed so that a new word costs one dict
    lookup plus one regex search per REGEX anchor; other anchors use a generic predicate.
    """

    def __init__(self) -> None:
        self.always: set[int] = set()
        self.lower_exact: dict[str, set[int]] = {}
        self.lower_regex: list[tuple[re.Pattern, int]] = []
        self.general: list[tuple[Predicate, int]] = []
        self._cache: dict[int, frozenset[int]] = {}

    def add_group(self, group: int, first_token: dict) -> None:
        """Register a pattern group by its first token dict."""
        self._cache.clear()
        predicate = anchor_predicate(first_token)
        if predicate is None:
            self.always.add(group)
            return
        lower = _lower_only(first_token)
        if lower is None:
            self.general.append((predicate, group))
        elif lower[0] == "exact":
            for word in lower[1]:
                self.lower_exact.setdefault(word, set()).add(group)
        else:
            self.lower_regex.append((lower[1], group))

    def _groups_for(self, token: Token) -> frozenset[int]:
        key = token.orth
        found = self._cache.get(key)
        if found is None:
            lower = token.lower_
            groups = set(self.lower_exact.get(lower, ()))
            groups.update(g for regex, g in self.lower_regex if regex.search(lower))
            groups.update(g for test, g in self.general if test(token))
            found = frozenset(groups)
            if len(self._cache) < 500_000:
                self._cache[key] = found
        return found

    def active_groups(self, doc) -> set[int]:
        """Groups that may match somewhere in ``doc``."""
        return set(self.always) | set(self.positions(doc))

    def positions(self, doc, keys: list[int] | None = None) -> dict[int, list[int]]:
        """Token positions where each anchored group's first token holds (``always`` groups excluded)."""
        if keys is None:
            keys = token_keys(doc)
        found: dict[int, list[int]] = {}
        local: dict[int, frozenset[int]] = {}
        for i, key in enumerate(keys):
            groups = local.get(key)
            if groups is None:
                groups = local[key] = self._groups_for(doc[i])
            for group in groups:
                found.setdefault(group, []).append(i)
        return found


def token_keys(doc) -> list[int]:
    """The word (orth) of every token: what anchor and fixed-pattern tests depend on.

    The pipelines are blank + lookup lemmatizer, so every token attribute the tests read (lower,
    norm, lemma, flags) is a function of the word itself.
    """
    return doc.to_array(ORTH).tolist()


class PredicateCache:
    """Results of fixed-pattern token tests, per (test, word) — a word's attributes never change."""

    def __init__(self, limit: int = 2_000_000) -> None:
        self.limit = limit
        self._results: dict[tuple[int, int], bool] = {}

    def bind(self, doc, keys: list[int]) -> Callable[[Predicate, int], bool]:
        """``ok(test, i)`` for one document: ``test(doc[i])`` cached by the token's word."""
        results = self._results
        limit = self.limit

        def ok(test: Predicate, i: int) -> bool:
            cache_key = (id(test), keys[i])
            result = results.get(cache_key)
            if result is None:
                result = bool(test(doc[i]))
                if len(results) < limit:
                    results[cache_key] = result
            return result

        return ok


def max_length(pattern: list[dict], cap: int) -> int:
    """Longest number of tokens a Matcher pattern can span (``cap`` for unbounded operators)."""
    total = 0
    for token in pattern:
        op = token.get("OP")
        if op in (None, "?", "!", "1"):
            total += 0 if op == "!" else 1
        elif op in ("*", "+"):
            return cap
        else:
            numbers = re.findall(r"\d+", op)
            if op.rstrip("}").endswith(",") or not numbers:
                return cap
            total += int(numbers[-1])
    return min(total, cap)


def windows(positions: list[int], length: int, size: int) -> list[tuple[int, int]]:
    """Merge ``[p, p + length)`` windows (clipped to ``size``) into disjoint token ranges."""
    merged: list[tuple[int, int]] = []
    for start in positions:
        end = min(start + length, size)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
