"""Accuracy of the tagger on ../shared/gold/dev.jsonl, scored with ../shared/gold/score.py.

usage: python benchmarks/tagging_accuracy.py [--shared DIR] [--pred OUT.jsonl] [--no-write]
                                             [--update-ratchet] [--with-law-title]

Prints the per-element table, the micro/macro figures and per-language micro-F1, and writes
``indexer/tagging/accuracy.json`` (shown on the web UI's methodology page). ``--update-ratchet``
also raises ``tests/indexer/tagging/ratchet.json`` when micro-F1 improved. Provisions are tagged
from ``id, text, language`` only (the ``palermo tag`` contract) unless ``--with-law-title``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"
ACCURACY_PATH = REPO / "indexer" / "tagging" / "accuracy.json"
RATCHET_PATH = REPO / "tests" / "indexer" / "tagging" / "ratchet.json"


def load_scorer(shared: Path):
    """Import ``gold/score.py`` by path (the reference scoring formulas)."""
    path = shared / "gold" / "score.py"
    spec = importlib.util.spec_from_file_location("palermo_gold_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(gold: list[dict], with_law_title: bool = False) -> dict[str, list[dict]]:
    """Tag every gold provision; returns ``{id: [{"id": element, ...}, ...]}``."""
    from indexer.tagging import get_tagger
    from indexer.tagging.jsonl import tag_to_json

    tagger = get_tagger()
    items = [{"text": r["text"], "language": r["language"],
              "law_title": r.get("law", "") if with_law_title else ""} for r in gold]
    results = tagger.tag_batch_detailed(items)
    return {r["id"]: [tag_to_json(t) for t in res.tags] for r, res in zip(gold, results, strict=True)}


def evaluate(shared: Path, with_law_title: bool = False) -> tuple[dict, dict[str, list[dict]]]:
    """Score the tagger on dev.jsonl; returns (score.py result + by_language, predictions)."""
    scorer = load_scorer(shared)
    gold = list(scorer.read_jsonl(str(shared / "gold" / "dev.jsonl")))
    started = time.perf_counter()
    predictions = predict(gold, with_law_title)
    elapsed = time.perf_counter() - started
    pred_ids = {k: scorer.element_ids(v) for k, v in predictions.items()}
    result = scorer.score(gold, pred_ids)
    by_language: dict[str, list[dict]] = {}
    for record in gold:
        by_language.setdefault(record.get("language", "?"), []).append(record)
    result["by_language"] = {lang: {"provisions": len(rows), **scorer.score(rows, pred_ids)["micro"]}
                             for lang, rows in sorted(by_language.items())}
    result["seconds"] = round(elapsed, 2)
    return result, predictions


def print_table(result: dict) -> None:
    """Human-readable figures: one line per element, then per language, then the averages."""
    for element, c in result["elements"].items():
        print(f"{element}: F1 {c['f1']:.3f} (P {c['precision']:.3f}, R {c['recall']:.3f}; "
              f"{c['tp']} right, {c['fp']} wrong, {c['fn']} missed)")
    for lang, v in result["by_language"].items():
        print(f"[{lang}] {v['provisions']} provisions: F1 {v['f1']:.3f} (P {v['precision']:.3f}, "
              f"R {v['recall']:.3f})")
    m = result["micro"]
    print(f"overall: micro F1 {m['f1']:.3f} (P {m['precision']:.3f}, R {m['recall']:.3f}), "
          f"macro F1 {result['macro_f1']:.3f}, {len(result['elements'])} elements, "
          f"{result['provisions']} provisions")


def accuracy_document(result: dict) -> dict:
    """The JSON written to ``indexer/tagging/accuracy.json``."""
    elements = {e: {"precision": round(c["precision"], 4), "recall": round(c["recall"], 4),
                    "f1": round(c["f1"], 4), "support": c["tp"] + c["fn"], "tp": c["tp"], "fp": c["fp"],
                    "fn": c["fn"]} for e, c in result["elements"].items()}
    return {
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "gold": "shared/gold/dev.jsonl",
        "provisions": result["provisions"],
        "micro": {k: round(v, 4) for k, v in result["micro"].items()},
        "macro_f1": round(result["macro_f1"], 4),
        "by_language": {k: {kk: (round(vv, 4) if isinstance(vv, float) else vv) for kk, vv in v.items()}
                        for k, v in result["by_language"].items()},
        "elements": elements,
    }


def update_ratchet(micro_f1: float, path: Path = RATCHET_PATH) -> bool:
    """Raise the committed ratchet value when ``micro_f1`` beats it; returns True when written."""
    current = json.loads(path.read_text())["micro_f1"] if path.is_file() else 0.0
    if micro_f1 <= current:
        return False
    path.write_text(json.dumps({"micro_f1": round(micro_f1, 4), "tolerance": 0.02}, indent=1) + "\n")
    return True


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--pred", type=Path, help="also write the prediction JSONL here")
    parser.add_argument("--no-write", action="store_true", help="do not write accuracy.json")
    parser.add_argument("--update-ratchet", action="store_true")
    parser.add_argument("--with-law-title", action="store_true")
    args = parser.parse_args(argv)
    if not (args.shared / "gold" / "dev.jsonl").is_file():
        print(f"no gold file under {args.shared}", file=sys.stderr)
        return 2
    result, predictions = evaluate(args.shared, args.with_law_title)
    print_table(result)
    if args.pred:
        with args.pred.open("w", encoding="utf-8") as out:
            for ident, elements in predictions.items():
                out.write(json.dumps({"id": ident, "elements": elements}, ensure_ascii=False) + "\n")
    if not args.no_write:
        ACCURACY_PATH.write_text(json.dumps(accuracy_document(result), indent=1) + "\n")
    if args.update_ratchet and update_ratchet(result["micro"]["f1"]):
        print(f"ratchet raised to {result['micro']['f1']:.4f}")
    print(json.dumps({"micro_f1": round(result["micro"]["f1"], 4), "macro_f1": round(result["macro_f1"], 4),
                      "by_language": {k: round(v["f1"], 4) for k, v in result["by_language"].items()},
                      "seconds": result["seconds"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
