"""CLI - figurewatch run | worker | ingest | extract | dedup | check | broker."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from pipeline.settings import Settings  # read here, once, and passed down

log = logging.getLogger("figurewatch")

#: After the last message is processed, wait this long for stragglers before exiting.
IDLE_CONFIRM_SECONDS = 0.5


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings()
    except ValueError as exc:
        print(f"figurewatch: invalid settings: {exc}", file=sys.stderr)
        return 2
    from pipeline.observability.logging import configure_logging

    configure_logging(args.log_level or settings.log_level)
    try:
        result: int = args.handler(settings, args)
        return result
    except FileNotFoundError as exc:
        print(f"figurewatch: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="figurewatch",
        description="Alerts on troop and weapon-test figures in a stream of news articles.",
    )
    parser.add_argument("--log-level", help="DEBUG, INFO, WARNING (default: settings)")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="broker (embedded unless configured), worker, ingest")
    run.add_argument("paths", nargs="*", default=["seeds"], help="files or folders (seeds/)")
    run.add_argument("--json", action="store_true", help="one JSON alert per line on stdout")
    run.add_argument(
        "--exit-when-idle", action="store_true", help="stop once all input is processed"
    )
    run.set_defaults(handler=cmd_run)

    worker = commands.add_parser("worker", help="run the worker alone")
    worker.set_defaults(handler=cmd_worker)

    ingest = commands.add_parser("ingest", help="send articles to the broker")
    ingest.add_argument("paths", nargs="+", help="JSON Lines or .txt files, folders, or -")
    ingest.set_defaults(handler=cmd_ingest)

    extract = commands.add_parser("extract", help="extract figures, no broker (JSON Lines)")
    extract.add_argument("path", nargs="?", default="-", help="JSON Lines file or - (stdin)")
    extract.set_defaults(handler=cmd_extract)

    check = commands.add_parser("check", help="exit 0 when the worker is healthy (probes)")
    check.add_argument("--url", help="the worker's base URL (default: from the settings)")
    check.add_argument("--timeout", type=float, default=3.0, help="seconds to wait for it")
    check.set_defaults(handler=cmd_check)

    dedup = commands.add_parser("dedup", help="deduplicate articles in order, no broker")
    dedup.add_argument("path", nargs="?", default="-", help="JSON Lines file or - (stdin)")
    dedup.set_defaults(handler=cmd_dedup)

    broker = commands.add_parser("broker", help="run the embedded broker in the foreground")
    broker.set_defaults(handler=cmd_broker)
    return parser


def _bootstrap(settings: Settings) -> str:
    """The configured broker, or a freshly started embedded one (stopped at exit)."""
    if settings.broker_url:
        return settings.broker_url
    from pipeline.adapters.broker import launch_broker

    broker = launch_broker()
    print(f"figurewatch: embedded broker on {broker.bootstrap}", file=sys.stderr)
    return broker.url


def _run_worker(app: Any, settings: Settings) -> int:
    import faust

    worker = faust.Worker(
        app,
        loglevel=settings.log_level,
        quiet=True,
        stdout=sys.stderr,
        stderr=sys.stderr,
        # Alerts are printed on stdout by us; Faust would route stdout into its log.
        redirect_stdouts=False,
    )
    worker.spinner = None  # a terminal spinner would interleave with the alert lines
    try:
        worker.execute_from_commandline()
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def cmd_worker(settings: Settings, args: argparse.Namespace) -> int:
    from pipeline.stream.app import create_app

    pipeline = create_app(settings, broker_url=_bootstrap(settings))
    return _run_worker(pipeline.app, settings)


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    from pipeline.adapters.producer import bootstrap_servers, ensure_topics, ingest
    from pipeline.adapters.sources.files import expand_paths, read_records
    from pipeline.stream import topics
    from pipeline.stream.app import create_app

    # Files in order ("-" is standard input); a missing path is an error now, not after the
    # broker started.
    sources: list[str | Path] = []
    for path in args.paths:
        sources.extend(["-"] if path == "-" else expand_paths([path]))
    bootstrap = _bootstrap(settings)
    pipeline = create_app(settings, broker_url=bootstrap, on_alert=_alert_printer(args.json))
    app, progress = pipeline.app, pipeline.progress
    articles = topics.topic_name(settings, topics.ARTICLES)
    rejected = topics.topic_name(settings, topics.REJECTED)
    servers = bootstrap_servers(bootstrap)
    ingest_done = False

    @app.task
    async def ingest_input() -> None:
        # One file at a time, each once the previous one is processed: what a later file
        # says then revises what an earlier one said, in the order the files were given.
        nonlocal ingest_done
        await app.loop.run_in_executor(None, lambda: ensure_topics(
            servers, [articles, rejected], settings.partitions, settings.replication_factor))
        sent = refused = 0
        for source in sources:
            report = await app.loop.run_in_executor(None, lambda source=source: ingest(
                servers, read_records([source]), articles_topic=articles,
                rejected_topic=rejected))
            progress.sent[articles] += report.sent
            sent, refused = sent + report.sent, refused + sum(report.rejected.values())
            while not progress.idle():
                await asyncio.sleep(0.05)
        ingest_done = True
        note = f", {refused} rejected before sending" if refused else ""
        print(f"figurewatch: ingested {sent} records{note}", file=sys.stderr)
        if not args.exit_when_idle:
            web = f"http://{settings.web_host}:{app.conf.web_port}"
            print(f"figurewatch: live alerts at {web}/, claims at {web}/api/v1/claims "
                  "(Ctrl-C stops)", file=sys.stderr)

    if args.exit_when_idle:
        idle_since: float | None = None

        @app.timer(0.1)
        async def exit_when_idle() -> None:
            nonlocal idle_since
            if not (ingest_done and progress.idle() and not app.rebalancing):
                idle_since = None
                return
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since >= IDLE_CONFIRM_SECONDS:
                log.info("all input processed: stopping")
                os.kill(os.getpid(), signal.SIGTERM)

    return _run_worker(app, settings)


def _alert_printer(as_json: bool) -> Callable[[dict[str, Any]], None]:
    from pipeline.core.models import Alert
    from pipeline.core.render import alert_line

    def show(value: dict[str, Any]) -> None:
        if as_json:
            sys.stdout.buffer.write(orjson.dumps(value) + b"\n")
        else:
            sys.stdout.write(alert_line(Alert.from_dict(value)) + "\n")
        sys.stdout.flush()

    return show


def cmd_ingest(settings: Settings, args: argparse.Namespace) -> int:
    from pipeline.adapters.producer import bootstrap_servers, ensure_topics, ingest
    from pipeline.adapters.sources.files import read_records
    from pipeline.stream import topics

    if not settings.broker_url:
        print("figurewatch: ingest needs FIGUREWATCH_BROKER_URL (see `figurewatch broker`)",
              file=sys.stderr)
        return 2
    servers = bootstrap_servers(settings.broker_url)
    articles = topics.topic_name(settings, topics.ARTICLES)
    rejected = topics.topic_name(settings, topics.REJECTED)
    ensure_topics(servers, [articles, rejected], settings.partitions, settings.replication_factor)
    report = ingest(servers, read_records(args.paths), articles_topic=articles,
                    rejected_topic=rejected)
    print(f"ingested {report.sent} records to {articles}; rejected before sending: "
          f"{report.rejected or 'none'}", file=sys.stderr)
    return 0


def _read_articles(path: str, settings: Settings, failures: list[str]) -> Iterator[Any]:
    """The valid articles of a JSON Lines file (or -); each rejection is reported on stderr."""
    from pipeline.adapters.sources.files import RawRecord, read_records
    from pipeline.core.articles import parse_article
    from pipeline.core.errors import InvalidArticleError

    for record in read_records([path]):
        try:
            if not isinstance(record, RawRecord):
                raise InvalidArticleError(record.reason, record.detail)
            yield parse_article(record.value, max_bytes=settings.max_article_bytes)
        except InvalidArticleError as exc:
            failures.append(record.origin)
            print(f"figurewatch: {record.origin}: rejected: {exc}", file=sys.stderr)


def cmd_extract(settings: Settings, args: argparse.Namespace) -> int:
    from pipeline.core.extraction import extract_figures

    failures: list[str] = []
    out = sys.stdout.buffer
    for article in _read_articles(args.path, settings, failures):
        figures = [f.with_article(article).to_dict() for f in extract_figures(article.body)]
        out.write(orjson.dumps({"id": article.id, "figures": figures}) + b"\n")
        out.flush()
    return 1 if failures else 0


def cmd_dedup(settings: Settings, args: argparse.Namespace) -> int:
    from pipeline.core.dedup_batch import dedup_articles
    from pipeline.core.extraction import extract_figures

    failures: list[str] = []
    articles = (
        (article, extract_figures(article.body))
        for article in _read_articles(args.path, settings, failures)
    )
    out = sys.stdout.buffer
    for verdict in dedup_articles(articles, window_seconds=settings.dedup_window_seconds):
        out.write(orjson.dumps(verdict) + b"\n")
        out.flush()
    return 1 if failures else 0


def cmd_check(settings: Settings, args: argparse.Namespace) -> int:
    import json
    import urllib.error
    import urllib.request

    base = args.url or f"http://{settings.web_host}:{settings.web_port}"
    try:
        with urllib.request.urlopen(f"{base}/health", timeout=args.timeout) as response:  # noqa: S310
            body = response.read()
    except urllib.error.HTTPError as exc:  # 503: up, but not ready
        body = exc.read()
    except OSError as exc:
        print(f"figurewatch: worker at {base} unreachable: {exc}", file=sys.stderr)
        return 1
    try:
        status = json.loads(body)
    except ValueError:
        print(f"figurewatch: {base}/health did not answer JSON", file=sys.stderr)
        return 1
    print(json.dumps(status))
    return 0 if status.get("ready") else 1


def cmd_broker(settings: Settings, args: argparse.Namespace) -> int:
    from pipeline.adapters.broker import launch_broker

    stop = _stop_signals([signal.SIGINT, signal.SIGTERM])  # before anyone knows our address
    broker = launch_broker()
    print(broker.bootstrap, flush=True)
    print(f"export FIGUREWATCH_BROKER_URL={broker.bootstrap}   # Ctrl-C stops the broker",
          file=sys.stderr)
    while not stop:
        signal.pause()
    broker.stop()
    return 0


def _stop_signals(signals: Iterable[signal.Signals]) -> list[int]:
    """A list that receives the number of each of these signals instead of the default action."""
    received: list[int] = []
    for sig in signals:
        signal.signal(sig, lambda number, frame: received.append(number))
    return received
