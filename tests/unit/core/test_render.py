"""Alert lines: value, qualifier, previous value, who, where, evidence."""

from __future__ import annotations

from pipeline.core.models import Alert, Evidence, Figure
from pipeline.core.render import alert_line, figure_value

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
