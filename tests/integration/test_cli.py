"""The commands a user runs: `figurewatch run` and `figurewatch broker`, on the embedded broker."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time

from pipeline.adapters.broker import answers_metadata
from tests.integration.conftest import REPO

#: The seeds are processed in a few seconds; the issue allows the demo a minute.
RUN_TIMEOUT = 60.0


def embedded_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIGUREWATCH_")}
    env["FIGUREWATCH_WEB_PORT"] = "0"
    return env


def broker_port(stderr: str) -> int:
    match = re.search(r"embedded broker on 127\.0\.0\.1:(\d+)", stderr)
    assert match, stderr
    return int(match.group(1))


def wait_closed(port: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not answers_metadata("127.0.0.1", port, timeout=0.5):
            return True
        time.sleep(0.1)
    return False


def test_run_json_prints_the_seed_alerts_and_exits_when_idle() -> None:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--json", "--exit-when-idle", "seeds/"],
        env=embedded_env(), cwd=REPO, capture_output=True, text=True, timeout=RUN_TIMEOUT,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert time.monotonic() - started < RUN_TIMEOUT
    alerts = [json.loads(line) for line in result.stdout.splitlines()]
    assert alerts, result.stderr[-4000:]
    assert any(
        a["figure"]["metric"] == "troops_deployed"
        and (a["figure"]["low"], a["figure"]["high"]) == (10_000, 12_000)
        for a in alerts
    )
    # The broker it started is gone with it.
    assert wait_closed(broker_port(result.stderr))


def test_run_prints_readable_lines() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--exit-when-idle", "seeds/"],
        env=embedded_env(), cwd=REPO, capture_output=True, text=True, timeout=RUN_TIMEOUT,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    lines = result.stdout.splitlines()
    # Files go in one after the other: the seed's claims are new, and its second source
    # contests the first.
    assert any(line.startswith("NEW") and "10,000–12,000" in line.split("|")[0]
               for line in lines), lines
    assert any(line.startswith("CONTESTED") and "(was 10,000–12,000 per KCNA)" in line
               for line in lines), lines


def test_run_with_a_missing_path_fails_clearly() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--exit-when-idle", "no/such/folder"],
        env=embedded_env(), cwd=REPO, capture_output=True, text=True, timeout=RUN_TIMEOUT,
    )
    assert result.returncode == 2
    assert "no such file or folder: no/such/folder" in result.stderr


def start_broker_command() -> tuple[subprocess.Popen[str], int]:
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "broker"],
        env=embedded_env(), cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    host, port = line.rsplit(":", 1)
    assert host == "127.0.0.1"
    assert answers_metadata(host, int(port))
    return process, int(port)


def test_broker_command_stops_its_broker_on_ctrl_c() -> None:
    process, port = start_broker_command()
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=15) == 0
    assert wait_closed(port)


def test_broker_dies_with_its_parent_on_kill_9() -> None:
    process, port = start_broker_command()
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=15)
    assert wait_closed(port), "the broker outlived the process that started it"


def test_run_stops_on_ctrl_c_and_takes_its_broker_along() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "run", "seeds/"],
        env=embedded_env(), cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    first_line = process.stderr.readline()
    port = broker_port(first_line)
    alert = process.stdout.readline()  # blocks until the first alert is printed
    assert alert.split()[0] in ("NEW", "REVISED", "CONTESTED", "CORROBORATED"), alert
    process.send_signal(signal.SIGINT)
    process.wait(timeout=30)
    assert wait_closed(port)
