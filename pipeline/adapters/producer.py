"""Producer - send input records to the articles topic with kafka-python."""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from kafka import KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic
from kafka.errors import MessageSizeTooLargeError, TopicAlreadyExistsError

from pipeline.adapters.sources.files import RawRecord, UnreadableRecord

log = logging.getLogger(__name__)

#: The broker's default request limit; larger records are rejected here, before sending.
MAX_REQUEST_BYTES = 1024 * 1024
EXCERPT_BYTES = 2048


def bootstrap_servers(url: str) -> list[str]:
    """"host:port" entries of a broker URL list ("kafka://h:p,h2:p" or "h:p")."""
    servers = []
    for part in url.split(","):
        part = part.strip()
        if part:
            servers.append(part.split("://", 1)[-1].rstrip("/"))
    return servers


def ensure_topics(servers: list[str], names: Iterable[str], partitions: int, replicas: int) -> None:
    """Create the topics that do not exist yet, with the pipeline's partition count."""
    admin = KafkaAdminClient(bootstrap_servers=servers, client_id="figurewatch-ingest")
    try:
        existing = set(admin.list_topics())
        missing = [
            NewTopic(name, num_partitions=partitions, replication_factor=replicas)
            for name in names
            if name not in existing
        ]
        if missing:
            # Another process may have created one meanwhile: what we wanted.
            with contextlib.suppress(TopicAlreadyExistsError):
                admin.create_topics(missing)
    finally:
        admin.close()


@dataclass
class IngestReport:
    """What an ingest did: records sent as articles, and records rejected before sending."""

    sent: int = 0
    rejected: dict[str, int] = field(default_factory=dict)


def ingest(
    servers: list[str],
    records: Iterable[RawRecord | UnreadableRecord],
    *,
    articles_topic: str,
    rejected_topic: str,
) -> IngestReport:
    """Send every record; what cannot be sent goes to the rejected topic with its reason."""
    report = IngestReport()
    producer = KafkaProducer(
        bootstrap_servers=servers,
        client_id="figurewatch-ingest",
        acks="all",
        linger_ms=5,
        max_request_size=MAX_REQUEST_BYTES,
    )
    try:
        for record in records:
            if isinstance(record, UnreadableRecord):
                _reject(producer, rejected_topic, record, report)
                continue
            try:
                producer.send(articles_topic, value=record.value)
            except MessageSizeTooLargeError as exc:
                unreadable = UnreadableRecord("oversize", str(exc), record.value, record.origin)
                _reject(producer, rejected_topic, unreadable, report)
                continue
            report.sent += 1
        producer.flush()
    finally:
        producer.close()
    return report


def _reject(
    producer: KafkaProducer, topic: str, record: UnreadableRecord, report: IngestReport
) -> None:
    log.warning("rejected %s: %s: %s", record.origin, record.reason, record.detail)
    value = {
        "reason": record.reason,
        "detail": record.detail,
        "size": len(record.raw),
        "excerpt": record.raw[:EXCERPT_BYTES].decode("utf-8", errors="replace"),
        "origin": record.origin,
    }
    producer.send(topic, key=record.reason.encode(), value=json.dumps(value).encode())
    report.rejected[record.reason] = report.rejected.get(record.reason, 0) + 1
