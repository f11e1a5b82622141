"""The value models: construction, defaults and immutability of the hand-built __init__."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from pipeline.core.models import Evidence, Figure


def _figure(**overrides: object) -> Figure:
    return Figure("troops", "troops_deployed", 1000.0, 1200.0, Evidence("s.", 0, 2, 0), **overrides)


@pytest.mark.parametrize("cls", [Evidence, Figure])
def test_the_constructor_takes_every_field_in_order_with_its_default(cls: type) -> None:
    parameters = list(inspect.signature(cls).parameters.values())
    fields = dataclasses.fields(cls)
    assert [p.name for p in parameters] == [f.name for f in fields]
    for parameter, field in zip(parameters, fields, strict=True):
        missing = field.default is dataclasses.MISSING
        assert parameter.default == (inspect.Parameter.empty if missing else field.default)


def test_defaults_fill_the_fields_not_given() -> None:
    figure = _figure()
    assert figure.qualifier == "exact"
    assert figure.ordinal is False
    assert figure.actor is None
    assert figure.ingested_at is None
    assert figure.evidence.sentence_start == 0
    assert Evidence("s.", 0, 2).sentence_start is None


def test_positional_and_keyword_arguments_build_equal_figures() -> None:
    by_keyword = _figure(actor="North Korea", attribution="KCNA", period="this year")
    by_position = Figure("troops", "troops_deployed", 1000.0, 1200.0, Evidence("s.", 0, 2, 0),
                         "exact", None, False, None, None, "North Korea", None, None, "KCNA",
                         "this year")
    assert by_keyword == by_position
    assert hash(by_keyword) == hash(by_position)


def test_figures_stay_immutable() -> None:
    figure = _figure()
    with pytest.raises(dataclasses.FrozenInstanceError):
        figure.low = 5.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        figure.evidence.start = 3  # type: ignore[misc]


def test_wrong_arguments_fail_as_a_dataclass_would() -> None:
    with pytest.raises(TypeError):
        Figure("troops", "troops_deployed", 1.0)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        _figure(colour="red")


def test_replace_and_round_trip_keep_every_field() -> None:
    figure = _figure(actor="North Korea", scope="total")
    assert dataclasses.replace(figure, low=900.0).low == 900.0
    assert dataclasses.replace(figure, low=900.0).scope == "total"
    assert Figure.from_dict(figure.to_dict()) == figure
