"""Tables - every Faust table of the pipeline, once."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import faust

from pipeline.settings import Settings

#: Buckets per dedup window: memory is released one bucket (6 h of 72 h) at a time.
DEDUP_BUCKETS = 12


@dataclass(frozen=True)
class Tables:
    """State kept by the stages; each is co-partitioned with the topic its agent reads."""

    #: dedup key -> the candidates remembered under it, in tumbling buckets of event time
    #: that Faust expires after the dedup window (memory stays bounded).
    candidates_by_key: Any
    #: Width of one candidates bucket and how many make the window (Faust windows are whole
    #: seconds wide).
    bucket_seconds: int
    bucket_count: int
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
    bucket_seconds = max(1, round(window / DEDUP_BUCKETS))
    candidates = app.Table(
        "candidates_by_key", default=list, partitions=settings.partitions
    ).tumbling(bucket_seconds, expires=window)
    return Tables(
        candidates_by_key=candidates,
        bucket_seconds=bucket_seconds,
        bucket_count=math.ceil(window / bucket_seconds),
        gatherings_by_article=table("gatherings_by_article"),
        claims_by_key=table("claims_by_key"),
        alerts_by_key=table("alerts_by_key"),
    )
