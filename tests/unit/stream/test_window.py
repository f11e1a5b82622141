"""The dedup window of a worker: match, settle, forget, expire and rebuild after recovery."""

from __future__ import annotations

from typing import Any

import orjson

from pipeline.core.dedup import Candidate, candidate_for
from pipeline.core.dedup_index import MAX_CANDIDATES_PER_KEY, table_key
from pipeline.core.dedup_stream import (
    EARLIER,
    HEAD,
    REPLY,
    entry_of,
    gather,
    keys_by_partition,
    verdict_of,
)
from pipeline.stream.window import DedupWindow
from tests.stories import BODY, LONG, NEAR

PARTITIONS = 4
WINDOW = 1200.0
BUCKET = 100.0


class FakeTable(dict[str, Any]):
    """What DedupWindow uses of a Faust table: a mapping whose `data` is the store."""

    @property
    def data(self) -> FakeTable:
        return self


def candidate(article_id: str, seen_at: float, body: str = BODY) -> Candidate:
    return candidate_for(article_id, seen_at, f"https://x.example/{article_id}", body)


def new_window() -> DedupWindow:
    return DedupWindow(FakeTable(), WINDOW, BUCKET)


def probe(window: DedupWindow, c: Candidate) -> dict[str, list[Any]]:
    """Every probes partition's answer to the article's probes, merged; the probe is kept."""
    found: dict[str, list[Any]] = {}
    for partition, keys in keys_by_partition(c.keys(), PARTITIONS).items():
        found.update(window.match(partition, c, keys)[0].found)
    return found


def ids(found: dict[str, list[Any]]) -> set[str]:
    return {entry[0] for entries in found.values() for entry in entries}


def partitions_of(c: Candidate) -> list[int]:
    return list(keys_by_partition(c.keys(), PARTITIONS))


def recovered(window: DedupWindow, now: float) -> DedupWindow:
    """A new worker's window after recovering the changelog (values decoded from JSON)."""
    table = FakeTable({k: orjson.loads(orjson.dumps(v)) for k, v in window.table.items()})
    again = DedupWindow(table, WINDOW, BUCKET)  # type: ignore[arg-type]
    again.rebuild(now)
    return again


def verdict(c: Candidate, found: dict[str, list[Any]]) -> Any:
    keys = c.keys()
    state = gather(None, {"kind": HEAD, "keys": keys, "candidate": c.to_dict(), "figures": [],
                          "article": {}, "partition": 0}).state
    for key in keys:
        state = gather(state, {"kind": REPLY, "found": {key: found.get(key, [])}}).state
    return verdict_of(state)


def test_an_article_is_kept_once_per_partition_and_found_under_each_key() -> None:
    window = new_window()
    original = candidate("a", 10.0)
    keys = original.keys()
    assert probe(window, original) == {k: [] for k in keys}
    assert sorted(window.table) == sorted(table_key(p, "a") for p in partitions_of(original))
    found = probe(window, candidate("b", 11.0))  # the same body at another URL
    assert ids(found) == {"a"}
    assert {k for k, v in found.items() if v} == set(original.keys()) - {original.url_key}
    assert verdict(candidate("b", 11.0), found).duplicate_of == "a"


def test_a_probe_processed_again_finds_the_same_and_writes_nothing() -> None:
    window = new_window()
    probe(window, candidate("a", 10.0))
    first = probe(window, candidate("b", 11.0))
    table = dict(window.table)
    assert probe(window, candidate("b", 11.0)) == first
    assert dict(window.table) == table
    partition, keys = next(iter(keys_by_partition(candidate("b", 11.0).keys(), 4).items()))
    assert window.match(partition, candidate("b", 11.0), keys)[1] is False


def test_settle_then_forget() -> None:
    window = new_window()
    probe(window, candidate("a", 10.0))
    probe(window, candidate("b", 11.0))
    for p in partitions_of(candidate("a", 10.0)):
        window.settle(p, "a", "a")
        window.settle(p, "a", "a")  # idempotent
    for p in partitions_of(candidate("b", 11.0)):
        window.forget(p, "b")
        window.forget(p, "b")
    found = probe(window, candidate("c", 12.0))
    assert ids(found) == {"a"}
    entry = next(e for entries in found.values() for e in entries)
    assert (entry[4], entry[5]) == ("a", "a")  # decided: canonical and its own cluster
    assert all(":b" not in key for key in window.table)


def test_the_horizon_and_expiry_bound_the_window() -> None:
    window = new_window()
    probe(window, candidate("a", 10.0))
    assert ids(probe(window, candidate("b", 10.0 + WINDOW + 1))) == set()  # too old to match
    held = window.memory_bytes()
    assert window.expire(now=500.0) == 0
    # The bucket of "a" ([0, 100)) ends a window before 1300: it leaves, "b" stays.
    assert window.expire(now=BUCKET + WINDOW) == len(partitions_of(candidate("a", 10.0)))
    assert all(key.endswith(":b") for key in window.table)
    assert 0 < window.memory_bytes() < held
    window.expire(now=1e9)
    assert len(window) == 0
    assert window.memory_bytes() == 0


