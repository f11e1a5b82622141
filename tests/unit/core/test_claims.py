"""Claim state transitions: new, revised, contested, corroborated; replays; deterministic ids."""

from __future__ import annotations

from dataclasses import replace

from pipeline.core.claims import (
    ALERT_CONTESTED,
    ALERT_CORROBORATED,
    ALERT_NEW,
    ALERT_REVISED,
    ClaimPolicy,
    ClaimState,
    agrees,
    alert_id,
    apply_figure,
    claim_history,
    claim_key,
)
from pipeline.core.models import Evidence, Figure

DAY = 24 * 3600.0


def figure(low: float | None = 10_000, high: float | None = 12_000, **kw: object) -> Figure:
    base = Figure(
        kind="troops",
        metric="troops_deployed",
        low=low,
        high=high,
        evidence=Evidence("They sent 10,000 to 12,000 troops.", 10, 26),
        actor="North Korea",
        location="Russia",
        attribution="KCNA",
        article_id="a1",
        source="Wire",
    )
    return replace(base, **kw)


def state_after(*figures: Figure, policy: ClaimPolicy | None = None) -> ClaimState:
    state = None
    for index, item in enumerate(figures):
        state = apply_figure(state, item, now=100.0 + index, ingested_at=100.0 + index,
                             policy=policy or ClaimPolicy()).state
    assert state is not None
    return state


def test_claim_key_is_metric_actor_location() -> None:
    assert claim_key(figure()) == "troops_deployed|north korea|russia"


def test_additional_and_planned_figures_are_claims_of_their_own() -> None:
    assert claim_key(figure(scope="additional")) == "troops_deployed+additional|north korea|russia"
    assert claim_key(figure(scope="planned")) == "troops_deployed+planned|north korea|russia"
    assert claim_key(figure(scope="total")) == claim_key(figure())


def test_a_launch_is_an_event_of_its_day_and_a_test_count_a_count_of_its_year() -> None:
    launch = figure(kind="weapon_test", metric="missiles_launched", weapon="ICBM",
                    location=None, published_at="2026-11-05T23:40:00Z")
    assert claim_key(launch) == "missiles_launched|north korea|-|icbm|2026-11-05"
    count = figure(kind="weapon_test", metric="weapon_tests", low=6, high=6, ordinal=True,
                   location=None, published_at="2026-03-21")
    assert claim_key(count) == "weapon_tests|north korea|-|-|2026"
    assert claim_key(replace(launch, published_at=None)).endswith("|icbm|-")


def test_first_figure_raises_new() -> None:
    transition = apply_figure(None, figure(), now=100.0, ingested_at=99.5)
    assert transition.alert is not None
    assert transition.alert.type == ALERT_NEW
    assert transition.alert.version == 1
    assert transition.alert.id == alert_id(claim_key(figure()), ALERT_NEW, 1)
    assert transition.alert.latency_seconds == 0.5
    assert transition.state.low == 10_000


def test_a_new_value_from_the_same_source_is_a_revision_with_the_previous_value() -> None:
    first = state_after(figure())
    second = apply_figure(first, figure(low=1_000, high=3_000, article_id="a2"), now=200.0)
    assert second.alert is not None
    assert second.alert.type == ALERT_REVISED
    assert second.alert.version == 2
    assert (second.alert.previous_low, second.alert.previous_high) == (10_000, 12_000)
    assert (second.state.low, second.state.high) == (1_000, 3_000)


def test_another_attributed_source_that_disagrees_contests_the_claim() -> None:
    first = state_after(figure())
    nis = figure(low=1_000, high=3_000, article_id="a2", attribution="South Korea's spy agency")
    contest = apply_figure(first, nis, now=200.0, ingested_at=200.0)
    assert contest.alert is not None
    assert contest.alert.type == ALERT_CONTESTED
    assert contest.alert.previous_attribution == "KCNA"
    assert contest.alert.figure.attribution == "South Korea's spy agency"
    assert (contest.alert.previous_low, contest.alert.previous_high) == (10_000, 12_000)


def test_a_disagreement_after_the_contest_window_is_a_revision() -> None:
    first = state_after(figure())
    later = figure(low=1_000, high=3_000, article_id="a2", attribution="NIS")
    transition = apply_figure(first, later, now=100.0 + 8 * DAY, ingested_at=100.0 + 8 * DAY)
    assert transition.alert is not None
    assert transition.alert.type == ALERT_REVISED


