"""Safe highlighted snippets: statute text is HTML-escaped first, then only ``<mark>`` is added.

Both backends use this one implementation, so a snippet looks the same (and is
equally safe) whichever index answered. Matching reuses the index analyzers:
a query for ``tratas`` marks ``trata`` because both stem to the same term.
"""

from __future__ import annotations

import html

from indexer.search import analysis
from indexer.search.query import Highlight

SNIPPET_CHARS = 240
LEAD_CHARS = 60  # context kept before the first highlighted word
MAX_SCAN_CHARS = 50_000  # longer provisions are highlighted in their first 50,000 characters
ELLIPSIS = "\u2026"


def find_marks(text: str, key: str, hl: Highlight) -> list[tuple[int, int]]:
    """Character ranges of ``text`` to mark for the query terms/prefixes of analyzer ``key``."""
    terms = hl.terms.get(key, set())
    prefixes = tuple(hl.prefixes.get(key, ()))
    scan = text[:MAX_SCAN_CHARS]
    marks: set[tuple[int, int]] = set()
    if terms:
        marks.update((s, e) for s, e, term in analysis.token_spans(key, scan) if term in terms)
    if prefixes:
        marks.update((s, e) for s, e, word in analysis.fold_spans(scan) if word.startswith(prefixes))
    return _merge(sorted(marks))


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in ranges:
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _window(text: str, marks: list[tuple[int, int]], width: int) -> tuple[int, int]:
    if len(text) <= width:
        return 0, len(text)
    if not marks:
        start = 0
    else:
        best, best_count, j = 0, -1, 0
        for i, (s, _e) in enumerate(marks):  # densest run of marks starting at mark i
            j = max(j, i)
            while j + 1 < len(marks) and marks[j + 1][1] <= s + width - LEAD_CHARS:
                j += 1
            if j - i + 1 > best_count:
                best, best_count = i, j - i + 1
        start = max(0, marks[best][0] - LEAD_CHARS)
    end = min(len(text), start + width)
    start = max(0, end - width)
    # Snap to word boundaries so a snippet never starts or ends in the middle of a word.
    if start > 0:
        space = text.find(" ", start, start + 20)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", end - 20, end)
        end = space if space > start else end
    return start, end


def render(text: str, marks: list[tuple[int, int]], width: int = SNIPPET_CHARS) -> str:
    """Escape ``text`` and wrap each mark in ``<mark>``, cut to a window around the densest marks."""
    start, end = _window(text, marks, width)
    out = [ELLIPSIS] if start > 0 else []
    pos = start
    for s, e in marks:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        out.append(html.escape(text[pos:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:end]))
    if end < len(text):
        out.append(ELLIPSIS)
    return "".join(out)


def snippet(text: str, language: str, hl: Highlight | None, width: int = SNIPPET_CHARS) -> str:
    """The highlighted, escaped snippet of a provision ``text`` written in ``language``."""
    text = text or ""
    marks = find_marks(text, analysis.language_key(language), hl) if hl else []
    return render(text, marks, width)
