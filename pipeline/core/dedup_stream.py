"""Dedup stream - the pure steps of deduplication spread over partitions.

An article can arrive on any partition, and its copies on others. So the extract stage
sends one *probe* per key of the article (canonical URL, normalised body, each LSH band)
through a topic keyed by that key: every probe for the same key meets the same partition
and the same window there, whichever partition the articles came from. There the window
(pipeline.core.dedup_index: `match`) answers with the candidates remembered under that
key. The answers and the article itself (the *head*) go to a topic keyed by article id,
where `gather` collects them until all have come and `decide` (pipeline.core.dedup) gives
the verdict.

The probe is remembered under its keys as it passes, undecided, so a copy that comes right
behind its original, even in one burst, finds it. Once an article is decided, its entries
are *settled* (canonical and cluster set) when it is an original, and *forgotten* when it
is a duplicate: its original is there, and copies of it would only cost memory. Probes go
to the partition `partition_for(key)` in one message per partition, so an article costs a
handful of messages, not one per key.

Which candidates may be an article's original is `decide`'s arrival rule
(pipeline.core.dedup.eligible): one earlier by (seen_at, article_id), or a later one
that was already decided, without seeing this article, when the probe passed. Two copies
that race therefore never both count as the other's original, and a late original does not
go out a second time.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from pipeline.core.dedup import WINDOW_SECONDS, Candidate, Verdict, candidate_for, decide
from pipeline.core.models import Article, Figure
from pipeline.core.neardup import THRESHOLD

#: Candidates kept per key and bucket. A band shared by very many articles (boilerplate)
#: is useless for matching and would grow without bound; the newest are kept.
MAX_CANDIDATES_PER_KEY = 32

HEAD = "head"
REPLY = "reply"
EARLIER = "earlier"
PROBE = "probe"
FORGET = "forget"
SETTLE = "settle"

#: A candidate in a reply is a compact list: [article_id, seen_at, signature (latin-1 text
#: of its bytes), figures (hex), canonical id, cluster id, body tag]. The exact keys are
#: not carried: the key a candidate was found under says whether it shares the URL or the
#: body, and the body tag tells same-body copies found under other keys.
Entry = list[Any]


def entry_of(candidate: Candidate) -> Entry:
    return [
        candidate.article_id,
        candidate.seen_at,
        candidate.signature.decode("latin-1"),
        candidate.figures.hex(),
        candidate.canonical_id,
        candidate.cluster_id,
        body_tag(candidate),
    ]


def body_tag(candidate: Candidate) -> str:
    """A short tag of the normalised body: copies with the same body have the same tag."""
    return (candidate.body_key or "")[5:21]


def candidate_of(entry: Entry, key: str) -> Candidate:
    """The candidate an entry stands for, found under `key` (its exact key when it is one)."""
    article_id, seen_at, signature, figures, canonical_id, cluster_id = entry[:6]
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


def partition_for(key: str, partitions: int) -> int:
    """The partition every message about `key` goes to (stable across processes)."""
    digest = hashlib.blake2b(key.encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") % partitions


def keys_by_partition(keys: list[str], partitions: int) -> dict[int, list[str]]:
    """The keys grouped by the partition they go to, for one message per partition."""
    groups: dict[int, list[str]] = {}
    for key in keys:
        groups.setdefault(partition_for(key, partitions), []).append(key)
    return groups


@dataclass(frozen=True, slots=True)
class Gathered:
    """The state of one article's gathering, and whether its verdict can be given."""

    state: dict[str, Any]
    complete: bool


def gather(state: dict[str, Any] | None, message: dict[str, Any]) -> Gathered:
    """Fold a head or a reply into the article's gathering (idempotent).

    The state is `{"head": dict | None, "expected": [keys], "replies": {key: [entries]}}`;
    a reply carries `found` for some keys, `{key: [entries]}`. The gathering is complete
    when the head and an answer for each of its keys are in. An `EARLIER` message adds an
    earlier article that passed a key after this one (it counts for the verdict, not for
    completeness); it is dropped when there is no gathering (`state` empty: nothing kept).
    """
    if message["kind"] == EARLIER:
        # Only for a gathering under way: once decided and dropped, it is too late.
        if state is None:
            return Gathered({}, False)
        state = dict(state)
        earlier = f"earlier:{message['entry'][0]}"
        state["replies"] = {**state["replies"], earlier: [message["entry"]]}
        return Gathered(state, False)
    state = dict(state or {"head": None, "expected": None, "replies": {}})
    if message["kind"] == HEAD:
        state["head"] = message
        state["expected"] = list(message["keys"])
    else:
        replies = dict(state["replies"])
        replies.update(message["found"])
        state["replies"] = replies
    expected = state["expected"]
    complete = expected is not None and all(key in state["replies"] for key in expected)
    return Gathered(state, complete)


def verdict_of(
    state: dict[str, Any],
    window_seconds: float = WINDOW_SECONDS,
    threshold: float = THRESHOLD,
) -> Verdict:
    """The dedup verdict for a complete gathering.

    Copies with the same body are ordered by when they reached the body key, one partition
    that sees them one after the other: the first there is the original of the others,
    decided or not, whatever their event times; a same-body copy that reached it after the
    probe is none of the probe's originals. (Ordering them by event time could let two
    copies of one burst each miss the other, and both go out.) Other candidates follow the
    arrival rule of `decide`.
    """
    probe = Candidate.from_dict(state["head"]["candidate"])
    for entries in state["replies"].values():
        for entry in entries:
            if entry[0] == probe.article_id and entry[4] is not None:
                # Decided before and settled (an original or an update): a replay of the
                # article keeps that verdict, whatever copies came in since.
                return Verdict(probe.article_id, None, entry[5] or probe.article_id, None,
                               False)
    tag = body_tag(probe)
    before_at_body = {entry[0] for entry in state["replies"].get(probe.body_key or "", ())}
    found: dict[str, Candidate] = {}
    for key, entries in state["replies"].items():
        for entry in entries:
            candidate = candidate_of(entry, key if not key.startswith("earlier:") else "")
            if tag and len(entry) > 6 and entry[6] == tag:
                if entry[0] not in before_at_body:
                    continue
                # Reached the body key first: an original for this probe, decided or not.
                candidate.canonical_id = candidate.canonical_id or candidate.article_id
                candidate.body_key = probe.body_key
            known = found.get(candidate.article_id)
            if known is None:
                found[candidate.article_id] = candidate
            else:  # found under several keys: keep every exact key it shares
                known.url_key = known.url_key or candidate.url_key
                known.body_key = known.body_key or candidate.body_key
                known.canonical_id = known.canonical_id or candidate.canonical_id
    return decide(probe, found.values(), probe.seen_at, window_seconds, threshold)


def dedup_messages(
    article: Article, figures: list[Figure], partition: int | None, partitions: int
) -> tuple[dict[str, Any], list[tuple[int, dict[str, Any]]]]:
    """The head (to the replies topic) and the probes of an article, one per probes
    partition (`partition` is where the article came in, for the verdict record)."""
    seen_at = article.ingested_at or 0.0
    candidate = candidate_for(article.id, seen_at, article.url or None, article.body, figures)
    keys = candidate.keys()
    data = candidate.to_dict()
    head = {
        "kind": HEAD,
        "article": article.to_dict(),
        "figures": [figure.to_dict() for figure in figures],
        "candidate": data,
        "keys": keys,
        "partition": partition,
    }
    probes = [
        (target, {"kind": PROBE, "keys": group, "candidate": data})
        for target, group in sorted(keys_by_partition(keys, partitions).items())
    ]
    return head, probes
