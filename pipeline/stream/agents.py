"""Agents - extract -> match-candidates -> decide-duplicates -> evaluate-alerts ->
record-alerts, thin loops."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import faust

from pipeline.core.articles import parse_article
from pipeline.core.claims import ClaimPolicy, ClaimState, apply_figure, claim_key
from pipeline.core.dedup import Candidate
from pipeline.core.dedup_stream import (
    EARLIER,
    FORGET,
    REPLY,
    SETTLE,
    dedup_messages,
    entry_of,
    gather,
    keys_by_partition,
    verdict_of,
)
from pipeline.core.errors import InvalidArticleError
from pipeline.core.extraction import extract_figures
from pipeline.core.models import Figure
from pipeline.stream.records import dead_letter_record, rejection_record
from pipeline.stream.tables import Tables
from pipeline.stream.topics import Topics

if TYPE_CHECKING:
    from pipeline.stream.app import Pipeline

log = logging.getLogger(__name__)

Handler = Callable[[faust.EventT], Awaitable[None]]


def register_agents(
    pipeline: Pipeline,
    topics: Topics,
    tables: Tables,
    *,
    on_alert: Callable[[dict[str, Any]], None] | None = None,
) -> None:
    """Declare the pipeline's agents on `pipeline.app`."""
    app, metrics, progress = pipeline.app, pipeline.metrics, pipeline.progress
    settings = pipeline.settings
    window = settings.dedup_window_seconds
    policy = ClaimPolicy(
        revision_threshold=settings.revision_threshold,
        contest_window_seconds=settings.contest_window_seconds,
        corroboration_sources=settings.corroboration_sources,
    )

    async def send(
        topic: faust.TopicT,
        key: str | bytes,
        value: dict[str, Any],
        timestamp: float | None = None,
        partition: int | None = None,
    ) -> Any:
        progress.sent[topic.get_topic_name()] += 1
        return await topic.send(
            key=key.encode() if isinstance(key, str) else key, value=value,
            timestamp=timestamp, partition=partition,
        )

    async def run_stage(stage: str, stream: faust.StreamT[Any], handle: Handler) -> None:
        """The loop every agent shares: time, handle, and on an unexpected error, log it with
        where it happened and send the event to the dead-letter topic: the stream goes on."""
        async for event in stream.events():
            message = event.message
            with metrics.stage_seconds.labels(stage).time():
                try:
                    await handle(event)
                except Exception as exc:
                    log.exception("%s failed at %s", stage, _where(message))
                    metrics.dead_letters.labels(stage).inc()
                    record = dead_letter_record(stage, exc, event.value, message)
                    await topics.dead_letter.send(key=stage.encode(), value=record)
            metrics.events_processed.labels(stage).inc()
            progress.finished[message.topic] += 1

    async def extract_one(event: faust.EventT) -> None:
        message = event.message
        try:
            article = parse_article(
                event.value, max_bytes=settings.max_article_bytes, ingested_at=message.timestamp
            )
        except InvalidArticleError as exc:
            log.warning("rejected record at %s: %s", _where(message), exc)
            metrics.articles_rejected.labels(exc.reason).inc()
            record = rejection_record(
                exc.reason, exc.detail, event.value, message.topic, message.partition,
                message.offset,
            )
            await send(topics.rejected, exc.reason, record)
            return
        figures = [f.with_article(article) for f in extract_figures(article.body)]
        head, probes = dedup_messages(article, figures, message.partition, settings.partitions)
        metrics.articles_ingested.labels(article.source).inc()
        for figure in figures:
            metrics.figures_extracted.labels(figure.kind, figure.metric).inc()
        # Every dedup message carries the article's time: the candidates table buckets by it.
        await send(topics.replies, article.id, head, article.ingested_at)
        # Every message about a dedup key goes to partition_for(key): the table entry for
        # the key lives there, whichever partition the article came in on.
        for target, probe in probes:
            await send(topics.probes, article.id, probe, article.ingested_at, target)

    async def match_one(event: faust.EventT) -> None:
        candidates = tables.dedup_window
        value = event.value
        # The partition of the dedup keys (partition_for): the article's entry is kept
        # there, and written to that partition of the changelog.
        partition = event.message.partition
        if value["kind"] == FORGET:
            candidates.forget(partition, value["article_id"])
            return
        if value["kind"] == SETTLE:
            candidates.settle(partition, value["article_id"], value["cluster"])
            return
        probe = Candidate.from_dict(value["candidate"])
        found, new = candidates.match(partition, probe, value["keys"])
        if new:
            # Later copies still deciding passed these keys before the probe: tell them.
            for later_id in found.later_in_flight:
                notice = {"kind": EARLIER, "entry": entry_of(probe)}
                await send(topics.replies, later_id, notice, probe.seen_at)
        reply = {"kind": REPLY, "found": found.found}
        await send(topics.replies, probe.article_id, reply, probe.seen_at)

    async def decide_one(event: faust.EventT) -> None:
        table = tables.gatherings_by_article
        article_id = event.key.decode() if isinstance(event.key, bytes) else str(event.key)
        gathered = gather(table.get(article_id), event.value)
        if not gathered.complete:
            if gathered.state:
                table[article_id] = gathered.state
            return
        await decided(article_id, gathered.state)
        # Decided: drop the gathering. A replay gathers and decides again, to the same
        # verdict; probes and forgets are idempotent and the claim stage ignores reports
        # it already has.
        table.pop(article_id, None)

    async def decided(article_id: str, state: dict[str, Any]) -> None:
        verdict = verdict_of(state, window)
        head = state["head"]
        record = {**verdict.to_dict(), "similarity": verdict.similarity,
                  "partition": head["partition"]}
        # Not counted in `progress`: no agent of ours reads the verdicts topic.
        await topics.verdicts.send(key=article_id.encode(), value=record)
        # A duplicate's entries are forgotten (its original is remembered: they would only
        # cost memory); an original's are settled, so that a late copy defers to it.
        seen_at = head["candidate"]["seen_at"]
        for target, keys in keys_by_partition(head["keys"], settings.partitions).items():
            decision = {"kind": FORGET if verdict.is_duplicate else SETTLE, "keys": keys,
                        "article_id": article_id, "cluster": verdict.cluster}
            await send(topics.probes, article_id, decision, seen_at, target)
        if verdict.is_duplicate:
            metrics.duplicates.labels(verdict.reason or "unknown").inc()
            log.info("%s is a duplicate (%s) of %s", article_id, verdict.reason,
                     verdict.duplicate_of)
            return
        ingested_at = head["article"].get("ingested_at")
        for data in head["figures"]:
            claim = {"figure": data, "ingested_at": ingested_at, "cluster": verdict.cluster}
            key = claim_key(Figure.from_dict(data))
            await send(topics.claims, table_key(tables.claims_by_key, key), claim)

    async def evaluate_one(event: faust.EventT) -> None:
        table = tables.claims_by_key
        value = event.value
        figure = Figure.from_dict(value["figure"])
        key = claim_key(figure)
        stored = table.get(key)
        transition = apply_figure(
            ClaimState.from_dict(stored) if stored else None,
            figure,
            now=time.time(),
            ingested_at=value.get("ingested_at"),
            cluster=value.get("cluster"),
            policy=policy,
        )
        if transition.alert is not None:
            alert = transition.alert
            # Send first and wait for the broker's ack, then advance the state: a crash in
            # between re-sends the same alert id, it never loses it.
            await (await send(topics.alerts, key, alert.to_dict()))
            if alert.latency_seconds is not None:
                metrics.alert_latency_seconds.observe(alert.latency_seconds)
        if transition.changed:
            table[key] = transition.state.to_dict()

    @app.agent(topics.articles, name="extract")
    async def extract(stream: faust.StreamT[bytes]) -> None:
        await run_stage("extract", stream, extract_one)

    @app.agent(topics.probes, name="match-candidates")
    async def match_candidates(stream: faust.StreamT[dict[str, Any]]) -> None:
        await run_stage("match_candidates", stream, match_one)

    @app.agent(topics.replies, name="decide-duplicates")
    async def decide_duplicates(stream: faust.StreamT[dict[str, Any]]) -> None:
        await run_stage("decide_duplicates", stream, decide_one)

    @app.agent(topics.claims, name="evaluate-alerts")
    async def evaluate_alerts(stream: faust.StreamT[dict[str, Any]]) -> None:
        await run_stage("evaluate_alerts", stream, evaluate_one)

    async def record_one(event: faust.EventT) -> None:
        table = tables.alerts_by_key
        alert = event.value
        key = alert["claim_key"]
        recorded = table.get(key) or []
        if any(known["id"] == alert["id"] for known in recorded):
            # Sent again after a crash between the send and the claim's state update.
            log.info("alert %s (%s) already recorded", alert["id"], key)
            return
        metrics.alerts.labels(alert["type"]).inc()
        if on_alert is not None:
            # Before the state: a crash in between notifies twice rather than never.
            on_alert(alert)
        table[key] = [*recorded, alert]

    @app.agent(topics.alerts, name="record-alerts")
    async def record_alerts(stream: faust.StreamT[dict[str, Any]]) -> None:
        await run_stage("record_alerts", stream, record_one)


def table_key(table: faust.TableT, key: str) -> bytes:
    """A key as the table serialises it in its changelog (JSON by default). The table's
    topic is keyed the same way: `table_route` hashes this form to find the partition, and
    so the worker, that owns the key."""
    serialized: bytes = table.changelog_topic.prepare_key(key, None)[0]
    return serialized


def _where(message: Any) -> str:
    return f"{message.topic}[{message.partition}]@{message.offset}"
