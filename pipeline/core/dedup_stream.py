"""Dedup stream - the pure steps of deduplication spread over partitions.

An article can arrive on any partition, and its copies on others. So the extract stage
sends one *probe* per key of the article (canonical URL, normalised body, each LSH band)
through a topic keyed by that key: every probe for the same key meets the same partition
and the same table entry there, whichever partition the articles came from. There
`match_probe` answers with the candidates remembered under that key. The answers and the
article itself (the *head*) go to a topic keyed by article id, where `gather` collects
them until all have come and `decide` (pipeline.core.dedup) gives the verdict. An article
that is not a duplicate is then *remembered* under each of its keys (`remember_entry`),
with its canonical copy and cluster settled; a duplicate is not: its original is already
there, and copies of it would only cost memory.

Ordering rule: a candidate is "earlier" by (seen_at, article_id), so two copies that
race never both count as the other's original. An original is remembered only once it is
decided (milliseconds), so a copy that arrives within that time is not caught here; it
then adds nothing but a corroborating source at the claim stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.core.dedup import WINDOW_SECONDS, Candidate, Verdict, decide
from pipeline.core.neardup import THRESHOLD

#: Candidates kept per key and bucket. A band shared by very many articles (boilerplate)
#: is useless for matching and would grow without bound; the newest are kept.
MAX_CANDIDATES_PER_KEY = 32

HEAD = "head"
REPLY = "reply"
PROBE = "probe"
REMEMBER = "remember"

#: A remembered candidate is a compact list (the window holds millions of them):
#: [article_id, seen_at, signature (latin-1 text of its bytes), figures (hex), canonical
#: id, cluster id]. The exact keys are not stored: the key a candidate was found under
#: says whether it shares the URL or the body.
Entry = list[Any]


def entry_of(candidate: Candidate) -> Entry:
    return [
        candidate.article_id,
        candidate.seen_at,
        candidate.signature.decode("latin-1"),
        candidate.figures.hex(),
        candidate.canonical_id,
        candidate.cluster_id,
    ]


def candidate_of(entry: Entry, key: str) -> Candidate:
    """The candidate an entry stands for, found under `key` (its exact key when it is one)."""
    article_id, seen_at, signature, figures, canonical_id, cluster_id = entry
    return Candidate(
        article_id=article_id,
        seen_at=float(seen_at),
        url_key=key if key.startswith("url:") else None,
        body_key=key if key.startswith("body:") else None,
        signature=signature.encode("latin-1"),
        figures=bytes.fromhex(figures),
        canonical_id=canonical_id,
        cluster_id=cluster_id,
    )


def _order(entry: Entry) -> tuple[float, str]:
    return (float(entry[1]), str(entry[0]))


def match_probe(buckets: list[list[Entry]], probe: Candidate, horizon: float) -> list[Entry]:
    """The entries under one key that are earlier than the probe and not before `horizon`."""
    order = (probe.seen_at, probe.article_id)
    return [
        entry
        for bucket in buckets
        for entry in bucket
        if entry[0] != probe.article_id and float(entry[1]) >= horizon and _order(entry) < order
    ]


def remember_entry(bucket: list[Entry], entry: Entry) -> list[Entry] | None:
    """The bucket with the entry added (None when it is there already: nothing to write)."""
    if any(existing[0] == entry[0] for existing in bucket):
        return None
    return sorted([*bucket, entry], key=_order)[-MAX_CANDIDATES_PER_KEY:]


def stored_bytes(bucket: list[Entry]) -> int:
    """Approximate memory of one bucket's entries (their strings plus list overhead)."""
    return sum(
        120 + sum(len(v) for v in entry if isinstance(v, str)) for entry in bucket
    )


@dataclass(frozen=True, slots=True)
class Gathered:
    """The state of one article's gathering, and whether its verdict can be given."""

    state: dict[str, Any]
    complete: bool


def gather(state: dict[str, Any] | None, message: dict[str, Any]) -> Gathered:
    """Fold a head or a reply into the article's gathering (idempotent).

    The state is `{"head": dict | None, "expected": [keys], "replies": {key: [entries]}}`;
    it is complete when the head and a reply for each of its keys are in.
    """
    state = dict(state or {"head": None, "expected": None, "replies": {}})
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
    for key, entries in state["replies"].items():
        for entry in entries:
            candidate = candidate_of(entry, key)
            known = found.get(candidate.article_id)
            if known is None:
                found[candidate.article_id] = candidate
            else:  # found under several keys: keep every exact key it shares
                known.url_key = known.url_key or candidate.url_key
                known.body_key = known.body_key or candidate.body_key
    return decide(probe, found.values(), probe.seen_at, window_seconds, threshold)


def settled_entry(state: dict[str, Any], verdict: Verdict) -> Entry:
    """What the window remembers of a decided article that is not a duplicate."""
    candidate = Candidate.from_dict(state["head"]["candidate"])
    candidate.canonical_id = candidate.article_id
    candidate.cluster_id = verdict.cluster
    return entry_of(candidate)
