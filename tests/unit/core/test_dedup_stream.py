"""The pure steps of cross-partition dedup: probes, remembering, gathering, verdicts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.core.dedup import Candidate, candidate_for
from pipeline.core.dedup_stream import (
    EARLIER,
    HEAD,
    MAX_CANDIDATES_PER_KEY,
    REPLY,
    candidate_of,
    entry_of,
    forget_entry,
    gather,
    keys_by_partition,
    later_in_flight,
    match_probe,
    partition_for,
    settle_entry,
    verdict_of,
)

BODY = (
    "North Korea has deployed about 11,000 troops to Russia's Kursk region, officials said "
    "on Monday, citing satellite images of convoys and rail traffic near the border."
)


LONG = BODY + (
    " The spy agency told lawmakers in a closed briefing that the new contingent arrived in"
    " January and February and was deployed along the front line near the border towns."
    " Analysts said the deployment showed deepening military cooperation between the two."
)
#: A near copy of LONG (one word changed): another body, the same story.
NEAR = LONG.replace("closed briefing", "private briefing")


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


def test_match_probe_finds_the_entries_in_the_window_and_remembers_the_probe() -> None:
    bucket = [entry_of(candidate("a", 10.0)), entry_of(candidate("z", 30.0))]
    current, found = match_probe([bucket], candidate("m", 20.0), horizon=0.0)
    assert [e[0] for e in found] == ["a", "z"]  # decide() applies the arrival rule
    assert [e[0] for e in current or []] == ["a", "m", "z"]
    assert [e[0] for e in match_probe([bucket], candidate("m", 20.0), horizon=15.0)[1]] == ["z"]


def test_settle_marks_the_entry_decided() -> None:
    bucket = [entry_of(candidate("a", 10.0)), entry_of(candidate("b", 11.0))]
    settled = settle_entry(bucket, "b", "b", "a") or []
    assert [(e[0], e[4], e[5]) for e in settled] == [("a", None, None), ("b", "b", "a")]
    assert settle_entry(settled, "b", "b", "a") is None


def test_a_late_original_defers_to_a_copy_already_decided_but_not_to_one_in_flight() -> None:
    copy = candidate("z", 30.0, body=NEAR)  # came in first; decided: an original
    in_flight = [entry_of(copy)]
    decided = settle_entry(in_flight, "z", "z", "z") or []
    late = candidate("a", 10.0, body=LONG)
    for bucket, expected in ((in_flight, None), (decided, "z")):
        _, found = match_probe([bucket], late, horizon=0.0)
        keys = late.keys()
        state = gather(None, {"kind": HEAD, "keys": keys, "candidate": late.to_dict(),
                              "figures": [], "article": {}, "partition": 0}).state
        for key in keys:
            state = gather(state, {"kind": REPLY, "found": {key: found}}).state
        assert verdict_of(state).duplicate_of == expected


def test_match_probe_is_idempotent() -> None:
    current, found = match_probe([[entry_of(candidate("a", 10.0))]], candidate("b", 11.0), 0.0)
    again, found_again = match_probe([current or []], candidate("b", 11.0), 0.0)
    assert again is None
    assert found_again == found


def test_match_probe_keeps_a_bounded_number_per_key() -> None:
    bucket: list = []
    for i in range(MAX_CANDIDATES_PER_KEY + 10):
        bucket = match_probe([bucket], candidate(f"a{i:03d}", float(i)), 0.0)[0] or bucket
    assert len(bucket) == MAX_CANDIDATES_PER_KEY
    assert bucket[-1][0] == f"a{MAX_CANDIDATES_PER_KEY + 9:03d}"


def test_forget_removes_only_that_article() -> None:
    bucket = [entry_of(candidate("a", 10.0)), entry_of(candidate("b", 11.0))]
    assert [e[0] for e in forget_entry(bucket, "b") or []] == ["a"]
    assert forget_entry(bucket, "zzz") is None


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


def test_a_copy_that_passed_first_learns_of_its_original_while_still_deciding() -> None:
    copy, original = candidate("z", 30.0, body=NEAR), candidate("a", 10.0, body=LONG)
    copy_keys = copy.keys()
    bucket = [entry_of(copy)]  # the copy's probe passed the key first, undecided
    assert later_in_flight([bucket], original) == ["z"]
    assert later_in_flight([settle_entry(bucket, "z", "z", "z") or []], original) == []
    state = gather(None, {"kind": HEAD, "keys": copy_keys, "candidate": copy.to_dict(),
                          "figures": [], "article": {}, "partition": 0}).state
    state = gather(state, {"kind": EARLIER, "entry": entry_of(original)}).state
    for key in copy_keys:
        gathered = gather(state, {"kind": REPLY, "found": {key: []}})
        state = gathered.state
    assert gathered.complete
    assert verdict_of(state).duplicate_of == "a"
    # Too late: a gathering already decided and dropped keeps nothing.
    assert gather(None, {"kind": EARLIER, "entry": entry_of(original)}).state == {}


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


def test_a_replayed_original_keeps_its_verdict_whatever_copies_came_since() -> None:
    original = candidate("a", 10.0, body=LONG)
    copy = candidate("b", 11.0, body=NEAR)  # decided a duplicate of "a", but still present
    bucket = settle_entry([entry_of(original), entry_of(copy)], "a", "a", "a") or []
    bucket = settle_entry(bucket, "b", "a", "a") or bucket
    replay = candidate("a", 500.0, body=LONG)  # the same article again, ingested later
    keys = replay.keys()
    state = gather(None, {"kind": HEAD, "keys": keys, "candidate": replay.to_dict(),
                          "figures": [], "article": {}, "partition": 0}).state
    for key in keys:
        state = gather(state, {"kind": REPLY,
                               "found": {key: match_probe([bucket], replay, 0.0)[1]}}).state
    verdict = verdict_of(state)
    assert (verdict.duplicate_of, verdict.cluster) == (None, "a")
    # Undecided, its own entry is no find: the arrival rule decides as before.
    assert [e[0] for e in match_probe([[entry_of(original)]], replay, 0.0)[1]] == []
