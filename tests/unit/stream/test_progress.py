"""Progress: idle only when every topic's finished count reached its sent count."""

from __future__ import annotations

from pipeline.stream.progress import Progress


def test_idle_follows_sent_and_finished_counts() -> None:
    progress = Progress()
    assert progress.idle()
    progress.sent["articles"] += 2
    assert not progress.idle()
    progress.finished["articles"] += 1
    progress.sent["figures"] += 1  # the stage sends downstream before it finishes
    progress.finished["articles"] += 1
    assert not progress.idle()
    progress.finished["figures"] += 1
    assert progress.idle()
