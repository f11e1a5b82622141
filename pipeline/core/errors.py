"""Errors - the PipelineError family, each named for the decision it drives."""

from __future__ import annotations


class PipelineError(Exception):
    """Root of every error the pipeline raises on purpose."""


class InvalidArticleError(PipelineError):
    """An input record cannot become an article; it goes to the rejected topic.

    `reason` is a short, stable label (used as a metric label), `detail` says what exactly.
    """

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
