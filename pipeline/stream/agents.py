"""Agents - extract -> deduplicate (URL, then body) -> evaluate_alerts, each a thin loop."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import faust

from pipeline.core.articles import parse_article
from pipeline.core.claims import ClaimState, apply_figure, claim_key
from pipeline.core.errors import InvalidArticleError
from pipeline.core.exact_dedup import Verdict, exact_verdict, figures_digest
from pipeline.core.extraction import extract_figures
from pipeline.core.fingerprints import body_key, url_key
from pipeline.core.models import Article, ExtractedArticle, Figure
from pipeline.stream.records import rejection_record
from pipeline.stream.tables import Tables
from pipeline.stream.topics import Topics

if TYPE_CHECKING:
    from pipeline.stream.app import Pipeline

log = logging.getLogger(__name__)


def extracted_article(article: Article) -> ExtractedArticle:
    """The article with its figures and exact-dedup keys (pure, but kept next to its agent)."""
    figures = tuple(figure.with_article(article) for figure in extract_figures(article.body))
    return ExtractedArticle(
        article=article,
        figures=figures,
        # An article without a URL cannot be a URL duplicate: key it by its own id.
        url_key=url_key(article.url) if article.url else f"id:{article.id}",
        body_key=body_key(article.body),
    )


def register_agents(
    pipeline: Pipeline,
    topics: Topics,
    tables: Tables,
    *,
    on_alert: Callable[[dict[str, Any]], None] | None = None,
) -> None:
    """Declare the pipeline's agents on `pipeline.app`."""
    app, metrics, progress = pipeline.app, pipeline.metrics, pipeline.progress
    max_bytes = pipeline.settings.max_article_bytes

    def finished(stage: str, topic: str) -> None:
        metrics.events_processed.labels(stage).inc()
        progress.finished[topic] += 1

    async def send(topic: faust.TopicT, key: str, value: dict[str, Any]) -> None:
        progress.sent[topic.get_topic_name()] += 1
        await topic.send(key=key.encode(), value=value)

    @app.agent(topics.articles, name="extract")
    async def extract(stream: faust.StreamT[bytes]) -> None:
        async for event in stream.events():
            message = event.message
            with metrics.stage_seconds.labels("extract").time():
                try:
                    article = parse_article(
                        event.value, max_bytes=max_bytes, ingested_at=message.timestamp
                    )
                    extracted = extracted_article(article)
                except InvalidArticleError as exc:
                    await _reject(exc.reason, exc.detail, event.value, message)
                except Exception as exc:
                    # A bug in extraction must not stop the stream: the record goes to the
                    # rejected topic with the error, and is logged with its stack.
                    log.exception("extraction failed at %s", _where(message))
                    await _reject("extraction_error", repr(exc), event.value, message)
                else:
                    metrics.articles_ingested.labels(article.source).inc()
                    for figure in extracted.figures:
                        metrics.figures_extracted.labels(figure.kind, figure.metric).inc()
                    await send(topics.figures, extracted.url_key, extracted.to_dict())
            finished("extract", message.topic)

    async def _reject(reason: str, detail: str, raw: bytes, message: Any) -> None:
        log.warning("rejected record at %s: %s: %s", _where(message), reason, detail)
        metrics.articles_rejected.labels(reason).inc()
        record = rejection_record(
            reason, detail, raw, message.topic, message.partition, message.offset
        )
        await send(topics.rejected, reason, record)

    def deduplicate(table: faust.TableT, key_of: Callable[[ExtractedArticle], str], layer: str):
        """One exact-dedup layer: look the article's key up, drop copies, pass on the rest."""

        async def check(value: dict[str, Any]) -> ExtractedArticle | None:
            extracted = ExtractedArticle.from_dict(value)
            key = key_of(extracted)
            digest = figures_digest(extracted.figures)
            verdict = exact_verdict(table.get(key), extracted.article.id, digest)
            if verdict is Verdict.DUPLICATE:
                metrics.duplicates.labels(layer).inc()
                log.info("%s is a duplicate (%s) of %s", extracted.article.id, layer, table[key])
                return None
            if verdict is Verdict.FIRST:
                table[key] = {"id": extracted.article.id, "digest": digest}
            return extracted

        return check

    check_url = deduplicate(tables.first_seen_by_url, lambda e: e.url_key, "exact_url")
    check_body = deduplicate(tables.first_seen_by_body, lambda e: e.body_key, "exact_body")

    @app.agent(topics.figures, name="deduplicate-url")
    async def deduplicate_url(stream: faust.StreamT[dict[str, Any]]) -> None:
        async for value in stream:
            with metrics.stage_seconds.labels("deduplicate_url").time():
                extracted = await check_url(value)
                if extracted is not None:
                    await send(topics.figures_by_body, extracted.body_key, value)
            finished("deduplicate_url", topics.figures.get_topic_name())

    @app.agent(topics.figures_by_body, name="deduplicate-body")
    async def deduplicate_body(stream: faust.StreamT[dict[str, Any]]) -> None:
        async for value in stream:
            with metrics.stage_seconds.labels("deduplicate_body").time():
                extracted = await check_body(value)
                if extracted is not None:
                    ingested_at = extracted.article.ingested_at
                    for figure in extracted.figures:
                        claim = {"figure": figure.to_dict(), "ingested_at": ingested_at}
                        await send(topics.claims, claim_key(figure), claim)
            finished("deduplicate_body", topics.figures_by_body.get_topic_name())

    @app.agent(topics.claims, name="evaluate-alerts")
    async def evaluate_alerts(stream: faust.StreamT[dict[str, Any]]) -> None:
        table = tables.claims_by_key
        async for value in stream:
            with metrics.stage_seconds.labels("evaluate_alerts").time():
                figure = Figure.from_dict(value["figure"])
                key = claim_key(figure)
                stored = table.get(key)
                state = ClaimState.from_dict(stored) if stored else None
                transition = apply_figure(
                    state, figure, now=time.time(), ingested_at=value.get("ingested_at")
                )
                if transition.alert is not None:
                    alert = transition.alert
                    # Send first and wait for the broker's ack, then advance the state: a
                    # crash in between re-sends the same alert id, it never loses it.
                    progress.sent[topics.alerts.get_topic_name()] += 1
                    sent = await topics.alerts.send(key=key.encode(), value=alert.to_dict())
                    await sent
                    metrics.alerts.labels(alert.type).inc()
                    if alert.latency_seconds is not None:
                        metrics.alert_latency_seconds.observe(alert.latency_seconds)
                if transition.changed:
                    table[key] = transition.state.to_dict()
            finished("evaluate_alerts", topics.claims.get_topic_name())

    if on_alert is not None:

        @app.agent(topics.alerts, name="print-alerts")
        async def print_alerts(stream: faust.StreamT[dict[str, Any]]) -> None:
            async for value in stream:
                on_alert(value)
                finished("print_alerts", topics.alerts.get_topic_name())


def _where(message: Any) -> str:
    return f"{message.topic}[{message.partition}]@{message.offset}"
