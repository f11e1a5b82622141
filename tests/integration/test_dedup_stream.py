"""Dedup across partitions and workers, and its time window, on the real broker."""

from __future__ import annotations

import json
import time
from typing import Any

from tests.integration.conftest import Names, produce, read_topic
from tests.integration.test_recovery import metric, wait_for_metric
from tests.stories import originals, rewrite, syndicated, updated

ORIGINALS = 20


def verdicts_by_id(broker_url: str, names: Names, expected: int) -> dict[str, dict[str, Any]]:
    records = read_topic(broker_url, names.topic("dedup.verdicts"), expected, unique_by="id")
    return {r["id"]: r for r in records}


def test_copies_on_other_partitions_are_caught_by_two_workers(
    broker_url: str, names: Names, worker_factory: Any
) -> None:
    first, second = worker_factory().start(), worker_factory().start()
    first.wait_ready()
    second.wait_ready()
    assert first.wait_ready()["assigned_partitions"] > 0  # both hold part of the work
    assert second.wait_ready()["assigned_partitions"] > 0

    stories = originals(ORIGINALS, seed=11)
    produce(broker_url, names.topic("articles"), [(None, s.line()) for s in stories])
    assert len(verdicts_by_id(broker_url, names, ORIGINALS)) == ORIGINALS, first.logs()

    copies = [syndicated(s, "gazette") for s in stories]
    rewrites = [rewrite(s, "herald", seed=i) for i, s in enumerate(stories)]
    updates = [updated(s, "post")[0] for s in stories[:10]]
    later = copies + rewrites + updates
    # No key: the producer spreads the copies over the partitions at random.
    produce(broker_url, names.topic("articles"), [(None, json.dumps(r).encode()) for r in later])
    verdicts = verdicts_by_id(broker_url, names, ORIGINALS + len(later))
    assert len(verdicts) == ORIGINALS + len(later), second.logs()

    for story in stories:
        assert verdicts[str(story.record["id"])]["duplicate_of"] is None
    moved = 0
    for story, copy, redo in zip(stories, copies, rewrites, strict=True):
        original = verdicts[str(story.record["id"])]
        for record in (copy, redo):
            verdict = verdicts[str(record["id"])]
            assert verdict["duplicate_of"] == story.record["id"], verdict
            assert verdict["figures_differ"] is False
            moved += verdict["partition"] != original["partition"]
    # The point of routing by dedup key: most copies came in on another partition.
    assert moved >= 10, moved
    for story, record in zip(stories, updates, strict=False):
        verdict = verdicts[str(record["id"])]
        assert verdict["duplicate_of"] is None, verdict
        assert verdict["figures_differ"] is True
        assert verdict["cluster"] == story.record["id"]


def test_a_copy_after_the_window_is_new_and_expired_buckets_free_memory(
    broker_url: str, names: Names, worker_factory: Any
) -> None:
    window = 12.0  # one-second buckets: Faust windows are whole seconds wide
    worker = worker_factory(
        FIGUREWATCH_DEDUP_WINDOW_SECONDS=str(window),
        FIGUREWATCH_TABLE_CLEANUP_INTERVAL_SECONDS="1",
    ).start()
    worker.wait_ready()
    stories = originals(5, seed=21)
    produce(broker_url, names.topic("articles"), [(None, s.line()) for s in stories[:4]])
    assert len(verdicts_by_id(broker_url, names, 4)) == 4, worker.logs()
    copy = syndicated(stories[0], "gazette")
    produce(broker_url, names.topic("articles"), [(None, json.dumps(copy).encode())])
    verdicts = verdicts_by_id(broker_url, names, 5)
    assert verdicts[str(copy["id"])]["duplicate_of"] == stories[0].record["id"]
    wait_for_metric(worker, "pipeline_dedup_window_bytes", 1)
    held = metric(worker, "pipeline_dedup_window_bytes")

    time.sleep(window + 2.0)
    late = syndicated(stories[1], "herald")
    produce(broker_url, names.topic("articles"), [(None, json.dumps(late).encode())])
    verdicts = verdicts_by_id(broker_url, names, 6)
    assert verdicts[str(late["id"])]["duplicate_of"] is None, "matched outside the window"

    # The first five articles' buckets expire and are dropped: only the late copy's stay.
    deadline = time.monotonic() + 20
    while metric(worker, "pipeline_dedup_window_bytes") > held / 3:
        assert time.monotonic() < deadline, (held, metric(worker, "pipeline_dedup_window_bytes"))
        time.sleep(0.5)
