"""Run Debian's headless Chromium on a page: a screenshot or the DOM after its scripts ran.

Chromium comes from scripts/install-test-deps.sh (`make test` runs it): a missing browser
is a test failure, not a skip, so a machine without it cannot pass the page tests silently.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

#: A cold first start of Chromium on a busy CI machine takes several seconds; a page that
#: has not loaded in this long is broken.
CHROMIUM_TIMEOUT = 90.0
WINDOW = "1000,800"


def chromium_binary() -> str:
    binary = shutil.which("chromium")
    assert binary, "chromium missing: run scripts/install-test-deps.sh (or `make test`)"
    return binary


def run_chromium(url: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Chromium headless on `url` with a throw-away profile; fails the test on a bad exit."""
    command = [
        chromium_binary(), "--headless", "--no-sandbox", "--disable-gpu",
        f"--user-data-dir={profile}", "--no-first-run", "--hide-scrollbars",
        f"--window-size={WINDOW}", "--enable-logging=stderr", "--v=0", *args, url,
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=CHROMIUM_TIMEOUT, check=False
    )
    assert done.returncode == 0, f"chromium exited {done.returncode}:\n{done.stderr[-3000:]}"
    return done


def screenshot(url: str, workdir: Path, *args: str) -> bytes:
    """A PNG of the page in a 1000x800 window."""
    out = workdir / "out.png"
    run_chromium(url, workdir / "profile", f"--screenshot={out}", *args)
    assert out.exists(), "chromium wrote no screenshot"
    return out.read_bytes()


def dump_dom(url: str, workdir: Path, virtual_time_ms: int = 0) -> tuple[str, str]:
    """The serialised DOM after the page's scripts ran (for `virtual_time_ms` of page time),
    and Chromium's log (console messages and uncaught errors are in it)."""
    args = ["--dump-dom"]
    if virtual_time_ms:
        args.append(f"--virtual-time-budget={virtual_time_ms}")
    done = run_chromium(url, workdir / "profile", *args)
    return done.stdout, done.stderr


def page_errors(log: str) -> list[str]:
    """Console lines of uncaught script errors and of loads the page's CSP refused."""
    return [
        line for line in log.splitlines()
        if "CONSOLE" in line and ("Uncaught" in line or "Refused to" in line)
    ]
