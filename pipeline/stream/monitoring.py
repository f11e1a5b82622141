"""Monitoring - gauges of table sizes, dedup window memory and consumer lag, on timers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from faust.types import TP

from pipeline.stream.tables import Tables

if TYPE_CHECKING:
    from pipeline.stream.app import Pipeline

#: Table sizes change slowly; a scrape every 15 s sees values at most this old.
REFRESH_SECONDS = 2.0
#: Lag is what the "pipeline stalled" and "lag growing" alerts read: refresh it faster than
#: the shortest scrape interval we ship (5 s in the tests, 15 s in deploy/prometheus).
LAG_REFRESH_SECONDS = 1.0


def consumer_lag(
    assignment: Iterable[TP],
    highwater: Callable[[TP], int | None],
    committed: Mapping[TP, int | None],
    counted: Callable[[str], bool] = lambda topic: True,
) -> dict[str, int]:
    """Messages behind per topic: high watermark minus committed offset, summed over partitions.

    Both offsets point at the *next* message (Kafka's convention, and Faust commits the last
    processed offset + 1). The high watermark is the one the consumer saw in its latest Fetch
    response: right on Tansu too, where ListOffsets(latest) is not (DESIGN.md, Brokers). A
    partition not fetched yet has no high watermark and is left out; one with nothing
    committed yet counts from offset 0 (the app resets to earliest). Only topics for which
    `counted(topic)` is true are reported.
    """
    lag: dict[str, int] = {}
    for tp in assignment:
        if not counted(tp.topic):
            continue
        end = highwater(tp)
        if end is None:
            continue
        position = committed.get(tp) or 0
        lag[tp.topic] = lag.get(tp.topic, 0) + max(end - position, 0)
    return lag


def register_monitors(pipeline: Pipeline, tables: Tables) -> None:
    app, metrics = pipeline.app, pipeline.metrics

    @app.timer(REFRESH_SECONDS)
    async def refresh_table_gauges() -> None:
        window = tables.dedup_window
        metrics.table_entries.labels("candidates_by_article").set(len(window))
        metrics.dedup_window_bytes.set(window.memory_bytes())
        gatherings = tables.gatherings_by_article.data
        metrics.table_entries.labels("gatherings_by_article").set(len(gatherings))
        metrics.table_entries.labels("claims_by_key").set(len(tables.claims_by_key.data))
        metrics.table_entries.labels("alerts_by_key").set(len(tables.alerts_by_key.data))

    @app.timer(LAG_REFRESH_SECONDS)
    async def refresh_consumer_lag() -> None:
        consumer = app.consumer
        if consumer is None or app.rebalancing:
            return
        lag = consumer_lag(
            consumer.assignment(),
            _safe_highwater(consumer.highwater),
            # Faust keeps no public accessor for what it committed; this map is what its
            # own commit logic reads (faust/transport/consumer.py, _should_commit).
            consumer._committed_offset,
            # Only the topics whose offsets Faust commits (the agents' input topics): it
            # reads table changelogs and its leader topic without ever committing them, so
            # their "lag" would be the whole topic.
            counted=app.topics.acks_enabled_for,
        )
        # Clear first, so a topic whose partitions moved to another worker stops reporting
        # here (its lag is reported by the worker that holds it now).
        metrics.consumer_lag.clear()
        for topic, behind in lag.items():
            metrics.consumer_lag.labels(topic).set(behind)


def _safe_highwater(highwater: Callable[[TP], int | None]) -> Callable[[TP], int | None]:
    def read(tp: TP) -> int | None:
        try:
            return highwater(tp)
        # aiokafka asserts the partition is still assigned: a rebalance between reading
        # the assignment and the high watermark makes it fail; that partition is skipped.
        except AssertionError:
            return None

    return read
