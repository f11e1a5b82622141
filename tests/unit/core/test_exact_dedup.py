"""Exact dedup verdicts: a copy with the same figures is dropped, one with other figures is not."""

from __future__ import annotations

from dataclasses import replace

from pipeline.core.exact_dedup import Verdict, exact_verdict, figures_digest
from pipeline.core.models import Evidence, Figure

FIGURE = Figure("troops", "troops_deployed", 3000, 3000, Evidence("s", 0, 5), actor="North Korea")


def test_first_replay_duplicate_update() -> None:
    digest = figures_digest([FIGURE])
    first = {"id": "a1", "digest": digest}
    assert exact_verdict(None, "a1", digest) is Verdict.FIRST
    assert exact_verdict(first, "a1", digest) is Verdict.REPLAY
    assert exact_verdict(first, "a2", digest) is Verdict.DUPLICATE
    changed = figures_digest([replace(FIGURE, low=4000, high=4000)])
    assert exact_verdict(first, "a2", changed) is Verdict.UPDATE


def test_digest_ignores_order_and_evidence_but_not_values() -> None:
    other = replace(FIGURE, metric="troops_killed", low=300, high=300)
    moved = replace(FIGURE, evidence=Evidence("another sentence", 50, 60), article_id="x")
    assert figures_digest([FIGURE, other]) == figures_digest([other, moved])
    assert figures_digest([FIGURE]) != figures_digest([replace(FIGURE, actor="Russia")])
