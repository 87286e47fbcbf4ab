"""Fast pre-selection of token patterns by their first token ("anchor").

spaCy's ``Matcher`` evaluates Python predicates (``IN``, ``REGEX``...) for every pattern at every
token, which costs ~0.4 µs per pattern per token. Patterns are therefore grouped by their first
token; a group's small ``Matcher`` only runs on a document that contains a word satisfying that
first token. Whether a word satisfies a first token is computed once per distinct word and cached,
so the cost per document is one dictionary lookup per distinct word. The matches are identical to
running one big ``Matcher`` (the groups' matchers are ordinary spaCy matchers).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Token

TEXT_ATTRS = {"LOWER": "lower_", "TEXT": "text", "ORTH": "text", "NORM": "norm_", "LEMMA": "lemma_"}
FLAG_ATTRS = {"IS_ALPHA": "is_alpha", "IS_ASCII": "is_ascii", "IS_DIGIT": "is_digit", "IS_LOWER": "is_lower",
              "IS_PUNCT": "is_punct", "IS_SPACE": "is_space", "IS_TITLE": "is_title", "IS_UPPER": "is_upper",
              "LIKE_URL": "like_url", "LIKE_NUM": "like_num", "LIKE_EMAIL": "like_email", "IS_STOP": "is_stop",
              "IS_BRACKET": "is_bracket", "IS_QUOTE": "is_quote", "IS_LEFT_PUNCT": "is_left_punct",
              "IS_RIGHT_PUNCT": "is_right_punct", "IS_CURRENCY": "is_currency"}
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


def anchor_predicate(token_spec: dict) -> Predicate | None:
    """A Python test equivalent to one Matcher token dict, or None when it cannot anchor a pattern.

    None is returned for optional tokens (``OP`` ?, *, !, {0,n}) and for attributes this module does
    not evaluate; such patterns are always run.
    """
    op = token_spec.get("OP")
    if op in OPTIONAL_OPS or (isinstance(op, str) and ZERO_QUANTIFIER_RE.match(op)):
        return None
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
        return None
    return lambda tok: all(test(tok) for test in tests)


class AnchorIndex:
    """Maps each distinct word to the pattern groups whose first token it satisfies (cached)."""

    def __init__(self) -> None:
        self.predicates: list[Predicate] = []
        self.always: set[int] = set()
        self._cache: dict[tuple[int, int], frozenset[int]] = {}

    def add_group(self, group: int, first_token: dict) -> None:
        """Register a pattern group by its first token dict."""
        predicate = anchor_predicate(first_token)
        while len(self.predicates) <= group:
            self.predicates.append(lambda tok: False)
        if predicate is None:
            self.always.add(group)
        else:
            self.predicates[group] = predicate
        self._cache.clear()

    def _groups_for(self, token: Token) -> frozenset[int]:
        key = (token.orth, token.lemma)
        found = self._cache.get(key)
        if found is None:
            found = frozenset(i for i, test in enumerate(self.predicates) if i not in self.always and test(token))
            if len(self._cache) < 500_000:
                self._cache[key] = found
        return found

    def active_groups(self, doc) -> set[int]:
        """Groups that may match somewhere in ``doc``."""
        return set(self.always) | set(self.positions(doc))

    def positions(self, doc) -> dict[int, list[int]]:
        """Token positions where each anchored group's first token holds (``always`` groups excluded)."""
        found: dict[int, list[int]] = {}
        local: dict[tuple[int, int], frozenset[int]] = {}
        for i, token in enumerate(doc):
            key = (token.orth, token.lemma)
            groups = local.get(key)
            if groups is None:
                groups = local[key] = self._groups_for(token)
            for group in groups:
                found.setdefault(group, []).append(i)
        return found


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