def test_a_recovered_window_answers_as_the_live_one_did() -> None:
    window = new_window()
    stories = [candidate(f"s{i:02d}", 10.0 * i, LONG if i % 2 else BODY) for i in range(40)]
    for c in stories:
        probe(window, c)
    for p in partitions_of(stories[3]):
        window.settle(p, "s03", "s01")
    for p in partitions_of(stories[5]):
        window.forget(p, "s05")
    again = recovered(window, now=400.0)
    assert again.index.size == window.index.size
    assert abs(again.memory_bytes() - window.memory_bytes()) < window.memory_bytes() / 100
    late = candidate("zz", 500.0, NEAR)
    assert probe(again, late) == probe(window, late)
    # Recovered entries expire too (Faust's windowed tables never expired them).
    held = len(again.table)
    assert again.expire(now=1e9) == held
    assert len(again.table) == 0


def test_a_recovery_drops_what_left_the_window_meanwhile() -> None:
    window = new_window()
    probe(window, candidate("a", 10.0))
    probe(window, candidate("b", 900.0, LONG))
    again = recovered(window, now=BUCKET + WINDOW)
    assert all(key.endswith(":b") for key in again.table)
    assert "a" not in ids(probe(again, candidate("c", 950.0)))


def test_each_key_keeps_a_bounded_number_of_the_latest() -> None:
    window = new_window()
    for i in range(MAX_CANDIDATES_PER_KEY + 10):
        probe(window, candidate(f"a{i:03d}", float(i)))
    found = probe(window, candidate("z", 99.0))
    del found[candidate("z", 99.0).url_key or ""]  # each article has a URL of its own
    for entries in found.values():
        assert len(entries) == MAX_CANDIDATES_PER_KEY
        assert min(e[0] for e in entries) == "a010"
    # A recovery keeps the same latest ones under each key.
    again = recovered(window, 0.0)
    assert probe(again, candidate("y", 99.5)) == probe(window, candidate("y", 99.5))


def test_a_late_original_defers_to_a_copy_already_decided_but_not_to_one_in_flight() -> None:
    copy = candidate("z", 30.0, NEAR)  # came in first
    late = candidate("a", 10.0, LONG)
    in_flight = new_window()
    probe(in_flight, copy)
    decided = new_window()
    probe(decided, copy)
    for p in partitions_of(copy):
        decided.settle(p, "z", "z")
    assert verdict(late, probe(in_flight, late)).duplicate_of is None
    assert verdict(late, probe(decided, late)).duplicate_of == "z"


def test_a_copy_that_passed_first_learns_of_its_original_while_still_deciding() -> None:
    copy, original = candidate("z", 30.0, NEAR), candidate("a", 10.0, LONG)
    window = new_window()
    probe(window, copy)  # the copy's probe passed its keys first, undecided
    told: set[str] = set()
    for partition, keys in keys_by_partition(original.keys(), PARTITIONS).items():
        told.update(window.match(partition, original, keys)[0].later_in_flight)
    assert told == {"z"}
    settled = new_window()
    probe(settled, copy)
    for p in partitions_of(copy):
        settled.settle(p, "z", "z")
    for partition, keys in keys_by_partition(original.keys(), PARTITIONS).items():
        assert settled.match(partition, original, keys)[0].later_in_flight == []
    keys = copy.keys()
    state = gather(None, {"kind": HEAD, "keys": keys, "candidate": copy.to_dict(),
                          "figures": [], "article": {}, "partition": 0}).state
    state = gather(state, {"kind": EARLIER, "entry": entry_of(original)}).state
    for key in keys:
        state = gather(state, {"kind": REPLY, "found": {key: []}}).state
    assert verdict_of(state).duplicate_of == "a"


def test_a_replayed_original_keeps_its_verdict_whatever_copies_came_since() -> None:
    window = new_window()
    original, copy = candidate("a", 10.0, LONG), candidate("b", 11.0, NEAR)
    probe(window, original)
    for partition in partitions_of(original):
        window.settle(partition, "a", "a")
    probe(window, copy)  # an update (say) of "a", settled in its cluster
    for partition in partitions_of(copy):
        window.settle(partition, "b", "a")
    replay = candidate("a", 500.0, LONG)  # the same article again, ingested later
    keys = replay.keys()
    state = gather(None, {"kind": HEAD, "keys": keys, "candidate": replay.to_dict(),
                          "figures": [], "article": {}, "partition": 0}).state
    found = probe(window, replay)
    for key in keys:
        state = gather(state, {"kind": REPLY, "found": {key: found.get(key, [])}}).state
    verdict = verdict_of(state, WINDOW)
    assert (verdict.duplicate_of, verdict.cluster) == (None, "a")
    # Undecided, its own entry is no find: the arrival rule decides as before.
    fresh = new_window()
    probe(fresh, original)
    assert "a" not in ids(probe(fresh, candidate("a", 20.0, LONG)))
