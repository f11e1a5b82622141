"""File source - JSON Lines and .txt articles from files, folders or standard input."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

#: File endings read as JSON Lines (one article a line) and as plain text (one article a file).
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
TEXT_SUFFIXES = frozenset({".txt"})


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One input record as bytes, untouched: the extract stage validates it."""

    value: bytes
    origin: str


@dataclass(frozen=True, slots=True)
class UnreadableRecord:
    """Input that cannot even be sent as an article (a .txt file that is not UTF-8)."""

    reason: str
    detail: str
    raw: bytes
    origin: str


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the article files inside folders named, in a stable order."""
    files: list[Path] = []
    for entry in map(Path, paths):
        if entry.is_dir():
            files.extend(
                p for p in sorted(entry.rglob("*"))
                if p.is_file() and p.suffix.lower() in JSONL_SUFFIXES | TEXT_SUFFIXES
            )
        elif entry.is_file():
            files.append(entry)
        else:
            raise FileNotFoundError(f"no such file or folder: {entry}")
    return files


def read_records(paths: Iterable[str | Path]) -> Iterator[RawRecord | UnreadableRecord]:
    """Every record in the given files and folders; "-" reads JSON Lines from stdin."""
    for path in paths:
        if str(path) == "-":
            yield from _jsonl_lines(sys.stdin.buffer, "<stdin>")
            continue
        for file in expand_paths([path]):
            if file.suffix.lower() in TEXT_SUFFIXES:
                yield text_file_record(file)
            else:
                with file.open("rb") as stream:
                    yield from _jsonl_lines(stream, str(file))


def _jsonl_lines(stream: Iterable[bytes], name: str) -> Iterator[RawRecord]:
    for number, line in enumerate(stream, start=1):
        line = line.strip()
        if line:
            yield RawRecord(line, f"{name}:{number}")


def text_file_record(file: Path) -> RawRecord | UnreadableRecord:
    """A .txt article: the first non-empty line is the title, the rest the body."""
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return UnreadableRecord("invalid_utf8", str(exc), raw, str(file))
    title, _, body = text.strip().partition("\n")
    article = {
        "id": file.stem,
        "url": "",
        "source": "file",
        "published_at": None,
        "title": title.strip(),
        "body": body,
    }
    return RawRecord(json.dumps(article, ensure_ascii=False).encode(), str(file))
