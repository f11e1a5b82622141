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
