"""The orjson codec and the app's broker URLs."""

from __future__ import annotations

import pytest
from faust.serializers import codecs

from pipeline.stream import codec
from pipeline.stream.app import broker_urls


def test_orjson_codec_round_trips_records() -> None:
    codec.register()
    value = {"figure": {"low": 10000.0, "high": None, "sentence": "“quoted” — text"}, "n": [1]}
    encoded = codecs.dumps("orjson", value)
    assert isinstance(encoded, bytes)
    assert codecs.loads("orjson", encoded) == value


def test_broker_urls() -> None:
    assert broker_urls("h1:9092, h2:9093") == ["kafka://h1:9092", "kafka://h2:9093"]
    assert broker_urls("tansu://127.0.0.1:5000") == ["tansu://127.0.0.1:5000"]
    with pytest.raises(ValueError, match="no broker address"):
        broker_urls(" , ")
