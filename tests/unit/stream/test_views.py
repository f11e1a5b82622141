"""The API's query handling: limits, claim filters, merging rows from several workers."""

from __future__ import annotations

import pytest

from pipeline.core.claims import apply_figure
from pipeline.core.models import Evidence, Figure
from pipeline.stream.views import BadRequest, limit_of, newest_first, select_claims


def state(metric: str, actor: str, location: str, seen_at: float):  # type: ignore[no-untyped-def]
    figure = Figure(kind="troops", metric=metric, low=1_000, high=1_000,
                    evidence=Evidence("1,000 troops", 0, 5), actor=actor, location=location,
                    article_id=f"{metric}-{actor}")
    return apply_figure(None, figure, now=seen_at).state


def test_limit_defaults_and_refuses_what_it_cannot_use() -> None:
    assert limit_of({}) == 50
    assert limit_of({"limit": "7"}) == 7
    for bad, reason in (("x", "whole number"), ("0", "between 1 and 1000"),
                        ("5000", "between 1 and 1000")):
        with pytest.raises(BadRequest, match=reason):
            limit_of({"limit": bad})


def test_claims_filter_by_key_parts_case_insensitively_and_by_part_of_the_key() -> None:
    states = [state("troops_deployed", "North Korea", "Russia", 1.0),
              state("troops_killed", "North Korea", "Russia", 3.0),
              state("troops_deployed", "United States", "Poland", 2.0)]
    keys = lambda query: [row["key"] for row in select_claims(states, query)]  # noqa: E731
    assert keys({}) == ["troops_killed|north korea|russia",
                        "troops_deployed|united states|poland",
                        "troops_deployed|north korea|russia"]
    assert keys({"metric": "Troops_Deployed", "actor": "north korea"}) == [
        "troops_deployed|north korea|russia"]
    assert keys({"q": "POLAND"}) == ["troops_deployed|united states|poland"]
    assert keys({"location": "ukraine"}) == []


def test_rows_from_several_workers_count_once_newest_first() -> None:
    rows = [{"id": "a", "t": 1.0}, {"id": "b", "t": 3.0}, {"id": "a", "t": 1.0},
            {"id": "c", "t": None}]
    assert [row["id"] for row in newest_first(rows, "t", "id")] == ["b", "a", "c"]
