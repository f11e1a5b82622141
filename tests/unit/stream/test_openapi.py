"""The OpenAPI document describes exactly the routes the worker serves, in the shapes served."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from pipeline.core.claims import apply_figure, claim_history
from pipeline.core.models import Alert, Evidence, Figure
from pipeline.settings import Settings
from pipeline.stream.app import create_app
from pipeline.stream.openapi import DOCUMENT


def served_routes() -> set[str]:
    app = create_app(Settings(web_port=0), broker_url="kafka://127.0.0.1:1").app
    return set(app.web.views)


def schema(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}", "components": DOCUMENT["components"]}


def figure(low: float, article_id: str) -> Figure:
    return Figure(kind="troops", metric="troops_deployed", low=low, high=low,
                  evidence=Evidence("About 11,000 troops were sent.", 6, 12), actor="North Korea",
                  location="Russia", attribution="NIS", article_id=article_id, source="Wire")


def test_every_route_served_is_described_and_nothing_else() -> None:
    served = served_routes()
    described = set(DOCUMENT["paths"])
    ours = {path for path in served if path.startswith(("/api/", "/claims/"))} | {
        "/", "/metrics", "/health"}
    assert described == ours
    assert ours <= served


def test_the_history_and_alerts_served_match_their_schemas() -> None:
    first = apply_figure(None, figure(11_000, "a1"), now=1.0)
    second = apply_figure(first.state, figure(15_000, "a2"), now=2.0)
    jsonschema.validate(claim_history(second.state), schema("ClaimHistory"))
    assert second.alert is not None
    alert = Alert.from_dict(second.alert.to_dict()).to_dict()
    jsonschema.validate(alert, schema("Alert"))
    bad = {**claim_history(second.state), "version": "two"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema("ClaimHistory"))
