"""Monitoring - gauges of table sizes and dedup window memory, refreshed on a timer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.core.dedup_stream import stored_bytes
from pipeline.stream.tables import Tables

if TYPE_CHECKING:
    from pipeline.stream.app import Pipeline

#: Table sizes change slowly; a scrape every 15 s sees values at most this old.
REFRESH_SECONDS = 2.0


def register_monitors(pipeline: Pipeline, tables: Tables) -> None:
    app, metrics = pipeline.app, pipeline.metrics

    @app.timer(REFRESH_SECONDS)
    async def refresh_table_gauges() -> None:
        candidates = tables.candidates_by_key.table.data
        metrics.table_entries.labels("candidates_by_key").set(len(candidates))
        metrics.dedup_window_bytes.set(sum(stored_bytes(v) for v in candidates.values()))
        gatherings = tables.gatherings_by_article.data
        metrics.table_entries.labels("gatherings_by_article").set(len(gatherings))
        metrics.table_entries.labels("claims_by_key").set(len(tables.claims_by_key.data))
