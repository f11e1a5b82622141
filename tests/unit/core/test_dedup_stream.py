"""The pure steps of cross-partition dedup: probes, remembering, gathering, verdicts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.core.dedup import Candidate, candidate_for
from pipeline.core.dedup_stream import (
    HEAD,
    REPLY,
    candidate_of,
    entry_of,
    gather,
    keys_by_partition,
    partition_for,
    verdict_of,
)
from tests.stories import BODY


def candidate(
    article_id: str, seen_at: float, url: str | None = None, body: str = BODY
) -> Candidate:
    return candidate_for(article_id, seen_at, url or f"https://x.example/{article_id}", body)


def test_entries_round_trip_and_take_their_exact_key_from_where_they_were_found() -> None:
    original = candidate("a", 10.0)
    entry = entry_of(original)
    assert candidate_of(entry, "v1b03:abcd").signature == original.signature
    assert candidate_of(entry, "v1b03:abcd").body_key is None
    body = original.body_key or ""
    assert candidate_of(entry, body).body_key == body


def test_keys_go_to_a_stable_partition() -> None:
    keys = candidate("a", 1.0).keys()
    groups = keys_by_partition(keys, 4)
    assert sorted(k for group in groups.values() for k in group) == sorted(keys)
    assert all(partition_for(k, 4) == p for p, group in groups.items() for k in group)
    assert partition_for("body:abc", 4) == partition_for("body:abc", 4)
    assert len({partition_for(f"k{i}", 4) for i in range(100)}) == 4


@given(st.permutations(range(4)))
def test_gathering_completes_once_in_any_order(order: list[int]) -> None:
    probe = candidate("b", 11.0)
    keys = probe.keys()[:3]
    head = {"kind": HEAD, "keys": keys, "candidate": probe.to_dict(), "figures": [],
            "article": {}, "partition": 0}
    messages = [head] + [{"kind": REPLY, "found": {k: []}} for k in keys]
    state = None
    completions = 0
    for index in order:
        gathered = gather(state, messages[index])
        state = gathered.state
        completions += gathered.complete
    assert completions == 1


def test_verdict_from_replies_points_at_the_earliest_copy_with_the_exact_reason() -> None:
    original = candidate("a", 10.0)
    copy = candidate("b", 11.0)  # the same body at another URL
    keys = copy.keys()
    state = gather(None, {"kind": HEAD, "keys": keys, "candidate": copy.to_dict(),
                          "figures": [], "article": {}, "partition": 1}).state
    shared = set(original.keys())
    for key in keys:  # the original answers under the keys it shares: body and bands
        found = [entry_of(original)] if key in shared else []
        state = gather(state, {"kind": REPLY, "found": {key: found}}).state
    verdict = verdict_of(state)
    assert (verdict.duplicate_of, verdict.reason) == ("a", "exact_body")


def _verdict(probe: Candidate, replies: dict[str, list]) -> object:
    state = gather(None, {"kind": HEAD, "keys": list(replies), "candidate": probe.to_dict(),
                          "figures": [], "article": {}, "partition": 0}).state
    for key, found in replies.items():
        state = gather(state, {"kind": REPLY, "found": {key: found}}).state
    return verdict_of(state)


def test_same_body_copies_are_ordered_by_arrival_at_the_body_key() -> None:
    # A burst: the later copy reached every key first and is still deciding.
    first_there = candidate("z", 30.0, url="https://m.example/story")
    late = candidate("a", 10.0, url="https://www.example/story")
    assert first_there.body_key == late.body_key
    entry = entry_of(first_there)
    late_keys = late.keys()
    everywhere = {key: [entry] for key in late_keys}
    assert _verdict(late, everywhere).duplicate_of == "z"  # type: ignore[attr-defined]
    # And the copy that was first at the body key never takes the late one as original,
    # even when it met it first under another key: no two copies drop each other.
    first_keys = first_there.keys()
    elsewhere = {key: ([entry_of(late)] if key.startswith("v1") else []) for key in first_keys}
    assert _verdict(first_there, elsewhere).duplicate_of is None  # type: ignore[attr-defined]

