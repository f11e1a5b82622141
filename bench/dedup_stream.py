"""Memory of the streaming dedup window (the candidates_by_key table), measured.

Fills the table's in-memory layout the way a worker holds it after recovering from the
changelog: {(dedup key, (bucket start, bucket end)): [entry, ...]}, every entry its own
list (decoded per key), for a 72 h window at --per-day articles a day of which
--duplicate-share are duplicates (forgotten once decided). Signatures and keys come from real
articles of the synthetic corpus (cycled), so sizes are those of real entries.

    python bench/dedup_stream.py [--per-day 100000] [--hours 72] [--duplicate-share 0.5]
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from pipeline.core.dedup import candidate_for
from pipeline.core.dedup_stream import entry_of

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "gen_corpus.py"


def corpus_texts(n: int) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "corpus.jsonl"
        subprocess.run([sys.executable, str(CORPUS), "--n", str(n), "--seed", "7", "--out",
                        str(out)], check=True, capture_output=True)
        return [json.loads(line)["text"] for line in out.open()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-day", type=int, default=100_000)
    parser.add_argument("--hours", type=float, default=72.0)
    parser.add_argument("--duplicate-share", type=float, default=0.5)
    parser.add_argument("--corpus", type=int, default=2000, help="distinct corpus articles")
    args = parser.parse_args()

    texts = corpus_texts(args.corpus)
    articles = int(args.per_day * args.hours / 24)
    remembered = int(articles * (1 - args.duplicate_share))
    bucket = args.hours * 3600 / 12
    started = time.perf_counter()
    gc.collect()
    tracemalloc.start()
    table: dict[tuple[str, tuple[float, float]], list[list[object]]] = {}
    keys_written = 0
    for i in range(remembered):
        seen_at = 1.79e9 + i * (args.hours * 3600 / remembered)
        candidate = candidate_for(f"a-{i:020x}", seen_at, f"https://x.example/{i}",
                                  texts[i % len(texts)])
        start = seen_at - seen_at % bucket
        for n, key in enumerate(candidate.keys()):
            # Distinct stories have distinct band keys; cycling the corpus would share them.
            slot = (f"{key}#{i}", (start, start + bucket - 0.1))
            table.setdefault(slot, []).append(entry_of(candidate))
            keys_written += n >= 0
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    seconds = time.perf_counter() - started
    print(f"window {args.hours:.0f} h at {args.per_day:,}/day: {articles:,} articles, "
          f"{remembered:,} remembered ({args.duplicate_share:.0%} duplicates forgotten)")
    print(f"table keys (key x bucket): {len(table):,}; entries: {keys_written:,}")
    print(f"memory: {current / 2**20:,.0f} MiB traced ({current / remembered:,.0f} B per "
          f"remembered article); peak {peak / 2**20:,.0f} MiB; filled in {seconds:.0f} s")


if __name__ == "__main__":
    main()
