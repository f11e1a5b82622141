"""Sentences - where a sentence starts and ends around a position, without a tokenizer."""

from __future__ import annotations

import re

#: A sentence ends at . ! ? (and any closing quotes) before a capital, a digit or an
#: opening quote, or at a line break.
_BREAK_RE = re.compile(r"[.!?]+[”\"’')\]]*\s+(?=[“\"‘'(\[A-Z0-9])|\n\s*")
_ABBREVIATIONS = frozenset(
    {"u.s", "u.n", "u.k", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "st", "no",
     "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "corp", "inc", "vs", "rep",
     "sen", "gov", "maj", "capt", "adm", "prof"}
)
#: A figure's sentence is clipped to this many characters on either side, so text with no
#: sentence breaks (1 MB of punctuation) costs linear time, not quadratic.
MAX_SIDE = 400


def _is_break(text: str, at: int) -> bool:
    """Whether the break match starting at `at` ends a sentence (not "U.S." or "Gen.")."""
    if text[at] != ".":
        return True
    if at >= 5 and text[at - 5 : at].isalpha():
        return True  # a word of 5 letters or more: no abbreviation (~1/6 of the cost below)
    lo = at - 8 if at > 8 else 0
    word_start = text.rfind(" ", lo, at)
    line_start = text.rfind("\n", lo, at)
    if line_start > word_start:
        word_start = line_start
    if word_start < 0 and lo > 0:
        word_start = lo - 1
    word = text[word_start + 1 : at].lstrip("(“\"").lower()
    return not (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()))


class SentenceIndex:
    """Sentence bounds of one text, found around the positions asked for and cached.

    Only the few sentences that hold figures are ever looked at: scanning every sentence
    break of a 4 KB article costs more than extracting its figures.
    """

    __slots__ = ("_known", "_rare", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._known: list[tuple[int, int]] = []
        #: Whether the text holds "!" or "?" (most do not): on first need.
        self._rare: bool | None = None

    def bounds(self, pos: int) -> tuple[int, int]:
        """[start, end) of the sentence holding `pos`, clipped to MAX_SIDE either side."""
        for known in self._known:
            if known[0] <= pos < known[1]:
                return known
        text = self._text
        rare = self._rare
        if rare is None:
            rare = self._rare = "!" in text or "?" in text
        # (conditional expressions: a max() or min() call costs ~9x more, see extraction._LEFT)
        lo = pos - MAX_SIDE if pos > MAX_SIDE else 0
        start = _start_before(text, lo, pos, rare)
        hi = pos + MAX_SIDE
        if hi > len(text):
            hi = len(text)
        end = hi
        at = pos
        while True:
            # The next place a break can start: . ! ? or a line break (as _BREAK_RE.finditer).
            if rare:
                found = _PUNCT_RE.search(text, at, hi)
                if found is None:
                    break
                i = found.start()
            else:
                # Two str.find calls (memchr) cost less than the regex's ~50 instructions a
                # character: the next break is ~75 characters on.
                i = text.find(".", at, hi)
                k = text.find("\n", at, hi if i == -1 else i)
                if k != -1:
                    i = k
                elif i == -1:
                    break
            m = _BREAK_RE.match(text, i, hi)
            if m is None:
                at = i + 1
                continue
            if _is_break(text, i):
                end = i + 1 if text[i] in ".!?" else i
                # keep closing quotes with the sentence
                while end < hi and text[end] in "”\"’')]":
                    end += 1
                break
            at = m.end()
        known = (start, end if end > pos else pos + 1)
        self._known.append(known)
        return known


#: Where a break can start (as _BREAK_RE.finditer would try): . ! ? or a line break.
_PUNCT_RE = re.compile(r"[.!?\n]")
#: Characters a break match is made of besides whitespace.
_BREAK_CHARS = frozenset(".!?”\"’')]")


def _start_before(text: str, lo: int, pos: int, rare: bool = True) -> int:
    """The end of the last sentence break in [lo, pos), as a scan of _BREAK_RE from `lo`
    would find it, looking back from `pos` instead: a break match holds only punctuation
    and whitespace, so a scan started after the last other character before it finds the
    same matches. `rare`: whether the text holds "!" or "?" (if not, ~3k instructions of
    rfind calls are spared)."""
    hi = pos
    rfind = text.rfind
    while True:
        # (conditional expressions: max() of the four costs ~1,400 instructions more)
        i = rfind(".", lo, hi)
        k = rfind("\n", lo, hi)
        if k > i:
            i = k
        if rare:
            k = rfind("!", lo, hi)
            if k > i:
                i = k
            k = rfind("?", lo, hi)
            if k > i:
                i = k
        if i < lo:
            return lo
        j = i
        while j > lo and (text[j - 1] in _BREAK_CHARS or text[j - 1].isspace()):
            j -= 1
        start = -1
        # The matches of _BREAK_RE.finditer(text, j, pos + 1) that start in [j, i]: a match
        # starts with . ! ? or a line break, and [j, i] holds the last ones before `hi`
        # (what lies after `hi` was looked at already). Trying those few positions spares
        # scanning the rest of the sentence for a match that cannot start there.
        # Up to and including `pos`: the break's lookahead must see the character at `pos`
        # (a sentence that opens with its figure, "... went. Three missiles were fired.").
        k = j
        while k <= i:
            if text[k] in ".!?\n":
                m = _BREAK_RE.match(text, k, pos + 1)
                if m is not None:
                    after = m.end()
                    if after <= pos and _is_break(text, k):
                        start = after
                    k = after
                    continue
            k += 1
        if start != -1:
            return start
        hi = j
