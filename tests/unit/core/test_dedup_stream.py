"""The pure steps of cross-partition dedup: probes, remembering, gathering, verdicts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.core.dedup import Candidate, candidate_for
from pipeline.core.dedup_stream import (
    HEAD,
    MAX_CANDIDATES_PER_KEY,
    REPLY,
    candidate_of,
    entry_of,
    gather,
    match_probe,
    remember_entry,
    settled_entry,
    verdict_of,
)

BODY = (
    "North Korea has deployed about 11,000 troops to Russia's Kursk region, officials said "
    "on Monday, citing satellite images of convoys and rail traffic near the border."
)


def candidate(article_id: str, seen_at: float, url: str | None = None) -> Candidate:
    return candidate_for(article_id, seen_at, url or f"https://x.example/{article_id}", BODY)


def test_entries_round_trip_and_take_their_exact_key_from_where_they_were_found() -> None:
    original = candidate("a", 10.0)
    entry = entry_of(original)
    assert candidate_of(entry, "v1b03:abcd").signature == original.signature
    assert candidate_of(entry, "v1b03:abcd").body_key is None
    body = original.body_key or ""
    assert candidate_of(entry, body).body_key == body


def test_match_probe_finds_only_earlier_entries_inside_the_window() -> None:
    bucket = [entry_of(candidate("a", 10.0)), entry_of(candidate("z", 30.0))]
    found = match_probe([bucket], candidate("m", 20.0), horizon=0.0)
    assert [e[0] for e in found] == ["a"]
    assert match_probe([bucket], candidate("m", 20.0), horizon=15.0) == []
    assert match_probe([bucket], candidate("a", 10.0), horizon=0.0) == []  # never itself


def test_remember_is_idempotent_and_bounded() -> None:
    bucket: list = []
    for i in range(MAX_CANDIDATES_PER_KEY + 10):
        bucket = remember_entry(bucket, entry_of(candidate(f"a{i:03d}", float(i)))) or bucket
    assert len(bucket) == MAX_CANDIDATES_PER_KEY
    assert bucket[-1][0] == f"a{MAX_CANDIDATES_PER_KEY + 9:03d}"
    assert remember_entry(bucket, bucket[-1]) is None


@given(st.permutations(range(4)))
def test_gathering_completes_once_in_any_order(order: list[int]) -> None:
    probe = candidate("b", 11.0)
    keys = probe.keys()[:3]
    head = {"kind": HEAD, "keys": keys, "candidate": probe.to_dict(), "figures": [],
            "article": {}, "partition": 0}
    messages = [head] + [{"kind": REPLY, "key": k, "found": []} for k in keys]
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
        state = gather(state, {"kind": REPLY, "key": key, "found": found}).state
    verdict = verdict_of(state)
    assert (verdict.duplicate_of, verdict.reason) == ("a", "exact_body")


def test_a_new_article_is_remembered_as_its_own_canonical_copy() -> None:
    probe = candidate("n", 5.0)
    state = gather(None, {"kind": HEAD, "keys": [], "candidate": probe.to_dict(),
                          "figures": [], "article": {}, "partition": 0}).state
    verdict = verdict_of(state)
    assert verdict.duplicate_of is None
    entry = settled_entry(state, verdict)
    assert (entry[0], entry[4], entry[5]) == ("n", "n", "n")
