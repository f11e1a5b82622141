"""Topics - every topic name and declaration of the pipeline, once."""

from __future__ import annotations

from dataclasses import dataclass

import faust

from pipeline.settings import Settings

#: Topic names under the settings' prefix (`news` by default).
ARTICLES = "articles"
REJECTED = "articles.rejected"
FIGURES = "figures"
FIGURES_BY_BODY = "figures.by-body"
CLAIMS = "claims"
ALERTS = "alerts"
ALL = (ARTICLES, REJECTED, FIGURES, FIGURES_BY_BODY, CLAIMS, ALERTS)


def topic_name(settings: Settings, name: str) -> str:
    return f"{settings.topic_prefix}.{name}"


@dataclass(frozen=True)
class Topics:
    """The pipeline's topics, declared on one app."""

    #: Raw input records (bytes): the extract stage validates them itself, so a bad record
    #: becomes a rejection with its reason instead of a decoding crash.
    articles: faust.TopicT
    rejected: faust.TopicT
    #: Extracted articles keyed by canonical-URL key (exact-URL dedup is co-partitioned).
    figures: faust.TopicT
    #: The same, re-keyed by normalised-body key for the exact-body dedup layer.
    figures_by_body: faust.TopicT
    #: One figure per record, keyed by claim key (the alert stage's table is co-partitioned).
    claims: faust.TopicT
    alerts: faust.TopicT


def declare_topics(app: faust.App, settings: Settings) -> Topics:
    def topic(name: str, serializer: str = "orjson") -> faust.TopicT:
        return app.topic(
            topic_name(settings, name),
            key_type=str,
            key_serializer="raw",
            value_serializer=serializer,
            partitions=settings.partitions,
            replicas=settings.replication_factor,
        )

    return Topics(
        articles=topic(ARTICLES, serializer="raw"),
        rejected=topic(REJECTED),
        figures=topic(FIGURES),
        figures_by_body=topic(FIGURES_BY_BODY),
        claims=topic(CLAIMS),
        alerts=topic(ALERTS),
    )
