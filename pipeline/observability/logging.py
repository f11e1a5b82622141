"""Logging - one configuration for every command: plain lines on standard error."""

from __future__ import annotations

import logging
import sys


def configure_logging(level: str = "WARNING") -> None:
    """Send log lines to stderr, so stdout carries only what a command prints on purpose."""
    logging.basicConfig(
        level=level.upper(),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        force=True,
    )
    # kafka-python (the ingest producer) warns about its own slow I/O tasks whenever the
    # event loop it shares is busy: noise to a user unless they asked for debugging.
    if logging.getLevelName(level.upper()) != logging.DEBUG:
        logging.getLogger("kafka").setLevel(logging.ERROR)
