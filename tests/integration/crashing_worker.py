"""A worker that dies like kill -9 right after an alert was sent and acked, before the claim's
state is written: once, the first time a claim reaches FIGUREWATCH_TEST_CRASH_AT_VERSION.

    FIGUREWATCH_TEST_CRASH_MARKER=/tmp/crashed FIGUREWATCH_TEST_CRASH_AT_VERSION=2 \\
        python tests/integration/crashing_worker.py

The evaluate stage writes the claim's state (`ClaimState.to_dict`) only after the alert's ack;
exiting there (no shutdown, no offset commit) is the crash between the two.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from pipeline import cli
from pipeline.core import claims

MARKER = Path(os.environ["FIGUREWATCH_TEST_CRASH_MARKER"])
AT_VERSION = int(os.environ.get("FIGUREWATCH_TEST_CRASH_AT_VERSION", "2"))
_to_dict = claims.ClaimState.to_dict


def to_dict_or_crash(state: claims.ClaimState) -> dict[str, Any]:
    if state.version >= AT_VERSION and not MARKER.exists():
        MARKER.write_text(f"{state.key} v{state.version}\n")
        sys.stdout.flush()
        os._exit(137)
    return _to_dict(state)


if __name__ == "__main__":
    claims.ClaimState.to_dict = to_dict_or_crash  # type: ignore[method-assign]
    raise SystemExit(cli.main(["worker"]))
