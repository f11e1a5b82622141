"""Memory of the streaming dedup window, measured in the layout a worker holds after recovery.

For a 72 h window at --per-day articles a day of which --duplicate-share are duplicates
(forgotten once decided), the originals settled, over --partitions probes partitions:

- baseline, the former layout (candidates_by_key, a Faust windowed table):
  {(dedup key, (bucket start, bucket end)): [entry, ...]}, the article's whole entry under
  each of its ~18 keys;
- now (pipeline.stream.window): candidates_by_article {"partition:article id": stored
  entry}, one per probes partition the article has keys on, plus the KeyIndex that
  DedupWindow.rebuild derives from it (the same code a worker runs after a recovery).

Both are filled as Faust's memory store recovers a changelog: every value decoded from its
JSON (orjson) on its own, and the store's `_key_partition` map of every recovered key.
Signatures and bodies come from real articles of the synthetic corpus; each article's
signature is then masked with its own random bytes (same size) and its body and URL keys
made its own, so distinct stories have distinct keys, as in a real window (cycling the
corpus would share them and flatter both layouts).

    python bench/dedup_stream.py [--per-day 100000] [--hours 72] [--duplicate-share 0.5]
        [--partitions 4] [--figures 0] [--skip-baseline]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson

from pipeline.core.dedup import Candidate, candidate_for
from pipeline.core.dedup_index import settled, stored_of, table_key
from pipeline.core.dedup_stream import entry_of, keys_by_partition
from pipeline.stream.window import DedupWindow

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "gen_corpus.py"
GiB = 2**30


class RecoveredStore(dict[Any, Any]):
    """A Faust memory store's contents (`data`) and its `_key_partition` after a recovery."""

    def __init__(self) -> None:
        super().__init__()
        self._key_partition: dict[Any, int] = {}

    @property
    def data(self) -> RecoveredStore:
        return self


def corpus_texts(n: int) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "corpus.jsonl"
        subprocess.run([sys.executable, str(CORPUS), "--n", str(n), "--seed", "7", "--out",
                        str(out)], check=True, capture_output=True)
        return [json.loads(line)["text"] for line in out.open()]


def articles(args: argparse.Namespace, texts: list[str]) -> Iterator[Candidate]:
    """The remembered (original, settled) articles of the window, oldest first."""
    bases = [candidate_for(f"c{i}", 0.0, None, text) for i, text in enumerate(texts)]
    rng = random.Random(7)
    remembered = int(args.per_day * args.hours / 24 * (1 - args.duplicate_share))
    for i in range(remembered):
        base = bases[i % len(bases)]
        mask = rng.randbytes(len(base.signature))
        article_id = f"a-{i:020x}"
        own = hashlib.blake2b(article_id.encode(), digest_size=16).hexdigest()
        yield Candidate(
            article_id=article_id,
            seen_at=1.79e9 + i * (args.hours * 3600 / remembered),
            url_key="url:" + own,
            body_key="body:" + own[::-1],
            signature=bytes(a ^ b for a, b in zip(base.signature, mask, strict=True)),
            figures=rng.randbytes(8 * args.figures),
            canonical_id=article_id,
            cluster_id=article_id,
        )


def recovered(key: Any, value: Any) -> tuple[Any, Any]:
    """A changelog record as Faust's memory store applies it: key and value from JSON, a
    windowed key's lists back to tuples (faust.tables.base.Collection._to_key)."""
    key = orjson.loads(orjson.dumps(key))
    if isinstance(key, list):
        key = tuple(tuple(v) if isinstance(v, list) else v for v in key)
    return key, orjson.loads(orjson.dumps(value))


def baseline(args: argparse.Namespace, texts: list[str]) -> RecoveredStore:
    store = RecoveredStore()
    bucket = args.hours * 3600 / 12
    for candidate in articles(args, texts):
        start = candidate.seen_at - candidate.seen_at % bucket
        entry = entry_of(candidate)
        for dedup_key, partition in zip(*_partitions(candidate, args.partitions), strict=True):
            key, value = recovered([dedup_key, [start, start + bucket - 0.1]], [entry])
            store[key] = value
            store._key_partition[key] = partition
    return store


def _partitions(candidate: Candidate, partitions: int) -> tuple[list[str], list[int]]:
    keys, where = [], []
    for partition, group in keys_by_partition(candidate.keys(), partitions).items():
        keys.extend(group)
        where.extend([partition] * len(group))
    return keys, where


def now_layout(args: argparse.Namespace, texts: list[str]) -> DedupWindow:
    store = RecoveredStore()
    window_seconds = args.hours * 3600
    last = 0.0
    for candidate in articles(args, texts):
        for partition, keys in keys_by_partition(candidate.keys(), args.partitions).items():
            stored = stored_of(candidate, keys)
            stored = settled(stored, candidate.article_id, candidate.article_id) or stored
            key, value = recovered(table_key(partition, candidate.article_id), stored)
            store[key] = value
            store._key_partition[key] = partition
        last = candidate.seen_at
    window = DedupWindow(store, window_seconds, window_seconds / 12)  # type: ignore[arg-type]
    window.rebuild(now=last)
    return window


def traced(fill: Callable[[], Any]) -> tuple[Any, int, int, float]:
    gc.collect()
    started = time.perf_counter()
    tracemalloc.start()
    result = fill()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, current, peak, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-day", type=int, default=100_000)
    parser.add_argument("--hours", type=float, default=72.0)
    parser.add_argument("--duplicate-share", type=float, default=0.5)
    parser.add_argument("--partitions", type=int, default=4, help="probes partitions")
    parser.add_argument("--figures", type=int, default=0, help="figures per article")
    parser.add_argument("--corpus", type=int, default=2000, help="distinct corpus articles")
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()

    texts = corpus_texts(args.corpus)
    total = int(args.per_day * args.hours / 24)
    remembered = int(total * (1 - args.duplicate_share))
    print(f"window {args.hours:.0f} h at {args.per_day:,}/day: {total:,} articles, "
          f"{remembered:,} remembered ({args.duplicate_share:.0%} duplicates forgotten), "
          f"{args.partitions} partitions, {args.figures} figures an article")

    if not args.skip_baseline:
        store, current, peak, seconds = traced(lambda: baseline(args, texts))
        print(f"baseline (candidates_by_key, an entry per dedup key and bucket): "
              f"{len(store):,} table keys")
        print(f"  memory: {current / 2**20:,.0f} MiB traced ({current / remembered:,.0f} B per "
              f"remembered article); peak {peak / 2**20:,.0f} MiB; filled in {seconds:.0f} s")
        del store
        gc.collect()

    window, current, peak, seconds = traced(lambda: now_layout(args, texts))
    print(f"now (candidates_by_article + key index): {len(window):,} table keys "
          f"({len(window) / remembered:.2f} per article), {window.index.size:,} indexed keys")
    print(f"  memory: {current / 2**20:,.0f} MiB traced ({current / remembered:,.0f} B per "
          f"remembered article); peak {peak / 2**20:,.0f} MiB (the rebuild's); "
          f"filled and rebuilt in {seconds:.0f} s")
    estimate = window.memory_bytes()
    print(f"  pipeline_dedup_window_bytes would read {estimate / 2**20:,.0f} MiB "
          f"({estimate / current:.0%} of traced)")
    verdict = "under" if current < GiB else "OVER"
    print(f"  {verdict} 1 GiB")


if __name__ == "__main__":
    main()
