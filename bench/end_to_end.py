"""End to end on the embedded broker: articles/s through every stage, and alert latency.

Starts Tansu and one worker process, sends --n articles of the synthetic corpus at once
(kafka-python), waits for every dedup verdict, and prints the throughput and the
article-to-alert latency quantiles the worker measured (from its /metrics histogram).

    python bench/end_to_end.py [--n 2000] [--partitions 4] [--rate 5]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from kafka import KafkaConsumer, TopicPartition

from pipeline.adapters.broker import free_port, launch_broker
from pipeline.adapters.producer import bootstrap_servers, ensure_topics, ingest
from pipeline.adapters.sources.files import RawRecord

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "gen_corpus.py"


def corpus(n: int) -> list[RawRecord]:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "corpus.jsonl"
        subprocess.run([sys.executable, str(CORPUS), "--n", str(n), "--seed", "7", "--out",
                        str(out)], check=True, capture_output=True)
        records = []
        for line in out.open():
            item = json.loads(line)
            article = {"id": item["id"], "url": f"https://{item['outlet']}.example/{item['id']}",
                       "source": item["outlet"], "title": item["title"], "body": item["text"]}
            records.append(RawRecord(json.dumps(article).encode(), item["id"]))
        return records


def metrics(port: int) -> dict[str, float]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        samples = {}
        for line in response.read().decode().splitlines():
            if line and not line.startswith("#"):
                name, value = line.rsplit(" ", 1)
                samples[name] = float(value)
        return samples


def quantile(samples: dict[str, float], name: str, q: float) -> float:
    buckets = sorted(
        (float(k.split('le="')[1].rstrip('"}')), v)
        for k, v in samples.items() if k.startswith(f"{name}_bucket")
    )
    total = buckets[-1][1] if buckets else 0
    for bound, count in buckets:
        if total and count >= q * total:
            return bound
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--rate", type=float, default=0.0,
                        help="articles per second to send at (0: all at once, a burst)")
    args = parser.parse_args()
    records = corpus(args.n)
    broker = launch_broker()
    port = free_port()
    env = dict(os.environ, FIGUREWATCH_BROKER_URL=broker.url, FIGUREWATCH_WEB_PORT=str(port),
               FIGUREWATCH_PARTITIONS=str(args.partitions), FIGUREWATCH_APP_ID="bench")
    worker = subprocess.Popen([sys.executable, "-m", "pipeline", "worker"], env=env, cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health") as response:
                    if json.load(response)["ready"]:
                        break
            except OSError:
                pass
            time.sleep(0.2)
        servers = bootstrap_servers(broker.url)
        ensure_topics(servers, ["news.articles", "news.articles.rejected"], args.partitions, 1)
        started = time.perf_counter()
        if args.rate:
            for index, record in enumerate(records):
                time.sleep(max(0.0, started + index / args.rate - time.perf_counter()))
                ingest(servers, [record], articles_topic="news.articles",
                       rejected_topic="news.articles.rejected")
        else:
            ingest(servers, records, articles_topic="news.articles",
                   rejected_topic="news.articles.rejected")
        sent = time.perf_counter() - started
        consumer = KafkaConsumer(bootstrap_servers=servers, enable_auto_commit=False)
        parts = [TopicPartition("news.dedup.verdicts", p) for p in range(args.partitions)]
        consumer.assign(parts)
        consumer.seek_to_beginning()
        decided: set[str] = set()
        while len(decided) < args.n:
            for batch in consumer.poll(timeout_ms=200).values():
                decided.update(json.loads(record.value)["id"] for record in batch)
        elapsed = time.perf_counter() - started
        consumer.close()
        samples = metrics(port)
    finally:
        worker.terminate()
        worker.wait(30)
        broker.stop()
    duplicates = sum(v for k, v in samples.items() if k.startswith("pipeline_duplicates_total"))
    alerts = sum(v for k, v in samples.items() if k.startswith("pipeline_alerts_total"))
    name = "pipeline_alert_latency_seconds"
    pace = f"at {args.rate:g}/s" if args.rate else "in one burst"
    print(f"{args.n} articles sent {pace}, {args.partitions} partitions, one worker")
    print(f"sent in {sent:.1f} s; all verdicts after {elapsed:.1f} s: "
          f"{args.n / elapsed:,.0f} articles/s end to end")
    print(f"duplicates {duplicates:.0f}, alerts {alerts:.0f}")
    print(f"article-to-alert latency (bucket bounds): p50 <= {quantile(samples, name, 0.5)} s, "
          f"p99 <= {quantile(samples, name, 0.99)} s")


if __name__ == "__main__":
    main()
