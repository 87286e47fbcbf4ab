"""Whitespace normalisation with an offset map back to the original provision text.

spaCy turns extra whitespace ("recruits  or", "persons,\\n harbours") into separate space tokens,
which breaks patterns of adjacent tokens. The tagger therefore tokenises a copy in which every
whitespace run is one plain space (or one line break), and maps match offsets back to the original
text so that evidence stays ``text[start:end]`` of what the caller passed in.
"""

from __future__ import annotations

import re
from bisect import bisect_left

# A whitespace run of two or more characters, or one unusual space, e.g. "  ", " \n\t ", "\u00a0"
ODD_SPACE = r"\t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000"  # tab, no-break and typographic spaces
# ... or a single line break inside a sentence (a hard-wrapped line: "sexual\nexploitation")
WHITESPACE_RUN_RE = re.compile(rf"[ \r\n{ODD_SPACE}]{{2,}}|[{ODD_SPACE}]|(?<=[a-zà-ÿ,])\n(?=[a-zà-ÿ])")


class OffsetMap:
    """Maps character offsets of the normalised copy back to the original text."""

    __slots__ = ("_positions", "_shifts")

    def __init__(self, positions: list[int], shifts: list[int]):
        self._positions = positions  # normalised offset of each collapsed run's single space
        self._shifts = shifts  # characters removed up to and including that run

    def start(self, offset: int) -> int:
        """Original offset of the character at normalised ``offset``."""
        index = bisect_left(self._positions, offset)  # runs strictly before ``offset``
        return offset + (self._shifts[index - 1] if index else 0)

    def end(self, offset: int) -> int:
        """Original (exclusive) end offset of a span ending at normalised ``offset``."""
        return self.start(offset - 1) + 1 if offset > 0 else 0


IDENTITY = OffsetMap([], [])
# a letter or comma before, a lower-case letter after: the line break only wraps a sentence
WRAP_BEFORE_RE = re.compile(r"[a-zà-ÿ,]")
WRAP_AFTER_RE = re.compile(r"[a-zà-ÿ]")


def is_line_break(text: str, start: int, end: int) -> bool:
    """True when the whitespace run ``text[start:end]`` separates lines (list items, paragraphs).

    One line break between a word (or comma) and a lower-case word is a hard wrap inside a
    sentence ("forced \\nlabour"), not a boundary.
    """
    run = text[start:end]
    breaks = run.count("\n") or run.count("\r")
    if not breaks:
        return False
    if breaks > 1 or start == 0 or end >= len(text):
        return True
    return not (WRAP_BEFORE_RE.match(text[start - 1]) and WRAP_AFTER_RE.match(text[end]))


def normalise_whitespace(text: str) -> tuple[str, OffsetMap]:
    """Return ``text`` with each whitespace run replaced by one space (one line break when the run
    holds one), and the offset map back to ``text``."""
    if not WHITESPACE_RUN_RE.search(text):
        return text, IDENTITY
    parts: list[str] = []
    positions: list[int] = []
    shifts: list[int] = []
    removed = 0
    last = 0
    length = 0  # length of the normalised text built so far
    for match in WHITESPACE_RUN_RE.finditer(text):
        chunk = text[last:match.start()]
        parts.append(chunk)
        length += len(chunk)
        run = match.end() - match.start()
        # a run holding a line break stays one line break (a list item or paragraph boundary),
        # except a line break inside a sentence
        parts.append("\n" if is_line_break(text, match.start(), match.end()) else " ")
        if run > 1:
            removed += run - 1
            positions.append(length)
            shifts.append(removed)
        length += 1
        last = match.end()
    parts.append(text[last:])
    return "".join(parts), OffsetMap(positions, shifts)
