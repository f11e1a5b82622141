"""parse_article: validation reasons, normalisation, HTML bodies, derived ids."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.core.articles import derived_article_id, normalise_body, parse_article
from pipeline.core.errors import InvalidArticleError
from tests.conftest import make_article_fields

MAX = 64 * 1024
REASONS = {"oversize", "invalid_utf8", "malformed_json", "not_an_object", "invalid_field",
           "missing_body", "empty_body"}


def raw(**overrides: object) -> bytes:
    return json.dumps(make_article_fields(**overrides)).encode()


def test_parse_article_keeps_the_fields() -> None:
    article = parse_article(raw(), max_bytes=MAX, ingested_at=12.5)
    assert article.id == "art-1"
    assert article.source == "Example Wire"
    assert article.body.startswith("North Korea has sent about 3,000")
    assert article.ingested_at == 12.5


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (b"{not json", "malformed_json"),
        (b"\xff\xfe{}", "invalid_utf8"),
        (b"[1, 2]", "not_an_object"),
        (json.dumps({"url": "https://x.test/a", "title": "t"}).encode(), "missing_body"),
        (raw(body="   <p> </p> "), "empty_body"),
        (raw(body=["a", "list"]), "invalid_field"),
        (raw(url=42), "invalid_field"),
        (raw(body="x" * (MAX + 1)), "oversize"),
    ],
)
def test_parse_article_rejects_with_reason(record: bytes, reason: str) -> None:
    with pytest.raises(InvalidArticleError) as caught:
        parse_article(record, max_bytes=MAX)
    assert caught.value.reason == reason
    assert caught.value.detail


def test_html_body_becomes_paragraphs_without_scripts() -> None:
    body = "<div><p>First &amp; one.</p><script>var x = 10000;</script><p>Second</p></div>"
    assert normalise_body(body) == "First & one.\n\nSecond"


def test_plain_body_keeps_paragraphs_and_folds_spaces() -> None:
    assert normalise_body("  One   two.\r\n\r\n\r\nThree\u00a0four. ") == "One two.\n\nThree four."


def test_missing_id_is_derived_from_url_and_body() -> None:
    fields = make_article_fields()
    del fields["id"]
    article = parse_article(json.dumps(fields).encode(), max_bytes=MAX)
    assert article.id == derived_article_id(fields["url"], article.body)
    assert article.id.startswith("a-")


def test_derived_id_ignores_tracking_parameters_and_spacing() -> None:
    a = derived_article_id("https://example.com/a?utm_source=x", "Some  body text.")
    b = derived_article_id("https://www.example.com/a", "some body text")
    assert a == b


@given(st.binary(max_size=300))
def test_parse_article_raises_only_invalid_article(record: bytes) -> None:
    reason = None
    try:
        parse_article(record, max_bytes=MAX)
    except InvalidArticleError as exc:
        reason = exc.reason
    assert reason is None or reason in REASONS
