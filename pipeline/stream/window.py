"""Window - the worker's dedup window: the candidates table and its index by dedup key.

`candidates_by_article` (a plain Faust table) keeps one entry per (probes partition,
article); the match agent writes it, so Faust writes each record to the changelog
partition of the probe being processed, the partition of the article's keys: the entry
comes back with them when that partition is recovered or moves to another worker. The
`KeyIndex` (pipeline.core.dedup_index) is derived from the table and kept in memory only:
updated with every write, rebuilt whenever a recovery completes.

The window is bounded here rather than by a Faust windowed table: every cleanup interval,
the buckets (of event time, `bucket_seconds` wide) that ended more than a window ago by the
wall clock, as Faust's windowed tables expire theirs, leave the index and their entries the
table. Like Faust's own expiry, this writes nothing to the changelog (a recovery replays
those records and drops them again); unlike it, it also expires recovered entries (Faust
sets the time-to-live of a windowed key only when the key is written by this process).
"""

from __future__ import annotations

import logging
import time
from typing import Any

import faust

from pipeline.core.dedup import Candidate
from pipeline.core.dedup_index import (
    KEY_BYTES,
    KeyIndex,
    Match,
    Stored,
    expire,
    expired_keys,
    index_entry,
    keys_here,
    match,
    rebuild,
    settled,
    stored_bytes,
    stored_of,
    table_key,
    unindex_entry,
)

log = logging.getLogger(__name__)


class DedupWindow:
    """The candidates table of this worker's probes partitions, found by dedup key."""

    def __init__(
        self, table: faust.TableT, window_seconds: float, bucket_seconds: float
    ) -> None:
        self.table = table
        self.window_seconds = window_seconds
        self.index = KeyIndex(bucket_seconds)
        #: Estimated bytes of the entries (see stored_bytes), kept as they change: summing
        #: a million entries at every scrape would cost seconds of CPU.
        self.entry_bytes = 0

    def _get(self, key: str) -> Stored | None:
        value: Stored | None = self.table.get(key)
        return value

    def match(self, partition: int, probe: Candidate, keys: list[str]) -> tuple[Match, bool]:
        """What the probe meets under its keys here, and whether it is new here (then it is
        remembered, undecided; a probe processed again writes nothing)."""
        found = match(self.index, self._get, probe, keys, probe.seen_at - self.window_seconds)
        key = table_key(partition, probe.article_id)
        if self._get(key) is not None:
            return found, False
        stored = stored_of(probe, keys)
        self.table[key] = stored
        index_entry(self.index, key, stored, keys, self._get)
        self.entry_bytes += stored_bytes(stored)
        return found, True

    def settle(self, partition: int, article_id: str, cluster: str) -> None:
        """Mark the article decided, an original in `cluster` (so a late copy defers to it)."""
        key = table_key(partition, article_id)
        stored = self._get(key)
        if stored is None:
            return
        new = settled(stored, article_id, cluster)
        if new is not None:
            self.table[key] = new
            self.entry_bytes += stored_bytes(new) - stored_bytes(stored)

    def forget(self, partition: int, article_id: str) -> None:
        """Drop a duplicate's entry: its original is remembered, it would only cost memory."""
        key = table_key(partition, article_id)
        stored = self._get(key)
        if stored is None:
            return
        unindex_entry(self.index, key, stored, keys_here(stored))
        del self.table[key]  # a tombstone in the changelog: a recovery forgets it too
        self._recovered().pop(key, None)
        self.entry_bytes -= stored_bytes(stored)

    def expire(self, now: float) -> int:
        """Drop what ended more than a window before `now`; how many entries left."""
        horizon = now - self.window_seconds
        if not expire(self.index, horizon):
            return 0
        stale = expired_keys(self.index, list(self.table.data.items()), horizon)
        self._drop(stale)
        return len(stale)

    def rebuild(self, now: float) -> None:
        """Index the table as recovered (and drop what is out of the window already)."""
        data = self.table.data
        self.index, stale = rebuild(
            list(data.items()), data.get, self.index.bucket_seconds, now - self.window_seconds,
        )
        self._drop(stale)
        self.entry_bytes = sum(stored_bytes(v) for v in data.values() if v is not None)

    def _recovered(self) -> dict[Any, int]:
        # Faust's memory store remembers the partition of every key it recovered and never
        # forgets it (its own expiry and deletes leave it): without dropping them there, a
        # restarted worker would keep a dict slot for every entry it ever recovered.
        recovered: dict[Any, int] = getattr(self.table.data, "_key_partition", {})
        return recovered

    def _drop(self, keys: list[str]) -> None:
        data = self.table.data
        recovered = self._recovered()
        for key in keys:
            stored = data.pop(key, None)
            recovered.pop(key, None)
            if stored is not None:
                self.entry_bytes -= stored_bytes(stored)

    def memory_bytes(self) -> int:
        """Estimated memory of the window: entries and index (the dedup_window_bytes gauge)."""
        return max(self.entry_bytes, 0) + self.index.size * KEY_BYTES

    def __len__(self) -> int:
        return len(self.table.data)


def register_window(app: faust.App, window: DedupWindow, cleanup_seconds: float) -> None:
    """Rebuild the index whenever the table is recovered; expire on a timer."""

    async def rebuild_index() -> None:
        started = time.monotonic()
        window.rebuild(time.time())
        log.info("dedup index rebuilt: %d entries in %.1f s", len(window),
                 time.monotonic() - started)

    window.table.on_recover(rebuild_index)

    @app.timer(cleanup_seconds, name="expire_dedup_window")
    async def expire_dedup_window() -> None:
        dropped = window.expire(time.time())
        if dropped:
            log.info("dedup window: %d entries expired", dropped)
