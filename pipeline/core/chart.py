"""Chart - a claim's estimate over time as an inline SVG: consensus band, reports, axes."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from pipeline.core.render import number

#: The consensus band: a solid fill (not an opacity) so a screenshot shows this exact colour.
BAND_FILL = "#cfe2f3"
BAND_STROKE = "#6d9eeb"
#: Okabe–Ito: told apart by colour-blind readers too; cycled past eight sources.
SOURCE_COLOURS = (
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8c6d1f", "#000000",
)
_AXIS = "#555555"
_GRID = "#e6e6e6"
_FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'
_MARGIN_LEFT, _MARGIN_RIGHT, _MARGIN_TOP = 72, 16, 14
_LEGEND_ROW = 18
#: Rough width of one legend character at 12 px, to wrap the legend into rows.
_CHAR_WIDTH = 7.2
_POINT_RADIUS = 5
#: Candidate x-tick steps (seconds): the smallest that gives at most _MAX_X_TICKS ticks wins.
_X_STEPS = (
    3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400, 14 * 86400,
    30 * 86400, 91 * 86400, 365 * 86400,
)
_MAX_X_TICKS = 6
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text(value: object) -> str:
    """Text safe inside XML/HTML, attributes included (control characters dropped)."""
    return html.escape(_CONTROL_RE.sub("", str(value)), quote=True)


def source_colours(history: dict[str, Any]) -> dict[str, str]:
    """Source -> colour, in order of each source's first report (stable for one history)."""
    sources = dict.fromkeys(_source(r) for r in history.get("timeline") or ())
    return {s: SOURCE_COLOURS[i % len(SOURCE_COLOURS)] for i, s in enumerate(sources)}


def utc_time(seconds: float) -> str:
    """"2026-11-02 08:00 UTC": from the data's timestamp, never the clock."""
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%d %H:%M UTC")


def value_text(low: float | None, high: float | None) -> str:
    """"11,000", "10,000–12,000", or "(no count)" for a vague report."""
    if low is None or high is None:
        return "(no count)"
    return number(low) if low == high else f"{number(low)}–{number(high)}"


def claim_chart_svg(history: dict[str, Any], *, width: int = 860, height: int = 320) -> str:
    """The estimate over time: consensus band (step area), one point per report, axes, legend.

    Reports without a value (vague "several") get no point. A report given as a range gets
    a vertical bar with its point at the middle.
    """
    timeline = [r for r in history.get("timeline") or () if _finite(r.get("seen_at"))]
    colours = source_colours(history)
    has_band = any(_pair(r.get("consensus_low"), r.get("consensus_high")) for r in timeline)
    legend, legend_rows = _legend(colours, width, height, has_band)
    bottom = height - 34 - _LEGEND_ROW * legend_rows
    box = (_MARGIN_LEFT, _MARGIN_TOP, width - _MARGIN_RIGHT, bottom)
    times = [float(r["seen_at"]) for r in timeline]
    t_lo, t_hi = _time_domain(times)
    values = [v for r in timeline for v in _values(r)]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="claim-chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{text(_label(history))}" {_FONT} font-size="12">',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]

    def x_of(t: float) -> float:
        return box[0] + (t - t_lo) / (t_hi - t_lo) * (box[2] - box[0])

    if values:
        v_ticks = _value_ticks(min(values), max(values))
        v_lo, v_hi = v_ticks[0], v_ticks[-1]

        def y_of(v: float) -> float:
            return box[3] - (v - v_lo) / (v_hi - v_lo) * (box[3] - box[1])

        parts += _y_axis(v_ticks, y_of, box)
        parts += _band(timeline, x_of, y_of, t_hi)
        parts += _points(timeline, colours, x_of, y_of)
    else:
        parts.append(
            f'<text class="no-values" x="{(box[0] + box[2]) / 2:.1f}" '
            f'y="{(box[1] + box[3]) / 2:.1f}" text-anchor="middle" fill="{_AXIS}">'
            "No numeric reports: only vague figures so far</text>"
        )
    if times:  # no dates to show for an empty timeline (never the clock's)
        parts += _x_axis(t_lo, t_hi, x_of, box)
    parts += [_frame(box), *legend, "</svg>"]
    return "\n".join(parts)


