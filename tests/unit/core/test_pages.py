"""Claim and alerts pages: complete documents, words for the key, escaping, nothing remote."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest

from pipeline.core.pages import (
    ALERTS_URL,
    alerts_page,
    claim_not_found_page,
    claim_page,
    claim_path,
    claim_title,
    display_name,
    metric_words,
)
from tests.page_data import KEY, SENTENCES, T0, make_history, make_report


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text, of a document."""

    def __init__(self, document: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(document)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def remote_references(document: str) -> list[str]:
    """Anything a browser would fetch by itself: src, stylesheet links, CSS url() and @import."""
    found = re.findall(r"""\ssrc\s*=\s*["']?([^"'\s>]+)""", document, re.IGNORECASE)
    found += re.findall(r"<link\b[^>]*>", document, re.IGNORECASE)
    for css in re.findall(r"<style>(.*?)</style>", document, re.DOTALL):
        found += re.findall(r"url\(|@import", css, re.IGNORECASE)
    return found


def content_security_policy(document: str) -> str | None:
    metas = Elements(document).all("meta")
    return next(m["content"] for m in metas if m.get("http-equiv") == "Content-Security-Policy")


def test_claim_page_is_a_complete_document_with_the_claim_in_words() -> None:
    page = claim_page(make_history())
    assert page.startswith("<!DOCTYPE html>")
    parsed = Elements(page)
    title = page[page.index("<title>") + 7 : page.index("</title>")]
    assert title == "Troops deployed: North Korea, in/to Russia — Figurewatch"
    assert "11,000" in page
    assert '<dd id="version">2</dd>' in page
    assert "4 independent stories — Reuters, Yonhap, AP, BBC" in page
    assert len(parsed.all("svg")) == 1


def test_claim_page_table_lists_every_report_vague_ones_too() -> None:
    page = claim_page(make_history())
    rows = page[page.index("<tbody>") : page.index("</tbody>")].count("<tr>")
    assert rows == 4
    for sentence in SENTENCES:
        assert sentence.replace("'", "&#x27;") in page
    assert "(no count)" in page
    assert "10,000–12,000" in page


def test_claim_page_links_only_web_urls() -> None:
    history = make_history()
    history["timeline"][1]["url"] = "javascript:alert(1)"
    hrefs = [a["href"] for a in Elements(claim_page(history)).all("a")]
    assert "https://example.com/world/a1" in hrefs
    assert "https://example.com/a4" in hrefs
    assert not any(h and h.startswith("javascript") for h in hrefs)


def test_claim_page_escapes_text_from_the_feed() -> None:
    evil = "Troops <script>alert(1)</script> & <img src=x onerror=alert(2)> arrived."
    history = make_history(
        [make_report(T0, 10.0, 10.0, sentence=evil, source="<i>Wire</i>", attribution='"NIS"')],
        attribution="<b>NIS</b>", key="k|<script>",
    )
    page = claim_page(history)
    parsed = Elements(page)
    assert not parsed.all("script")
    assert not parsed.all("img")
    assert not parsed.all("b")
    assert not parsed.all("i")
    assert evil in "".join(parsed.text)


def test_claim_page_loads_nothing_from_the_network() -> None:
    page = claim_page(make_history())
    assert remote_references(page) == []
    assert content_security_policy(page) == (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    )


def test_the_not_found_page_names_the_key_escaped_and_loads_nothing() -> None:
    page = claim_not_found_page("troops|<script>x</script>")
    assert "troops|&lt;script&gt;x&lt;/script&gt;" in page
    assert "<script>" not in page
    assert remote_references(page) == []
    assert content_security_policy(page).startswith("default-src 'none'")


def test_alerts_page_is_self_contained_and_polls_the_alerts_api() -> None:
    page = alerts_page()
    parsed = Elements(page)
    assert page.startswith("<!DOCTYPE html>")
    assert remote_references(page) == []
    scripts = parsed.all("script")
    assert scripts == [{}]  # one inline script, no src
    assert ALERTS_URL == "/api/v1/alerts?limit=50"
    assert f'"url": "{ALERTS_URL}"' in page
    assert '"pollMs": 2000' in page
    assert "No alerts yet" in page
    assert "encodeURIComponent" in page
    assert "innerHTML" not in page
    policy = content_security_policy(alerts_page()) or ""
    assert "default-src 'none'" in policy
    assert "connect-src 'self'" in policy


def test_claim_path_encodes_the_key_as_one_segment() -> None:
    path = claim_path(KEY)
    assert path == "/claims/troops_deployed%7Cnorth%20korea%7Crussia"
    assert unquote(path.removeprefix("/claims/")) == KEY
    assert claim_path("a/b?c#d").count("/") == 2


@pytest.mark.parametrize(
    ("metric", "words"),
    [
        ("troops_deployed", "Troops deployed"),
        ("missile_range_km", "Missile range (km)"),
        ("troops_deployed+additional", "Troops deployed (additional)"),
        (None, "Claim"),
    ],
)
def test_metric_words(metric: str | None, words: str) -> None:
    assert metric_words(metric) == words


def test_claim_title_names_actor_location_weapon_and_period() -> None:
    history = make_history(
        key="missiles_launched|north korea|-|hwasong-18|2026-11-02", metric="missiles_launched",
        location=None, weapon="hwasong-18", period="2026-11-02",
    )
    assert claim_title(history) == "Missiles launched: North Korea, hwasong-18, 2026-11-02"
    assert display_name("kursk") == "Kursk"
    assert display_name("united states") == "United States"
    assert claim_title({"metric": "troops_killed"}) == "Troops killed"
