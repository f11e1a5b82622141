"""Articles - turn a raw input record into a validated, normalised Article, or say why not."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from html.parser import HTMLParser
from typing import Any

from pipeline.core.errors import InvalidArticleError
from pipeline.core.fingerprints import canonical_url, normalise_text
from pipeline.core.models import Article

_LOOKS_LIKE_HTML = re.compile(
    r"<(?:p|div|br|html|body|span|a|h[1-6]|li|ul|ol|article|section|script|style|em|strong|b|i)"
    r"\b[^>]*>",
    re.IGNORECASE,
)
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section",
     "blockquote", "tr", "ul", "ol", "header", "footer", "figcaption", "pre"}
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head"})
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TEXT_FIELDS = ("id", "url", "source", "published_at", "title", "body")


class _TextExtractor(HTMLParser):
    """Visible text of an HTML fragment, with a line break at every block boundary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML body; paragraphs become blank-line separated."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def normalise_body(body: str) -> str:
    """Plain text in NFC: HTML removed, runs of spaces folded, paragraphs kept apart."""
    text = html_to_text(body) if _LOOKS_LIKE_HTML.search(body) else body
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def derived_article_id(url: str, body: str) -> str:
    """A stable id for an article that came without one: from its canonical URL and body."""
    digest = hashlib.blake2b(digest_size=10)
    digest.update(canonical_url(url).encode() if url else b"")
    digest.update(b"\x00")
    digest.update(normalise_text(body).encode())
    return "a-" + digest.hexdigest()


def parse_article(raw: bytes, *, max_bytes: int, ingested_at: float | None = None) -> Article:
    """Validate one raw record (a JSON object, UTF-8) and return the normalised Article.

    Raises:
        InvalidArticleError: with reason `oversize`, `invalid_utf8`, `malformed_json`,
            `not_an_object`, `invalid_field`, `missing_body` or `empty_body`.
    """
    if len(raw) > max_bytes:
        raise InvalidArticleError("oversize", f"{len(raw)} bytes, the limit is {max_bytes}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidArticleError("invalid_utf8", str(exc)) from exc
    data = _load_json(text)
    if not isinstance(data, dict):
        raise InvalidArticleError("not_an_object", f"a JSON {type(data).__name__}, not an object")
    return article_from_fields(data, ingested_at=ingested_at)


def _load_json(text: str) -> Any:
    import json  # the stdlib parser: the core imports no third-party code

    try:
        return json.loads(text)
    except ValueError as exc:
        raise InvalidArticleError("malformed_json", str(exc)) from exc


def article_from_fields(data: dict[str, Any], *, ingested_at: float | None = None) -> Article:
    """The Article for a decoded record; see parse_article() for the errors it raises."""
    for name in _TEXT_FIELDS:
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            raise InvalidArticleError(
                "invalid_field", f"{name!r} must be a string, not {type(value).__name__}"
            )
    if data.get("body") is None:
        raise InvalidArticleError("missing_body", "the record has no 'body'")
    body = normalise_body(data["body"])
    if not body:
        raise InvalidArticleError("empty_body", "the body has no text")
    url = (data.get("url") or "").strip()
    title = normalise_body(data.get("title") or "")
    return Article(
        id=(data.get("id") or "").strip() or derived_article_id(url, body),
        url=url,
        source=(data.get("source") or "").strip() or "unknown",
        published_at=(data.get("published_at") or "").strip() or None,
        title=title,
        body=body,
        ingested_at=ingested_at,
    )
