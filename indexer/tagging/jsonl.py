"""``palermo tag``: JSONL in (id, text, language[, jurisdiction, heading, law_title, path]) -> JSONL out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from indexer.models import Tag


def tag_to_json(tag: Tag) -> dict:
    """The output form of one tag."""
    return {"id": tag.element, "evidence": tag.evidence, "start": tag.start, "end": tag.end,
            "confidence": tag.confidence, "rules": tag.rule_ids}


def _parse(line: str, number: int) -> tuple[object, dict | None, str | None]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return None, None, f"line {number}: not JSON: {err}"
    if not isinstance(record, dict):
        return None, None, f"line {number}: not a JSON object"
    if not isinstance(record.get("text"), str):
        return record.get("id"), None, f"line {number}: 'text' missing or not a string"
    return record.get("id"), record, None


def tag_stream(tagger, source: IO[str], sink: IO[str], batch_size: int = 64) -> dict:
    """Tag every line of ``source`` and write one output line each, in order; returns counts."""
    counts = {"provisions": 0, "errors": 0, "tags": 0}
    pending: list[tuple[object, dict | None, str | None]] = []

    def flush() -> None:
        items = [rec for _, rec, err in pending if err is None]
        results = iter(tagger.tag_batch_detailed(items))
        for ident, _rec, err in pending:
            out: dict = {"id": ident, "elements": []}
            if err is None:
                result = next(results)
                err = result.error
                out["elements"] = [tag_to_json(t) for t in result.tags]
                counts["tags"] += len(result.tags)
            if err:
                out["error"] = err
                counts["errors"] += 1
            counts["provisions"] += 1
            sink.write(json.dumps(out, ensure_ascii=False) + "\n")
        pending.clear()

    for number, line in enumerate(source, 1):
        if not line.strip():
            continue
        pending.append(_parse(line, number))
        if len(pending) >= batch_size:
            flush()
    flush()
    return counts


def tag_jsonl(in_path: str | Path, out_path: str | Path, tagger=None) -> dict:
    """Tag a JSONL file of provisions into ``out_path``.

    Returns ``{"provisions": n, "errors": n, "tags": n}``.
    """
    if tagger is None:
        from indexer.tagging import get_tagger

        tagger = get_tagger()
    with open(in_path, encoding="utf-8", errors="replace") as source, \
            open(out_path, "w", encoding="utf-8") as sink:
        return tag_stream(tagger, source, sink)
