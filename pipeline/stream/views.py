"""Views - /metrics and /health on the worker's web server."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from faust.web import Request, Response, View
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

if TYPE_CHECKING:
    from pipeline.stream.app import Pipeline

#: An agent that crashed this recently makes the worker unhealthy (Faust restarts actors, so a
#: crash loop, e.g. on a partition-count mismatch, shows as crashes that keep coming).
CRASH_WINDOW_SECONDS = 30.0


def health(pipeline: Pipeline) -> dict[str, Any]:
    """Ready when partitions are assigned, tables recovered, and no agent is crash-looping."""
    app = pipeline.app
    now = time.monotonic()
    crashing = sorted(
        name for name, at in pipeline.agent_crashes.items() if now - at < CRASH_WINDOW_SECONDS
    )
    recovered = app.tables.recovery.completed.is_set()
    assigned = bool(app.consumer.assignment()) if app.consumer else False
    return {
        "ready": recovered and assigned and not app.rebalancing and not crashing,
        "recovered": recovered,
        "assigned_partitions": len(app.consumer.assignment()) if assigned else 0,
        "rebalancing": bool(app.rebalancing),
        "crashing_agents": crashing,
    }


def register_views(pipeline: Pipeline) -> None:
    app, metrics = pipeline.app, pipeline.metrics

    @app.page("/metrics")
    class Metrics(View):
        async def get(self, request: Request) -> Response:
            return self.bytes(
                generate_latest(metrics.registry), content_type=CONTENT_TYPE_LATEST.split(";")[0]
            )

    @app.page("/health")
    class Health(View):
        async def get(self, request: Request) -> Response:
            body = health(pipeline)
            return self.json(body, status=200 if body["ready"] else 503)
