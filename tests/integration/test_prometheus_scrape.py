"""A real Prometheus (Debian's binary) scrapes a running worker; the metrics come back through
Prometheus's query API with the values the run produced.

Prometheus is configured from deploy/prometheus/prometheus.yml (the worker job's targets
replaced by this worker, scraped every second) and loads deploy/prometheus/rules.yml, so the
shipped config and rules are exercised too. `make test` installs Prometheus
(scripts/install-test-deps.sh): a missing binary is a failure, not a skip.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from pipeline.adapters.broker import free_port
from tests.conftest import make_article_fields
from tests.deploy.test_grafana_dashboard import dashboard_exprs
from tests.integration.conftest import REPO, Names, Sent, produce, read_topic

PROMETHEUS_DIR = REPO / "deploy" / "prometheus"
#: Prometheus starts (WAL, rule loading) in well under a second here; 30 s covers a busy CI.
PROMETHEUS_READY_TIMEOUT = 30.0
#: One-second scrapes: the expected values are visible a few scrapes after the run.
SCRAPE_INTERVAL = "1s"
#: From the last article in to every expected value visible through Prometheus.
QUERY_TIMEOUT = 60.0


@dataclass
class Prometheus:
    process: subprocess.Popen[bytes]
    port: int
    log_path: Path

    def get(self, path: str, **params: str) -> Any:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        url = f"http://127.0.0.1:{self.port}{path}{query}"
        with urllib.request.urlopen(url, timeout=5) as response:
            body = json.load(response)
        assert body["status"] == "success", body
        return body["data"]

    def query(self, expr: str) -> dict[tuple[tuple[str, str], ...], float]:
        """An instant query: {sorted labels: value} for each series of the result."""
        data = self.get("/api/v1/query", query=expr)
        assert data["resultType"] == "vector", data
        return {
            tuple(sorted(item["metric"].items())): float(item["value"][1])
            for item in data["result"]
        }

    def logs(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]


def scrape_config(worker_port: int, self_port: int) -> dict[str, Any]:
    """deploy/prometheus/prometheus.yml with this test's targets and a short interval."""
    config = yaml.safe_load((PROMETHEUS_DIR / "prometheus.yml").read_text())
    config["global"].update(scrape_interval=SCRAPE_INTERVAL, evaluation_interval=SCRAPE_INTERVAL)
    config["rule_files"] = [str(PROMETHEUS_DIR / f) for f in config["rule_files"]]
    config.pop("alerting")  # no Alertmanager here
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    worker_job = jobs["figurewatch"]
    worker_job.pop("dns_sd_configs")
    worker_job["static_configs"] = [{"targets": [f"127.0.0.1:{worker_port}"]}]
    jobs["prometheus"]["static_configs"] = [{"targets": [f"127.0.0.1:{self_port}"]}]
    return config


@pytest.fixture
def prometheus_factory(tmp_path: Path) -> Iterator[Callable[[int], Prometheus]]:
    """Starts Prometheus on a free loopback port scraping the given worker; stops it after."""
    started: list[Prometheus] = []

    def start(worker_port: int) -> Prometheus:
        binary = shutil.which("prometheus")
        assert binary, "prometheus missing: run scripts/install-test-deps.sh (or `make test`)"
        port = free_port()
        config_path = tmp_path / "prometheus.yml"
        config_path.write_text(yaml.safe_dump(scrape_config(worker_port, port)))
        log_path = tmp_path / "prometheus.log"
        process = subprocess.Popen(
            [
                binary,
                f"--config.file={config_path}",
                f"--storage.tsdb.path={tmp_path / 'tsdb'}",
                f"--web.listen-address=127.0.0.1:{port}",
                "--log.level=warn",
            ],
            stdout=log_path.open("wb"),
            stderr=subprocess.STDOUT,
        )
        prometheus = Prometheus(process, port, log_path)
        started.append(prometheus)
        deadline = time.monotonic() + PROMETHEUS_READY_TIMEOUT
        while time.monotonic() < deadline:
            assert process.poll() is None, f"prometheus exited:\n{prometheus.logs()}"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/ready", timeout=1):
                    return prometheus
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"prometheus not ready:\n{prometheus.logs()}")

    yield start
    for prometheus in started:
        prometheus.process.terminate()
        try:
            prometheus.process.wait(15)
        except subprocess.TimeoutExpired:
            prometheus.process.kill()
            prometheus.process.wait()


ARTICLES = [
    make_article_fields(
        id="prom-1", url="https://example.com/a/1", source="Example Wire",
        body="North Korea has sent about 3,000 more troops to Russia, Seoul said.",
    ),
    make_article_fields(
        id="prom-2", url="https://example.org/b/2", source="Other Desk",
        body="Iran launched 12 ballistic missiles at Israel on Tuesday, the army said.",
    ),
    make_article_fields(
        id="prom-3", url="https://example.net/c/3", source="Example Wire",
        body="The United States has stationed 4,500 troops in Poland, the Pentagon said.",
    ),
]


def by(label: str, result: dict[tuple[tuple[str, str], ...], float]) -> dict[str, float]:
    return {dict(labels).get(label, ""): value for labels, value in result.items()}


