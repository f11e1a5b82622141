"""Seeds in, alerts out: a worker on the real broker, read back from the alerts topic."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from typing import Any

from pipeline.adapters.sources.files import read_records
from tests.integration.conftest import REPO, Names, produce, read_topic

SEED_ID = "000_e4a04817788bc0f5"


def ingest_cli(env: dict[str, str], *paths: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "ingest", *paths],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=120, check=True,
    )


def by_metric(alerts: list[dict[str, Any]], article_id: str) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for alert in alerts:
        if alert["figure"]["article_id"] == article_id:
            grouped.setdefault(alert["figure"]["metric"], []).append(alert)
    return grouped


def test_seeds_raise_their_alerts(
    broker_url: str, names: Names, worker_factory: Any, worker_env: dict[str, str]
) -> None:
    worker = worker_factory().start()
    worker.wait_ready()
    # The seed first, alone: each of its claims is new (later samples may corroborate them).
    ingest_cli(worker_env, f"seeds/{SEED_ID}.txt")
    seed_alerts = read_topic(broker_url, names.topic("alerts"), expected=5)
    seed = by_metric(seed_alerts, SEED_ID)
    assert seed, worker.logs()
    ingest_cli(worker_env, "seeds/samples.jsonl")
    alerts = read_topic(broker_url, names.topic("alerts"), expected=len(seed_alerts) + 10)

    troops = {(a["figure"]["low"], a["figure"]["high"]): a for a in seed["troops_deployed"]}
    assert set(troops) >= {(10_000, 12_000), (1_000, 3_000)}, troops
    deployed = troops[(10_000, 12_000)]["figure"]
    assert deployed["qualifier"] == "approx"
    assert (deployed["actor"], deployed["location"]) == ("North Korea", "Russia")
    assert "10,000 to 12,000" in deployed["evidence"]["sentence"]
    assert deployed["attribution"] == "KCNA"
    # South Korean intelligence's estimate disagrees with KCNA's: the claim is contested,
    # and the alert names both sides.
    estimate = troops[(1_000, 3_000)]
    assert estimate["type"] == "contested"
    assert estimate["previous_attribution"] == "KCNA"
    assert (estimate["previous_low"], estimate["previous_high"]) == (10_000, 12_000)
    assert "South Korea" in estimate["figure"]["attribution"]

    # Each claim's alerts form one history: version 1 is `new`, each later version is
    # `revised` or `contested` and carries the value of the version before it; a
    # `corroborated` alert confirms a version that exists.
    by_claim: dict[str, list[dict[str, Any]]] = {}
    for alert in alerts:
        by_claim.setdefault(alert["claim_key"], []).append(alert)
    for history in by_claim.values():
        changes = sorted((a for a in history if a["type"] != "corroborated"),
                         key=lambda a: a["version"])
        assert [a["version"] for a in changes] == list(range(1, len(changes) + 1))
        assert changes[0]["type"] == "new"
        for before, after in itertools.pairwise(changes):
            assert after["type"] in ("revised", "contested")
            assert (after["previous_low"], after["previous_high"]) == (
                before["figure"]["low"], before["figure"]["high"])
        versions = {a["version"] for a in changes}
        assert all(a["version"] in versions for a in history if a["type"] == "corroborated")

    tests = seed["weapon_tests"]
    assert [(a["figure"]["low"], a["figure"]["ordinal"]) for a in tests] == [(6, True)]
    launches = seed["missiles_launched"]
    weapons = {a["figure"]["weapon"]: a["figure"] for a in launches}
    assert any("anti-aircraft" in (w or "") for w in weapons), weapons
    vague = [f for f in weapons.values() if f["vague"] == "several"]
    assert vague
    assert vague[0]["low"] is None
    assert "ballistic" in vague[0]["weapon"]
    # No year, date or duration is reported as a figure.
    for alert in alerts:
        assert alert["figure"]["low"] not in (2023, 2024, 2025, 10, 11), alert

    # Every figure kind is covered by the sample articles.
    kinds = {a["figure"]["kind"] for a in alerts}
    assert kinds == {"troops", "casualties", "weapon_test"}, kinds
    # sample-001 and its mobile and syndicated copies (006, 007) arrive together, so any of
    # them may reach a claim first; together they raise what one article would: one alert
    # per claim, never one per copy.
    story = ("sample-001", "sample-006", "sample-007")
    per_claim: dict[str, set[str]] = {}
    for alert in alerts:
        if alert["figure"]["article_id"] in story:
            per_claim.setdefault(alert["claim_key"], set()).add(alert["figure"]["article_id"])
    assert per_claim
    assert all(len(ids) == 1 for ids in per_claim.values()), per_claim
    ids = [a["id"] for a in alerts]
    assert len(ids) == len(set(ids)), "an alert id was emitted twice"


def test_bad_records_are_rejected_and_the_stream_goes_on(
    broker_url: str, names: Names, worker_factory: Any
) -> None:
    # `faust -A pipeline.stream.app worker` runs the same app as `figurewatch worker`.
    worker = worker_factory(
        [sys.executable, "-m", "faust", "-A", "pipeline.stream.app", "worker", "-l", "info"],
        FIGUREWATCH_MAX_ARTICLE_BYTES="8192",
    ).start()
    worker.wait_ready()
    good = {"id": "good-1", "url": "https://example.com/good", "source": "Wire", "title": "t",
            "body": "Russia has deployed about 5,000 troops to Belarus, Minsk said."}
    bad = [
        b'{"id": "broken", "body": ',
        json.dumps({"id": "no-body", "url": "https://example.com/x", "title": "t"}).encode(),
        b'{"id": "latin1", "body": "caf\xe9 troops"}',
        json.dumps({"id": "big", "body": "troops " * 3000}).encode(),
        b'"just a string"',
    ]
    produce(broker_url, names.topic("articles"), [(None, raw) for raw in bad])
    produce(broker_url, names.topic("articles"), [(None, json.dumps(good).encode())])

    rejected = read_topic(broker_url, names.topic("articles.rejected"), expected=len(bad))
    reasons = sorted(r["reason"] for r in rejected)
    assert reasons == sorted(
        ["malformed_json", "missing_body", "invalid_utf8", "oversize", "not_an_object"]
    ), worker.logs()
    assert all(r["detail"] and r["topic"] == names.topic("articles") for r in rejected)
    alerts = read_topic(broker_url, names.topic("alerts"), expected=1)
    assert [(a["figure"]["article_id"], a["figure"]["low"]) for a in alerts] == [("good-1", 5000)]
    assert alerts[0]["figure"]["location"] == "Belarus"


def test_ingest_rejects_what_it_cannot_send(
    broker_url: str, names: Names, worker_env: dict[str, str], tmp_path: Any
) -> None:
    bad_text = tmp_path / "latin1.txt"
    bad_text.write_bytes(b"Title\ncaf\xe9 and 300 troops")
    huge = tmp_path / "huge.jsonl"
    huge.write_text(json.dumps({"id": "huge", "body": "x" * (2 * 1024 * 1024)}) + "\n")
    result = ingest_cli(worker_env, str(bad_text), str(huge))
    assert "invalid_utf8" in result.stderr
    assert "oversize" in result.stderr
    rejected = read_topic(broker_url, names.topic("articles.rejected"), expected=2)
    assert sorted(r["reason"] for r in rejected) == ["invalid_utf8", "oversize"]
    assert type(next(iter(read_records([bad_text])))).__name__ == "UnreadableRecord"
