"""Alert lines: value, qualifier, previous value, who, where, evidence."""

from __future__ import annotations

from pipeline.core.models import Alert, Evidence, Figure
from pipeline.core.render import alert_line, evidence_excerpt, figure_value

EVIDENCE = Evidence("The dispatch of approximately 10,000 to 12,000 North Korean troops.", 16, 46)


def test_figure_value_forms() -> None:
    rng = Figure("troops", "troops_deployed", 10_000, 12_000, EVIDENCE, qualifier="approx")
    assert figure_value(rng) == "about 10,000–12,000"
    ordinal = Figure("weapon_test", "weapon_tests", 6, 6, EVIDENCE, ordinal=True)
    assert figure_value(ordinal) == "6th"
    vague = Figure("weapon_test", "missiles_launched", None, None, EVIDENCE, vague="several")
    assert figure_value(vague) == "several"


def test_alert_line_says_what_changed_and_where_it_is_written() -> None:
    figure = Figure(
        "troops", "troops_deployed", 15_000, 15_000, EVIDENCE, actor="North Korea",
        location="Russia", attribution="NIS", source="Wire", article_id="a9",
    )
    line = alert_line(
        Alert("id", "revised", "k", 2, figure, previous_low=11_000, previous_high=11_000)
    )
    assert line.startswith("REVISED")
    assert "15,000 (was 11,000)" in line
    assert "North Korea in/to Russia [NIS]" in line
    assert "approximately 10,000 to 12,000" in line
    assert "a9" in line


def test_additional_and_planned_figures_say_so() -> None:
    more = Figure("troops", "troops_deployed", 3_000, 3_000, EVIDENCE, scope="additional")
    assert figure_value(more) == "3,000 more"
    plan = Figure("troops", "troops_deployed", 3_000, 3_000, EVIDENCE, scope="planned")
    assert figure_value(plan) == "3,000 (planned)"


def test_long_evidence_is_cut_around_the_figure() -> None:
    sentence = "A" * 300 + " sent 4,000 troops " + "B" * 300
    start = 300 + len(" sent ")
    evidence = Evidence(sentence, 1000 + start, 1000 + start + 5, sentence_start=1000)
    figure = Figure("troops", "troops_deployed", 4_000, 4_000, evidence)
    excerpt = evidence_excerpt(figure, width=60)
    assert "4,000 troops" in excerpt
    assert excerpt.startswith("…") and excerpt.endswith("…")


def test_contested_and_corroborated_lines_name_both_sides_and_the_count() -> None:
    figure = Figure("troops", "troops_deployed", 1_000, 3_000, EVIDENCE, attribution="NIS")
    contested = Alert("id", "contested", "k", 2, figure, previous_low=10_000,
                      previous_high=12_000, previous_attribution="KCNA")
    assert "1,000–3,000 (was 10,000–12,000 per KCNA)" in alert_line(contested)
    assert "[NIS]" in alert_line(contested)
    corroborated = Alert("id", "corroborated", "k", 1, figure, source_count=3)
    assert "1,000–3,000 (3 sources)" in alert_line(corroborated)