def _label(history: dict[str, Any]) -> str:
    return f"Estimate over time for {history.get('key') or 'a claim'}"


def _source(report: dict[str, Any]) -> str:
    return str(report.get("source") or "?")


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def _pair(low: object, high: object) -> tuple[float, float] | None:
    """(low, high) when both are finite numbers, else None (a vague or broken value)."""
    if _finite(low) and _finite(high):
        a, b = float(low), float(high)  # type: ignore[arg-type]
        return (min(a, b), max(a, b))
    return None


def _values(report: dict[str, Any]) -> Iterable[float]:
    for pair in (
        _pair(report.get("low"), report.get("high")),
        _pair(report.get("consensus_low"), report.get("consensus_high")),
    ):
        if pair:
            yield from pair


def _time_domain(times: list[float]) -> tuple[float, float]:
    """The x range: the reports' span plus a margin, at least a day wide (one report)."""
    if not times:
        return (0.0, 86400.0)
    lo, hi = min(times), max(times)
    pad = max((hi - lo) * 0.05, 43200.0 if hi == lo else 0.0)
    return (lo - pad, hi + pad)


def _value_ticks(lo: float, hi: float) -> list[float]:
    """Round ticks (1, 2, 2.5 or 5 x 10^k) that cover [lo, hi] with room; never zero-height."""
    if hi == lo:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    else:
        pad = (hi - lo) * 0.1
        lo, hi = (lo - pad if lo - pad >= 0 or lo < 0 else 0.0), hi + pad
    raw = (hi - lo) / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(lo / step) * step
    count = math.ceil((hi - first) / step - 1e-9)
    return [first + i * step for i in range(count + 1)]


def _y_axis(ticks: list[float], y_of: Any, box: tuple[float, ...]) -> list[str]:
    out = ['<g class="y-axis">']
    for tick in ticks:
        y = y_of(tick)
        out.append(
            f'<line x1="{box[0]}" x2="{box[2]}" y1="{y:.1f}" y2="{y:.1f}" stroke="{_GRID}"/>'
            f'<text x="{box[0] - 8}" y="{y + 4:.1f}" text-anchor="end" fill="{_AXIS}">'
            f"{text(number(tick))}</text>"
        )
    out.append("</g>")
    return out


def _x_axis(t_lo: float, t_hi: float, x_of: Any, box: tuple[float, ...]) -> list[str]:
    step = next((s for s in _X_STEPS if (t_hi - t_lo) / s <= _MAX_X_TICKS), _X_STEPS[-1])
    fmt = "%m-%d %H:%M" if step < 86400 else "%Y-%m-%d"
    out = ['<g class="x-axis">']
    tick = math.ceil(t_lo / step) * step
    while tick <= t_hi:
        x = x_of(tick)
        label = datetime.fromtimestamp(tick, tz=UTC).strftime(fmt)
        out.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{box[3]}" y2="{box[3] + 5}" stroke="{_AXIS}"/>'
            f'<text x="{x:.1f}" y="{box[3] + 18}" text-anchor="middle" fill="{_AXIS}">'
            f"{text(label)}</text>"
        )
        tick += step
    out.append("</g>")
    return out


def _frame(box: tuple[float, ...]) -> str:
    return (
        f'<polyline class="axes" points="{box[0]},{box[1]} {box[0]},{box[3]} {box[2]},{box[3]}" '
        f'fill="none" stroke="{_AXIS}"/>'
    )


