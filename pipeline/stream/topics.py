"""Topics - every topic name and declaration of the pipeline, once."""

from __future__ import annotations

from dataclasses import dataclass

import faust

from pipeline.settings import Settings

#: Topic names under the settings' prefix (`news` by default).
ARTICLES = "articles"
REJECTED = "articles.rejected"
PROBES = "dedup.probes"
REPLIES = "dedup.replies"
VERDICTS = "dedup.verdicts"
CLAIMS = "claims"
ALERTS = "alerts"
DEAD_LETTER = "dead-letter"
ALL = (ARTICLES, REJECTED, PROBES, REPLIES, VERDICTS, CLAIMS, ALERTS, DEAD_LETTER)


def topic_name(settings: Settings, name: str) -> str:
    return f"{settings.topic_prefix}.{name}"


@dataclass(frozen=True)
class Topics:
    """The pipeline's topics, declared on one app."""

    #: Raw input records (bytes): the extract stage validates them itself, so a bad record
    #: becomes a rejection with its reason instead of a decoding crash.
    articles: faust.TopicT
    rejected: faust.TopicT
    #: One probe per dedup key of an article (canonical URL, body, LSH band), keyed by that
    #: key: copies meet their original's candidates whatever partition they came from.
    probes: faust.TopicT
    #: The article with its figures (head) and each key's answer, keyed by article id.
    replies: faust.TopicT
    #: One dedup verdict per article, keyed by article id (for consumers and audits).
    verdicts: faust.TopicT
    #: One figure per record, keyed by claim key (the alert stage's table is co-partitioned).
    claims: faust.TopicT
    alerts: faust.TopicT
    #: Events a stage failed on unexpectedly, with the stage and the error.
    dead_letter: faust.TopicT


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
        probes=topic(PROBES),
        replies=topic(REPLIES),
        verdicts=topic(VERDICTS),
        claims=topic(CLAIMS),
        alerts=topic(ALERTS),
        dead_letter=topic(DEAD_LETTER),
    )
