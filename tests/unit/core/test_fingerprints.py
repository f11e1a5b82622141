"""Fingerprints: canonical URLs and normalised-body keys."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.core.fingerprints import body_key, canonical_url, normalise_text, url_key

BODY = "North Korea has sent about 10,000 troops to Russia, Seoul's spy agency said."


@pytest.mark.parametrize(
    "variant",
    [
        "https://www.example.com/world/korea-troops",
        "http://example.com/world/korea-troops/",
        "HTTPS://EXAMPLE.COM/world/korea-troops#comments",
        "https://m.example.com/world/korea-troops?utm_source=tw&utm_medium=social",
        "https://amp.example.com/world/korea-troops/amp",
        "https://example.com/world/korea-troops.amp?fbclid=abc",
        "https://example.com:443/world//korea-troops",
    ],
)
def test_canonical_url_removes_tracking_and_variants(variant):
    assert canonical_url(variant) == "example.com/world/korea-troops"
    assert url_key(variant) == url_key("https://example.com/world/korea-troops")


def test_canonical_url_keeps_content_parameters_sorted():
    assert canonical_url("https://example.com/a?page=2&id=7&utm_campaign=x") == (
        "example.com/a?id=7&page=2"
    )
    assert url_key("https://example.com/a?id=7") != url_key("https://example.com/a?id=8")


def test_url_key_differs_for_different_paths():
    assert url_key("https://example.com/a") != url_key("https://example.com/b")


def test_normalise_text_folds_unicode_punctuation_case_and_space():
    assert normalise_text("SEOUL \u2014 North Korea\u2019s  \u201ctroops\u201d\u00a0\u00a9 2024") == (
        "seoul north korea s troops 2024"
    )
    assert normalise_text("Korea's troops") == normalise_text("KOREA\u2019S\ttroops")
    assert normalise_text("\ufb01nal stra\u00dfe") == "final strasse"


def test_body_key_ignores_whitespace_case_and_punctuation():
    assert body_key(BODY) == body_key("  " + BODY.upper().replace(" ", "\n\n") + " ")
    assert body_key(BODY) == body_key(BODY.replace(".", "!").replace("'", "\u2019"))


def test_body_key_changes_with_a_figure():
    assert body_key(BODY) != body_key(BODY.replace("10,000", "12,000"))


words = st.lists(st.from_regex(r"[A-Za-z0-9]{1,10}", fullmatch=True), min_size=1, max_size=40)
spaces = st.sampled_from([" ", "  ", "\n", "\n\n", "\t", " \r\n "])


@given(words, st.data())
def test_body_key_unchanged_by_whitespace_and_case(tokens, data):
    plain = " ".join(tokens)
    varied = "".join(
        data.draw(st.sampled_from([t, t.upper(), t.lower(), t.title()])) + data.draw(spaces)
        for t in tokens
    )
    assert body_key(varied) == body_key(plain)


def _general_path(text: str) -> bytes:
    """normalised_bytes without its fast path for ASCII plus inert symbols."""
    from pipeline.core import fingerprints as fp

    data = unicodedata.normalize("NFKC", text).casefold().encode("utf-8")
    data = fp._blank_symbols(fp._blank_symbols(data, b"\xe2", 2), b"\xc2", 1)
    return data.translate(fp._SEPARATE).strip()


_MIXED_ALPHABET = st.one_of(
    st.characters(max_codepoint=0x7F),
    st.characters(min_codepoint=0x80, max_codepoint=0xBF),
    st.characters(min_codepoint=0x2000, max_codepoint=0x2FFF),
    st.sampled_from("\u2014\u2013\u00a9\u00e9\u00df\u00c9\u2122\u00bd\u0301\ufb01\u03a3"),
    st.characters(exclude_categories=("Cs",)),
)


@given(st.text(_MIXED_ALPHABET, max_size=60))
def test_normalised_bytes_fast_path_matches_nfkc_casefold(text):
    from pipeline.core.fingerprints import normalised_bytes

    assert normalised_bytes(text) == _general_path(text)
