"""Render - figures and alerts as short lines a person reads."""

from __future__ import annotations

from pipeline.core.models import Alert, Figure

_QUALIFIER_WORDS = {
    "approx": "about",
    "at_least": "at least",
    "more_than": "more than",
    "at_most": "at most",
    "up_to": "up to",
    "fewer_than": "fewer than",
}
#: The same words, for other renderers (the live page's script formats values like figure_value).
QUALIFIER_WORDS = _QUALIFIER_WORDS
EVIDENCE_CHARS = 160


def number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def figure_value(figure: Figure) -> str:
    """"about 10,000–12,000", "6th", "several", "(no count)"."""
    if figure.low is None or figure.high is None:
        return figure.vague or "(no count)"
    if figure.ordinal:
        text = _ordinal(int(figure.low))
    elif figure.low == figure.high:
        text = number(figure.low)
    else:
        text = f"{number(figure.low)}–{number(figure.high)}"
    words = _QUALIFIER_WORDS.get(figure.qualifier)
    text = f"{words} {text}" if words else text
    if figure.scope == "additional":
        text = f"{text} more"
    elif figure.scope == "planned":
        text = f"{text} (planned)"
    return text


def evidence_excerpt(figure: Figure, width: int = EVIDENCE_CHARS) -> str:
    """The evidence sentence, cut to `width` characters around the figure's words."""
    evidence = figure.evidence
    sentence = evidence.sentence
    if len(sentence) > width and evidence.sentence_start is not None:
        middle = (evidence.start + evidence.end) // 2 - evidence.sentence_start
        begin = max(0, min(len(sentence) - width, middle - width // 2))
        cut = sentence[begin : begin + width]
        return ("…" if begin else "") + cut + ("…" if begin + width < len(sentence) else "")
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= width else sentence[: width - 1] + "…"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def alert_line(alert: Alert) -> str:
    """One line: type, metric, value (and previous), who and where, attribution, evidence."""
    figure = alert.figure
    value = figure_value(figure)
    if alert.type in ("revised", "contested") and alert.previous_low is not None:
        previous = Figure(
            kind=figure.kind, metric=figure.metric, low=alert.previous_low,
            high=alert.previous_high, evidence=figure.evidence, ordinal=figure.ordinal,
            scope=figure.scope,
        )
        said_before = f" per {alert.previous_attribution}" if alert.type == "contested" and \
            alert.previous_attribution else ""
        value = f"{value} (was {figure_value(previous)}{said_before})"
    elif alert.type == "corroborated":
        value = f"{value} ({alert.source_count} sources)"
    who = " ".join(p for p in (figure.actor, figure.weapon) if p) or "-"
    where = f" in/to {figure.location}" if figure.location else ""
    said = f" [{figure.attribution}]" if figure.attribution else ""
    sentence = " ".join(evidence_excerpt(figure).split())
    return (
        f"{alert.type.upper():<9} {figure.metric:<20} {value:<24} {who}{where}{said}"
        f" | \"{sentence}\" ({figure.source or '?'}: {figure.article_id})"
    )
