"""Claims - the state kept per claim key and the alerts its transitions raise."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from pipeline.core.models import Alert, Figure
from pipeline.core.sources import canonical_source

ALERT_NEW = "new"
ALERT_REVISED = "revised"
ALERT_CONTESTED = "contested"
ALERT_CORROBORATED = "corroborated"

#: Scopes that make a figure a claim of its own: "3,000 more troops" or "will send 3,000"
#: do not revise the number of troops already there.
_SEPARATE_SCOPES = frozenset({"additional", "planned"})


@dataclass(frozen=True, slots=True)
class ClaimPolicy:
    """When a figure revises, contests or corroborates a claim."""

    #: A figure within this relative distance of the current value agrees with it.
    revision_threshold: float = 0.10
    #: Two attributed sources that disagree within this time contest the claim.
    contest_window_seconds: float = 7 * 24 * 3600.0
    #: Independent stories (dedup clusters) agreeing on the value that corroborate it.
    corroboration_sources: int = 3
    #: Reports kept per claim: the one that set each version and the latest others. Older
    #: ones are dropped, only their digests kept (so a replay still knows them): a claim
    #: reported for months stays a small table record (Kafka refuses records over 1 MB).
    max_reports: int = 200


DEFAULT_POLICY = ClaimPolicy()


#: One name per weapon class, whatever name an outlet uses: "ICBM" and "intercontinental
#: ballistic missile" are one weapon. Descriptions ("new", "solid-fuel") are dropped.
_WEAPON_CLASSES = (
    (("icbm", "intercontinental"), "ICBM"),
    (("slbm", "submarine-launched"), "SLBM"),
    (("irbm", "intermediate-range"), "IRBM"),
    (("mrbm", "medium-range"), "MRBM"),
    (("srbm", "short-range ballistic", "close-range ballistic"), "SRBM"),
    (("hypersonic",), "hypersonic missile"),
    (("cruise",), "cruise missile"),
    (("anti-aircraft", "surface-to-air", "air defense", "air defence"), "anti-aircraft missile"),
)
_WEAPON_DESCRIPTIONS = frozenset({
    "new", "newly", "developed", "solid-fuel", "solid-fuelled", "solid-fueled", "liquid-fuel",
    "liquid-fuelled", "liquid-fueled", "advanced", "latest", "upgraded", "improved", "powerful",
})


def weapon_class(weapon: str | None) -> str | None:
    """The weapon's class as a claim names it ("solid-fuel ICBM" -> "ICBM")."""
    if not weapon:
        return weapon
    lowered = weapon.lower()
    for markers, name in _WEAPON_CLASSES:
        if any(marker in lowered for marker in markers):
            return name
    words = [word for word in weapon.split() if word.lower() not in _WEAPON_DESCRIPTIONS]
    return " ".join(words) or weapon


def claim_key(figure: Figure) -> str:
    """What a figure is a figure *of*: metric, actor, location and (for weapon tests) weapon.

    Additional and planned figures get their own key (suffix `+additional`, `+planned`).
    A launch is an event of its day and an ordinal test count a count of its year, so both
    carry the date (year) of the article: when it was published, else when it came in.
    """
    metric = figure.metric
    if figure.scope in _SEPARATE_SCOPES:
        metric = f"{metric}+{figure.scope}"
    parts = [metric, figure.actor or "-", figure.location or "-"]
    if figure.kind == "weapon_test":
        parts.append(weapon_class(figure.weapon) or "-")
        published = (figure.published_at or "").strip() or _utc_date(figure.ingested_at)
        if figure.metric == "missiles_launched":
            parts.append(published[:10] or "-")
        elif figure.ordinal:
            parts.append(published[:4] or "-")
    return "|".join(part.strip().lower() for part in parts)


def _utc_date(seconds: float | None) -> str:
    """"2026-11-28" for a Unix time; "" for None."""
    if seconds is None:
        return ""
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%d")


