"""Progress - how many messages each stage was sent and has finished, to tell when all is done."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Progress:
    """Counts, per topic, the messages this process sent and the ones its agents finished.

    With every stage in one worker (`figurewatch run`), the pipeline is idle when each
    topic's finished count has reached its sent count: a stage bumps the downstream sent
    count before its own finished count, so no message is ever in flight unseen.
    """

    sent: Counter[str] = field(default_factory=Counter)
    finished: Counter[str] = field(default_factory=Counter)

    def idle(self) -> bool:
        return all(self.finished[topic] >= count for topic, count in self.sent.items())
