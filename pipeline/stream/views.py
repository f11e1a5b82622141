"""Views - the worker's web server: /metrics, /health and the claims and alerts API.

A claim's history is served by the worker that owns its key (`table_route` forwards the
request there). Lists (claims, latest alerts) ask every worker for its own part and merge
them, so any worker answers for the whole pipeline.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import aiohttp
from faust.web import Request, Response, View
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from yarl import URL

from pipeline.core.claims import ClaimState, claim_history, claim_summary
from pipeline.core.pages import alerts_page, claim_not_found_page, claim_page
from pipeline.stream.openapi import DOCUMENT

if TYPE_CHECKING:
    from pipeline.stream.app import Pipeline
    from pipeline.stream.tables import Tables

log = logging.getLogger(__name__)

#: How long a list waits for another worker's part before answering without it.
PEER_TIMEOUT_SECONDS = 3.0
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
CLAIM_FILTERS = ("metric", "actor", "location", "weapon", "period")

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


class BadRequest(ValueError):
    """A query parameter the API cannot use; answered with 400 and the reason."""


def limit_of(query: Any) -> int:
    raw = query.get("limit")
    if raw is None:
        return DEFAULT_LIMIT
    try:
        limit = int(raw)
    except ValueError:
        raise BadRequest(f"limit must be a whole number, got {raw!r}") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise BadRequest(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    return limit


def select_claims(states: Iterable[ClaimState], query: Any) -> list[dict[str, Any]]:
    """Claim summaries matching the query's filters (exact key parts, case-insensitive, and
    `q`, a substring of the key), most recently reported first."""
    wanted = {name: query[name].strip().lower() for name in CLAIM_FILTERS if query.get(name)}
    text = (query.get("q") or "").strip().lower()
    rows = [claim_summary(state) for state in states]
    rows = [
        row for row in rows
        if all(row[name] == value for name, value in wanted.items()) and text in row["key"]
    ]
    return newest_first(rows, "last_seen", "key")


def newest_first(rows: Iterable[dict[str, Any]], time_field: str, id_field: str
                 ) -> list[dict[str, Any]]:
    """Rows once per id (a standby or a second worker may hold the same), newest first."""
    unique = {row[id_field]: row for row in rows}
    return sorted(unique.values(), key=lambda row: (-(row[time_field] or 0.0), row[id_field]))


def register_views(pipeline: Pipeline, tables: Tables) -> None:
    app, metrics = pipeline.app, pipeline.metrics

    def local_claims() -> list[ClaimState]:
        return [ClaimState.from_dict(data) for _, data in tables.claims_by_key.items() if data]

    def local_alerts() -> list[dict[str, Any]]:
        return [alert for _, recorded in tables.alerts_by_key.items() for alert in recorded or ()]

    async def everywhere(request: Request, local: Callable[[], list[dict[str, Any]]],
                         field: str) -> tuple[list[dict[str, Any]], list[str]]:
        """This worker's rows and every other worker's (`?local=1` asks for its own only);
        also the workers that did not answer, so an answer without them says so."""
        rows = local()
        if request.query.get("local"):
            return rows, []
        own = _ident(URL(str(app.conf.canonical_url)))
        peers = [host for host in _workers(app) if _ident(URL(host)) != own]

        async def ask(host: str) -> list[dict[str, Any]]:
            url = URL(host).with_path(request.path).with_query(
                {**request.query, "local": "1", "limit": str(MAX_LIMIT)})
            timeout = aiohttp.ClientTimeout(total=PEER_TIMEOUT_SECONDS)
            async with app.http_client.get(url, timeout=timeout) as response:
                response.raise_for_status()
                return (await response.json())[field]

        unreachable = []
        for host, answer in zip(peers, await asyncio.gather(
                *(ask(host) for host in peers), return_exceptions=True), strict=True):
            if isinstance(answer, BaseException):
                log.warning("worker %s did not answer %s: %r", host, request.path, answer)
                unreachable.append(host)
            else:
                rows.extend(answer)
        return rows, unreachable

    def error(view: View, status: int, message: str) -> Response:
        return view.json({"error": message}, status=status)

    @app.page("/api/v1/claims")
    class Claims(View):
        """The claims known, filtered by `metric`, `actor`, `location`, `weapon`, `period`
        (exact, case-insensitive) and `q` (part of the key); newest first."""

        async def get(self, request: Request) -> Response:
            try:
                limit = limit_of(request.query)
            except BadRequest as exc:
                return error(self, 400, str(exc))
            rows, unreachable = await everywhere(
                request, lambda: select_claims(local_claims(), request.query), "claims")
            rows = newest_first(rows, "last_seen", "key")
            return self.json({"claims": rows[:limit], "total": len(rows),
                              "unreachable_workers": unreachable})

    async def know_claims_partitions() -> None:
        # `table_route` hashes the key with the producer's metadata of the table's changelog,
        # which a worker that never wrote to it lacks: fetch it first.
        # (Faust's producer has no public call for it; aiokafka's has.)
        producer = app.producer._ensure_producer()
        await producer.partitions_for(tables.claims_by_key.changelog_topic.get_topic_name())

    class OwnedClaim(View):
        """A view of one claim, answered by the worker that owns its key (`table_route`
        forwards the request there); `found` renders the claim's history."""

        async def get(self, request: Request, key: str) -> Response:
            await know_claims_partitions()
            return await self.owned(request, key)

        @app.table_route(table=tables.claims_by_key, match_info="key")
        async def owned(self, request: Request, key: str) -> Response:
            data = tables.claims_by_key.get(key)
            if not data:
                return self.missing(key)
            return self.found(claim_history(ClaimState.from_dict(data)))

        def found(self, history: dict[str, Any]) -> Response:
            raise NotImplementedError

        def missing(self, key: str) -> Response:
            return error(self, 404, f"no claim with key {key!r}")

    @app.page("/api/v1/claims/{key}/history")
    class ClaimHistory(OwnedClaim):
        """The timeline of one claim."""

        def found(self, history: dict[str, Any]) -> Response:
            return self.json(history)

    @app.page("/claims/{key}")
    class ClaimPage(OwnedClaim):
        """The claim's page: its estimate over time as a chart, and every report."""

        def found(self, history: dict[str, Any]) -> Response:
            return self.html(claim_page(history))

        def missing(self, key: str) -> Response:
            return self.html(claim_not_found_page(key), status=404)

    @app.page("/api/v1/openapi.json")
    class OpenApi(View):
        async def get(self, request: Request) -> Response:
            return self.json(DOCUMENT)

    @app.page("/")
    class LatestAlerts(View):
        """The latest alerts, refreshed live from /api/v1/alerts."""

        async def get(self, request: Request) -> Response:
            return self.html(alerts_page())

    @app.page("/api/v1/alerts")
    class Alerts(View):
        """The latest alerts, each once, newest first; `type` and `claim_key` filter."""

        async def get(self, request: Request) -> Response:
            try:
                limit = limit_of(request.query)
            except BadRequest as exc:
                return error(self, 400, str(exc))
            kind, key = request.query.get("type"), request.query.get("claim_key")

            def matching() -> list[dict[str, Any]]:
                return [alert for alert in local_alerts()
                        if (not kind or alert["type"] == kind)
                        and (not key or alert["claim_key"] == key)]

            rows, unreachable = await everywhere(request, matching, "alerts")
            rows = newest_first(rows, "detected_at", "id")
            return self.json({"alerts": rows[:limit], "total": len(rows),
                              "unreachable_workers": unreachable})

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


def _workers(app: Any) -> list[str]:
    """The web addresses of the workers of this app's group, from the partition assignor."""
    try:
        return sorted(app.router.tables_metadata())
    except (AttributeError, KeyError):
        return []


def _ident(url: URL) -> tuple[str, int]:
    return (url.host or "", int(url.port or 80))