def figure_identity(figure: Figure) -> str:
    """Which report a figure is: its article and place in it, so a replay is recognised."""
    return f"{figure.article_id}@{figure.evidence.start}"


def alert_id(key: str, alert_type: str, version: int) -> str:
    """Deterministic: the same claim, type and version always give the same id."""
    digest = hashlib.sha256(f"{key}\x1f{alert_type}\x1f{version}".encode()).hexdigest()
    return digest[:32]


@dataclass(frozen=True, slots=True)
class Report:
    """One figure reported for a claim: its value, who carried it, who said it, and when."""

    identity: str
    article_id: str | None
    source: str
    attribution: str | None
    cluster: str
    low: float | None
    high: float | None
    seen_at: float
    sentence: str = ""
    url: str | None = None
    #: The claim's version right after this report (0: not recorded, an older state).
    version: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        values = {name: data.get(name) for name in cls.__dataclass_fields__}
        values["sentence"] = values["sentence"] or ""
        values["version"] = int(values["version"] or 0)
        return cls(**values)


@dataclass(frozen=True, slots=True)
class ClaimState:
    """What is known of one claim: its current value and version, and every report seen."""

    key: str
    version: int
    low: float | None
    high: float | None
    #: Who gave the current value, and when it was reported (for contest windows).
    attribution: str | None
    value_seen_at: float
    reports: tuple[Report, ...]
    #: The version at which `corroborated` was last raised (once per version).
    corroborated_version: int = 0
    #: Digests of the identities of reports dropped from `reports` (see max_reports).
    retired: tuple[str, ...] = ()

    @property
    def first_seen(self) -> float:
        return min(report.seen_at for report in self.reports)

    @property
    def last_seen(self) -> float:
        return max(report.seen_at for report in self.reports)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(report.source for report in self.reports))

    @property
    def clusters(self) -> tuple[str, ...]:
        """Independent stories: near-duplicate copies of one wire story count once."""
        return tuple(dict.fromkeys(report.cluster for report in self.reports))

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "version": self.version,
            "low": self.low,
            "high": self.high,
            "attribution": self.attribution,
            "value_seen_at": self.value_seen_at,
            "reports": [report.to_dict() for report in self.reports],
            "corroborated_version": self.corroborated_version,
            "retired": list(self.retired),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClaimState:
        return cls(
            key=data["key"],
            version=int(data["version"]),
            low=data["low"],
            high=data["high"],
            attribution=data.get("attribution"),
            value_seen_at=float(data.get("value_seen_at") or 0.0),
            reports=tuple(Report.from_dict(r) for r in data["reports"]),
            corroborated_version=int(data.get("corroborated_version") or 0),
            retired=tuple(data.get("retired") or ()),
        )

    def knows(self, identity: str) -> bool:
        """True when a report with this identity was applied (kept or dropped since)."""
        return any(report.identity == identity for report in self.reports) or (
            bool(self.retired) and _identity_digest(identity) in self.retired)


@dataclass(frozen=True, slots=True)
class Transition:
    """The new state for a claim and the alert it raises (None: nothing to notify)."""

    state: ClaimState
    alert: Alert | None
    changed: bool


def agrees(
    low: float | None, high: float | None, figure: Figure, threshold: float = 0.10
) -> bool:
    """True when the figure agrees with the value [low, high] rather than changing it.

    Overlapping ranges agree ("about 11,000" with "10,000 to 12,000"), and so do values
    within `threshold` of each other (11,500 with 11,000 at 10 %); a figure without a count
    ("several") never changes a counted one; an ordinal count only moves up ("the 18th
    launch this year" revises "the sixth"; a "first test" of something else does not).
    """
    return _agrees(low, high, figure.low, figure.high, figure.ordinal, threshold)


