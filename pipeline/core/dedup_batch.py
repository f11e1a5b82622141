"""Dedup batch - the in-order driver behind `figurewatch dedup`: articles in, verdicts out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC as _UTC
from datetime import datetime
from typing import Any

from pipeline.core.dedup import (
    BUCKETS,
    WINDOW_SECONDS,
    candidate_for,
    decide_and_remember,
    expire,
    new_window,
)
from pipeline.core.models import Article, Figure
from pipeline.core.neardup import THRESHOLD


def event_time(article: Article, previous: float) -> float:
    """Seconds since the epoch: published_at (ISO 8601), else ingested_at, else `previous`.

    A published_at without a zone is read as UTC, so that the result depends on the
    article alone and not on the machine it runs on.
    """
    if article.published_at:
        try:
            moment = datetime.fromisoformat(article.published_at.strip())
        except ValueError:
            moment = None
        if moment is not None:
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=_UTC)
            return moment.timestamp()
    if article.ingested_at is not None:
        return float(article.ingested_at)
    return previous


def dedup_articles(
    articles_with_figures: Iterable[tuple[Article, Iterable[Figure]]],
    *,
    window_seconds: float = WINDOW_SECONDS,
    buckets: int = BUCKETS,
    threshold: float = THRESHOLD,
) -> Iterator[dict[str, Any]]:
    """One verdict dict per article, in input order: id, duplicate_of, cluster, reason, figures_differ.

    The window's clock is the latest event time seen so far, so an article that arrives
    late is still compared with what is in the window but never expires anything early.
    """
    state = new_window(window_seconds, buckets)
    previous = 0.0
    for article, figures in articles_with_figures:
        seen_at = event_time(article, previous)
        previous = max(previous, seen_at)
        state = expire(state, seen_at)
        probe = candidate_for(article.id, seen_at, article.url, article.body or "", figures)
        yield decide_and_remember(state, probe, threshold=threshold).to_dict()
