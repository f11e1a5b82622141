"""Models - the values every stage passes on: articles, figures, claims and alerts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, asdict, dataclass, field, fields, replace
from typing import Any

#: Figure kinds and the metrics each may carry (the contract later stages rely on).
KIND_TROOPS = "troops"
KIND_CASUALTIES = "casualties"
KIND_WEAPON_TEST = "weapon_test"

METRIC_KINDS: dict[str, str] = {
    "troops_deployed": KIND_TROOPS,
    "troops_killed": KIND_CASUALTIES,
    "troops_wounded": KIND_CASUALTIES,
    "troops_captured": KIND_CASUALTIES,
    "troops_casualties": KIND_CASUALTIES,
    "missiles_launched": KIND_WEAPON_TEST,
    "weapon_tests": KIND_WEAPON_TEST,
    "missile_range_km": KIND_WEAPON_TEST,
    "missile_altitude_km": KIND_WEAPON_TEST,
}

#: How a reported number relates to the true one.
QUALIFIERS = frozenset(
    {"exact", "approx", "at_least", "more_than", "at_most", "up_to", "fewer_than"}
)
#: Whether a figure is a running total, an addition to an earlier figure, or a plan.
SCOPES = frozenset({"total", "additional", "planned"})


@dataclass(frozen=True, slots=True)
class Article:
    """A validated, normalised news article; `body` is plain text."""

    id: str
    url: str
    source: str
    published_at: str | None
    title: str
    body: str
    #: Unix time at which the article entered the pipeline (for latency), set by the caller.
    ingested_at: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(**{name: data.get(name) for name in cls.__dataclass_fields__})


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a figure is written: its sentence and the figure's offsets in the article body."""

    sentence: str
    #: [start, end) of the figure's words in `Article.body`.
    start: int
    end: int
    #: Offset of `sentence` in `Article.body`, when the extractor knows it.
    sentence_start: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "sentence_start": self.sentence_start,
        }


@dataclass(frozen=True, slots=True)
class Figure:
    """One typed figure about troops or a weapon test, with what qualifies it and its evidence.

    `low` and `high` are equal for a single value and both None for a vague quantity
    ("several ballistic missiles"), whose words are kept in `vague`. `ordinal` marks a
    count given as a rank ("the sixth test this year", low = high = 6).
    """

    kind: str
    metric: str
    low: float | None
    high: float | None
    evidence: Evidence
    qualifier: str = "exact"
    vague: str | None = None
    ordinal: bool = False
    scope: str | None = None
    unit: str | None = None
    actor: str | None = None
    location: str | None = None
    weapon: str | None = None
    attribution: str | None = None
    #: The period an ordinal counts within ("this year", "2025"), else None.
    period: str | None = None
    article_id: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: str | None = None
    #: When the pipeline received the article (Unix seconds): dates a figure whose article
    #: gives no published_at.
    ingested_at: float | None = None

    def with_article(self, article: Article) -> Figure:
        """The same figure, stamped with the article it was read from."""
        return replace(
            self,
            article_id=article.id,
            url=article.url,
            source=article.source,
            published_at=article.published_at,
            ingested_at=article.ingested_at,
        )

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["evidence"] = self.evidence.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figure:
        values = {name: data.get(name) for name in cls.__dataclass_fields__}
        values["evidence"] = Evidence(**data["evidence"])
        values["qualifier"] = data.get("qualifier") or "exact"
        values["ordinal"] = bool(data.get("ordinal"))
        return cls(**values)


def _slot_filler(cls: type, name: str) -> Callable[..., Any]:
    """A function with the signature of `cls`'s fields that fills an instance's slots with
    plain stores: the instance is made (`build`) or switched (`__init__`) to a twin class
    with the same slots and no `__setattr__`, its fields stored, and its class switched
    back (`__class__` may be assigned between two classes of the same layout).

    A frozen class's own `__setattr__` refuses every store, so the `__init__` dataclasses
    generate calls `object.__setattr__` once a field, and calling each slot's descriptor
    costs ~700 instructions a field: building a `Figure` (20 fields) took ~15k instructions
    that way, ~6k with this `__init__` and ~3.5k with `build` (callgrind). Same signature,
    defaults and immutability (fields with a default factory are not supported: none of
    these classes has one).
    """
    if cls.__bases__ != (object,):
        raise TypeError(f"{cls.__name__}: only a class with no base but object is supported")
    twin = type(f"_{cls.__name__}Fields", (), {"__slots__": cls.__slots__})
    namespace: dict[str, Any] = {
        "_cls": cls, "_twin": twin, "_new": object.__new__, "_object_setattr": object.__setattr__,
    }
    params = []
    for f in fields(cls):
        if f.default_factory is not MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: default factories are not supported")
        if f.default is MISSING:
            params.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    stores = "".join(f"\n    self.{f.name} = {f.name}" for f in fields(cls))
    if name == "__init__":
        source = (f"def __init__(self, {', '.join(params)}):"
                  f"\n    _object_setattr(self, '__class__', _twin){stores}"
                  f"\n    self.__class__ = _cls")
    else:
        source = (f"def {name}({', '.join(params)}):\n    self = _new(_twin){stores}"
                  f"\n    self.__class__ = _cls\n    return self")
    exec(source, namespace)  # noqa: S102
    function = namespace[name]
    function.__qualname__ = f"{cls.__qualname__}.__init__" if name == "__init__" else name
    return function


def _set_slots_directly(cls: type) -> type:
    """Give a frozen, slotted dataclass an `__init__` that fills its slots with plain stores
    (see `_slot_filler`)."""
    init = _slot_filler(cls, "__init__")
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init
    return cls


Evidence = _set_slots_directly(Evidence)
Figure = _set_slots_directly(Figure)
#: `Evidence(...)` and `Figure(...)` without `type.__call__` and the switch of class
#: `__init__` starts with: the extractor builds one of each per figure.
build_evidence: Callable[..., Evidence] = _slot_filler(Evidence, "build_evidence")
build_figure: Callable[..., Figure] = _slot_filler(Figure, "build_figure")


@dataclass(frozen=True, slots=True)
class Alert:
    """A notification that a claim's figure is new or has changed."""

    id: str
    type: str
    claim_key: str
    version: int
    figure: Figure
    previous_low: float | None = None
    previous_high: float | None = None
    #: Who gave the previous value (a `contested` alert names both sides).
    previous_attribution: str | None = None
    source_count: int = 1
    sources: tuple[str, ...] = field(default_factory=tuple)
    detected_at: float | None = None
    latency_seconds: float | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["figure"] = self.figure.to_dict()
        data["sources"] = list(self.sources)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Alert:
        values = {name: data.get(name) for name in cls.__dataclass_fields__}
        values["figure"] = Figure.from_dict(data["figure"])
        values["sources"] = tuple(data.get("sources") or ())
        values["source_count"] = int(data.get("source_count") or 1)
        return cls(**values)
