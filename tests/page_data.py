"""Builders for the page renderers' inputs: a claim history and alerts, as the API gives them."""

from __future__ import annotations

from typing import Any

KEY = "troops_deployed|north korea|russia"
#: 2026-11-02 08:00 UTC, and the spacing between reports.
T0 = 1_793_606_400.0
DAY = 86_400.0

SENTENCES = (
    "North Korea has sent about 10,000 to 12,000 troops to Russia, KCNA said.",
    "Some 11,000 North Korean soldiers are now in Russia's Kursk region, the NIS said.",
    "Seoul's spy agency said 11,000 North Korean troops had deployed to Russia.",
    "North Korea has sent several more units to Russia, officials said.",
)


def make_report(seen_at: float, low: float | None, high: float | None, **overrides: Any
                ) -> dict[str, Any]:
    """One timeline entry; the consensus defaults to the report's own value."""
    report: dict[str, Any] = {
        "seen_at": seen_at, "low": low, "high": high, "source": "Reuters",
        "attribution": "KCNA", "cluster": "c1", "article_id": "a1",
        "url": "https://example.com/world/a1", "sentence": SENTENCES[0], "version": 1,
        "consensus_low": low, "consensus_high": high,
    }
    report.update(overrides)
    return report


def make_history(timeline: list[dict[str, Any]] | None = None, **overrides: Any
                 ) -> dict[str, Any]:
    """A claim history; by default a range, its revision, a corroboration and a vague report."""
    if timeline is None:
        timeline = [
            make_report(T0, 10_000.0, 12_000.0),
            make_report(T0 + 2 * DAY, 11_000.0, 11_000.0, source="Yonhap", attribution="NIS",
                        cluster="c2", article_id="a2", url="https://example.com/a2",
                        sentence=SENTENCES[1], version=2),
            make_report(T0 + 3.5 * DAY, 11_000.0, 11_000.0, source="AP", attribution="NIS",
                        cluster="c3", article_id="a3", url=None, sentence=SENTENCES[2],
                        version=2, consensus_low=11_000.0, consensus_high=11_000.0),
            make_report(T0 + 5 * DAY, None, None, source="BBC", attribution=None,
                        cluster="c4", article_id="a4", url="https://example.com/a4",
                        sentence=SENTENCES[3], version=2, consensus_low=11_000.0,
                        consensus_high=11_000.0),
        ]
    last = timeline[-1]
    sources = list(dict.fromkeys(r["source"] for r in timeline))
    history: dict[str, Any] = {
        "key": KEY, "metric": "troops_deployed", "actor": "north korea", "location": "russia",
        "weapon": None, "period": None, "version": last["version"],
        "low": last["consensus_low"], "high": last["consensus_high"], "attribution": "NIS",
        "first_seen": timeline[0]["seen_at"], "last_seen": last["seen_at"],
        "source_count": len({r["cluster"] for r in timeline}), "sources": sources,
        "reports": len(timeline), "timeline": timeline,
    }
    history.update(overrides)
    return history


def make_alert(alert_type: str = "revised", **overrides: Any) -> dict[str, Any]:
    """One alert as GET /api/v1/alerts lists it; `figure` fields are overridden by `figure=`."""
    figure: dict[str, Any] = {
        "kind": "troops", "metric": "troops_deployed", "low": 15_000.0, "high": 15_000.0,
        "qualifier": "approx", "vague": None, "ordinal": False, "scope": None, "unit": None,
        "actor": "North Korea", "location": "Russia", "weapon": None, "attribution": "NIS",
        "period": None, "article_id": "a5", "url": "https://example.com/world/a5",
        "source": "Yonhap", "published_at": "2026-11-09T08:00:00Z",
        "evidence": {
            "sentence": "About 15,000 North Korean troops are now in Russia, the NIS said.",
            "start": 6, "end": 12, "sentence_start": 0,
        },
    }
    figure.update(overrides.pop("figure", {}))
    alert: dict[str, Any] = {
        "id": f"id-{alert_type}-{figure['article_id']}", "type": alert_type, "claim_key": KEY,
        "version": 3, "figure": figure, "previous_low": 11_000.0, "previous_high": 11_000.0,
        "previous_attribution": "KCNA", "source_count": 2, "sources": ["Reuters", "Yonhap"],
        "detected_at": T0 + 7 * DAY, "latency_seconds": 0.12,
    }
    alert.update(overrides)
    return alert