def _agrees(
    low: float | None,
    high: float | None,
    new_low: float | None,
    new_high: float | None,
    ordinal: bool,
    threshold: float,
) -> bool:
    if new_low is None or new_high is None:
        return True
    if low is None or high is None:
        return False
    if ordinal:
        return new_high <= high
    if new_low <= high and low <= new_high:
        return True
    middle, new_middle = (low + high) / 2, (new_low + new_high) / 2
    return abs(new_middle - middle) <= threshold * max(abs(middle), 1e-9)


def _same_source(a: str | None, b: str | None) -> bool:
    return canonical_source(a) == canonical_source(b)


def apply_figure(
    state: ClaimState | None,
    figure: Figure,
    *,
    now: float,
    ingested_at: float | None = None,
    cluster: str | None = None,
    policy: ClaimPolicy = DEFAULT_POLICY,
) -> Transition:
    """Fold one figure into its claim's state.

    - the first figure of a claim raises `new`;
    - a figure that agrees with the current value (see `agrees`) adds a report; when the
      independent stories agreeing on the value reach `policy.corroboration_sources`, it
      raises `corroborated` (once per version);
    - a figure that disagrees raises `contested` when both it and the current value are
      attributed, to different sources, within `policy.contest_window_seconds`;
      otherwise `revised`. Both carry the previous value and become the current one.

    A figure its story (dedup cluster) already gave, from the same source, adds a report
    and raises nothing: an updated copy of a wire story repeats its other figures.
    A report already applied changes nothing, so re-processing after a crash or a replay
    never raises an alert twice. `now` and `ingested_at` (Unix seconds) date the report
    (its event time is `ingested_at`, else `now`) and give the alert's latency.
    """
    seen_at = ingested_at if ingested_at is not None else now
    version = state.version if state is not None else 1
    report = Report(
        identity=figure_identity(figure),
        article_id=figure.article_id,
        source=figure.source or "unknown",
        attribution=figure.attribution,
        cluster=cluster or figure.article_id or figure_identity(figure),
        low=figure.low,
        high=figure.high,
        seen_at=seen_at,
        sentence=figure.evidence.sentence,
        url=figure.url,
        version=version,
    )
    if state is None:
        new_state = ClaimState(
            claim_key(figure), 1, figure.low, figure.high, figure.attribution, seen_at, (report,)
        )
        alert = _alert(new_state, ALERT_NEW, figure, None, now, ingested_at)
        return Transition(new_state, alert, True)
    if state.knows(report.identity):
        return Transition(state, None, False)
    transition = _apply_new(state, figure, report, now, ingested_at, policy)
    return replace(transition, state=_bounded(transition.state, policy.max_reports))


def _apply_new(
    state: ClaimState,
    figure: Figure,
    report: Report,
    now: float,
    ingested_at: float | None,
    policy: ClaimPolicy,
) -> Transition:
    """apply_figure for a report the claim does not know yet."""
    seen_at = report.seen_at
    reports = (*state.reports, report)
    if _repeats_its_story(state, report):
        return Transition(replace(state, reports=reports), None, True)
    if agrees(state.low, state.high, figure, policy.revision_threshold):
        updated = replace(state, reports=reports)
        if (
            updated.corroborated_version < updated.version
            and _agreeing_stories(updated, policy) >= policy.corroboration_sources
        ):
            updated = replace(updated, corroborated_version=updated.version)
            alert = _alert(updated, ALERT_CORROBORATED, figure, None, now, ingested_at)
            return Transition(updated, alert, True)
        return Transition(updated, None, True)
    contested = (
        figure.attribution is not None
        and state.attribution is not None
        and not _same_source(figure.attribution, state.attribution)
        and seen_at - state.value_seen_at <= policy.contest_window_seconds
    )
    new_state = replace(
        state,
        version=state.version + 1,
        low=figure.low,
        high=figure.high,
        attribution=figure.attribution,
        value_seen_at=seen_at,
        reports=(*state.reports, replace(report, version=state.version + 1)),
    )
    kind = ALERT_CONTESTED if contested else ALERT_REVISED
    return Transition(new_state, _alert(new_state, kind, figure, state, now, ingested_at), True)


