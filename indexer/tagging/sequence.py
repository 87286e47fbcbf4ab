"""A small matcher for token patterns, run only at anchor positions (see ``anchors.py``).

It implements the subset of spaCy ``Matcher`` semantics the pattern files use: token tests on
LOWER/TEXT/ORTH/NORM/LEMMA (exact value, ``IN``, ``NOT_IN``, ``REGEX``), boolean flags (``IS_PUNCT``,
``LIKE_NUM``...), the empty wildcard ``{}``, and the operators ``?``, ``*``, ``+``, ``{n}``, ``{n,m}``,
``{,m}``, ``{n,}``. Like spaCy it returns every (start, end) a pattern can match. Patterns using
anything else (``!``, other attributes) return None from ``compile_pattern`` and are run by spaCy's
own ``Matcher``. Token tests are cached per word, so a pattern costs a few dictionary lookups at each
position where its first token holds; ``tests/indexer/tagging/test_sequence.py`` checks the result
against spaCy's ``Matcher``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from indexer.tagging.anchors import Predicate, token_predicate

UNBOUNDED = 64  # repetitions allowed for "*" and "+" (a provision clause is never longer)
# "{2}", "{1,3}", "{,3}", "{2,}"
QUANTIFIER_RE = re.compile(r"^\{(\d*)(,?)(\d*)\}$")


class Step(NamedTuple):
    """One token spec: its test and how many consecutive tokens it may consume."""

    test: Predicate
    low: int
    high: int


def repetitions(op: str | None) -> tuple[int, int] | None:
    """(min, max) repetitions of a Matcher operator; None when unsupported (``!``)."""
    if op in (None, "1"):
        return 1, 1
    if op == "?":
        return 0, 1
    if op == "*":
        return 0, UNBOUNDED
    if op == "+":
        return 1, UNBOUNDED
    match = QUANTIFIER_RE.match(op or "")
    if not match:
        return None
    low, comma, high = match.groups()
    low_n = int(low) if low else 0
    if not comma:
        return low_n, low_n
    return low_n, int(high) if high else UNBOUNDED


def compile_pattern(pattern: list[dict]) -> list[Step] | None:
    """Steps of a token pattern, or None when it needs spaCy's Matcher."""
    steps = []
    for token_spec in pattern:
        test = token_predicate(token_spec)
        reps = repetitions(token_spec.get("OP"))
        if test is None or reps is None:
            return None
        steps.append(Step(test, reps[0], reps[1]))
    return steps


NO_ENDS: frozenset[int] = frozenset()


def match_ends(steps: list[Step], start: int, size: int,
               ok: Callable[[Predicate, int], bool]) -> set[int] | frozenset[int]:
    """Every end offset of a match of ``steps`` starting at token ``start``.

    ``ok(test, i)`` tells whether token ``i`` passes ``test`` (cached by the caller).
    """
    position = start
    index = 0
    count = len(steps)
    while index < count:  # fast path: leading steps of exactly one token
        test, low, high = steps[index]
        if low != 1 or high != 1:
            break
        if position >= size or not ok(test, position):
            return NO_ENDS
        position += 1
        index += 1
    if index == count:
        return {position} if position != start else NO_ENDS
    positions = {position}
    for test, low, high in steps[index:]:
        following: set[int] = set()
        for position in positions:
            if low == 0:
                following.add(position)
            taken = 0
            index = position
            while taken < high and index < size and ok(test, index):
                index += 1
                taken += 1
                if taken >= low:
                    following.add(index)
        if not following:
            return set()
        positions = following
    positions.discard(start)  # spaCy never returns empty matches
    return positions
