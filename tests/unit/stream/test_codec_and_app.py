"""The orjson codec and the app's broker URLs."""

from __future__ import annotations

import pytest
from faust.serializers import codecs

from pipeline.settings import Settings
from pipeline.stream import codec
from pipeline.stream.app import advertised_url, broker_urls


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


def test_the_advertised_url_names_this_worker_not_a_wildcard() -> None:
    assert advertised_url(Settings(web_host="127.0.0.1"), 6066) == "http://127.0.0.1:6066"
    everywhere = "0.0.0.0"  # noqa: S104
    wildcard = advertised_url(Settings(web_host=everywhere), 6067)
    assert wildcard.endswith(":6067")
    assert everywhere not in wildcard
    explicit = Settings(web_host=everywhere, web_advertised_url="http://10.0.3.7:6066")
    assert advertised_url(explicit, 6066) == "http://10.0.3.7:6066"
