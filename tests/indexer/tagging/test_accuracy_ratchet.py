"""Accuracy ratchet: micro-F1 on ../shared/gold/dev.jsonl may not fall below the last reached value - 0.02.

The last reached value lives in ``ratchet.json`` next to this file; it is raised by
``python benchmarks/tagging_accuracy.py --update-ratchet`` (never by editing this test). The gold
file is read from ../shared at run time; the test skips when ../shared is absent.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

RATCHET = Path(__file__).with_name("ratchet.json")
BENCHMARK = Path(__file__).resolve().parents[3] / "benchmarks" / "tagging_accuracy.py"


def _benchmark_module():
    spec = importlib.util.spec_from_file_location("palermo_tagging_accuracy", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared
@pytest.mark.slow
def test_micro_f1_does_not_regress(shared_dir):
    ratchet = json.loads(RATCHET.read_text())
    result, predictions = _benchmark_module().evaluate(shared_dir)
    assert result["provisions"] == len(predictions) > 0
    micro = result["micro"]["f1"]
    floor = ratchet["micro_f1"] - ratchet.get("tolerance", 0.02)
    assert micro >= floor, f"micro-F1 {micro:.4f} fell below ratchet {ratchet['micro_f1']:.4f} - tolerance"


def test_ratchet_file_is_sane():
    ratchet = json.loads(RATCHET.read_text())
    assert 0.0 < ratchet["micro_f1"] <= 1.0
    assert 0.0 <= ratchet.get("tolerance", 0.02) <= 0.05
