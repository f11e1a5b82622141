"""The live alerts page in headless Chromium, served with a JSON fixture for the alerts API.

The page's list is built by its script; these tests fail when the script breaks or the
page stays blank.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from pipeline.core.pages import ALERTS_URL, alerts_page
from tests.browser.chromium import dump_dom, page_errors, screenshot
from tests.browser.png import pixel_counts
from tests.page_data import KEY, make_alert

pytestmark = pytest.mark.browser

#: Page time for the script: the first fetch and at least one 2 s poll after it.
VIRTUAL_TIME_MS = 5000
EVIL = "Officials said <script>alert(1)</script> & 3,000 more troops arrived."


def fixture_alerts() -> list[dict[str, Any]]:
    return [
        make_alert("revised"),
        make_alert("contested", figure={
            "article_id": "a6", "attribution": "JCS", "low": 12_000.0, "high": 13_000.0,
            "qualifier": None, "evidence": {"sentence": EVIL, "start": 0, "end": 1,
                                             "sentence_start": 0},
        }),
        make_alert("new", claim_key="missiles_launched|north korea|-|-|2026-11-09",
                   figure={"kind": "weapon_test", "metric": "missiles_launched", "low": None,
                           "high": None, "vague": "several", "location": None,
                           "article_id": "a7", "url": "javascript:alert(2)",
                           "evidence": {"sentence": "North Korea fired several missiles.",
                                        "start": 20, "end": 27, "sentence_start": 0}}),
        make_alert("corroborated", source_count=3, sources=["Reuters", "Yonhap", "AP"],
                   figure={"article_id": "a8", "qualifier": None, "low": 11_000.0,
                           "high": 11_000.0, "evidence": {
                               "sentence": "AP also put the force at 11,000.", "start": 25,
                               "end": 31, "sentence_start": 0}}),
    ]


class Server:
    """The page at `/` and a fixed answer at /api/v1/alerts; remembers what was asked."""

    def __init__(self, status: int, payload: object) -> None:
        self.requests: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.requests.append(self.path)
                if self.path == "/":
                    self.answer(200, "text/html; charset=utf-8", alerts_page().encode())
                elif self.path.startswith("/api/v1/alerts"):
                    self.answer(status, "application/json", json.dumps(payload).encode())
                else:
                    self.answer(404, "text/plain", b"not found")

            def answer(self, code: int, kind: str, body: bytes) -> None:
                self.send_response(code)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def serve() -> Iterator[Callable[..., Server]]:
    servers: list[Server] = []

    def start(payload: object, status: int = 200) -> Server:
        servers.append(Server(status, payload))
        return servers[-1]

    yield start
    for server in servers:
        server.httpd.shutdown()
        server.httpd.server_close()


def element_text(dom: str, element_id: str) -> str:
    match = re.search(rf'<(\w+) id="{element_id}"[^>]*>(.*?)</\1>', dom, re.DOTALL)
    assert match, f"no #{element_id} in the DOM"
    return match.group(2)


def test_alerts_page_script_renders_the_alerts(serve: Callable[..., Server], tmp_path: Path
                                               ) -> None:
    server = serve({"alerts": fixture_alerts()})
    dom, log = dump_dom(server.url, tmp_path, VIRTUAL_TIME_MS)
    assert page_errors(log) == []
    alerts = element_text(dom, "alerts")
    assert alerts.count('<li class="alert') == 4
    for badge in ("REVISED", "CONTESTED", "NEW", "CORROBORATED"):
        assert f">{badge}<" in alerts
    assert "About 15,000 North Korean troops are now in Russia, the NIS said." in alerts
    assert "North Korea fired several missiles." in alerts
    assert "AP also put the force at 11,000." in alerts
    # Values are formatted like the Python renderer's figure_value.
    assert "Troops deployed: about 15,000" in alerts
    assert "(was 11,000)" in alerts
    assert "Troops deployed: 12,000–13,000" in alerts
    assert "(was 11,000 per KCNA)" in alerts
    assert "Missiles launched: several" in alerts
    assert "North Korea in/to Russia · per NIS · 2 sources: Reuters, Yonhap" in alerts
    assert "3 sources: Reuters, Yonhap, AP" in alerts
    assert "2026-11-09 08:00:00 UTC" in alerts
    # The list is the script's work: the served page has none of it.
    assert "North Korea fired several missiles." not in alerts_page()
    assert ALERTS_URL in server.requests
    assert server.requests.count(ALERTS_URL) >= 2, "the page did not poll again"
    assert set(server.requests) <= {"/", ALERTS_URL, "/favicon.ico"}


def test_alerts_page_links_each_alert_to_its_claim(serve: Callable[..., Server],
                                                   tmp_path: Path) -> None:
    dom, _ = dump_dom(serve({"alerts": fixture_alerts()}).url, tmp_path, VIRTUAL_TIME_MS)
    claims = re.findall(r'<a class="claim-link" href="([^"]+)"', dom)
    assert len(claims) == 4
    assert claims[0] == "/claims/troops_deployed%7Cnorth%20korea%7Crussia"
    keys = [unquote(href.removeprefix("/claims/")) for href in claims]
    assert keys == [KEY, KEY, "missiles_launched|north korea|-|-|2026-11-09", KEY]
    articles = re.findall(r'<a class="article-link" href="([^"]+)"', dom)
    assert "https://example.com/world/a5" in articles
    assert not any("javascript" in href for href in articles)


def test_alerts_page_shows_markup_in_a_sentence_as_text(serve: Callable[..., Server],
                                                        tmp_path: Path) -> None:
    dom, log = dump_dom(serve({"alerts": fixture_alerts()}).url, tmp_path, VIRTUAL_TIME_MS)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 3,000" in dom
    assert "<script>alert(1)" not in dom
    assert page_errors(log) == []


def test_alerts_page_empty_state(serve: Callable[..., Server], tmp_path: Path) -> None:
    dom, log = dump_dom(serve({"alerts": []}).url, tmp_path, VIRTUAL_TIME_MS)
    assert page_errors(log) == []
    assert re.search(r'<p id="empty">No alerts yet', dom), "the empty state is hidden"
    assert element_text(dom, "alerts") == ""
    assert 'class="ok"' in dom


def test_alerts_page_error_state(serve: Callable[..., Server], tmp_path: Path) -> None:
    dom, _ = dump_dom(serve({"error": "down"}, status=503).url, tmp_path, VIRTUAL_TIME_MS)
    status = re.search(r'<p id="status" role="status" class="error">([^<]*)</p>', dom)
    assert status, "no error state after a failed fetch"
    assert "Alert feed unavailable (HTTP 503)" in status.group(1)
    assert re.search(r'<p id="empty" hidden', dom), "an error is not 'no alerts'"


def test_alerts_page_screenshot_shows_the_badges(serve: Callable[..., Server],
                                                 tmp_path: Path) -> None:
    server = serve({"alerts": fixture_alerts()})
    # The screenshot waits for the same page time as the DOM dumps.
    png = screenshot(f"{server.url}", tmp_path, f"--virtual-time-budget={VIRTUAL_TIME_MS}")
    _, _, counts = pixel_counts(png)
    for badge in ((0xE3, 0x74, 0x00), (0xC5, 0x22, 0x1F), (0x1A, 0x73, 0xE8),
                  (0x18, 0x80, 0x38)):
        assert counts[badge] > 200, f"no badge of colour {badge}"
