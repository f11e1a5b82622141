"""A claim's life through the real broker: new, copies that stay quiet, revised, contested,
corroborated; its history from either of two workers; a replay that notifies no one again."""

from __future__ import annotations

import json
import time
import urllib.parse
import urllib.request
from typing import Any

from pipeline.core.models import Alert
from pipeline.core.render import alert_line
from tests.integration.conftest import REPO, Names, produce, read_topic

SEED = REPO / "seeds" / "000_e4a04817788bc0f5.txt"
KEY = "troops_deployed|north korea|russia"
PUBLISHED = "2026-11-01T09:00:00Z"
#: How long to keep reading after the last expected alert, for alerts that should not come.
QUIET_SECONDS = 8.0


def seed_body() -> str:
    return SEED.read_text(encoding="utf-8").split("\n", 1)[1]


def article(article_id: str, source: str, body: str, title: str = "") -> dict[str, Any]:
    return {
        "id": article_id,
        "url": f"https://{source.lower().replace(' ', '-')}.example/world/{article_id}",
        "source": source,
        "published_at": PUBLISHED,
        "title": title or f"{source}: Russian leader visits Kim",
        "body": body,
    }


def syndicated(outlet: str) -> dict[str, Any]:
    """The seed under another outlet's URL, headline, dateline and footer."""
    body = f"PYONGYANG ({outlet.upper()}) - {seed_body()}\n\nCopyright {outlet} 2026."
    return article(f"copy-{outlet.lower()}", outlet, body, f"{outlet}: Shoigu meets Kim")


SEED_ARTICLE = article("seed", "Example Times", seed_body(), "Russian Leader Visits Kim Jong-un")
COPIES = [syndicated(outlet) for outlet in ("Herald", "Courier", "Gazette")]
# A copy of the wire story whose estimate was updated: the same source, a new value.
UPDATED = article(
    "copy-updated", "Tribune",
    seed_body().replace("between 1,000 to 3,000", "between 4,000 to 5,000"),
    "Tribune: Seoul raises its estimate",
)
OTHER_SOURCE = article(
    "kyiv", "Kyiv Post",
    "Ukraine's military intelligence said on Monday that about 11,000 North Korean troops "
    "have been deployed to Russia, far more than Seoul's latest estimate.\n\nThe agency did "
    "not say how it reached the figure. Officials have urged allies to respond.",
    "Ukraine puts North Korean deployment at 11,000",
)
THIRD_SOURCE = article(
    "pentagon", "Capital Daily",
    "The Pentagon said on Tuesday that some 11,000 North Korean soldiers are now in Russia, "
    "most of them in the Kursk region.\n\nA spokesperson declined to say how the estimate "
    "was made.",
    "Pentagon: 11,000 North Korean soldiers in Russia",
)


def send(broker_url: str, names: Names, *records: dict[str, Any]) -> None:
    produce(broker_url, names.topic("articles"),
            [(None, json.dumps(record).encode()) for record in records])


def alerts_after(broker_url: str, names: Names, expected: int,
                 settle: float = 0.0) -> list[dict[str, Any]]:
    alerts = read_topic(broker_url, names.topic("alerts"), expected, unique_by="id")
    if settle:
        time.sleep(settle)
        alerts = read_topic(broker_url, names.topic("alerts"), expected, unique_by="id")
    return alerts


def new_ids(alerts: list[dict[str, Any]], known: set[str]) -> list[dict[str, Any]]:
    fresh = {a["id"]: a for a in alerts if a["id"] not in known}
    return list(fresh.values())


def get_json(port: int, path: str) -> Any:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        return json.load(response)


