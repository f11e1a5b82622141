"""Views - /metrics and /health on the worker's web server."""

from __future__ import annotations

from typing import TYPE_CHECKING

from faust.web import Request, Response, View
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from pipeline.stream.tables import Tables

if TYPE_CHECKING:
    from pipeline.stream.app import Pipeline


def register_views(pipeline: Pipeline, tables: Tables) -> None:
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
            crashed = [agent.name for agent in app.agents.values() if agent._crashed()]
            status = 200 if app.rebalancing is False and not crashed else 503
            body = {"ready": status == 200, "rebalancing": bool(app.rebalancing),
                    "crashed_agents": crashed}
            return self.json(body, status=status)
