"""Shared test configuration: Hypothesis profiles and builders."""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def make_article_fields(**overrides: Any) -> dict[str, Any]:
    """A valid input record, with any field replaced."""
    fields: dict[str, Any] = {
        "id": "art-1",
        "url": "https://example.com/world/story-1",
        "source": "Example Wire",
        "published_at": "2026-11-02T08:15:00Z",
        "title": "North Korea sends troops",
        "body": "North Korea has sent about 3,000 more troops to Russia, Seoul said.",
    }
    fields.update(overrides)
    return fields
