"""Exact dedup - decide on a copy with the same canonical URL or body, without losing updates."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from enum import Enum

from pipeline.core.models import Figure


class Verdict(str, Enum):
    """What the dedup stage does with an article whose key it has looked up."""

    FIRST = "first"  # never seen: pass it on and remember it
    REPLAY = "replay"  # the same article again (a retry or a replay): pass it on, idempotently
    DUPLICATE = "duplicate"  # another article with the same figures: drop it
    UPDATE = "update"  # another article, but its figures differ: that is news, pass it on


def figures_digest(figures: Iterable[Figure]) -> str:
    """Order-free digest of what an article says: metric, value and who/where of each figure."""
    items = sorted(
        f"{f.metric}|{f.low}|{f.high}|{f.vague}|{f.actor}|{f.location}|{f.weapon}" for f in figures
    )
    return hashlib.blake2b("\n".join(items).encode(), digest_size=12).hexdigest()


def exact_verdict(first_seen: dict[str, str] | None, article_id: str, digest: str) -> Verdict:
    """Compare an article with the first one seen under the same key ({"id", "digest"})."""
    if first_seen is None:
        return Verdict.FIRST
    if first_seen["id"] == article_id:
        return Verdict.REPLAY
    if first_seen["digest"] == digest:
        return Verdict.DUPLICATE
    return Verdict.UPDATE