def test_agreement_is_overlap_or_within_the_threshold() -> None:
    assert agrees(10_000, 12_000, figure(low=11_000, high=11_000))
    assert agrees(11_000, 11_000, figure(low=11_800, high=11_800))  # 7 %
    assert not agrees(11_000, 11_000, figure(low=15_000, high=15_000))
    assert agrees(11_000, 11_000, figure(low=None, high=None, vague="thousands"))


def test_same_value_from_another_story_adds_a_report_only() -> None:
    first = state_after(figure())
    again = apply_figure(first, figure(article_id="a2", source="Yonhap"), now=2.0)
    assert again.alert is None
    assert again.changed
    assert again.state.sources == ("Wire", "Yonhap")
    assert again.state.clusters == ("a1", "a2")
    assert again.state.version == 1


def test_three_independent_stories_corroborate_once() -> None:
    state = state_after(figure(), figure(article_id="a2", low=11_000, high=11_000))
    third = apply_figure(state, figure(article_id="a3", source="AP"), now=300.0)
    assert third.alert is not None
    assert third.alert.type == ALERT_CORROBORATED
    assert third.alert.source_count == 3
    assert third.alert.id == alert_id(claim_key(figure()), ALERT_CORROBORATED, 1)
    fourth = apply_figure(third.state, figure(article_id="a4"), now=400.0)
    assert fourth.alert is None


def test_copies_in_one_dedup_cluster_count_as_one_story() -> None:
    first = apply_figure(None, figure(), now=1.0, cluster="story-1").state
    for index in range(2, 6):
        copy = apply_figure(first, figure(article_id=f"a{index}", source=f"Outlet {index}"),
                            now=float(index), cluster="story-1")
        assert copy.alert is None
        first = copy.state
    assert first.clusters == ("story-1",)
    assert len(first.sources) == 5


def test_reapplying_the_same_report_changes_nothing() -> None:
    revised = state_after(figure(), figure(low=1_000, high=3_000, article_id="a2"))
    replay = apply_figure(revised, figure(low=1_000, high=3_000, article_id="a2"), now=3.0)
    assert replay.alert is None
    assert not replay.changed
    assert replay.state == revised


def test_two_figures_of_one_article_are_two_reports() -> None:
    first = state_after(figure())
    other = figure(low=1_000, high=3_000, evidence=Evidence("between 1,000 to 3,000", 400, 420))
    assert apply_figure(first, other, now=2.0).alert is not None


def test_a_count_without_number_never_revises_and_ordinals_only_go_up() -> None:
    counted = state_after(figure(low=2, high=2))
    vague = figure(low=None, high=None, vague="several", article_id="a2")
    assert apply_figure(counted, vague, now=2.0).alert is None
    sixth = state_after(figure(low=6, high=6, ordinal=True))
    assert apply_figure(sixth, figure(low=1, high=1, ordinal=True, article_id="a2"),
                        now=2.0).alert is None
    later = apply_figure(sixth, figure(low=7, high=7, ordinal=True, article_id="a3",
                                       attribution=None), now=3.0)
    assert later.alert is not None
    assert later.alert.type == ALERT_REVISED


def test_alert_ids_are_deterministic_and_distinct() -> None:
    assert alert_id("k", "new", 1) == alert_id("k", "new", 1)
    ids = {alert_id("k", "new", 1), alert_id("k", "revised", 2), alert_id("k2", "new", 1)}
    assert len(ids) == 3


def test_claim_state_round_trips_and_knows_its_first_and_last_report() -> None:
    state = state_after(figure(), figure(article_id="a2"))
    assert ClaimState.from_dict(state.to_dict()) == state
    assert (state.first_seen, state.last_seen) == (100.0, 101.0)


def test_two_names_of_one_agency_revise_rather_than_contest() -> None:
    first = state_after(figure(attribution="South Korean intelligence"))
    later = figure(low=1_000, high=3_000, article_id="a2", attribution="NIS")
    transition = apply_figure(first, later, now=200.0, ingested_at=200.0)
    assert transition.alert is not None
    assert transition.alert.type == ALERT_REVISED


