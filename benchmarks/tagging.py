"""Tagging speed: provisions per second of the Palermo tagger vs. a parser-based reference pipeline.

usage: python benchmarks/tagging.py [--shared DIR] [--n 20000] [--baseline-n N]

Input: the provisions of ../shared/gold/dev.jsonl repeated to ``--n`` (>= 20,000) provisions.
Measures, in one process and one run on the same input:

* ``provisions_per_s``: ``Tagger.tag_batch`` (blank pipeline + lookup lemmatizer + matcher + rules);
* ``baseline_provisions_per_s``: a reference pipeline with a dependency parser. ``en_core_web_sm``
  is not installable from PyPI (``pip download en-core-web-sm`` finds no distribution; it is only
  published on GitHub releases), so the reference is ``spacy.blank("en")`` plus a ``tok2vec`` and a
  ``parser`` with the architecture and sizes of en_core_web_sm's config (HashEmbedCNN width 96,
  depth 4, embed rows 2000/1000; TransitionBasedParser hidden width 64, maxout 2), initialised with
  random weights: the same computation as the trained parser, without downloading anything.

Throughput is measured in CPU seconds of this process (``time.process_time``), which is robust to
other processes sharing the machine; wall-clock figures are printed too. The last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"

PARSER_CONFIG = {
    "model": {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "parser",
        "extra_state_tokens": False,
        "hidden_width": 64,
        "maxout_pieces": 2,
        "use_upper": True,
        "nO": None,
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 96,
                      "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"], "rows": [5000, 1000, 2500, 2500],
                      "include_static_vectors": False},
            "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 96, "depth": 4,
                       "window_size": 1, "maxout_pieces": 3},
        },
    }
}


def load_provisions(shared: Path, n: int) -> list[dict]:
    """dev.jsonl provisions (text, language) repeated to ``n`` items."""
    rows = []
    with (shared / "gold" / "dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                rows.append({"text": record["text"], "language": record["language"]})
    if not rows:
        raise SystemExit("dev.jsonl is empty")
    return [rows[i % len(rows)] for i in range(n)]


def reference_pipeline():
    """Blank English pipeline with an en_core_web_sm-sized dependency parser (random weights)."""
    import spacy
    from spacy.training import Example

    nlp = spacy.blank("en")
    nlp.add_pipe("parser", config=PARSER_CONFIG)
    doc = nlp.make_doc("The court shall order the offender to pay compensation to the victim.")
    # The court shall order the offender to pay compensation to the victim .
    heads = [1, 3, 3, 3, 5, 3, 7, 3, 7, 7, 11, 9, 3]
    deps = ["det", "nsubj", "aux", "ROOT", "det", "dobj", "aux", "xcomp", "dobj", "prep", "det", "pobj",
            "punct"]
    example = Example.from_dict(doc, {"heads": heads, "deps": deps})
    nlp.initialize(lambda: [example])
    return nlp


def measure(function, items) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of ``function(items)``."""
    cpu, wall = time.process_time(), time.perf_counter()
    function(items)
    return time.process_time() - cpu, time.perf_counter() - wall


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--n", type=int, default=20_000, help="provisions to tag (default 20,000)")
    parser.add_argument("--baseline-n", type=int, default=0,
                        help="provisions for the reference pipeline (default: the same --n)")
    args = parser.parse_args(argv)
    from indexer.tagging import get_tagger

    items = load_provisions(args.shared, args.n)
    tagger = get_tagger()
    for language in sorted({item["language"] for item in items}):
        tagger.tag("warm up", language)  # build pipelines outside the timed region
    cpu, wall = measure(tagger.tag_batch, items)
    print(f"palermo tagger: {len(items)} provisions in {cpu:.2f} CPU s ({wall:.2f} s wall)")

    baseline_items = items[: args.baseline_n] if args.baseline_n else items
    nlp = reference_pipeline()
    texts = [item["text"] for item in baseline_items]
    base_cpu, base_wall = measure(lambda batch: list(nlp.pipe(batch, batch_size=64)), texts)
    print(f"reference (blank en + en_core_web_sm-sized parser): {len(texts)} provisions in "
          f"{base_cpu:.2f} CPU s ({base_wall:.2f} s wall)")
    rate = len(items) / cpu
    base_rate = len(texts) / base_cpu
    print(json.dumps({"provisions": len(items), "provisions_per_s": round(rate, 1),
                      "wall_provisions_per_s": round(len(items) / wall, 1),
                      "baseline_provisions": len(texts), "baseline_provisions_per_s": round(base_rate, 1),
                      "ratio": round(rate / base_rate, 2),
                      "baseline": "blank en + parser sized as en_core_web_sm (random weights)"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
