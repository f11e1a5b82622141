"""Integration fixtures: one real broker per session, workers as real processes, a reader."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from confluent_kafka import OFFSET_BEGINNING, Consumer, Producer, TopicPartition

from pipeline.adapters.broker import free_port, launch_broker

REPO = Path(__file__).resolve().parents[2]
PARTITIONS = 4
#: A worker joins its group in ~4.5 s on Tansu (session timeout 6 s), then recovers tables.
READY_TIMEOUT = 90.0
#: How long to wait for records the pipeline should produce.
RECV_TIMEOUT = 45.0
#: After the expected records arrived, how long to keep reading for unexpected extras.
SETTLE_SECONDS = 2.0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/integration/" in str(item.fspath):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def broker_url() -> Iterator[str]:
    """FIGUREWATCH_TEST_BROKER if set, else the embedded broker (a start failure fails)."""
    configured = os.environ.get("FIGUREWATCH_TEST_BROKER")
    if configured:
        yield configured
        return
    broker = launch_broker()
    yield broker.url
    broker.stop()


def bootstrap_of(url: str) -> str:
    return ",".join(part.split("://", 1)[-1] for part in url.split(","))


@dataclass
class Names:
    """A fresh app id and topic prefix, so tests never see each other's records."""

    app_id: str
    prefix: str

    def topic(self, name: str) -> str:
        return f"{self.prefix}.{name}"


@pytest.fixture
def names() -> Names:
    uid = uuid.uuid4().hex[:10]
    return Names(app_id=f"fw-test-{uid}", prefix=f"t{uid}")


@dataclass
class WorkerProcess:
    """A `figurewatch worker` (or `faust -A ... worker`) process and its web port."""

    command: list[str]
    env: dict[str, str]
    log_path: Path
    web_port: int
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    def start(self) -> WorkerProcess:
        self.starts += 1
        log = self.log_path.with_suffix(f".{self.starts}.log").open("wb")
        self.process = subprocess.Popen(
            self.command, env=self.env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT
        )
        return self

    def health(self) -> dict[str, Any] | None:
        url = f"http://127.0.0.1:{self.web_port}/health"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return dict(json.load(response))
        except urllib.error.HTTPError as exc:
            return dict(json.load(exc))
        except OSError:
            return None

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        status = None
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                code = self.process.returncode
                raise AssertionError(f"worker exited with {code}:\n{self.logs()}")
            status = self.health()
            if status and status.get("ready"):
                return status
            time.sleep(0.25)
        raise AssertionError(f"worker not ready after {timeout}s ({status}):\n{self.logs()}")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60.0) -> int:
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise AssertionError(f"worker did not stop on {sig}:\n{self.logs()}") from None
        return self.process.returncode

    def logs(self) -> str:
        parts = sorted(self.log_path.parent.glob(self.log_path.stem + ".*.log"))
        return "\n".join(p.read_text(errors="replace")[-6000:] for p in parts)


@pytest.fixture
def worker_env(broker_url: str, names: Names) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        FIGUREWATCH_BROKER_URL=broker_url,
        FIGUREWATCH_APP_ID=names.app_id,
        FIGUREWATCH_TOPIC_PREFIX=names.prefix,
        FIGUREWATCH_PARTITIONS=str(PARTITIONS),
        FIGUREWATCH_LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    return env


@pytest.fixture
def worker_factory(
    worker_env: dict[str, str], tmp_path: Path
) -> Iterator[Any]:
    """Builds worker processes on the session broker; stops what it built."""
    built: list[WorkerProcess] = []

    def build(command: list[str] | None = None, **env: str) -> WorkerProcess:
        port = free_port()
        full_env = dict(worker_env, FIGUREWATCH_WEB_PORT=str(port), **env)
        worker = WorkerProcess(
            command or [sys.executable, "-m", "pipeline", "worker"],
            full_env,
            tmp_path / f"worker{len(built)}",
            port,
        )
        built.append(worker)
        return worker

    yield build
    for worker in built:
        if worker.process is not None and worker.process.poll() is None:
            worker.stop(signal.SIGKILL)


def read_topic(
    broker_url: str,
    topic: str,
    expected: int,
    timeout: float = RECV_TIMEOUT,
    unique_by: str | None = None,
) -> list[dict[str, Any]]:
    """Every record of `topic` from the beginning: waits for `expected`, then settles.

    With `unique_by`, `expected` counts distinct values of that field (at-least-once
    delivery may repeat a record).
    """
    consumer = Consumer(
        {
            "bootstrap.servers": bootstrap_of(broker_url),
            "group.id": f"reader-{uuid.uuid4().hex}",
            "enable.auto.commit": False,
        }
    )
    consumer.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in range(PARTITIONS)])
    records: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    settle_until: float | None = None
    try:
        while time.monotonic() < (settle_until or deadline):
            message = consumer.poll(0.2)
            if message is None or message.error():
                seen = len({r[unique_by] for r in records}) if unique_by else len(records)
                if seen >= expected and settle_until is None:
                    settle_until = time.monotonic() + SETTLE_SECONDS
                continue
            records.append(json.loads(message.value()))
    finally:
        consumer.close()
    return records


def produce(broker_url: str, topic: str, records: list[tuple[bytes | None, bytes]]) -> None:
    """Send raw records in as few batches as possible (an independent client: confluent)."""
    producer = Producer(
        {
            "bootstrap.servers": bootstrap_of(broker_url),
            # The partitioner of the Java client, aiokafka and kafka-python: keys land where
            # the pipeline's own producers put them.
            "partitioner": "murmur2_random",
            "linger.ms": 50,
        }
    )
    for key, value in records:
        producer.produce(topic, key=key, value=value)
    assert producer.flush(30) == 0


@dataclass
class Sent:
    records: list[tuple[bytes | None, bytes]] = field(default_factory=list)

    def article(self, **fields: Any) -> Sent:
        self.records.append((None, json.dumps(fields).encode()))
        return self