def test_an_updated_copy_repeating_its_storys_old_figure_raises_nothing() -> None:
    # The story (cluster s1) reported KCNA's 10,000-12,000; another source revised it.
    first = apply_figure(None, figure(), now=1.0, cluster="s1").state
    nis = figure(low=1_000, high=3_000, article_id="a2", attribution="NIS")
    revised = apply_figure(first, nis, now=2.0, cluster="s2").state
    # A copy of the first story (an update: another of its figures changed) repeats KCNA.
    repeat = apply_figure(revised, figure(article_id="a3", source="Other"), now=3.0,
                          cluster="s1")
    assert repeat.alert is None
    assert (repeat.state.version, repeat.state.low, repeat.state.high) == (2, 1_000, 3_000)
    assert len(repeat.state.reports) == 3
    # The same value from another story is news: it contests NIS's figure.
    other_story = apply_figure(revised, figure(article_id="a4"), now=4.0, cluster="s3")
    assert other_story.alert is not None
    assert other_story.alert.type == ALERT_CONTESTED


def test_history_gives_each_report_with_the_version_and_range_after_it() -> None:
    state = state_after(
        figure(),
        figure(low=11_000, high=11_000, article_id="a2", source="Other"),
        figure(low=1_000, high=3_000, article_id="a3", attribution="NIS"),
    )
    history = claim_history(state)
    assert (history["metric"], history["actor"], history["location"]) == (
        "troops_deployed", "north korea", "russia")
    assert history["weapon"] is None
    assert (history["version"], history["low"], history["high"]) == (2, 1_000, 3_000)
    steps = [(t["version"], t["low"], t["consensus_low"], t["consensus_high"])
             for t in history["timeline"]]
    assert steps == [(1, 10_000, 10_000, 12_000), (1, 11_000, 10_000, 12_000),
                     (2, 1_000, 1_000, 3_000)]
    assert history["timeline"][2]["attribution"] == "NIS"
    assert history["source_count"] == 3
    assert ClaimState.from_dict(state.to_dict()) == state


def test_outlets_naming_one_weapon_differently_report_one_claim() -> None:
    launch = figure(kind="weapon_test", metric="missiles_launched", low=1, high=1,
                    published_at="2026-11-20T01:00:00Z")
    keys = {claim_key(replace(launch, weapon=name)) for name in (
        "ICBM", "intercontinental ballistic missile", "solid-fuel ICBM", "new ICBM")}
    assert keys == {"missiles_launched|north korea|russia|icbm|2026-11-20"}
    others = {claim_key(replace(launch, weapon=name)) for name in (
        "short-range ballistic missile", "cruise missile", "ballistic missile", "ICBM")}
    assert len(others) == 4


def test_a_long_lived_claim_keeps_a_bounded_record_and_still_knows_old_reports() -> None:
    policy = ClaimPolicy(max_reports=10)
    state = apply_figure(None, figure(), now=0.0, policy=policy).state
    for index in range(2, 41):  # agreeing reports from 39 more stories, then a revision
        state = apply_figure(state, figure(article_id=f"a{index}", source=f"S{index}"),
                             now=float(index), policy=policy).state
    revised = apply_figure(state, figure(low=20_000, high=20_000, article_id="r"), now=50.0,
                           policy=policy)
    assert revised.alert is not None
    state = revised.state
    assert len(state.reports) == 10
    # The reports that set each version stay; the latest others fill the rest.
    assert state.reports[0].article_id == "a1"  # it set version 1
    assert state.reports[-1].article_id == "r"
    assert len(state.retired) == 31
    # A replay of a dropped report is known: nothing changes, no alert.
    replay = apply_figure(state, figure(article_id="a5", source="S5"), now=60.0, policy=policy)
    assert (replay.alert, replay.changed) == (None, False)
    assert ClaimState.from_dict(state.to_dict()) == state
    assert [t["version"] for t in claim_history(state)["timeline"]][-1] == 2


def test_a_launch_without_a_publication_date_is_dated_by_its_arrival() -> None:
    launch = figure(kind="weapon_test", metric="missiles_launched", low=1, high=1,
                    weapon="ICBM", published_at=None, ingested_at=1_795_900_000.0)
    assert claim_key(launch).endswith("|icbm|2026-11-28")
    next_day = replace(launch, ingested_at=1_795_900_000.0 + 24 * 3600)
    assert claim_key(next_day) != claim_key(launch)
