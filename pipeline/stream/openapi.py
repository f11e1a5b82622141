"""OpenAPI - the description of the worker's HTTP API, served at /api/v1/openapi.json.

Kept beside the views it describes; `tests/unit/stream/test_openapi.py` checks that every
route the worker serves is described here, and nothing else.
"""

from __future__ import annotations

from typing import Any

_NUMBER_OR_NULL = {"type": ["number", "null"]}
_STRING_OR_NULL = {"type": ["string", "null"]}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _html(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"text/html": {"schema": {"type": "string"}}}}


def _query(name: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema or {"type": "string"}}


_KEY = {"name": "key", "in": "path", "required": True,
        "description": "The claim key, URL-encoded: metric|actor|location[|weapon[|period]]",
        "schema": {"type": "string"}, "example": "troops_deployed|north korea|russia"}
_LIMIT = _query("limit", "How many to return, 1-1000 (default 50)",
                {"type": "integer", "minimum": 1, "maximum": 1000, "default": 50})
_ERROR = _json({"$ref": "#/components/schemas/Error"}, "A bad query parameter, with the reason")
_UNREACHABLE = {"type": "array", "items": {"type": "string"},
                "description": "Workers that did not answer: the list lacks their part"}


def _merged_list(field: str, schema: str, description: str) -> dict[str, Any]:
    """The 200 response of a list every worker contributes to: the items, their total, and
    the workers that did not answer."""
    return _json({"type": "object", "properties": {
        field: {"type": "array", "items": {"$ref": f"#/components/schemas/{schema}"}},
        "total": {"type": "integer"}, "unreachable_workers": _UNREACHABLE}}, description)


_CLAIM_PROPERTIES: dict[str, Any] = {
    "key": {"type": "string"},
    "metric": {"type": "string"},
    "actor": _STRING_OR_NULL,
    "location": _STRING_OR_NULL,
    "weapon": _STRING_OR_NULL,
    "period": _STRING_OR_NULL,
    "version": {"type": "integer"},
    "low": _NUMBER_OR_NULL,
    "high": _NUMBER_OR_NULL,
    "attribution": _STRING_OR_NULL,
    "first_seen": {"type": "number", "description": "Unix seconds"},
    "last_seen": {"type": "number", "description": "Unix seconds"},
    "source_count": {"type": "integer", "description": "Independent stories"},
    "sources": {"type": "array", "items": {"type": "string"}},
    "reports": {"type": "integer"},
}

DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "Figurewatch worker API",
        "version": "1",
        "description": "Claims (what a figure is a figure of), their history, and the alerts "
                       "raised on them. Any worker answers: a claim is forwarded to the "
                       "worker that owns its key, lists merge every worker's part.",
    },
    "paths": {
        "/": {"get": {"summary": "The latest alerts, live (HTML)",
                      "responses": {"200": _html("The page")}}},
        "/claims/{key}": {"get": {
            "summary": "A claim's page: its estimate over time as a chart, and every report",
            "parameters": [_KEY],
            "responses": {"200": _html("The page"), "404": _html("No such claim")}}},
        "/api/v1/alerts": {"get": {
            "summary": "The latest alerts, each id once, newest first",
            "parameters": [_LIMIT, _query("type", "new, revised, contested or corroborated"),
                           _query("claim_key", "Only this claim's alerts")],
            "responses": {
                "200": _merged_list("alerts", "Alert", "The alerts"),
                "400": _ERROR}}},
        "/api/v1/claims": {"get": {
            "summary": "Claims, most recently reported first",
            "parameters": [_LIMIT, *(_query(name, f"Exact {name}, case-insensitive")
                                     for name in ("metric", "actor", "location", "weapon",
                                                  "period")),
                           _query("q", "A part of the key")],
            "responses": {
                "200": _merged_list("claims", "Claim", "The claims"),
                "400": _ERROR}}},
        "/api/v1/claims/{key}/history": {"get": {
            "summary": "A claim and its timeline: each report with the version and value "
                       "right after it",
            "parameters": [_KEY],
            "responses": {"200": _json({"$ref": "#/components/schemas/ClaimHistory"},
                                       "The history"),
                          "404": _json({"$ref": "#/components/schemas/Error"},
                                       "No such claim")}}},
        "/api/v1/openapi.json": {"get": {"summary": "This document",
                                         "responses": {"200": _json({"type": "object"},
                                                                    "OpenAPI 3.1")}}},
        "/metrics": {"get": {"summary": "Prometheus metrics", "responses": {"200": {
            "description": "Text exposition format",
            "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
        "/health": {"get": {"summary": "Readiness", "responses": {
            "200": _json({"type": "object"}, "Ready"),
            "503": _json({"type": "object"}, "Not ready: why")}}},
    },
    "components": {"schemas": {
        "Error": {"type": "object", "required": ["error"],
                  "properties": {"error": {"type": "string"}}},
        "Claim": {"type": "object", "required": ["key", "version"],
                  "properties": _CLAIM_PROPERTIES},
        "ClaimHistory": {"type": "object", "required": ["key", "version", "timeline"],
                         "properties": {**_CLAIM_PROPERTIES, "timeline": {
                             "type": "array", "items": {"type": "object", "properties": {
                                 "seen_at": {"type": "number"}, "low": _NUMBER_OR_NULL,
                                 "high": _NUMBER_OR_NULL, "source": {"type": "string"},
                                 "attribution": _STRING_OR_NULL, "cluster": {"type": "string"},
                                 "article_id": _STRING_OR_NULL, "url": _STRING_OR_NULL,
                                 "sentence": {"type": "string"},
                                 "version": {"type": "integer"},
                                 "consensus_low": _NUMBER_OR_NULL,
                                 "consensus_high": _NUMBER_OR_NULL}}}}},
        "Alert": {"type": "object",
                  "required": ["id", "type", "claim_key", "version", "figure"],
                  "properties": {
                      "id": {"type": "string",
                             "description": "Hash of claim key, type and version: receivers "
                                            "dedupe on it"},
                      "type": {"enum": ["new", "revised", "contested", "corroborated"]},
                      "claim_key": {"type": "string"}, "version": {"type": "integer"},
                      "figure": {"type": "object", "description": "The figure, with its "
                                 "evidence (sentence, offsets), url, source, attribution "
                                 "and published_at"},
                      "previous_low": _NUMBER_OR_NULL, "previous_high": _NUMBER_OR_NULL,
                      "previous_attribution": _STRING_OR_NULL,
                      "source_count": {"type": "integer"},
                      "sources": {"type": "array", "items": {"type": "string"}},
                      "detected_at": _NUMBER_OR_NULL, "latency_seconds": _NUMBER_OR_NULL}},
    }},
}
