"""`figurewatch extract` and `figurewatch dedup`: JSON Lines in, JSON Lines out, no broker."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=REPO, input=stdin, capture_output=True, timeout=120, check=False,
    )


def test_extract_writes_one_line_per_article_with_figures() -> None:
    result = run("extract", "seeds/samples.jsonl")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines][:3] == ["sample-001", "sample-006", "sample-007"]
    casualties = next(line for line in lines if line["id"] == "sample-002")["figures"]
    assert {f["metric"] for f in casualties} >= {"troops_killed", "troops_wounded"}
    assert all(f["article_id"] == "sample-002" for f in casualties)


def test_extract_reports_bad_records_and_goes_on() -> None:
    good = json.dumps({"id": "ok", "body": "Russia has deployed 5,000 troops to Belarus."})
    result = run("extract", "-", stdin=b"{broken\n" + good.encode() + b"\n")
    assert result.returncode == 1
    assert b"malformed_json" in result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["ok"]


def test_dedup_marks_copies_and_keeps_originals() -> None:
    result = run("dedup", "seeds/samples.jsonl")
    assert result.returncode == 0, result.stderr
    verdicts = {v["id"]: v for v in map(json.loads, result.stdout.splitlines())}
    assert verdicts["sample-001"]["duplicate_of"] is None
    assert verdicts["sample-006"] == {
        "id": "sample-006", "duplicate_of": "sample-001", "cluster": "sample-001",
        "reason": "exact_url", "figures_differ": False,
    }
    assert verdicts["sample-007"]["reason"] == "exact_body"
    assert verdicts["sample-007"]["duplicate_of"] == "sample-001"
    assert all(verdicts[i]["duplicate_of"] is None for i in ("sample-002", "sample-008"))