def _identity_digest(identity: str) -> str:
    return hashlib.sha256(identity.encode()).hexdigest()[:16]


def _bounded(state: ClaimState, max_reports: int) -> ClaimState:
    """The state with at most `max_reports` reports: the report that set each version (the
    latest versions' first, when even those are too many) and the latest others."""
    reports = state.reports
    if len(reports) <= max_reports:
        return state
    setters, versions = [], set()
    for index, report in enumerate(reports):
        if report.version not in versions:
            versions.add(report.version)
            setters.append(index)
    keep = set(setters[-max(1, max_reports // 2):])
    for index in range(len(reports) - 1, -1, -1):
        if len(keep) >= max_reports:
            break
        keep.add(index)
    dropped = tuple(_identity_digest(r.identity) for i, r in enumerate(reports) if i not in keep)
    kept = tuple(report for index, report in enumerate(reports) if index in keep)
    return replace(state, reports=kept, retired=(*state.retired, *dropped))


def _repeats_its_story(state: ClaimState, report: Report) -> bool:
    """True when the report's story (dedup cluster) already gave this figure, from the same
    source: an updated copy of a wire story repeats its unchanged figures, and repeating a
    value that was since revised is not news (it neither reverts nor contests the claim)."""
    if report.low is None or report.high is None:
        return False
    return any(
        known.cluster == report.cluster
        and _agrees(known.low, known.high, report.low, report.high, False, 0.0)
        and _same_source(known.attribution, report.attribution)
        for known in state.reports
    )


def _agreeing_stories(state: ClaimState, policy: ClaimPolicy) -> int:
    """Independent stories whose reports agree with the current value."""
    return len({
        report.cluster
        for report in state.reports
        if report.low is not None
        and _agrees(state.low, state.high, report.low, report.high, False,
                    policy.revision_threshold)
    })


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
        previous_attribution=previous.attribution if previous else None,
        source_count=len(state.clusters),
        sources=state.sources,
        detected_at=now,
        latency_seconds=None if ingested_at is None else max(0.0, now - ingested_at),
    )


def key_parts(key: str) -> dict[str, str | None]:
    """The parts of a claim key by name: metric, actor, location, weapon, period."""
    parts = [None if part in ("", "-") else part for part in key.split("|")]
    parts += [None] * (5 - len(parts))
    return dict(zip(("metric", "actor", "location", "weapon", "period"), parts[:5], strict=True))


def claim_summary(state: ClaimState) -> dict[str, Any]:
    """One line of the claims list: what the claim is of, its current value and reach."""
    return {
        "key": state.key,
        **key_parts(state.key),
        "version": state.version,
        "low": state.low,
        "high": state.high,
        "attribution": state.attribution,
        "first_seen": state.first_seen,
        "last_seen": state.last_seen,
        "source_count": len(state.clusters),
        "sources": list(state.sources),
        "reports": len(state.reports),
    }


def claim_history(state: ClaimState) -> dict[str, Any]:
    """The claim's timeline: every report in the order it was applied, each with the claim's
    version and current range right after it (the range a revision or contest set)."""
    timeline = []
    consensus: tuple[float | None, float | None] = (None, None)
    current_version = 0
    for report in state.reports:
        if report.version != current_version:
            # The first report of a version is the one that set its value.
            current_version = report.version
            consensus = (report.low, report.high)
        timeline.append({
            "seen_at": report.seen_at,
            "low": report.low,
            "high": report.high,
            "source": report.source,
            "attribution": report.attribution,
            "cluster": report.cluster,
            "article_id": report.article_id,
            "url": report.url,
            "sentence": report.sentence,
            "version": report.version,
            "consensus_low": consensus[0],
            "consensus_high": consensus[1],
        })
    return {**claim_summary(state), "timeline": timeline}
