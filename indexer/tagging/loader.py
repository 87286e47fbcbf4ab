"""Load and validate the per-language pattern files (``patterns/<lang>/*.jsonl``).

The schema is documented in ``patterns/README.md``. Every problem raises ``PatternError`` naming
the file and line, so a bad pattern never silently disappears.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from indexer.tagging.cues import CUE_IDS
from indexer.tagging.taxonomy import element_ids

PATTERNS_DIR = Path(__file__).with_name("patterns")
GROUP_FILES = ("act", "means", "purpose", "definition", "crim", "prot", "status", "rights", "prev", "coop",
               "inst", "cues")
KINDS = ("token", "phrase")
PHRASE_ATTRS = ("LOWER", "LEMMA", "NORM")
# spaCy token attributes that a blank pipeline (no tagger/parser) cannot fill.
FORBIDDEN_TOKEN_KEYS = frozenset({"POS", "TAG", "MORPH", "DEP", "ENT_TYPE", "ENT_IOB", "ENT_ID",
                                  "SENT_START"})
ALLOWED_KEYS = frozenset({"id", "element", "kind", "pattern", "attr", "confidence", "note"})
# e.g. "en.act.recruitment.verb"
PATTERN_ID_RE = re.compile(r"^[a-z]{2,3}(?:\.[a-z0-9_-]+)+$")
# e.g. "fr" or "pt"
LANG_RE = re.compile(r"^[a-z]{2,3}$")
DEFAULT_CONFIDENCE = 0.8


class PatternError(ValueError):
    """A pattern file or line does not follow the schema."""


@dataclass(frozen=True)
class PatternSpec:
    """One validated pattern line."""

    id: str
    element: str
    kind: str
    pattern: list | str
    attr: str = "LOWER"
    confidence: float = DEFAULT_CONFIDENCE
    note: str = ""
    source: str = field(default="", compare=False)

    @property
    def is_cue(self) -> bool:
        """True for a context cue (never emitted as a tag)."""
        return self.element.startswith("cue.")


def _check_token_pattern(pattern: object, where: str) -> None:
    if not isinstance(pattern, list) or not pattern:
        raise PatternError(f"{where}: a token pattern must be a non-empty list of token dicts")
    for token in pattern:
        if not isinstance(token, dict):
            raise PatternError(f"{where}: every token of a token pattern must be a dict")
        bad = FORBIDDEN_TOKEN_KEYS.intersection(k.upper() for k in token)
        if bad:
            raise PatternError(f"{where}: {sorted(bad)} need a trained pipeline; use LOWER/LEMMA/REGEX")


def parse_line(raw: dict, lang: str, where: str, known_elements: frozenset[str] | None = None) -> PatternSpec:
    """Validate one decoded JSON object and return a ``PatternSpec``."""
    if not isinstance(raw, dict):
        raise PatternError(f"{where}: a pattern line must be a JSON object")
    unknown = set(raw) - ALLOWED_KEYS
    if unknown:
        raise PatternError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("id", "element", "kind", "pattern"):
        if key not in raw:
            raise PatternError(f"{where}: missing '{key}'")
    pattern_id, element, kind = raw["id"], raw["element"], raw["kind"]
    if not isinstance(pattern_id, str) or not PATTERN_ID_RE.match(pattern_id):
        raise PatternError(f"{where}: bad id {pattern_id!r} (want '<lang>.<group>.<name>')")
    if not pattern_id.startswith(lang + "."):
        raise PatternError(f"{where}: id {pattern_id!r} must start with '{lang}.'")
    known = known_elements if known_elements is not None else element_ids()
    if element not in known and element not in CUE_IDS:
        raise PatternError(f"{where}: element {element!r} is neither a taxonomy id nor a documented cue")
    if kind not in KINDS:
        raise PatternError(f"{where}: kind must be one of {KINDS}, not {kind!r}")
    attr = raw.get("attr", "LOWER")
    if kind == "phrase":
        if not isinstance(raw["pattern"], str) or not raw["pattern"].strip():
            raise PatternError(f"{where}: a phrase pattern must be a non-empty string")
        if attr not in PHRASE_ATTRS:
            raise PatternError(f"{where}: attr must be one of {PHRASE_ATTRS}, not {attr!r}")
    else:
        _check_token_pattern(raw["pattern"], where)
        if "attr" in raw:
            raise PatternError(f"{where}: 'attr' is for phrase patterns only")
    confidence = raw.get("confidence", DEFAULT_CONFIDENCE)
    if isinstance(confidence, bool) or not isinstance(confidence, int | float) or not 0 < confidence <= 1:
        raise PatternError(f"{where}: confidence must be a number in (0, 1]")
    note = raw.get("note", "")
    if not isinstance(note, str):
        raise PatternError(f"{where}: note must be a string")
    return PatternSpec(id=pattern_id, element=element, kind=kind, pattern=raw["pattern"], attr=attr,
                       confidence=float(confidence), note=note, source=where)


def read_pattern_file(path: Path, lang: str) -> list[PatternSpec]:
    """Read and validate one JSONL pattern file."""
    specs = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            where = f"{path.parent.name}/{path.name}:{number}"
            try:
                raw = json.loads(stripped)
            except json.JSONDecodeError as err:
                raise PatternError(f"{where}: not JSON: {err}") from err
            specs.append(parse_line(raw, lang, where))
    return specs


def available_languages(base: Path | None = None) -> list[str]:
    """Language codes that have a pattern folder."""
    root = base or PATTERNS_DIR
    return sorted(p.name for p in root.iterdir()
                  if p.is_dir() and LANG_RE.match(p.name) and any(p.glob("*.jsonl")))


def load_patterns_from(folder: Path, lang: str) -> list[PatternSpec]:
    """Load every ``*.jsonl`` file of one language folder; ids must be unique."""
    if not LANG_RE.match(lang):
        raise PatternError(f"bad language code {lang!r}")
    if not folder.is_dir():
        raise PatternError(f"no pattern folder for language {lang!r} ({folder})")
    specs: list[PatternSpec] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.jsonl")):
        if path.stem not in GROUP_FILES:
            raise PatternError(f"{lang}/{path.name}: unexpected file (groups are {', '.join(GROUP_FILES)})")
        for spec in read_pattern_file(path, lang):
            if spec.id in seen:
                raise PatternError(f"{spec.source}: duplicate id {spec.id!r} (first at {seen[spec.id]})")
            seen[spec.id] = spec.source
            specs.append(spec)
    return specs


@lru_cache
def load_patterns(lang: str) -> tuple[PatternSpec, ...]:
    """Load and validate the patterns of ``lang`` from the package's pattern folder (cached)."""
    return tuple(load_patterns_from(PATTERNS_DIR / lang, lang))


def main(argv: list[str]) -> int:
    """Validate the pattern folders named on the command line (all when none)."""
    status = 0
    for lang in argv or available_languages():
        try:
            specs = load_patterns_from(PATTERNS_DIR / lang, lang)
        except PatternError as err:
            print(f"{lang}: ERROR {err}")
            status = 1
            continue
        elements = {s.element for s in specs if not s.is_cue}
        cues = {s.element for s in specs if s.is_cue}
        print(f"{lang}: {len(specs)} patterns, {len(elements)} elements, {len(cues)} cues")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
