"""Claims - the state kept per claim key and the alerts its transitions raise."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Any

from pipeline.core.models import Alert, Figure

ALERT_NEW = "new"
ALERT_REVISED = "revised"


#: Scopes that make a figure a claim of its own: "3,000 more troops" or "will send 3,000"
#: do not revise the number of troops already there.
_SEPARATE_SCOPES = frozenset({"additional", "planned"})


def claim_key(figure: Figure) -> str:
    """What a figure is a figure *of*: metric, actor, location and (for weapon tests) weapon.

    Additional and planned figures get their own key (suffix `+additional`, `+planned`).
    """
    metric = figure.metric
    if figure.scope in _SEPARATE_SCOPES:
        metric = f"{metric}+{figure.scope}"
    parts = [metric, figure.actor or "-", figure.location or "-"]
    if figure.kind == "weapon_test":
        parts.append(figure.weapon or "-")
    return "|".join(part.strip().lower() for part in parts)


def figure_identity(figure: Figure) -> str:
    """Which report a figure is: its article and place in it, so a replay is recognised."""
    return f"{figure.article_id}@{figure.evidence.start}"


def alert_id(key: str, alert_type: str, version: int) -> str:
    """Deterministic: the same claim, type and version always give the same id."""
    digest = hashlib.sha256(f"{key}\x1f{alert_type}\x1f{version}".encode()).hexdigest()
    return digest[:32]


@dataclass(frozen=True, slots=True)
class ClaimState:
    """What is known of one claim: its current value, version and every report seen."""

    key: str
    version: int
    low: float | None
    high: float | None
    #: figure_identity() of every report applied: replays change nothing.
    reports: tuple[str, ...]
    sources: tuple[str, ...]
    #: Independent stories that reported the claim (dedup clusters): near-duplicate copies
    #: of one wire story count once.
    clusters: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "version": self.version,
            "low": self.low,
            "high": self.high,
            "reports": list(self.reports),
            "sources": list(self.sources),
            "clusters": list(self.clusters),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClaimState:
        return cls(
            key=data["key"],
            version=int(data["version"]),
            low=data["low"],
            high=data["high"],
            reports=tuple(data["reports"]),
            sources=tuple(data["sources"]),
            clusters=tuple(data.get("clusters") or ()),
        )


@dataclass(frozen=True, slots=True)
class Transition:
    """The new state for a claim and the alert it raises (None: nothing to notify)."""

    state: ClaimState
    alert: Alert | None
    changed: bool


def corroborates(state: ClaimState, figure: Figure) -> bool:
    """True when the figure agrees with the claim's current value rather than changing it.

    Overlapping ranges agree ("about 11,000" with "10,000 to 12,000"); a figure without a
    count ("several") never revises a counted one; an ordinal count only moves up ("the
    18th launch this year" revises "the sixth"; a "first test" of something else does not).
    """
    if figure.low is None or figure.high is None:
        return True
    if state.low is None or state.high is None:
        return False
    if figure.ordinal:
        return figure.high <= state.high
    return figure.low <= state.high and state.low <= figure.high


def apply_figure(
    state: ClaimState | None,
    figure: Figure,
    *,
    now: float,
    ingested_at: float | None = None,
    cluster: str | None = None,
) -> Transition:
    """Fold one figure into its claim's state.

    The first figure of a claim raises `new`; a figure that does not corroborate the
    current value (see `corroborates`) raises `revised`, carrying the previous value; one
    that does only adds its source and story (`cluster`, default its article). A report
    already applied changes nothing, so re-processing after a crash or a replay never
    raises an alert twice. `now` and `ingested_at` (Unix seconds) date the alert.
    """
    key = claim_key(figure)
    identity = figure_identity(figure)
    source = figure.source or "unknown"
    story = cluster or figure.article_id or identity
    if state is None:
        new_state = ClaimState(key, 1, figure.low, figure.high, (identity,), (source,), (story,))
        alert = _alert(new_state, ALERT_NEW, figure, None, now, ingested_at)
        return Transition(new_state, alert, True)
    if identity in state.reports:
        return Transition(state, None, False)
    sources = state.sources if source in state.sources else (*state.sources, source)
    clusters = state.clusters if story in state.clusters else (*state.clusters, story)
    reports = (*state.reports, identity)
    if corroborates(state, figure):
        corroborated = replace(state, reports=reports, sources=sources, clusters=clusters)
        return Transition(corroborated, None, True)
    new_state = replace(
        state,
        version=state.version + 1,
        low=figure.low,
        high=figure.high,
        reports=reports,
        sources=sources,
        clusters=clusters,
    )
    alert = _alert(new_state, ALERT_REVISED, figure, state, now, ingested_at)
    return Transition(new_state, alert, True)


def _alert(
    state: ClaimState,
    alert_type: str,
    figure: Figure,
    previous: ClaimState | None,
    now: float,
    ingested_at: float | None,
) -> Alert:
    return Alert(
        id=alert_id(state.key, alert_type, state.version),
        type=alert_type,
        claim_key=state.key,
        version=state.version,
        figure=figure,
        previous_low=previous.low if previous else None,
        previous_high=previous.high if previous else None,
        source_count=len(state.clusters) or len(state.sources),
        sources=state.sources,
        detected_at=now,
        latency_seconds=None if ingested_at is None else max(0.0, now - ingested_at),
    )

