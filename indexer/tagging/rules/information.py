"""Information duties: a right or service that victims are only *told about* is not granted.

The general annotation rule of the spec: "a provision that only informs victims about a right or
service carries prot.counselling (information on legal rights), not the right itself". What counts
as the object of an information duty (``cue.inform``):

- the few tokens after the cue in the same sentence ("shall inform the victim of the possibility of
  a residence permit");
- the whole enumeration a duty introduces with a colon ("informs the victim of the following:" and
  then one list item per line, "a) ...", "1° ...", "(i) ...");
- the whole list item or line that starts with the cue ("b) Information on the services available
  ...").
"""

from __future__ import annotations

import re

from indexer.tagging.rules.base import Analysis, Evidence, same_sentence

INFORM_WINDOW = 14  # tokens after the start of an information duty in which a right is only its object
INFORMED_GROUPS = ("prot.", "status.", "rights.")
NOT_INFORMATION = ("prot.counselling", "prot.proceedings_information", "rights.identification")
COLON_REACH = 400  # characters between the cue and the colon that introduces its list
# The end of a sentence or of a line before the colon: ". The", ";" or a line break.
SENTENCE_END_RE = re.compile(r"[.;]\s|\n")
# A list marker at the start of a line, e.g. "a) ", "(b) ", "iv) ", "(2) ", "3) ", "1° ", "2. ", "- ".
LIST_MARKER_RE = re.compile(
    r"[ \t]*(?:(?P<letter>\(?[a-zA-Z]{1,4}\))|(?P<paren>\(?\d{1,3}\))|(?P<degree>\d{1,3}\s?[°º])"
    r"|(?P<dot>\d{1,3}\.)(?=\s)|(?P<bullet>[-–—•]))\s*")
# A list item whose first words are the information duty: "c) La información sobre", "2° Des"
ITEM_LEAD_RE = re.compile(r"^\S{1,3}\s+$|^$")


def marker_style(line: str) -> str | None:
    """The kind of list marker a line starts with ("letter", "paren", "degree", "dot", "bullet")."""
    match = LIST_MARKER_RE.match(line)
    if not match or match.end() == 0:
        return None
    return next((name for name, value in match.groupdict().items() if value), None)


def list_end(text: str, colon: int) -> int | None:
    """End offset of the enumeration introduced by the colon at ``colon`` (None when none follows).

    The list is the run of lines right after the colon that start with the same kind of marker as
    the first one: in "... sobre: / a) ... / b) ... / 2. Esta información ..." it stops before "2.".
    """
    newline = text.find("\n", colon)
    if newline < 0 or text[colon + 1:newline].strip():
        return None  # the list must start on the next line
    position, end, style = newline + 1, None, None
    while position < len(text):
        line_end = text.find("\n", position)
        line_end = len(text) if line_end < 0 else line_end
        line = text[position:line_end]
        if line.strip():
            current = marker_style(line)
            if current is None or (style is not None and current != style):
                break
            style, end = current, line_end
        position = line_end + 1
    return end


def object_spans(analysis: Analysis) -> list[tuple[int, int]]:
    """Character spans that are only the object of an information duty (lists and list items)."""
    text = analysis.text
    spans = []
    for cue in analysis.cues("cue.inform"):
        colon = text.find(":", cue.start, cue.start + COLON_REACH)
        if colon >= 0 and not SENTENCE_END_RE.search(text, cue.start, colon):
            end = list_end(text, colon)
            if end is not None:
                spans.append((cue.start, end))
                continue
        line_start = text.rfind("\n", 0, cue.start) + 1
        lead = text[line_start:cue.start]
        marker = LIST_MARKER_RE.match(lead)
        rest = lead[marker.end():] if marker and marker.end() else lead
        if marker and marker.end() and ITEM_LEAD_RE.match(rest):
            line_end = text.find("\n", cue.start)
            spans.append((cue.start, len(text) if line_end < 0 else line_end))
    return spans


def apply_information_only(analysis: Analysis) -> None:
    """A provision that only informs victims about a right or service carries prot.counselling.

    Rights and services named only inside an information duty ("shall inform the victim of the
    possibility of a residence permit", or a list the duty introduces) are dropped, and the duty
    itself gives prot.counselling. Not next to a duty to inform about the proceedings (an element of
    its own): what victims are told about their case (release of the offender, protective orders)
    is part of protecting them.
    """
    informs = analysis.cues("cue.inform")
    if not informs or "prot.proceedings_information" in analysis.candidates:
        return  # informing about proceedings is an element of its own, followed by other duties
    spans = object_spans(analysis)

    def informed(e: Evidence) -> bool:
        if any(start <= e.start < end for start, end in spans):
            return True
        return any(0 < e.tok_start - c.tok_start <= INFORM_WINDOW and same_sentence(analysis.text, c, e)
                   for c in informs)

    dropped = False
    for element in list(analysis.candidates):
        if not element.startswith(INFORMED_GROUPS) or element in NOT_INFORMATION:
            continue
        if all(informed(e) for e in analysis.candidates[element]):
            analysis.drop(element, "rule.information_only")
            dropped = True
    if dropped and "prot.counselling" not in analysis.candidates:
        cue = informs[0]
        analysis.add(Evidence("prot.counselling", cue.start, cue.end, 0.7, [cue.pattern_id], cue.tok_start,
                              cue.tok_end), "rule.information_only")
