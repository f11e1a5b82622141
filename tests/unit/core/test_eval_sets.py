"""The hand-written evaluation passages stay above the issue's bar (F1 >= 0.90).

Only the files rules are written against are checked here: eval/passages.jsonl and the
blind dev sets eval/heldout_dev*.jsonl. The test files eval/heldout_test*.jsonl are scored by
`eval/score.py`, never by a test, so that no change is ever fitted to them.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[3] / "eval"


def _score_module():
    spec = importlib.util.spec_from_file_location("eval_score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "name",
    ["passages.jsonl", "heldout_dev.jsonl", "heldout_dev2.jsonl", "heldout_dev3.jsonl",
     "heldout_dev4.jsonl", "heldout_dev5.jsonl", "heldout_dev6.jsonl", "heldout_dev7.jsonl",
     "heldout_dev8.jsonl"],
)
def test_evaluation_passages_score_above_the_bar(name):
    table = _score_module().score(EVAL / name)
    assert table["passages"]["n"] >= 30
    for kind in ("troops", "casualties", "weapon_test"):
        assert table[kind]["f1"] >= 0.90, (kind, table[kind])
    assert table["all"]["precision"] >= 0.95, table["all"]
    assert table["all"]["f1"] >= 0.95, table["all"]


def test_the_scorer_counts_misses_and_false_figures(tmp_path):
    passages = tmp_path / "p.jsonl"
    passages.write_text(
        '{"id": "a", "text": "North Korea sent 3,000 troops to Russia.", "expected": '
        '[{"metric": "troops_deployed", "low": 4000, "high": 4000, "vague": null, '
        '"ordinal": false}]}\n',
        encoding="utf-8",
    )
    table = _score_module().score(passages)
    assert (table["troops"]["tp"], table["troops"]["fp"], table["troops"]["fn"]) == (0, 1, 1)
    assert table["all"]["f1"] == 0.0