def get_text(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        return str(response.read().decode())


def history_path(key: str) -> str:
    return f"/api/v1/claims/{urllib.parse.quote(key, safe='')}/history"


def test_a_claim_is_new_then_revised_contested_corroborated_and_replays_quietly(
    broker_url: str, names: Names, worker_factory: Any
) -> None:
    workers = [worker_factory().start(), worker_factory().start()]
    for worker in workers:
        worker.wait_ready()
    logs = lambda: "\n".join(w.logs() for w in workers)  # noqa: E731

    # The seed: KCNA's 10,000-12,000 is new; Seoul's 1,000-3,000 contests it at once.
    send(broker_url, names, SEED_ARTICLE)
    seed_alerts = alerts_after(broker_url, names, expected=5)
    troops = sorted((a for a in seed_alerts if a["claim_key"] == KEY), key=lambda a: a["version"])
    assert [(a["type"], a["figure"]["low"], a["figure"]["high"]) for a in troops] == [
        ("new", 10_000, 12_000), ("contested", 1_000, 3_000)], (seed_alerts, logs())
    known = {a["id"] for a in seed_alerts}

    # Three syndicated copies: duplicates, no alert at all.
    send(broker_url, names, *COPIES)
    verdicts = read_topic(broker_url, names.topic("dedup.verdicts"), 4, unique_by="id")
    duplicates = {v["id"]: v for v in verdicts if v["duplicate_of"]}
    assert set(duplicates) == {c["id"] for c in COPIES}, verdicts
    time.sleep(QUIET_SECONDS)
    assert new_ids(alerts_after(broker_url, names, len(known)), known) == []

    # The updated copy: one `revised` alert carrying Seoul's old range; its other figures
    # (KCNA's, the tests) repeat the story and stay quiet.
    send(broker_url, names, UPDATED)
    fresh = new_ids(alerts_after(broker_url, names, len(known) + 1, QUIET_SECONDS), known)
    assert [(a["type"], a["claim_key"]) for a in fresh] == [("revised", KEY)], (fresh, logs())
    revised = fresh[0]
    assert (revised["figure"]["low"], revised["figure"]["high"]) == (4_000, 5_000)
    assert (revised["previous_low"], revised["previous_high"]) == (1_000, 3_000)
    assert "4,000 to 5,000" in revised["figure"]["evidence"]["sentence"]
    known.add(revised["id"])

    # Another source, another figure: contested, naming both sides.
    send(broker_url, names, OTHER_SOURCE)
    fresh = new_ids(alerts_after(broker_url, names, len(known) + 1, QUIET_SECONDS), known)
    assert [(a["type"], a["claim_key"]) for a in fresh] == [("contested", KEY)], fresh
    contested = fresh[0]
    assert contested["figure"]["low"] == 11_000
    assert "military intelligence" in contested["figure"]["attribution"]
    assert contested["previous_attribution"] == "South Korean intelligence"
    assert (contested["previous_low"], contested["previous_high"]) == (4_000, 5_000)
    known.add(contested["id"])

    # A third independent story agrees (the wire story's KCNA figure, Kyiv, the Pentagon).
    send(broker_url, names, THIRD_SOURCE)
    fresh = new_ids(alerts_after(broker_url, names, len(known) + 1, QUIET_SECONDS), known)
    assert [(a["type"], a["claim_key"]) for a in fresh] == [("corroborated", KEY)], fresh
    corroborated = fresh[0]
    assert corroborated["source_count"] >= 3
    assert corroborated["figure"]["attribution"] == "Pentagon"
    known.add(corroborated["id"])

    # Either worker answers for the claim (one of them forwards to the owner of the key).
    histories = [get_json(w.web_port, history_path(KEY)) for w in workers]
    assert histories[0] == histories[1]
    history = histories[0]
    assert (history["version"], history["low"], history["high"]) == (4, 11_000, 11_000)
    timeline = [(t["source"], t["low"], t["version"]) for t in history["timeline"]]
    assert ("Example Times", 10_000, 1) in timeline
    assert ("Tribune", 4_000, 3) in timeline
    assert timeline[-2:] == [("Kyiv Post", 11_000, 4), ("Capital Daily", 11_000, 4)]
    for worker in workers:
        page = get_text(worker.web_port, f"/claims/{urllib.parse.quote(KEY, safe='')}")
        assert "Capital Daily" in page
        assert "<svg" in page
        assert "some 11,000 North Korean soldiers are now in Russia" in page
    listed = get_json(workers[1].web_port, "/api/v1/claims?metric=troops_deployed")
    assert KEY in [claim["key"] for claim in listed["claims"]]
    assert listed["unreachable_workers"] == []
    recorded = get_json(workers[0].web_port, "/api/v1/alerts?limit=1000")["alerts"]
    assert sorted(a["id"] for a in recorded) == sorted(known)
    # What a subscriber saw, oldest first (`pytest -s` shows it).
    for alert in sorted(recorded, key=lambda a: a["detected_at"]):
        print(alert_line(Alert.from_dict(alert)))

    # Replay the whole input: each article is decided again, to the same verdict, and its
    # figures are reports the claims already hold: no alert, no notification.
    send(broker_url, names, SEED_ARTICLE, *COPIES, UPDATED, OTHER_SOURCE, THIRD_SOURCE)
    verdicts = read_topic(broker_url, names.topic("dedup.verdicts"), 14)
    decided: dict[str, set[tuple[Any, ...]]] = {}
    for v in verdicts:
        decided.setdefault(v["id"], set()).add((v["duplicate_of"], v["cluster"]))
    assert len(decided) == 7
    assert all(len(seen) == 1 for seen in decided.values()), decided
    time.sleep(QUIET_SECONDS)
    assert {a["id"] for a in alerts_after(broker_url, names, len(known))} == known
    recorded = get_json(workers[1].web_port, "/api/v1/alerts?limit=1000")["alerts"]
    assert sorted(a["id"] for a in recorded) == sorted(known)
