"""Tansu transport - Faust's aiokafka transport with high watermarks read from Fetch.

Tansu (the embedded broker) answers ListOffsets(latest) with the base offset of the
newest batch + 1 instead of the high watermark: produce a batch of 100, one record,
then a batch of 10, and it reports 102 where Kafka reports 111. Faust's table
recovery reads its target offsets that way, so a restarted worker stops reading the
changelog early and its tables come back stale. The high watermark that Tansu returns
in every Fetch response is right, so this transport takes the highwaters from a fetch.

It is selected by the URL scheme `tansu://`, which only the embedded broker hands out
(`EmbeddedBroker.url`); on `kafka://` nothing of this is used, so real Kafka is untouched.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Mapping
from typing import Any

import aiokafka
from faust.transport.drivers import aiokafka as aiokafka_driver
from faust.types import TP

log = logging.getLogger(__name__)

#: A fetch from a loopback broker answers in milliseconds; 15 s covers a busy CI machine.
FETCH_HIGHWATER_TIMEOUT = 15.0


async def fetched_highwaters(
    bootstrap_servers: list[str], listed: Mapping[TP, int]
) -> dict[TP, int]:
    """The high watermark of each partition, as the broker reports it in a Fetch response.

    `listed` holds the ListOffsets answer: never above the true high watermark, so it is a
    valid position to fetch from and the fetch reads at most the newest batch.
    """
    if not listed:
        return {}
    consumer = aiokafka.AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers,
        group_id=None,
        enable_auto_commit=False,
        fetch_max_wait_ms=10,
        max_partition_fetch_bytes=64 * 1024,
    )
    await consumer.start()
    try:
        partitions = [aiokafka.TopicPartition(tp.topic, tp.partition) for tp in listed]
        consumer.assign(partitions)
        for tp in partitions:
            consumer.seek(tp, max(listed[TP(tp.topic, tp.partition)], 0))
        result: dict[TP, int] = {}
        loop = asyncio.get_running_loop()
        deadline = loop.time() + FETCH_HIGHWATER_TIMEOUT
        while len(result) < len(partitions):
            if loop.time() > deadline:
                missing = [tp for tp in partitions if TP(tp.topic, tp.partition) not in result]
                raise TimeoutError(f"no fetch response for {missing}")
            await consumer.getmany(timeout_ms=50)
            for tp in partitions:
                highwater = consumer.highwater(tp)
                if highwater is not None:
                    result[TP(tp.topic, tp.partition)] = max(highwater, listed[TP(*tp)])
        return result
    finally:
        await consumer.stop()


#: How long Tansu may hold a fetch that finds no data. Faust asks for 1.5 s, which Kafka
#: cuts short as soon as data arrives (fetch.min.bytes); on Tansu the hops between agents
#: waited: measured with bench/end_to_end.py --rate 5, article-to-alert p50 was 5 s with
#: 1.5 s and 0.1 s with 20 ms.
FETCH_MAX_WAIT_MS = 20


class ConsumerThread(aiokafka_driver.AIOKafkaConsumerThread):
    """The aiokafka consumer thread, with fetch-based highwaters for table recovery and
    short fetch waits."""

    def _create_worker_consumer(self, transport: Any) -> aiokafka.AIOKafkaConsumer:
        consumer = super()._create_worker_consumer(transport)
        # Faust passes fetch_max_wait_ms=1500 with no setting to change it; the consumer
        # hands this attribute to its fetcher when it starts.
        consumer._fetch_max_wait_ms = FETCH_MAX_WAIT_MS
        return consumer

    async def _highwaters(self, partitions: list[TP]) -> Mapping[TP, int]:
        listed = await super()._highwaters(partitions)
        servers = aiokafka_driver.server_list(self.transport.url, self.transport.default_port)
        highwaters = await fetched_highwaters(servers, listed)
        _log_corrections(listed, highwaters.items())
        return highwaters


def _log_corrections(listed: Mapping[TP, int], fetched: Iterable[tuple[TP, int]]) -> None:
    for tp, highwater in fetched:
        if highwater != listed[tp]:
            log.debug("highwater of %s: ListOffsets said %s, Fetch %s", tp, listed[tp], highwater)


class Consumer(aiokafka_driver.Consumer):
    """Faust's aiokafka consumer on the ConsumerThread above."""

    def _new_consumer_thread(self) -> ConsumerThread:
        return ConsumerThread(self, loop=self.loop, beacon=self.beacon)


class Transport(aiokafka_driver.Transport):
    """Faust transport for the embedded Tansu broker (URL scheme `tansu://`)."""

    Consumer = Consumer
