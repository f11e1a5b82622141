"""Table state survives a worker restart (graceful and kill -9) on the embedded broker.

Tansu's ListOffsets(latest) undercounts when the newest batch holds several records, so
Faust's recovery would stop early; the tansu:// transport reads highwaters from a Fetch.
These tests write table changelogs in multi-record batches, so they fail without it.
"""

from __future__ import annotations

import asyncio
import json
import signal
import time
import urllib.request
from typing import Any

import faust
import pytest
from kafka import KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic

from pipeline.core.models import Evidence, Figure
from pipeline.stream.tansu import Transport, fetched_highwaters
from tests.integration.conftest import (
    Names,
    bootstrap_of,
    produce,
    read_topic,
)

CLAIMS = 40


def claim(index: int, value: int, article: str) -> tuple[bytes, bytes]:
    """A claim record for place `index`, reported by article (and source) `article`."""
    figure = Figure(
        kind="troops", metric="troops_deployed", low=value, high=value,
        evidence=Evidence(f"It sent {value} troops to place {index}.", 8, 8 + len(str(value))),
        actor="North Korea", location=f"Place {index}", article_id=article,
        source=f"Source {article}",
    )
    key = f"troops_deployed|north korea|place {index}".encode()
    return key, json.dumps({"figure": figure.to_dict(), "ingested_at": None}).encode()


def alerts_by_type(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        grouped.setdefault(record["type"], []).append(record)
    return grouped


def metric(worker: Any, name: str) -> float:
    """The value of one sample on the worker's /metrics (0 when absent)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{worker.web_port}/metrics") as r:
        for line in r.read().decode().splitlines():
            if line.startswith(name + " "):
                return float(line.split()[-1])
    return 0.0


def wait_for_metric(worker: Any, name: str, value: float, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while metric(worker, name) < value:
        assert time.monotonic() < deadline, f"{name} below {value}:\n{worker.logs()}"
        time.sleep(0.2)


PROCESSED_CLAIMS = 'pipeline_events_processed_total{stage="evaluate_alerts"}'


@pytest.mark.parametrize(
    "stop_signal", [signal.SIGTERM, signal.SIGKILL], ids=["graceful", "kill-9"]
)
def test_claim_state_survives_restart(
    broker_url: str, names: Names, worker_factory: Any, stop_signal: int
) -> None:
    worker = worker_factory().start()
    worker.wait_ready()
    claims_topic, alerts_topic = names.topic("claims"), names.topic("alerts")
    produce(broker_url, claims_topic, [claim(i, 1000 + i, "a1") for i in range(CLAIMS)])
    first = read_topic(broker_url, alerts_topic, CLAIMS)
    assert len(alerts_by_type(first)["new"]) == CLAIMS, worker.logs()
    # The same values from a second source raise no alert; the agent writes these table
    # updates back to back, so the changelog's newest batches hold several records each:
    # the case in which Tansu's ListOffsets undercounts.
    produce(broker_url, claims_topic, [claim(i, 1000 + i, "b1") for i in range(CLAIMS)])
    wait_for_metric(worker, PROCESSED_CLAIMS, 2 * CLAIMS)
    # kill -9 loses what was not yet written: a crash some time after processing, as here,
    # must lose nothing (the changelog is flushed within the commit interval, 0.5 s).
    time.sleep(2.0)
    worker.stop(stop_signal)
    worker.start()
    worker.wait_ready()

    produce(broker_url, claims_topic, [claim(i, 2000 + i, "c1") for i in range(CLAIMS)])
    after = alerts_by_type(read_topic(broker_url, alerts_topic, 2 * CLAIMS))
    # A stale table would see claims as unknown and raise `new` (version 1) again, or miss
    # the second source.
    assert len(after["new"]) == CLAIMS, worker.logs()
    revised = after.get("revised", [])
    assert len(revised) == CLAIMS, worker.logs()
    assert {r["version"] for r in revised} == {2}
    assert sorted(r["previous_low"] for r in revised) == [1000 + i for i in range(CLAIMS)]
    assert {r["source_count"] for r in revised} == {3}, [r["sources"] for r in revised]


def test_dedup_state_survives_restart(
    broker_url: str, names: Names, worker_factory: Any
) -> None:
    from tests.stories import originals, syndicated

    worker = worker_factory().start()
    worker.wait_ready()
    stories = originals(10, seed=31)
    produce(broker_url, names.topic("articles"), [(None, s.line()) for s in stories])
    assert len(read_topic(broker_url, names.topic("dedup.verdicts"), 10)) == 10, worker.logs()
    worker.stop(signal.SIGTERM)
    worker.start()
    worker.wait_ready()
    copies = [syndicated(s, "gazette") for s in stories]
    produce(broker_url, names.topic("articles"),
            [(None, json.dumps(c).encode()) for c in copies])
    # The copies are caught only if the candidates table came back whole after the restart.
    verdicts = read_topic(broker_url, names.topic("dedup.verdicts"), 20)
    duplicates = {v["id"]: v["duplicate_of"] for v in verdicts if v["duplicate_of"]}
    assert duplicates == {c["id"]: s.record["id"] for c, s in zip(copies, stories, strict=True)}


def test_fetched_highwaters_match_the_records_written(broker_url: str, names: Names) -> None:
    topic = names.topic("batches")
    servers = [bootstrap_of(broker_url)]
    admin = KafkaAdminClient(bootstrap_servers=servers)
    admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1)])
    admin.close()
    producer = KafkaProducer(bootstrap_servers=servers, linger_ms=20)
    for batch in (100, 1, 10):  # three batches: the newest holds ten records
        for i in range(batch):
            producer.send(topic, value=b"x%d" % i, partition=0)
        producer.flush()
    producer.close()
    tp = faust.types.TP(topic, 0)
    highwaters = asyncio.run(fetched_highwaters(servers, {tp: 0}))
    assert highwaters == {tp: 111}


def test_tansu_scheme_selects_the_fetch_highwater_transport() -> None:
    from faust.transport.drivers import by_url

    from pipeline.stream.app import _register_tansu_transport

    _register_tansu_transport()
    assert by_url("tansu://127.0.0.1:9092") is Transport
    assert by_url("kafka://127.0.0.1:9092") is not Transport
