"""Dedup stream - the pure steps of deduplication spread over partitions.

An article can arrive on any partition, and its copies on others. So the extract stage
sends one *probe* per key of the article (canonical URL, normalised body, each LSH band)
through a topic keyed by that key: every probe for the same key meets the same partition
and the same table entry there, whichever partition the articles came from. There
`match_probe` answers with the earlier candidates under that key and remembers the probe.
The answers, and the article itself (the *head*), go to a topic keyed by article id, where
`gather` collects them until all have come and `decide` (pipeline.core.dedup) gives the
verdict.

Ordering rule: a candidate is "earlier" by (seen_at, article_id). Two copies that arrive
at the same time therefore never both see each other: exactly one of them is canonical.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.core.dedup import WINDOW_SECONDS, Candidate, Verdict, decide
from pipeline.core.neardup import THRESHOLD

#: Candidates kept per key. A band shared by very many articles (boilerplate) is useless
#: for matching and would grow without bound; the newest are the likeliest originals of
#: what comes next.
MAX_CANDIDATES_PER_KEY = 32

HEAD = "head"
REPLY = "reply"


def _order(candidate: dict[str, Any]) -> tuple[float, str]:
    return (float(candidate["seen_at"]), str(candidate["article_id"]))


def match_probe(
    buckets: list[list[dict[str, Any]]], probe: Candidate, horizon: float
) -> tuple[list[dict[str, Any]] | None, list[dict[str, Any]]]:
    """For one probe under one key: (the current bucket to write back or None, the finds).

    `buckets` holds the key's candidates per time bucket, the current (newest) first; the
    probe joins the current one. The finds are the candidates earlier than the probe and
    seen at or after `horizon`. Re-processing a probe writes nothing and finds the same.
    """
    order = (probe.seen_at, probe.article_id)
    found: list[dict[str, Any]] = []
    present = False
    for bucket in buckets:
        for candidate in bucket:
            if candidate["article_id"] == probe.article_id:
                present = True
            elif float(candidate["seen_at"]) >= horizon and _order(candidate) < order:
                found.append(candidate)
    if present:
        return None, found
    current = sorted([*buckets[0], _compact(probe)], key=_order) if buckets else [_compact(probe)]
    return current[-MAX_CANDIDATES_PER_KEY:], found


def _compact(probe: Candidate) -> dict[str, Any]:
    data = probe.to_dict()
    # Only the match needs these; the key itself is the table's key.
    return {k: v for k, v in data.items() if v is not None}


def stored_bytes(stored: list[dict[str, Any]]) -> int:
    """Approximate bytes one key's candidates take (their text fields plus overhead)."""
    return sum(
        120 + sum(len(v) for v in c.values() if isinstance(v, str)) for c in stored
    )


@dataclass(frozen=True, slots=True)
class Gathered:
    """The state of one article's gathering, and whether its verdict can be given."""

    state: dict[str, Any]
    complete: bool


def gather(state: dict[str, Any] | None, message: dict[str, Any]) -> Gathered:
    """Fold a head or a reply into the article's gathering (idempotent).

    The state is `{"head": dict | None, "expected": [keys], "replies": {key: [found]},
    "verdict": dict | None}`; it is complete when the head and a reply per key are in.
    A message for an article already decided changes nothing.
    """
    state = dict(state or {"head": None, "expected": None, "replies": {}, "verdict": None})
    if state.get("verdict") is not None:
        return Gathered(state, False)
    if message["kind"] == HEAD:
        state["head"] = message
        state["expected"] = list(message["keys"])
    else:
        replies = dict(state["replies"])
        replies[message["key"]] = message["found"]
        state["replies"] = replies
    expected = state["expected"]
    complete = expected is not None and all(key in state["replies"] for key in expected)
    return Gathered(state, complete)


def verdict_of(
    state: dict[str, Any],
    window_seconds: float = WINDOW_SECONDS,
    threshold: float = THRESHOLD,
) -> Verdict:
    """The dedup verdict for a complete gathering."""
    probe = Candidate.from_dict(state["head"]["candidate"])
    found: dict[str, Candidate] = {}
    for candidates in state["replies"].values():
        for data in candidates:
            found.setdefault(data["article_id"], Candidate.from_dict(data))
    return decide(probe, found.values(), probe.seen_at, window_seconds, threshold)


def decided(state: dict[str, Any], verdict: Verdict) -> dict[str, Any]:
    """What is kept of a gathering once decided: the verdict only, so replays stay quiet."""
    return {
        "head": None,
        "expected": None,
        "replies": {},
        "verdict": verdict.to_dict(),
        "seen_at": state["head"]["candidate"]["seen_at"],
    }