def _band(timeline: list[dict[str, Any]], x_of: Any, y_of: Any, t_end: float) -> list[str]:
    """One step polygon per run of reports with a consensus range; it steps at each report."""
    steps: list[tuple[float, float, tuple[float, float] | None]] = []
    for i, report in enumerate(timeline):
        end = float(timeline[i + 1]["seen_at"]) if i + 1 < len(timeline) else t_end
        pair = _pair(report.get("consensus_low"), report.get("consensus_high"))
        steps.append((float(report["seen_at"]), end, pair))
    out: list[str] = []
    run: list[tuple[float, float, tuple[float, float]]] = []
    for start, end, pair in [*steps, (0.0, 0.0, None)]:
        if pair is not None:
            run.append((start, end, pair))
            continue
        if run:
            upper = [f"{x_of(t):.1f},{y_of(p[1]):.1f}" for a, b, p in run for t in (a, b)]
            lower = [f"{x_of(t):.1f},{y_of(p[0]):.1f}" for a, b, p in reversed(run)
                     for t in (b, a)]
            points = upper + lower
            corners = [c for c, previous in zip(points, ["", *points[:-1]], strict=True)
                       if c != previous]
            # The stroke keeps a band of one agreed value (low == high) visible as a line.
            out.append(
                f'<polygon class="band" points="{" ".join(corners)}" fill="{BAND_FILL}" '
                f'stroke="{BAND_STROKE}" stroke-width="1.5" stroke-linejoin="round">'
                "<title>Consensus range</title></polygon>"
            )
            run = []
    return out


def _points(
    timeline: list[dict[str, Any]], colours: dict[str, str], x_of: Any, y_of: Any
) -> list[str]:
    out = ['<g class="reports">']
    for report in timeline:
        pair = _pair(report.get("low"), report.get("high"))
        if pair is None:
            continue
        x, colour = x_of(float(report["seen_at"])), colours[_source(report)]
        if pair[0] != pair[1]:
            out.append(
                f'<line class="range" x1="{x:.1f}" x2="{x:.1f}" y1="{y_of(pair[0]):.1f}" '
                f'y2="{y_of(pair[1]):.1f}" stroke="{colour}" stroke-width="3" '
                'stroke-linecap="round"/>'
            )
        out.append(
            f'<circle cx="{x:.1f}" cy="{y_of((pair[0] + pair[1]) / 2):.1f}" '
            f'r="{_POINT_RADIUS}" fill="{colour}" stroke="#ffffff" stroke-width="1">'
            f"<title>{text(_hover(report))}</title></circle>"
        )
    out.append("</g>")
    return out


def _hover(report: dict[str, Any]) -> str:
    said = f", per {report['attribution']}" if report.get("attribution") else ""
    lines = [
        utc_time(float(report["seen_at"])),
        value_text(*(_pair(report.get("low"), report.get("high")) or (None, None))),
        f"{_source(report)}{said}",
    ]
    if report.get("sentence"):
        lines.append(f"“{' '.join(str(report['sentence']).split())}”")
    return "\n".join(lines)


def _legend(
    colours: dict[str, str], width: int, height: int, has_band: bool
) -> tuple[list[str], int]:
    """The legend entries (band first, then each source) wrapped into rows; and the rows."""
    entries = [("Consensus range", BAND_FILL, "rect")] if has_band else []
    entries += [(source, colour, "circle") for source, colour in colours.items()]
    placed: list[tuple[float, int, str, str, str]] = []
    x, row = float(_MARGIN_LEFT), 0
    for label, colour, shape in entries:
        span = 22 + len(label) * _CHAR_WIDTH + 18
        if x + span > width - _MARGIN_RIGHT and x > _MARGIN_LEFT:
            x, row = float(_MARGIN_LEFT), row + 1
        placed.append((x, row, label, colour, shape))
        x += span
    rows = row + 1
    out = ['<g class="legend">']
    for x, row, label, colour, shape in placed:
        y = height - 10 - (rows - 1 - row) * _LEGEND_ROW
        swatch = (
            f'<rect x="{x:.1f}" y="{y - 9}" width="16" height="10" fill="{colour}" '
            f'stroke="{BAND_STROKE}"/>'
            if shape == "rect"
            else f'<circle cx="{x + 8:.1f}" cy="{y - 4}" r="{_POINT_RADIUS}" fill="{colour}"/>'
        )
        out.append(
            f"{swatch}<text x=\"{x + 22:.1f}\" y=\"{y}\" fill=\"#222222\">{text(label)}</text>"
        )
    out.append("</g>")
    return out, rows

