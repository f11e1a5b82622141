"""A partition's stored entries and the index of them by dedup key (pure parts)."""

from __future__ import annotations

from pipeline.core.dedup import Verdict, candidate_for, settle
from pipeline.core.dedup_index import (
    KeyIndex,
    article_of,
    entry_of_stored,
    holds_key,
    index_entry,
    keys_here,
    lookup,
    partition_of,
    settled,
    stored_of,
    table_key,
    unindex_entry,
)
from pipeline.core.dedup_stream import entry_of, keys_by_partition

BODY = "North Korea has deployed about 11,000 troops to Russia's Kursk region, officials said."


def test_a_stored_entry_answers_as_the_entry_of_its_candidate() -> None:
    c = candidate_for("a:1", 10.0, "https://x.example/a", BODY)
    key = table_key(3, c.article_id)
    assert (partition_of(key), article_of(key)) == (3, "a:1")
    stored = stored_of(c, c.keys())
    assert entry_of_stored(key, stored) == entry_of(c)
    for cluster in ("a:1", "other"):
        decided = settled(stored, "a:1", cluster)
        assert decided is not None
        assert settled(decided, "a:1", cluster) is None
        settle(c, Verdict("a:1", None, cluster, None, False))
        assert entry_of_stored(key, decided) == entry_of(c)


def test_an_entry_is_indexed_by_the_keys_of_its_partition_only() -> None:
    c = candidate_for("a", 10.0, "https://x.example/a", BODY)
    for keys in keys_by_partition(c.keys(), 4).values():
        assert sorted(keys_here(stored_of(c, keys))) == sorted(keys)
    stored = stored_of(c, c.keys())
    keys = c.keys()
    assert all(holds_key(stored, key) for key in keys)
    assert not holds_key(stored, "url:0000")
    assert not holds_key(stored, "v1b00:00000000")


def test_index_and_unindex() -> None:
    index = KeyIndex(100.0)
    entries = {f"0:{i}": [float(i), "", "", None, "", 0] for i in range(3)}
    for key, stored in entries.items():
        index_entry(index, key, stored, ["k", key], entries.get)
    assert sorted(lookup(index, "k")) == sorted(entries)
    assert index.size == 6
    unindex_entry(index, "0:1", entries["0:1"], ["k", "0:1"])
    assert sorted(lookup(index, "k")) == ["0:0", "0:2"]
    assert lookup(index, "0:1") == []
    assert index.size == 4
