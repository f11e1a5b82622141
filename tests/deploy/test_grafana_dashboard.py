"""deploy/grafana: the provisioned dashboard reads only metrics the worker exports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.deploy.promql import PROMETHEUS_SERIES, exported_names, metric_names

REPO = Path(__file__).resolve().parents[2]
GRAFANA = REPO / "deploy" / "grafana"


def dashboard() -> dict[str, Any]:
    return dict(json.loads((GRAFANA / "dashboards" / "figurewatch.json").read_text()))


def dashboard_exprs() -> list[str]:
    return [t["expr"] for p in dashboard()["panels"] for t in p["targets"]]


@pytest.mark.parametrize(
    ("expr", "names"),
    [
        ('sum by (stage) (rate(pipeline_events_processed_total{stage="x"}[5m]))',
         {"pipeline_events_processed_total"}),
        ("histogram_quantile(0.99, sum by (le) (rate(a_bucket[$__rate_interval])))",
         {"a_bucket"}),
        ("a / on (job) group_left (x) b unless c offset 5m > bool 1", {"a", "b", "c"}),
        ('up{job="figurewatch"} == 0', {"up"}),
    ],
)
def test_metric_names_of_an_expression(expr: str, names: set[str]) -> None:
    assert metric_names(expr) == names


def test_exported_names_include_histogram_and_counter_series() -> None:
    names = exported_names()
    assert {"pipeline_alerts_total", "pipeline_alert_latency_seconds_bucket",
            "pipeline_consumer_lag_messages"} <= names


def test_every_panel_query_reads_only_exported_metrics() -> None:
    known = exported_names() | PROMETHEUS_SERIES
    exprs = dashboard_exprs()
    assert exprs
    unknown = {expr: metric_names(expr) - known for expr in exprs if metric_names(expr) - known}
    assert not unknown, unknown
    assert all(metric_names(expr) for expr in exprs)


def test_dashboard_covers_throughput_latency_alerts_duplicates_lag_and_failures() -> None:
    read = set().union(*(metric_names(e) for e in dashboard_exprs()))
    assert {
        "pipeline_events_processed_total",
        "pipeline_alert_latency_seconds_bucket",
        "pipeline_alerts_total",
        "pipeline_duplicates_total",
        "pipeline_consumer_lag_messages",
        "pipeline_articles_rejected_total",
        "pipeline_dead_letters_total",
    } <= read


def test_panels_use_the_provisioned_datasource() -> None:
    sources = yaml.safe_load((GRAFANA / "provisioning" / "datasources" / "prometheus.yml")
                             .read_text())["datasources"]
    uids = {s["uid"] for s in sources}
    panels = dashboard()["panels"]
    assert len({p["id"] for p in panels}) == len(panels)
    for panel in panels:
        assert panel["datasource"]["uid"] in uids, panel["title"]
        assert all(t["datasource"]["uid"] in uids for t in panel["targets"]), panel["title"]
