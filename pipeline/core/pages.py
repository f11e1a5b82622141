"""Pages - the claim history page and the live alerts page, as complete HTML documents.

Pure: the caller passes the data (the API's JSON shapes) and serves the string. A page
never loads anything from the network: CSS and JS are inline, fonts are the system's, and
each page's Content-Security-Policy says so to the browser too.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlsplit

from pipeline.core.chart import (
    claim_chart_svg,
    source_colours,
    text,
    utc_time,
    value_text,
)
from pipeline.core.gazetteer import country_of
from pipeline.core.page_script import ALERTS_SCRIPT
from pipeline.core.render import QUALIFIER_WORDS

#: Where the live page polls, and how often (the script reads both).
ALERTS_URL = "/api/v1/alerts?limit=50"
POLL_SECONDS = 2.0
_CLAIM_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_ALERTS_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "connect-src 'self'; img-src data:"
)

_CSS = """
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --line: #dadce0; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 "DejaVu Sans", Arial, sans-serif; color: var(--ink);
       background: #f6f7f9; }
header.top { background: #1f2a44; color: #fff; padding: 10px 24px; }
header.top a { color: #fff; text-decoration: none; font-weight: bold; }
main { max-width: 1100px; margin: 0 auto; padding: 16px 24px 40px; }
h1 { font-size: 24px; margin: 8px 0 4px; }
.key { color: var(--muted); font-family: "DejaVu Sans Mono", monospace; font-size: 13px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px;
        margin: 12px 0; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dl.summary dt { color: var(--muted); }
dl.summary dd { margin: 0; }
.value { font-weight: bold; font-size: 18px; }
svg.claim-chart { max-width: 100%; height: auto; display: block; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px;
         border-bottom: 1px solid var(--line); }
th { background: #eef1f5; font-size: 13px; }
td.num, td.source { white-space: nowrap; font-variant-numeric: tabular-nums; }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
       margin-right: 6px; }
.muted { color: var(--muted); }
blockquote, .evidence { margin: 0; font-style: italic; }
"""

_ALERTS_CSS = """
#status { margin: 8px 0; padding: 6px 10px; border-radius: 4px; background: #e8f0fe; }
#status.error { background: #fce8e6; color: #a50e0e; font-weight: bold; }
ol#alerts { list-style: none; margin: 0; padding: 0; }
li.alert { background: #fff; border: 1px solid var(--line); border-left: 6px solid #888;
           border-radius: 6px; margin: 10px 0; padding: 10px 14px; }
li.alert.fresh { animation: fresh 3s ease-out; }
@keyframes fresh { from { background: #fff7d6; } to { background: #fff; } }
li.alert-new { border-left-color: #1a73e8; }
li.alert-revised { border-left-color: #e37400; }
li.alert-contested { border-left-color: #c5221f; }
li.alert-corroborated { border-left-color: #188038; }
.badge { display: inline-block; font-size: 12px; font-weight: bold; color: #fff;
         border-radius: 3px; padding: 1px 6px; margin-right: 8px; letter-spacing: .04em; }
.badge-new { background: #1a73e8; } .badge-revised { background: #e37400; }
.badge-contested { background: #c5221f; } .badge-corroborated { background: #188038; }
.head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; }
.head a.claim-link { color: var(--ink); font-weight: bold; text-decoration: none; }
.head a.claim-link:hover { text-decoration: underline; }
.previous { color: var(--muted); }
time { margin-left: auto; color: var(--muted); font-size: 13px; }
.meta { color: var(--muted); font-size: 14px; margin: 2px 0 4px; }
#empty { color: var(--muted); font-size: 18px; text-align: center; padding: 40px 0; }
"""


def claim_path(key: str) -> str:
    """The claim page's path: the key (with its `|` and spaces) as one encoded segment."""
    return "/claims/" + quote(key, safe="")


def metric_words(metric: str | None) -> str:
    """"troops_deployed" -> "Troops deployed"; "missile_range_km" -> "Missile range (km)"."""
    base, _, scope = (metric or "claim").partition("+")
    unit = ""
    if base.endswith("_km"):
        base, unit = base[: -len("_km")], " (km)"
    words = base.replace("_", " ").strip().capitalize() + unit
    return f"{words} ({scope})" if scope else words


def display_name(name: str | None) -> str | None:
    """A key's lower-cased actor or place, as news writes it ("north korea" -> "North Korea")."""
    if not name:
        return None
    country = country_of(name)
    if country and country.lower() == name.lower():
        return country
    return name if any(c.isupper() for c in name) else name.title()


def claim_title(history: dict[str, Any]) -> str:
    """The claim in words: metric, then actor, location, weapon and period where known."""
    parts = [
        display_name(history.get("actor")),
        f"in/to {display_name(history['location'])}" if history.get("location") else None,
        history.get("weapon"),
        history.get("period"),
    ]
    said = ", ".join(p for p in parts if p)
    return f"{metric_words(history.get('metric'))}: {said}" if said else \
        metric_words(history.get("metric"))


def claim_page(history: dict[str, Any]) -> str:
    """The claim's page: title, current value and version, sources, chart, timeline table."""
    title = claim_title(history)
    colours = source_colours(history)
    sources = history.get("sources") or []
    said = f" per {history['attribution']}" if history.get("attribution") else ""
    span = (
        f"{utc_time(history['first_seen'])} – {utc_time(history['last_seen'])}"
        if history.get("first_seen") and history.get("last_seen") else "-"
    )
    rows = "\n".join(_timeline_row(r, colours) for r in history.get("timeline") or ())
    body = f"""
<main>
<h1>{text(title)}</h1>
<p class="key">{text(history.get("key") or "")}</p>
<section class="card"><dl class="summary">
<dt>Current value</dt><dd><span class="value" id="current-value">{
    text(value_text(history.get("low"), history.get("high")))}</span>{text(said)}</dd>
<dt>Version</dt><dd id="version">{text(history.get("version", "-"))}</dd>
<dt>Sources</dt><dd id="source-count">{text(_stories(history, sources))}</dd>
<dt>Reported</dt><dd>{text(span)}</dd>
</dl></section>
<section class="card" aria-label="Estimate over time">
{claim_chart_svg(history)}
</section>
<h2>Timeline</h2>
<table class="timeline">
<thead><tr><th>Date (UTC)</th><th>Value</th><th>Source</th><th>Attribution</th>
<th>Evidence</th><th>Article</th></tr></thead>
<tbody>
{rows or '<tr><td colspan="6" class="muted">No reports.</td></tr>'}
</tbody>
</table>
</main>"""
    return _document(f"{title} — Figurewatch", _CLAIM_CSP, _CSS, body)


def claim_not_found_page(key: str) -> str:
    """The page for a claim key no worker knows."""
    body = f"""
<main>
<h1>No such claim</h1>
<p>No claim has the key <code>{text(key)}</code>. <a href="/">Latest alerts</a></p>
</main>"""
    return _document("No such claim — Figurewatch", _CLAIM_CSP, _CSS, body)


def alerts_page() -> str:
    """The live page at `/`: polls the alerts API every POLL_SECONDS and lists the alerts."""
    config = json.dumps(
        {"url": ALERTS_URL, "pollMs": int(POLL_SECONDS * 1000), "qualifiers": QUALIFIER_WORDS}
    ).replace("</", "<\\/")
    body = f"""
<main>
<h1>Live alerts</h1>
<p id="status" role="status">Connecting to the alert feed…</p>
<p id="empty" hidden>No alerts yet. New, revised, contested and corroborated figures
 appear here as the pipeline finds them.</p>
<ol id="alerts" aria-live="polite"></ol>
</main>
<script>
const FIGUREWATCH = {config};
{ALERTS_SCRIPT}
</script>"""
    return _document("Live alerts — Figurewatch", _ALERTS_CSP, _CSS + _ALERTS_CSS, body)


def _document(title: str, csp: str, css: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{text(csp)}">
<title>{text(title)}</title>
<style>{css}</style>
</head>
<body>
<header class="top"><a href="/">Figurewatch · live alerts</a></header>
{body}
</body>
</html>
"""


def _stories(history: dict[str, Any], sources: list[str]) -> str:
    """"3 independent stories — Reuters, Yonhap, AP" (a wire story's copies count once)."""
    count = history.get("source_count", len(sources))
    noun = "story" if count == 1 else "stories"
    return f"{count} independent {noun} — {', '.join(sources) or 'none'}"


def _timeline_row(report: dict[str, Any], colours: dict[str, str]) -> str:
    source = str(report.get("source") or "?")
    seen_at = report.get("seen_at")
    url = report.get("url")
    link = (
        f'<a href="{text(url)}" rel="noopener noreferrer">{text(_host(url))}</a>'
        if _is_web_url(url) else '<span class="muted">-</span>'
    )
    return (
        "<tr>"
        f'<td class="num">{text(utc_time(seen_at) if seen_at is not None else "-")}</td>'
        f'<td class="num">{text(value_text(report.get("low"), report.get("high")))}</td>'
        f'<td class="source"><span class="dot" style="background:{colours.get(source, "#888")}">'
        "</span>"
        f"{text(source)}</td>"
        f"<td>{text(report.get('attribution') or '-')}</td>"
        f'<td class="evidence">{text(report.get("sentence") or "")}</td>'
        f"<td>{link}</td>"
        "</tr>"
    )


def _is_web_url(url: object) -> bool:
    """Only http(s) links are rendered: a `javascript:` URL from a feed must not be clickable."""
    return isinstance(url, str) and urlsplit(url).scheme.lower() in ("http", "https")


def _host(url: str) -> str:
    return urlsplit(url).hostname or url
