"""Consumer lag per topic, from high watermarks and committed offsets."""

from __future__ import annotations

from faust.types import TP
from prometheus_client import CollectorRegistry, generate_latest

from pipeline.observability.metrics import PipelineMetrics
from pipeline.stream.monitoring import consumer_lag

ARTICLES = [TP("news.articles", p) for p in range(3)]
CLAIMS = TP("news.claims", 0)
CHANGELOG = TP("figurewatch-claims_by_key-changelog", 0)


def test_consumer_lag_sums_partitions_per_topic() -> None:
    highwaters = {ARTICLES[0]: 10, ARTICLES[1]: 7, ARTICLES[2]: 0, CLAIMS: 5}
    committed = {ARTICLES[0]: 4, ARTICLES[1]: 7, ARTICLES[2]: None, CLAIMS: 5}
    lag = consumer_lag(highwaters, highwaters.get, committed)
    assert lag == {"news.articles": 6, "news.claims": 0}


def test_consumer_lag_counts_from_zero_before_the_first_commit() -> None:
    lag = consumer_lag([ARTICLES[0]], {ARTICLES[0]: 12}.get, {})
    assert lag == {"news.articles": 12}


def test_consumer_lag_skips_unfetched_partitions_and_changelogs() -> None:
    highwaters = {ARTICLES[0]: None, CHANGELOG: 500}
    lag = consumer_lag(highwaters, highwaters.get, {}, counted=lambda t: t != CHANGELOG.topic)
    assert lag == {}


def test_consumer_lag_never_negative() -> None:
    # A commit can run ahead of the high watermark the consumer saw in its previous fetch.
    lag = consumer_lag([CLAIMS], {CLAIMS: 3}.get, {CLAIMS: 5})
    assert lag == {"news.claims": 0}


def test_metrics_follow_the_naming_rules() -> None:
    """Counters end in _total, histograms measure seconds, no millisecond units."""
    registry = CollectorRegistry()
    PipelineMetrics.create(registry)
    types = dict(
        line.split()[2:4]
        for line in generate_latest(registry).decode().splitlines()
        if line.startswith("# TYPE ")
    )
    assert types["pipeline_consumer_lag_messages"] == "gauge"
    for name, kind in types.items():
        assert name.startswith("pipeline_"), name
        assert "millis" not in name, name
        assert "_ms" not in name, name
        if kind == "counter":
            assert name.endswith("_total"), name
        if kind == "histogram":
            assert name.endswith("_seconds"), name
