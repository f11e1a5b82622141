"""Metrics - the pipeline's Prometheus instruments, in one bundle with an injected registry."""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

#: Article-to-alert latency: the target is p99 under one second, so resolve below it.
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 10.0, 30.0)


@dataclass(frozen=True)
class PipelineMetrics:
    """Every instrument the stages update. Tests pass a fresh CollectorRegistry."""

    registry: CollectorRegistry
    articles_ingested: Counter
    articles_rejected: Counter
    figures_extracted: Counter
    duplicates: Counter
    alerts: Counter
    events_processed: Counter
    dead_letters: Counter
    agent_crashes: Counter
    stage_seconds: Histogram
    table_entries: Gauge
    dedup_window_bytes: Gauge
    alert_latency_seconds: Histogram
    consumer_lag: Gauge

    @classmethod
    def create(cls, registry: CollectorRegistry | None = None) -> PipelineMetrics:
        registry = registry if registry is not None else CollectorRegistry()
        return cls(
            registry=registry,
            articles_ingested=Counter(
                "pipeline_articles_ingested_total",
                "Articles accepted by the extract stage, by source.",
                ["source"],
                registry=registry,
            ),
            articles_rejected=Counter(
                "pipeline_articles_rejected_total",
                "Input records sent to the rejected topic, by reason.",
                ["reason"],
                registry=registry,
            ),
            figures_extracted=Counter(
                "pipeline_figures_extracted_total",
                "Figures read from articles, by kind and metric.",
                ["kind", "metric"],
                registry=registry,
            ),
            duplicates=Counter(
                "pipeline_duplicates_total",
                "Articles dropped as duplicates, by dedup layer.",
                ["layer"],
                registry=registry,
            ),
            alerts=Counter(
                "pipeline_alerts_total",
                "Alerts emitted, by type.",
                ["type"],
                registry=registry,
            ),
            events_processed=Counter(
                "pipeline_events_processed_total",
                "Events each stage has finished (throughput per stage).",
                ["stage"],
                registry=registry,
            ),
            dead_letters=Counter(
                "pipeline_dead_letters_total",
                "Events a stage failed on unexpectedly, sent to the dead-letter topic, by stage.",
                ["stage"],
                registry=registry,
            ),
            agent_crashes=Counter(
                "pipeline_agent_crashes_total",
                "Agent actors that stopped on an unexpected error (Faust restarts them).",
                ["agent"],
                registry=registry,
            ),
            stage_seconds=Histogram(
                "pipeline_stage_seconds",
                "Processing time of one event, by stage.",
                ["stage"],
                registry=registry,
            ),
            table_entries=Gauge(
                "pipeline_table_entries",
                "Entries in each table partition this worker holds (windowed: key x bucket).",
                ["table"],
                registry=registry,
            ),
            dedup_window_bytes=Gauge(
                "pipeline_dedup_window_bytes",
                "Approximate memory of the dedup candidates this worker holds.",
                registry=registry,
            ),
            alert_latency_seconds=Histogram(
                "pipeline_alert_latency_seconds",
                "From an article's ingest (its Kafka timestamp) to the alert it raised.",
                buckets=LATENCY_BUCKETS,
                registry=registry,
            ),
            consumer_lag=Gauge(
                "pipeline_consumer_lag_messages",
                "Messages not yet committed by this worker's consumer (high watermark minus "
                "committed offset, summed over the partitions it holds), by topic.",
                ["topic"],
                registry=registry,
            ),
        )
