"""Mark the evidence spans of a provision's tags inside its (escaped) text.

Statute text is untrusted: every character of it goes through :func:`markupsafe.escape`; only
the ``<mark>`` wrappers built here are markup. Overlapping spans are split at every boundary,
so each piece of text is wrapped once and lists every element that covers it.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from web.catalog import element


@dataclass(frozen=True)
class Span:
    """A tag located in the provision text: ``text[start:end]`` is its evidence."""

    index: int  # position in the tag list (anchor ``tag-<index>``)
    element: str
    start: int
    end: int
    confidence: float
    rules: tuple[str, ...]
    source: str

    def describe(self) -> str:
        """One-line description shown on hover/focus: element, confidence and rule."""
        info = element(self.element)
        rules = ", ".join(self.rules) if self.rules else ("reviewer" if self.source == "review" else "n/a")
        return f"{info.label} ({self.element}) · confidence {self.confidence:.2f} · rule {rules}"


def _get(tag: object, name: str, default: object = None) -> object:
    if isinstance(tag, dict):
        return tag.get(name, default)
    return getattr(tag, name, default)


def locate(text: str, tags: list) -> list[Span | None]:
    """Find each tag's span in ``text``.

    The stored offsets win when they point at the evidence; otherwise the evidence quote is looked
    up in the text (offsets may be relative to the law rather than the provision). A tag whose
    evidence cannot be found gets ``None`` (listed, not highlighted).
    """
    spans: list[Span | None] = []
    for index, tag in enumerate(tags):
        evidence = str(_get(tag, "evidence", "") or "")
        start, end = _get(tag, "start"), _get(tag, "end")
        found: tuple[int, int] | None = None
        in_range = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
        if in_range and (not evidence or text[start:end] == evidence):
            found = (start, end)
        if found is None and evidence:
            position = text.find(evidence)
            if position >= 0:
                found = (position, position + len(evidence))
        if found is None:
            spans.append(None)
            continue
        rules = _get(tag, "rule_ids", None) or []
        spans.append(Span(
            index=index, element=str(_get(tag, "element", "")), start=found[0], end=found[1],
            confidence=float(_get(tag, "confidence", 0.0) or 0.0),
            rules=tuple(str(r) for r in rules), source=str(_get(tag, "source", "auto") or "auto")))
    return spans


def highlight(text: str, tags: list) -> Markup:
    """The provision text as safe HTML with ``<mark>`` around every located evidence span."""
    spans = [s for s in locate(text, tags) if s is not None]
    if not spans:
        return Markup(escape(text))
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    pieces: list[str] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        chunk = text[left:right]
        covering = [s for s in spans if s.start <= left and right <= s.end]
        if not covering:
            pieces.append(str(escape(chunk)))
            continue
        groups = sorted({element(s.element).group for s in covering})
        tip = " | ".join(s.describe() for s in covering)
        described = " ".join(f"tag-{s.index}" for s in covering)
        elements = " ".join(s.element for s in covering)
        css = " ".join(["ev", *(f"g-{g}" for g in groups), "ev-multi" if len(covering) > 1 else ""]).strip()
        pieces.append(
            f'<mark class="{escape(css)}" tabindex="0" data-elements="{escape(elements)}" '
            f'data-tip="{escape(tip)}" title="{escape(tip)}" aria-describedby="{escape(described)}">'
            f"{escape(chunk)}</mark>"
        )
    return Markup("".join(pieces))
