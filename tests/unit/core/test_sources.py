"""Attributions fold to one name per organisation; unknown ones are kept, folded."""

from __future__ import annotations

import pytest

from pipeline.core.sources import canonical_source


@pytest.mark.parametrize(
    ("attribution", "name"),
    [
        ("NIS", "NIS"),
        ("South Korea's spy agency now", "NIS"),
        ("South Korea’s National Intelligence Service", "NIS"),
        ("South Korean intelligence", "NIS"),
        ("North Korea's state media", "KCNA"),
        ("KCNA", "KCNA"),
        ("South Korea's Joint Chiefs of Staff", "JCS"),
        ("Ukraine's military intelligence agency", "HUR"),
    ],
)
def test_aliases_fold_to_the_organisation(attribution: str, name: str) -> None:
    assert canonical_source(attribution) == name


def test_unknown_attributions_are_kept_and_none_stays_none() -> None:
    folded = canonical_source("  Defense Minister   Kim Yong-hyun ")
    assert folded == "defense minister kim yong-hyun"
    assert canonical_source(None) is None
    assert canonical_source("") is None
    assert canonical_source("the Nissan spokesman") == "the nissan spokesman"  # whole words
