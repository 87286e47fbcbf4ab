"""``python -m indexer.tagging IN.jsonl OUT.jsonl``: the ``palermo tag`` contract without the CLI."""

from __future__ import annotations

import json
import sys

from indexer.tagging import tag_jsonl


def main(argv: list[str]) -> int:
    """Tag ``IN.jsonl`` (id, text, language[, jurisdiction, heading, law_title]) into ``OUT.jsonl``."""
    if len(argv) != 2:
        print("usage: python -m indexer.tagging IN.jsonl OUT.jsonl", file=sys.stderr)
        return 2
    counts = tag_jsonl(argv[0], argv[1])
    print(json.dumps(counts))
    return 0 if counts["provisions"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
