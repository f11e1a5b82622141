"""App - create_app(settings) builds the Faust app; `app` is the one `faust -A` finds."""

from __future__ import annotations

import logging
import socket
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import faust
from mode.utils.imports import FactoryMapping

from pipeline.adapters.broker import free_port
from pipeline.observability.metrics import PipelineMetrics
from pipeline.settings import Settings
from pipeline.stream import codec
from pipeline.stream.agents import register_agents
from pipeline.stream.monitoring import register_monitors
from pipeline.stream.progress import Progress
from pipeline.stream.tables import declare_tables
from pipeline.stream.topics import declare_topics
from pipeline.stream.views import register_views

log = logging.getLogger(__name__)

AlertCallback = Callable[[dict[str, Any]], None]


@dataclass
class Pipeline:
    """The app with its topics, tables, metrics and progress, for the CLI and tests."""

    app: faust.App
    settings: Settings
    metrics: PipelineMetrics
    progress: Progress = field(default_factory=Progress)
    #: Agent name -> time.monotonic() of its latest crash (read by /health).
    agent_crashes: dict[str, float] = field(default_factory=dict)


class FigurewatchApp(faust.App):
    """faust.App that reports agent crashes to the pipeline (for /health and metrics)."""

    pipeline: Pipeline | None = None

    # Faust passes this method to every agent as its on_error callback; `app.agent()` takes
    # no per-agent one, so overriding it is the documented hook (agents.rst, agent-errors).
    async def _on_agent_error(self, agent: Any, exc: BaseException) -> None:
        await super()._on_agent_error(agent, exc)
        if self.pipeline is not None:
            log.error("agent %s crashed: %r", agent.name, exc, exc_info=exc)
            self.pipeline.agent_crashes[agent.name] = time.monotonic()
            self.pipeline.metrics.agent_crashes.labels(agent.name).inc()


def broker_urls(bootstrap: str) -> list[str]:
    """Faust broker URLs for "host:port[,host:port]"; a URL with a scheme is kept as it is."""
    urls = []
    for server in bootstrap.split(","):
        server = server.strip()
        if server:
            urls.append(server if "://" in server else f"kafka://{server}")
    if not urls:
        raise ValueError(f"no broker address in {bootstrap!r}")
    return urls


#: Hosts that mean "listen on every interface": never an address to reach a worker at.
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", ""})  # noqa: S104 (compared, not bound)


def advertised_url(settings: Settings, web_port: int) -> str:
    """The URL other workers use for this one's web server (Faust's canonical URL: the
    partition assignor hands it to every member, and `table_route` forwards to it)."""
    if settings.web_advertised_url:
        return settings.web_advertised_url
    host = settings.web_host
    if host in WILDCARD_HOSTS:
        # Listening everywhere: the address this machine's name resolves to (a container's
        # or pod's own IP), not the wildcard, which would name every worker alike.
        try:
            host = socket.gethostbyname(socket.gethostname())
        except OSError:  # the name does not resolve here: others may still resolve it
            host = socket.gethostname()
    return f"http://{host}:{web_port}"


def _register_tansu_transport() -> None:
    # The entry point in pyproject.toml does this for installed copies; this covers a
    # source checkout run without installing (PYTHONPATH=.).
    from faust.transport.drivers import TRANSPORTS

    mapping: FactoryMapping[Any] = TRANSPORTS
    mapping.aliases.setdefault("tansu", "pipeline.stream.tansu:Transport")


def create_app(
    settings: Settings,
    *,
    broker_url: str | None = None,
    metrics: PipelineMetrics | None = None,
    on_alert: AlertCallback | None = None,
) -> Pipeline:
    """Build the Faust app on `broker_url` (default: the settings' broker).

    `on_alert` is called by the record-alerts stage with each alert the first time it is
    recorded (the `figurewatch run` printer); leave it None on workers that only process.
    """
    codec.register()
    _register_tansu_transport()
    bootstrap = broker_url or settings.broker_url
    if not bootstrap:
        raise ValueError("no broker: set FIGUREWATCH_BROKER_URL or start the embedded broker")
    data_dir = settings.data_dir or tempfile.mkdtemp(prefix="figurewatch-state-")
    # Faust needs a real port number: 0 ("any") picks a free one now.
    web_port = settings.web_port or free_port()
    app = FigurewatchApp(
        settings.app_id,
        broker=broker_urls(bootstrap),
        store="memory://",
        processing_guarantee="at_least_once",
        # Tansu holds every group join for half the session timeout: keep it short.
        broker_session_timeout=settings.session_timeout_seconds,
        broker_heartbeat_interval=settings.heartbeat_interval_seconds,
        broker_commit_interval=settings.commit_interval_seconds,
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication_factor,
        consumer_auto_offset_reset="earliest",
        producer_linger=0.005,
        table_cleanup_interval=settings.table_cleanup_interval_seconds,
        datadir=str(data_dir),
        web_host=settings.web_host,
        web_port=web_port,
        canonical_url=advertised_url(settings, web_port),
        web_enabled=True,
        autodiscover=False,
    )
    pipeline = Pipeline(app, settings, metrics or PipelineMetrics.create())
    app.pipeline = pipeline
    topics = declare_topics(app, settings)
    tables = declare_tables(app, settings)
    register_agents(pipeline, topics, tables, on_alert=on_alert)
    register_views(pipeline, tables)
    register_monitors(pipeline, tables)
    return pipeline


def __getattr__(name: str) -> Any:
    """`faust -A pipeline.stream.app worker` reads `app`: built on first access only.

    Importing this module builds nothing; the environment is read and, with no broker
    configured, the embedded broker started only when `app` is asked for.
    """
    if name != "app":
        raise AttributeError(name)
    global app
    settings = Settings()
    broker_url = settings.broker_url
    if not broker_url:
        from pipeline.adapters.broker import launch_broker

        broker_url = launch_broker().url
    app = create_app(settings, broker_url=broker_url).app
    return app
