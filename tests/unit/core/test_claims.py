"""Claim state transitions: new, revised, idempotent replays, deterministic ids."""

from __future__ import annotations

from dataclasses import replace

from pipeline.core.claims import (
    ALERT_NEW,
    ALERT_REVISED,
    ClaimState,
    alert_id,
    apply_figure,
    claim_key,
)
from pipeline.core.models import Evidence, Figure


def figure(low: float | None = 10_000, high: float | None = 12_000, **kw: object) -> Figure:
    base = Figure(
        kind="troops",
        metric="troops_deployed",
        low=low,
        high=high,
        evidence=Evidence("They sent 10,000 to 12,000 troops.", 10, 26),
        actor="North Korea",
        location="Russia",
        article_id="a1",
        source="KCNA",
    )
    return replace(base, **kw)


def test_claim_key_is_metric_actor_location() -> None:
    assert claim_key(figure()) == "troops_deployed|north korea|russia"


def test_claim_key_of_a_weapon_test_includes_the_weapon() -> None:
    test = figure(kind="weapon_test", metric="missiles_launched", weapon="ICBM", location=None)
    assert claim_key(test) == "missiles_launched|north korea|-|icbm"


def test_additional_and_planned_figures_are_claims_of_their_own() -> None:
    assert claim_key(figure(scope="additional")) == "troops_deployed+additional|north korea|russia"
    assert claim_key(figure(scope="planned")) == "troops_deployed+planned|north korea|russia"
    assert claim_key(figure(scope="total")) == claim_key(figure())


def test_first_figure_raises_new() -> None:
    transition = apply_figure(None, figure(), now=100.0, ingested_at=99.5)
    assert transition.alert is not None
    assert transition.alert.type == ALERT_NEW
    assert transition.alert.version == 1
    assert transition.alert.id == alert_id(claim_key(figure()), ALERT_NEW, 1)
    assert transition.alert.latency_seconds == 0.5
    assert transition.state.low == 10_000


def test_changed_value_raises_revised_with_previous_value() -> None:
    first = apply_figure(None, figure(), now=1.0).state
    second = apply_figure(first, figure(low=1_000, high=3_000, article_id="a2"), now=2.0)
    assert second.alert is not None
    assert second.alert.type == ALERT_REVISED
    assert second.alert.version == 2
    assert (second.alert.previous_low, second.alert.previous_high) == (10_000, 12_000)
    assert (second.state.low, second.state.high) == (1_000, 3_000)


def test_same_value_from_another_source_adds_the_source_only() -> None:
    first = apply_figure(None, figure(), now=1.0).state
    again = apply_figure(first, figure(article_id="a2", source="Yonhap"), now=2.0)
    assert again.alert is None
    assert again.changed
    assert again.state.sources == ("KCNA", "Yonhap")
    assert again.state.clusters == ("a1", "a2")
    assert again.state.version == 1


def test_overlapping_range_corroborates_instead_of_revising() -> None:
    first = apply_figure(None, figure(), now=1.0).state
    about = apply_figure(first, figure(low=11_000, high=11_000, article_id="a2"), now=2.0)
    assert about.alert is None
    assert (about.state.low, about.state.high) == (10_000, 12_000)
    assert len(about.state.clusters) == 2


def test_copies_in_one_dedup_cluster_count_as_one_story() -> None:
    first = apply_figure(None, figure(), now=1.0, cluster="story-1").state
    copy = apply_figure(first, figure(article_id="a2", source="Gazette"), now=2.0,
                        cluster="story-1")
    assert copy.state.clusters == ("story-1",)
    assert copy.state.sources == ("KCNA", "Gazette")


def test_a_count_without_number_never_revises_and_ordinals_only_go_up() -> None:
    counted = apply_figure(None, figure(low=2, high=2), now=1.0).state
    assert apply_figure(counted, figure(low=None, high=None, vague="several", article_id="a2"),
                        now=2.0).alert is None
    sixth = apply_figure(None, figure(low=6, high=6, ordinal=True), now=1.0).state
    assert apply_figure(sixth, figure(low=1, high=1, ordinal=True, article_id="a2"),
                        now=2.0).alert is None
    later = apply_figure(sixth, figure(low=7, high=7, ordinal=True, article_id="a3"), now=3.0)
    assert later.alert is not None
    assert later.alert.type == ALERT_REVISED


def test_reapplying_the_same_report_changes_nothing() -> None:
    first = apply_figure(None, figure(), now=1.0).state
    revised = apply_figure(first, figure(low=1_000, high=3_000, article_id="a2"), now=2.0).state
    replay = apply_figure(revised, figure(low=1_000, high=3_000, article_id="a2"), now=3.0)
    assert replay.alert is None
    assert not replay.changed
    assert replay.state == revised


def test_two_figures_of_one_article_are_two_reports() -> None:
    first = apply_figure(None, figure(), now=1.0).state
    other = figure(low=1_000, high=3_000, evidence=Evidence("between 1,000 to 3,000", 400, 420))
    assert apply_figure(first, other, now=2.0).alert is not None


def test_alert_ids_are_deterministic_and_distinct() -> None:
    assert alert_id("k", "new", 1) == alert_id("k", "new", 1)
    ids = {alert_id("k", "new", 1), alert_id("k", "revised", 2), alert_id("k2", "new", 1)}
    assert len(ids) == 3


def test_claim_state_round_trips() -> None:
    state = apply_figure(None, figure(), now=1.0).state
    assert ClaimState.from_dict(state.to_dict()) == state
