"""Codec - orjson for every JSON value on the wire, registered with Faust as `orjson`."""

from __future__ import annotations

from typing import Any

import orjson
from faust.serializers import codecs


class OrjsonCodec(codecs.Codec):
    """JSON through orjson: several times faster than the stdlib on the figure records."""

    def _dumps(self, obj: Any) -> bytes:
        return orjson.dumps(obj)

    def _loads(self, s: bytes) -> Any:
        return orjson.loads(s)


def register() -> None:
    """Make `value_serializer="orjson"` available (idempotent)."""
    if "orjson" not in codecs.codecs:
        codecs.register("orjson", OrjsonCodec())
