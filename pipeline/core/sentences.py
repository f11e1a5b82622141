"""Sentences - where a sentence starts and ends around a position, without a tokenizer."""

from __future__ import annotations

import re
from bisect import bisect_right

#: A sentence ends at . ! ? (and any closing quotes) before a capital, a digit or an
#: opening quote, or at a line break.
_BREAK_RE = re.compile(r"[.!?]+[”\"’')\]]*\s+(?=[“\"‘'(\[A-Z0-9])|\n\s*")
_ABBREVIATIONS = frozenset(
    {"u.s", "u.n", "u.k", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "st", "no",
     "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "corp", "inc", "vs", "rep",
     "sen", "gov", "maj", "capt", "adm", "prof", "n", "s"}
)
#: A figure's sentence is clipped to this many characters on either side, so text with no
#: sentence breaks (1 MB of punctuation) costs linear time, not quadratic.
MAX_SIDE = 400


class SentenceIndex:
    """Sentence boundaries of one text, computed on first use."""

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None

    def _compute(self) -> list[int]:
        text = self._text
        starts = [0]
        for m in _BREAK_RE.finditer(text):
            if text[m.start()] == ".":
                lo = max(0, m.start() - 8)
                word_start = max(text.rfind(" ", lo, m.start()), text.rfind("\n", lo, m.start()))
                if word_start < 0 and lo > 0:
                    word_start = lo - 1
                word = text[word_start + 1 : m.start()].lstrip("(“\"").lower()
                if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
            starts.append(m.end())
        return starts

    def bounds(self, pos: int) -> tuple[int, int]:
        """[start, end) of the sentence holding `pos`, clipped to MAX_SIDE either side."""
        if self._starts is None:
            self._starts = self._compute()
        starts = self._starts
        i = bisect_right(starts, pos) - 1
        start = starts[i]
        end = starts[i + 1] if i + 1 < len(starts) else len(self._text)
        start = max(start, pos - MAX_SIDE)
        end = min(end, pos + MAX_SIDE)
        while end > start and self._text[end - 1].isspace():
            end -= 1
        return start, end