def test_prometheus_scrapes_the_pipeline_metrics(
    broker_url: str, names: Names, worker_factory: Any, prometheus_factory: Any
) -> None:
    worker = worker_factory().start()
    worker.wait_ready()
    prometheus = prometheus_factory(worker.web_port)

    articles_topic = names.topic("articles")
    sent = Sent()
    for fields in ARTICLES:
        sent.article(**fields)
    sent.records.append((None, b"{not json"))
    produce(broker_url, articles_topic, sent.records)
    alerts = read_topic(broker_url, names.topic("alerts"), expected=3, unique_by="id")
    assert sorted(a["type"] for a in alerts) == ["new"] * 3, worker.logs()
    # A syndicated copy of the first article, once its original is decided: a duplicate.
    copy = dict(ARTICLES[0], id="prom-1-copy", source="Copy Desk")
    produce(broker_url, articles_topic, Sent().article(**copy).records)

    queries = {
        "up": 'up{job="figurewatch"}',
        "ingested": "sum by (source) (pipeline_articles_ingested_total)",
        "rejected": "sum by (reason) (pipeline_articles_rejected_total)",
        "figures": "sum by (metric) (pipeline_figures_extracted_total)",
        "duplicates": "sum(pipeline_duplicates_total)",
        "alerts": "sum by (type) (pipeline_alerts_total)",
        "processed": "sum by (stage) (pipeline_events_processed_total)",
        "latency_count": "sum(pipeline_alert_latency_seconds_count)",
        "latency_p99": (
            "histogram_quantile(0.99, sum by (le) (pipeline_alert_latency_seconds_bucket))"
        ),
        "extract_seconds_count": 'sum(pipeline_stage_seconds_count{stage="extract"})',
        "lag": "sum by (topic) (pipeline_consumer_lag_messages)",
        "dead_letters": "sum(pipeline_dead_letters_total)",
    }
    expected = {
        "up": {"": 1.0},
        "ingested": {"Example Wire": 2.0, "Other Desk": 1.0, "Copy Desk": 1.0},
        "rejected": {"malformed_json": 1.0},
        "figures": {"troops_deployed": 3.0, "missiles_launched": 1.0},
        "duplicates": {"": 1.0},
        "alerts": {"new": 3.0},
        "latency_count": {"": 3.0},
        "extract_seconds_count": {"": 5.0},
    }
    deadline = time.monotonic() + QUERY_TIMEOUT
    while True:
        got = {
            name: by("type" if name == "alerts" else _label_of(expr), prometheus.query(expr))
            for name, expr in queries.items()
        }
        matched = all(got[name] == value for name, value in expected.items())
        if matched and got["lag"].get(articles_topic) == 0.0:
            break
        if time.monotonic() > deadline:
            raise AssertionError(
                f"Prometheus returned {got}\nexpected {expected}\n{prometheus.logs()}"
            )
        time.sleep(1.0)
    print("Prometheus returned:", json.dumps(got, indent=1, sort_keys=True))

    assert got["processed"]["extract"] == 5.0
    assert got["dead_letters"] == {}
    # The alerts were produced within the SLO on an idle machine (p99 from the histogram).
    assert 0.0 < got["latency_p99"][""] <= 1.0
    # Every topic an agent reads has a lag series, and only those (no changelog, no leader
    # topic: Faust never commits them).
    assert set(got["lag"]) == {
        names.topic(t) for t in ("articles", "dedup.probes", "dedup.replies", "claims",
                                  "alerts")
    }, got["lag"]
    # The shipped rules loaded, evaluate cleanly, and none fires on a healthy run.
    groups = prometheus.get("/api/v1/rules")["groups"]
    rules = [rule for group in groups for rule in group["rules"]]
    assert len(rules) >= 10
    assert all(rule["health"] == "ok" for rule in rules), rules
    # Pending is allowed: a condition can hold for a scrape or two on a worker just started
    # (lag is measured against offsets committed every 0.5 s, and a new counter has no rate
    # yet); the rules' `for:` durations are there to absorb exactly that.
    alerts = prometheus.get("/api/v1/alerts")["alerts"]
    assert [a for a in alerts if a["state"] == "firing"] == [], alerts
    assert all(a["labels"]["alertname"] == "FigurewatchPipelineStalled" for a in alerts), alerts

    # Every dashboard query is valid PromQL for this Prometheus and finds its series once a
    # few more scrapes are in (rates need two samples); the failure panels stay empty on a
    # healthy run.
    deadline = time.monotonic() + QUERY_TIMEOUT
    while True:
        empty = [
            expr for expr in dashboard_exprs()
            if not prometheus.query(expr.replace("$__rate_interval", "30s"))
        ]
        if all("dead_letters" in e or "crashes" in e for e in empty):
            break
        assert time.monotonic() < deadline, f"dashboard queries without data: {empty}"
        time.sleep(1.0)


def _label_of(expr: str) -> str:
    """The label a `sum by (label)` query groups by ("" for a plain sum)."""
    if "sum by (" in expr:
        return expr.split("sum by (", 1)[1].split(")", 1)[0]
    return ""
