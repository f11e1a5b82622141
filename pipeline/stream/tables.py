"""Tables - every Faust table of the pipeline, once."""

from __future__ import annotations

from dataclasses import dataclass

import faust

from pipeline.settings import Settings
from pipeline.stream.window import DedupWindow, register_window

#: Buckets per dedup window: memory is released one bucket (6 h of 72 h) at a time.
DEDUP_BUCKETS = 12


@dataclass(frozen=True)
class Tables:
    """State kept by the stages; each is co-partitioned with the topic its agent reads."""

    #: The dedup window: "partition:article id" -> the article's entry on that probes
    #: partition (the candidates_by_article table), found by dedup key through an index
    #: kept in memory, and expired bucket by bucket (memory stays bounded).
    dedup_window: DedupWindow
    #: article id -> its dedup gathering (head and replies) until the verdict is given.
    gatherings_by_article: faust.TableT
    #: claim key -> ClaimState.to_dict().
    claims_by_key: faust.TableT
    #: claim key -> the alerts recorded for it, each id once (the alerts topic is
    #: at-least-once: an alert re-sent after a crash is recorded, and notified, once).
    alerts_by_key: faust.TableT


def declare_tables(app: faust.App, settings: Settings) -> Tables:
    def table(name: str) -> faust.TableT:
        return app.Table(name, default=None, partitions=settings.partitions)

    window = settings.dedup_window_seconds
    dedup_window = DedupWindow(
        table("candidates_by_article"), window, window / DEDUP_BUCKETS
    )
    register_window(app, dedup_window, settings.table_cleanup_interval_seconds)
    return Tables(
        dedup_window=dedup_window,
        gatherings_by_article=table("gatherings_by_article"),
        claims_by_key=table("claims_by_key"),
        alerts_by_key=table("alerts_by_key"),
    )
