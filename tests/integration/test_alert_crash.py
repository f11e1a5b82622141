"""A worker killed between sending an alert and writing the claim's state: after a restart the
alert exists exactly once (recorded, listed, notified), and the claim's version moved once."""

from __future__ import annotations

import sys
import time
import urllib.parse
from collections import Counter
from pathlib import Path
from typing import Any

from pipeline.core.chart import source_colours
from tests.browser.chromium import dump_dom, page_errors, screenshot
from tests.browser.png import pixel_counts
from tests.browser.test_claim_page import _POINT_PIXELS as POINT_PIXELS
from tests.browser.test_claim_page import rgb
from tests.integration.conftest import REPO, Names, read_topic
from tests.integration.test_claim_scenario import article, get_json, send

KEY = "troops_deployed|north korea|russia"


def report(article_id: str, troops: str, outlet: str) -> dict[str, Any]:
    return article(
        article_id, outlet,
        f"North Korea has deployed about {troops} troops to Russia, South Korea's spy agency "
        f"said on {outlet} day {article_id}.\n\nLawmakers were briefed behind closed doors "
        f"about the figure, which the agency updates as new intelligence comes in.",
        f"{outlet}: North Korean troops in Russia",
    )


def wait_exit(process: Any, timeout: float = 60.0) -> int:
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert process.poll() is not None, "the worker did not crash"
    return int(process.returncode)


def test_an_alert_sent_before_a_crash_exists_once_after_the_restart(
    broker_url: str, names: Names, worker_factory: Any, tmp_path: Path
) -> None:
    marker = tmp_path / "crashed"
    crashing = worker_factory(
        [sys.executable, str(REPO / "tests" / "integration" / "crashing_worker.py")],
        FIGUREWATCH_TEST_CRASH_MARKER=str(marker),
        FIGUREWATCH_TEST_CRASH_AT_VERSION="2",
        PYTHONPATH=str(REPO),
    ).start()
    crashing.wait_ready()
    send(broker_url, names, report("first", "11,000", "Herald"))
    [new] = read_topic(broker_url, names.topic("alerts"), 1)
    assert new["type"] == "new"

    # The revision is sent and acked; the worker dies before the claim's state is written.
    send(broker_url, names, report("second", "15,000", "Courier"))
    assert crashing.process is not None
    assert wait_exit(crashing.process) == 137, crashing.logs()
    assert marker.read_text().startswith(f"{KEY} v2")
    sent = read_topic(broker_url, names.topic("alerts"), 2)
    [revised] = [a for a in sent if a["type"] == "revised"]

    # Restarted, the worker processes the claim again: the same alert id is sent again (the
    # topic is at-least-once), recorded and listed once, and the version moves once.
    worker = worker_factory().start()
    worker.wait_ready()
    sent = read_topic(broker_url, names.topic("alerts"), 3)
    copies = Counter(a["id"] for a in sent)
    assert copies[revised["id"]] == 2, (copies, worker.logs())
    send(broker_url, names, report("third", "20,000", "Gazette"))
    sent = read_topic(broker_url, names.topic("alerts"), 4)
    assert [a["version"] for a in sent if a["type"] == "revised" and
            a["figure"]["low"] == 20_000] == [3]

    recorded = get_json(worker.web_port, "/api/v1/alerts?limit=100")["alerts"]
    assert Counter(a["id"] for a in recorded) == Counter(
        {new["id"]: 1, revised["id"]: 1, alert_id_of(sent, 20_000): 1})
    history = get_json(worker.web_port,
                       f"/api/v1/claims/{urllib.parse.quote(KEY, safe='')}/history")
    assert [(t["article_id"], t["version"]) for t in history["timeline"]] == [
        ("first", 1), ("second", 2), ("third", 3)]

    # The pages as the worker serves them, in headless Chromium.
    base = f"http://127.0.0.1:{worker.web_port}"
    claim_url = f"{base}/claims/{urllib.parse.quote(KEY, safe='')}"
    _, _, counts = pixel_counts(screenshot(claim_url, tmp_path / "claim"))
    # A point per report, in its outlet's colour (each version's value is a single number:
    # the band is a line here).
    for outlet, colour in source_colours(history).items():
        assert counts[rgb(colour)] > POINT_PIXELS, (outlet, counts.most_common(12))
    dom, log = dump_dom(claim_url, tmp_path / "claim-dom")
    assert not page_errors(log), log
    for item in ("first", "second", "third"):
        assert f"on Herald day {item}" in dom or f"day {item}." in dom
    dom, log = dump_dom(base + "/", tmp_path / "alerts-dom", virtual_time_ms=5_000)
    assert not page_errors(log), log
    assert dom.count(f'href="/claims/{urllib.parse.quote(KEY, safe="")}"') == 3, dom[-3000:]


def alert_id_of(alerts: list[dict[str, Any]], low: float) -> str:
    [alert_id] = {a["id"] for a in alerts if a["figure"]["low"] == low}
    return alert_id
