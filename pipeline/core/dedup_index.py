"""Dedup index - a worker's dedup window: one entry per article, found by its dedup keys.

The window used to keep a table key per (dedup key, bucket) with the article's whole entry
under each: ~18 copies of every entry (its signature among them) and ~18 table keys, which
is 17 KB per remembered article as a worker holds it after a recovery, 2.4 GiB for a 72 h
window at 100,000 articles a day (bench/dedup_stream.py; 3.8 KB and 545 MiB now, with four
partitions). Now a probes partition keeps each article it has keys for *once*, in a
table keyed by `table_key(partition, article_id)` (its changelog is the durable state),
and the lookup by dedup key is a `KeyIndex` of plain ints in memory, derived from that
table: rebuilt from it after a recovery, never written anywhere.

A stored entry is `[seen_at, signature (latin-1 text of its bytes), figures (hex),
cluster, body tag, bands here, *exact keys on this partition]`. `cluster` is None while
the article is undecided; once it is settled (always its own canonical), "" when it is its
own cluster, else the cluster id. The band keys are not stored: they are read off the
signature; "bands here" is a bit mask of those on this partition (so that a rebuild need
not hash every band key again to find its partition: 1.2 M blake2b calls for 100 k
articles).

Functions take the state and change it, like pipeline.core.dedup's window: the window is
millions of entries, copying it per article would cost more than the article.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pipeline.core.dedup import Candidate
from pipeline.core.dedup_stream import MAX_CANDIDATES_PER_KEY, Entry, body_tag
from pipeline.core.neardup import band_keys

Stored = list[Any]
#: Reads a stored entry by table key (None when there is none).
Getter = Callable[[str], "Stored | None"]

#: Bytes of one stored entry beyond the lengths of its strings, and of one indexed key,
#: measured with tracemalloc by bench/dedup_stream.py on CPython 3.11 (64-bit) in the
#: layout a worker holds after recovery: the table's key string and dict slot, the list,
#: its float and the string headers; an index slot is an int (the key's hash) in a dict,
#: sometimes a small list. At 100 k articles a day the gauge reads ~101 % of the traced
#: total (545 MiB).
ENTRY_BYTES = 400
KEY_BYTES = 90

_SEEN_AT, _SIGNATURE, _FIGURES, _CLUSTER, _TAG, _BANDS = range(6)
_EXACT = 6


def table_key(partition: int, article_id: str) -> str:
    """The table key of an article's entry on a partition.

    The partition is part of the key because one worker's table holds the entries of all
    its partitions in one dict: an article with keys on two partitions has two entries
    (two changelog records), and each must come and go with its own partition.
    """
    return f"{partition}:{article_id}"


def article_of(key: str) -> str:
    return key.partition(":")[2]


def partition_of(key: str) -> int:
    return int(key.partition(":")[0])


def stored_of(candidate: Candidate, keys: Iterable[str]) -> Stored:
    """What a partition keeps of a probe whose `keys` are on this partition: undecided."""
    keys = list(keys)
    exact = [key for key in keys if key.startswith(("url:", "body:"))]
    here = set(keys)
    bands = band_keys(candidate.signature)
    mask = sum(1 << band for band, key in enumerate(bands) if key in here)
    return [
        candidate.seen_at,
        candidate.signature.decode("latin-1"),
        candidate.figures.hex(),
        None,
        body_tag(candidate),
        mask,
        *exact,
    ]


def entry_of_stored(key: str, stored: Stored) -> Entry:
    """The entry a reply carries (see pipeline.core.dedup_stream.entry_of)."""
    article_id = article_of(key)
    cluster = stored[_CLUSTER]
    decided = cluster is not None
    return [
        article_id,
        stored[_SEEN_AT],
        stored[_SIGNATURE],
        stored[_FIGURES],
        article_id if decided else None,
        (cluster or article_id) if decided else None,
        stored[_TAG],
    ]


def settled(stored: Stored, article_id: str, cluster: str) -> Stored | None:
    """The entry decided as an original in `cluster` (None when it is already)."""
    value = "" if cluster == article_id else cluster
    if stored[_CLUSTER] == value:
        return None
    return [*stored[:_CLUSTER], value, *stored[_CLUSTER + 1 :]]


def keys_here(stored: Stored) -> list[str]:
    """The dedup keys of an entry on its partition (the ones it is indexed by)."""
    bands = band_keys(stored[_SIGNATURE].encode("latin-1"))
    mask = stored[_BANDS]
    return [*stored[_EXACT:], *(key for band, key in enumerate(bands) if mask >> band & 1)]


def holds_key(stored: Stored, key: str) -> bool:
    """True when the entry really has `key` (the index is by hash: collisions are possible)."""
    if key.startswith(("url:", "body:")):
        return key in stored[_EXACT:]
    return key in band_keys(stored[_SIGNATURE].encode("latin-1"))


def stored_bytes(stored: Stored) -> int:
    """Approximate memory of one stored entry with its table key (see ENTRY_BYTES)."""
    return ENTRY_BYTES + sum(len(v) for v in stored if isinstance(v, str))


def _order(key: str, stored: Stored | None) -> tuple[float, str]:
    return (-math.inf if stored is None else float(stored[_SEEN_AT])), article_of(key)


@dataclass(slots=True)
class KeyIndex:
    """Table keys of the remembered entries by dedup key, in buckets of event time.

    `buckets` maps a bucket number (floor(seen_at / bucket_seconds)) to hash(dedup key) ->
    the table key, or a list of them when several share the dedup key. Keyed by the hash,
    not the string: ~75 bytes less per key; `holds_key` weeds out collisions. Python's
    string hashes differ between processes, which is fine: the index never leaves one.
    The table key strings are the table's own objects, so an index slot costs a pointer.
    """

    bucket_seconds: float
    buckets: dict[int, dict[int, str | list[str]]] = field(default_factory=dict)
    #: Indexed (dedup key, entry) pairs, for the memory gauge.
    size: int = 0

    def bucket_of(self, seen_at: float) -> int:
        return math.floor(seen_at / self.bucket_seconds)


def index_entry(
    index: KeyIndex, key: str, stored: Stored, dedup_keys: Iterable[str], get: Getter
) -> None:
    """Index the entry `key` (`get` reads it, and the others) under its dedup keys.

    Each dedup key keeps at most MAX_CANDIDATES_PER_KEY entries per bucket, the latest by
    (seen_at, article_id): a band shared by very many articles (boilerplate) is useless
    for matching and would grow without bound.
    """
    slots = index.buckets.setdefault(index.bucket_of(float(stored[_SEEN_AT])), {})
    for dedup_key in dedup_keys:
        slot = hash(dedup_key)
        present = slots.get(slot)
        if present is None:
            slots[slot] = key
            index.size += 1
        elif isinstance(present, str):
            if present != key:
                slots[slot] = [present, key]
                index.size += 1
        elif key not in present:
            present.append(key)
            index.size += 1
            if len(present) > MAX_CANDIDATES_PER_KEY:
                present.sort(key=lambda k: _order(k, get(k)))
                del present[0]
                index.size -= 1


def unindex_entry(index: KeyIndex, key: str, stored: Stored, dedup_keys: Iterable[str]) -> None:
    """Remove the entry `key` from under its dedup keys."""
    slots = index.buckets.get(index.bucket_of(float(stored[_SEEN_AT])))
    if slots is None:
        return
    for dedup_key in dedup_keys:
        slot = hash(dedup_key)
        present = slots.get(slot)
        if present == key:
            del slots[slot]
            index.size -= 1
        elif isinstance(present, list) and key in present:
            present.remove(key)
            index.size -= 1
            if len(present) == 1:
                slots[slot] = present[0]


def lookup(index: KeyIndex, dedup_key: str) -> list[str]:
    """Table keys of the entries indexed under `dedup_key`, in every live bucket."""
    slot = hash(dedup_key)
    keys: list[str] = []
    for slots in index.buckets.values():
        present = slots.get(slot)
        if present is None:
            continue
        if isinstance(present, str):
            keys.append(present)
        else:
            keys.extend(present)
    return keys


def bucket_ended(index: KeyIndex, number: int, horizon: float) -> bool:
    """True when bucket `number` ended at or before `horizon` (it has left the window)."""
    return (number + 1) * index.bucket_seconds <= horizon


def expire(index: KeyIndex, horizon: float) -> bool:
    """Drop the buckets that ended at or before `horizon`; True when there were any (their
    entries then leave the table too: see `expired_keys`)."""
    gone = [n for n in index.buckets if bucket_ended(index, n, horizon)]
    for number in gone:
        slots = index.buckets.pop(number)
        index.size -= sum(1 if isinstance(v, str) else len(v) for v in slots.values())
    return bool(gone)


def expired_keys(
    index: KeyIndex, items: Iterable[tuple[str, Stored | None]], horizon: float
) -> list[str]:
    """The table keys among `items` whose entries are in buckets that ended by `horizon`."""
    return [
        key for key, stored in items
        if stored is not None
        and bucket_ended(index, index.bucket_of(float(stored[_SEEN_AT])), horizon)
    ]


def rebuild(
    items: Iterable[tuple[str, Stored | None]],
    get: Getter,
    bucket_seconds: float,
    horizon: float,
) -> tuple[KeyIndex, list[str]]:
    """The index of a recovered table (`items`, read by `get`), and the table keys of the
    entries already out of the window (to drop).

    Entries are indexed in arrival order, so each dedup key keeps the same latest entries
    as when they were indexed one by one.
    """
    index = KeyIndex(bucket_seconds)
    items = list(items)
    stale = expired_keys(index, items, horizon)
    gone = set(stale)
    live = [key for key, stored in items if stored is not None and key not in gone]
    del items
    live.sort(key=lambda key: _order(key, get(key)))
    for key in live:
        stored = get(key)
        if stored is not None:
            index_entry(index, key, stored, keys_here(stored), get)
    return index, stale


@dataclass(frozen=True, slots=True)
class Match:
    """What one probe met on one partition."""

    #: dedup key -> the entries found under it, not before the horizon (replies' format).
    found: dict[str, list[Entry]]
    #: Articles still undecided that passed a key before the probe but are later than it.
    later_in_flight: list[str]


def match(
    index: KeyIndex, get: Getter, probe: Candidate, dedup_keys: Iterable[str], horizon: float
) -> Match:
    """The entries indexed under the probe's keys (decided or not: `decide` applies the
    arrival rule), as they stand when the probe passes. The probe itself is left out, unless
    it was decided already (a replay): then its settled entry is among the finds, so that
    `verdict_of` keeps its verdict."""
    found: dict[str, list[Entry]] = {}
    later: dict[str, None] = {}
    order = (probe.seen_at, probe.article_id)
    for dedup_key in dedup_keys:
        entries = found[dedup_key] = []
        for key in lookup(index, dedup_key):
            stored = get(key)
            if stored is None or not holds_key(stored, dedup_key):
                continue
            if article_of(key) == probe.article_id:
                if stored[_CLUSTER] is not None:
                    entries.append(entry_of_stored(key, stored))
                continue
            if stored[_CLUSTER] is None and _order(key, stored) > order:
                later[article_of(key)] = None
            if float(stored[_SEEN_AT]) >= horizon:
                entries.append(entry_of_stored(key, stored))
    return Match(found, list(later))
