"""The pure steps of cross-partition dedup: probes, gathering, verdicts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.core.dedup import candidate_for
from pipeline.core.dedup_stream import (
    HEAD,
    MAX_CANDIDATES_PER_KEY,
    REPLY,
    decided,
    gather,
    match_probe,
    verdict_of,
)

BODY = (
    "North Korea has deployed about 11,000 troops to Russia's Kursk region, officials said "
    "on Monday, citing satellite images of convoys and rail traffic near the border."
)


def candidate(article_id: str, seen_at: float, body: str = BODY, url: str | None = None):  # type: ignore[no-untyped-def]
    return candidate_for(article_id, seen_at, url or f"https://x.example/{article_id}", body)


def test_match_probe_finds_earlier_candidates_and_remembers_the_probe() -> None:
    first = candidate("a", 10.0)
    current, found = match_probe([[]], first, horizon=0.0)
    assert found == [] and current is not None and current[0]["article_id"] == "a"
    second = candidate("b", 11.0)
    current2, found2 = match_probe([current], second, horizon=0.0)
    assert [c["article_id"] for c in found2] == ["a"]
    assert [c["article_id"] for c in current2 or []] == ["a", "b"]


def test_match_probe_is_idempotent_and_ignores_later_and_expired() -> None:
    early, late = candidate("a", 10.0), candidate("z", 20.0)
    stored, _ = match_probe([[]], late, horizon=0.0)
    current, found = match_probe([stored or []], early, horizon=0.0)
    assert found == []  # a later candidate is never an original
    again, found_again = match_probe([current or []], early, horizon=0.0)
    assert again is None and found_again == found
    _, none_found = match_probe([current or []], candidate("q", 100.0), horizon=50.0)
    assert none_found == []  # both stored candidates are before the horizon


def test_match_probe_keeps_a_bounded_number_per_key() -> None:
    bucket: list = []
    for i in range(MAX_CANDIDATES_PER_KEY + 10):
        bucket = match_probe([bucket], candidate(f"a{i:03d}", float(i)), 0.0)[0] or bucket
    assert len(bucket) == MAX_CANDIDATES_PER_KEY
    assert bucket[-1]["article_id"] == f"a{MAX_CANDIDATES_PER_KEY + 9:03d}"


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


def test_verdict_from_replies_points_at_the_earliest_copy() -> None:
    original = candidate("a", 10.0)
    copy = candidate("b", 11.0)  # the same body at another URL
    keys = copy.keys()
    state = gather(None, {"kind": HEAD, "keys": keys, "candidate": copy.to_dict(),
                          "figures": [], "article": {}, "partition": 1}).state
    for key in keys:
        state = gather(state, {"kind": REPLY, "key": key, "found": [original.to_dict()]}).state
    verdict = verdict_of(state)
    assert (verdict.duplicate_of, verdict.reason) == ("a", "exact_body")
    settled = decided(state, verdict)
    assert gather(settled, {"kind": REPLY, "key": keys[0], "found": []}).complete is False
