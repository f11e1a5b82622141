"""Records - wire shapes that are not core models: rejections and dead letters."""

from __future__ import annotations

from typing import Any

#: How much of a rejected record to keep on the rejected topic, for a human to look at.
RAW_EXCERPT_BYTES = 2048


def rejection_record(
    reason: str, detail: str, raw: bytes | None, topic: str | None, partition: int | None,
    offset: int | None,
) -> dict[str, Any]:
    """What the rejected topic carries: why, where the record came from, and its start."""
    raw = raw or b""
    return {
        "reason": reason,
        "detail": detail,
        "size": len(raw),
        "excerpt": raw[:RAW_EXCERPT_BYTES].decode("utf-8", errors="replace"),
        "topic": topic,
        "partition": partition,
        "offset": offset,
    }


def dead_letter_record(stage: str, exc: BaseException, value: Any, message: Any) -> dict[str, Any]:
    """What the dead-letter topic carries: the stage, the error and the event it failed on."""
    if isinstance(value, bytes):
        payload: Any = value[:RAW_EXCERPT_BYTES].decode("utf-8", errors="replace")
    else:
        payload = value
    return {
        "stage": stage,
        "error": repr(exc),
        "value": payload,
        "topic": message.topic,
        "partition": message.partition,
        "offset": message.offset,
    }
