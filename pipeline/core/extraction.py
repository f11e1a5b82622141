"""Extraction - read troop, casualty and weapon-test figures from article text."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Literal

from pipeline.core import vocabulary as v
from pipeline.core.attribution import attribution_of
from pipeline.core.gazetteer import PLACE_RE, country_of, is_actor_only, is_region, places
from pipeline.core.models import METRIC_KINDS, Figure, build_evidence, build_figure
from pipeline.core.numbers import TENS, UNITS, Quantity, match_quantity
from pipeline.core.sentences import MAX_SIDE, SentenceIndex

_LEFT = 48  # characters read before a number for qualifiers, scope and range words
# Hot paths clip a window's start with `x - n if x > n else 0`, not `max(0, x - n)`: on
# Python 3.11 a max() call costs ~1,400 instructions, the expression ~150 (callgrind).
_UNITS = {"troops": "troops", "missiles": "missiles", "tests": "tests", "distance": "km"}
_LOCATION_PREPS = frozenset({"to", "in", "into", "inside", "near", "across", "at", "toward",
                             "towards", "within"})
#: After "border": a word that makes it a modifier ("the Kursk border region" is in Kursk).
_NOT_BORDER_NOUN = (r"(?!\s+(?:regions?|areas?|zones?|districts?|provinces?|oblasts?|towns?|"
                    r"city|cities|villages?|crossings?|posts?|guards?|troops|forces|units?)\b)")
#: After a name: a word that makes it a source or a modifier, not the acting country
#: ("South Korea's spy agency", "Russian officials", "the Finnish border").
_NOT_ACTOR_WORDS = (
    "spy", "intelligence", "defence", "defense", "military", "foreign", "state", "news", "joint",
    "national", "official", "officials", "media", "ministry", "government", "president",
    "leader", "lawmaker", "lawmakers", "authorities", "ambassador", "envoy", "army", "coast",
    "counterpart", "counterparts", "parliament", "presidential", "analyst", "analysts",
)
# The words factored (trie_pattern) behind a look-ahead for their first letters, and the
# runs of spaces possessive (only a letter or an apostrophe may follow them): with
# IGNORECASE `re` entered each of ~30 branches in turn after every name (~2/3 of the cost).
_NOT_ACTOR_AFTER = re.compile(
    r"\s*+(?:[’']s\s++)?(?=["
    + "".join(sorted({word[0] for word in (*_NOT_ACTOR_WORDS, "border", "frontier")}))
    + r"])(?:" + v.trie_pattern(sorted(_NOT_ACTOR_WORDS)) + r"|(?:borders?|frontier)\b"
    + _NOT_BORDER_NOUN + r")\b",
    re.IGNORECASE,
)
_FROM_RE = re.compile(r"\s+from\s+(?:the\s+)?(?P<place>North|South|[A-Z][\w.’'-]*(?:\s+[A-Z]\w*)?)")
_first_place = PLACE_RE.search
_MILES_EQUIV_RE = re.compile(r"(?:km|kilomet(?:er|re)s?)\s*\($", re.IGNORECASE)


#: Characters that `re.IGNORECASE` matches to an ASCII letter although they are not ASCII
#: (dotted/dotless i, long s, Kelvin sign). A text holding one skips the substring
#: pre-checks below, which look at ASCII-folded text, and runs every regex.
_ODD_LETTERS = ("\u0130", "\u0131", "\u017f", "\u212a")


class _Sentence:
    """One sentence holding a figure: what every figure of it asks, computed once."""

    __slots__ = ("start", "end", "text", "_lower", "_places", "_actors", "_attribution",
                 "_military", "_launch", "_full")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.start = start
        self.end = end
        self.text = text[start:end]
        self._full = text
        self._lower: str | Literal[False] | None = None
        self._places: list[re.Match[str]] | None = None
        self._actors: list[tuple[int, str | None]] | None = None
        self._attribution = self._military = self._launch = _UNSET

    def places(self) -> list[re.Match[str]]:
        found = self._places
        if found is None:
            found = self._places = places(self._full, self.start, self.end)
        return found

    def actors(self) -> list[tuple[int, str | None]]:
        """(end, country) of each name that may be the acting country, in text order."""
        if self._actors is not None:
            return self._actors
        text, start = self._full, self.start
        actors = []
        for m in self.places():
            m_start = m.start()
            lo = m_start - 12
            prev = text[lo if lo > start else start : m_start].split()
            last = prev[-1].lower() if prev else ""
            if last in _NOT_ACTOR_PREV and not (
                last == "and" and _CLAUSE_VERB_RE.match(text, m.end())
            ):  # but "..., and Azerbaijan said 50 of its own had died"
                continue
            if last == "the" and len(prev) > 1 and prev[-2].lower() in _NOT_ACTOR_PREV_THE:
                continue
            if _NOT_ACTOR_AFTER.match(text, m.end("name")):  # before any "'s"
                continue
            name = m.group("name")
            if is_region(name):
                continue  # "the Kursk region" is where troops are, never who sent them
            actors.append((m.end(), country_of(name)))
        self._actors = actors
        return actors

    def lower_slice(self, lo: int, hi: int) -> str:
        """text[lo:hi].lower() for start <= lo, hi."""
        lower = self._lower
        if lower is None:
            lower = self.text.lower()
            # False when lower-casing changed the length (offsets would shift).
            self._lower = lower = lower if len(lower) == len(self.text) else False
        if lower is False:
            return self.text[lo - self.start : hi - self.start].lower()
        return lower[lo - self.start : hi - self.start]


_UNSET: object = object()
#: (and the object of an attack: "Russia attacked Ukraine with 45 missiles")
_NOT_ACTOR_PREV = frozenset((
    *_LOCATION_PREPS, "from", "with", "of", "and", "by", "against", "between",
    "attacked", "struck", "targeted", "invaded", "bombarded", "hit",
))
#: A verb after a name: the name is the subject of a clause of its own.
_CLAUSE_VERB_RE = re.compile(
    r"\s+(?:said|says|reported|claimed|estimated|lost|sent|deployed|fired|launched|has|had)\b"
)
_NOT_ACTOR_PREV_THE = frozenset((*_LOCATION_PREPS, "from", "with", "of", "by"))
#: What every LAUNCH_RE match starts with (lower case), the commonest first.
_LAUNCH_STARTS = ("fir", "launch", "test-", "lob", "shot", "salvo", "volley", "barrage",
                  "tracked", "cross")


@dataclass(slots=True)
class _Context:
    """Per-article state shared by the rules: the text, sentences, cached attributions."""

    text: str
    sentences: SentenceIndex
    missile_heads: set[int]
    by_bounds: dict[tuple[int, int], _Sentence]
    by_pos: dict[int, _Sentence]
    #: True when the text holds a character of _ODD_LETTERS.
    odd: bool
    #: The text lower-cased, ASCII only, every other character a space (offsets kept).
    folded: bytes
    #: The text as ASCII, every other character "?" (offsets kept).
    raw: bytes
    #: b" " + folded + b" ": a word at either end of the text has a space on both sides too.
    padded: bytes
    #: Where each singular soldier noun ends ("soldier", "serviceman"...), in text order.
    singles: list[int]
    #: `folded` with each character no head match holds as "!" and each period kept; on
    #: first use.
    stops: bytes | None = None
    #: The last troop figure found so far: the one a gapped count takes its noun from.
    last_troops: Figure | None = None

    def may_have_head(self, at: int) -> bool:
        """False when neither HEAD_RE nor CASUALTY_VERB_RE can match at `at`.

        A match holds only word characters, spaces, hyphens, apostrophes and periods, so it
        ends before the first other character; its head noun (or participle) is a whole
        word there, one of _HEAD_WORDS once folded. ~10x cheaper than trying the regexes.
        """
        if self.odd:
            return True
        stops = self.stops
        if stops is None:
            stops = self.stops = self.raw.translate(_STOPS)
        # A stop right after the number (",", "%", ":", ")"...) or a period that ends it
        # ("in 2023."), as below but with no slice: ~1 in 3 numbers, ~5k instructions each.
        if at >= len(stops):
            return False
        first = stops[at]
        if first == 33 or (first == 46 and not (
            97 <= self.folded[at - 1] <= 122 and (at < 2 or self.folded[at - 2] == 32)
        )):
            return False
        # One slice cut at the stop and the periods with partition (which takes its one
        # argument without parsing): ~1/4 cheaper than bytes.find(x, start, end) for each.
        words, stop, _ = stops[at : at + _HEAD_WINDOW].partition(b"!")
        open_end = not stop and at + _HEAD_WINDOW < len(stops)  # no stop in sight
        # A period only stands in an initialism ("U.S."): after a letter that has no letter
        # or digit before it. Any other period ends the match ("troops. The", "2023.").
        words, dot, rest = words.partition(b".")
        while dot:
            i = at + len(words)
            folded = self.folded
            if not (97 <= folded[i - 1] <= 122 and (i < 2 or folded[i - 2] == 32)):
                break
            more, dot, rest = rest.partition(b".")
            words += b" " + more
        else:
            if open_end:
                return True  # no end in sight: let the regexes decide
        # With no stop in sight, a match ends at that period unless a 'pair' word holds it
        # ("500 Kim Jr. and South Korean troops"): then let the regexes decide.
        if open_end and v.HEAD_PAIR_RE.match(self.text, at) is not None:
            return True
        return not _HEAD_WORDS.isdisjoint(words.split())

    def sentence(self, pos: int) -> _Sentence:
        """The sentence holding `pos`. Several rules ask for the same position: the
        answer is kept by position (SentenceIndex returns the first sentence it knows
        that holds a position, and it only ever adds sentences after those)."""
        found = self.by_pos.get(pos)
        if found is None:
            bounds = self.sentences.bounds(pos)
            found = self.by_bounds.get(bounds)
            if found is None:
                found = self.by_bounds[bounds] = _Sentence(self.text, *bounds)
            self.by_pos[pos] = found
        return found

    def attribution(self, sent: _Sentence) -> str | None:
        found = sent._attribution
        if found is _UNSET:
            found = sent._attribution = attribution_of(self.text, sent.start, sent.end)
        return found  # type: ignore[return-value]

    def military(self, sent: _Sentence) -> bool:
        found = sent._military
        if found is _UNSET:
            found = sent._military = v.MILITARY_CONTEXT_RE.search(self.text, sent.start, sent.end) is not None
        return found  # type: ignore[return-value]

    def launch(self, sent: _Sentence) -> bool:
        found = sent._launch
        if found is _UNSET:
            found = sent._launch = _has_launch(self, sent)
        return found  # type: ignore[return-value]


def _has_launch(ctx: _Context, sent: _Sentence) -> bool:
    """Whether LAUNCH_RE matches in the sentence. Tried only where one of its words starts
    (found in the sentence lower-cased): a search of the sentence tries the regex at every
    character (~13k instructions a sentence). A text holding one of _ODD_LETTERS is searched
    (re.IGNORECASE reads them as ASCII letters, lower() does not)."""
    text, b0, b1 = ctx.text, sent.start, sent.end
    if ctx.odd:
        return v.LAUNCH_RE.search(text, b0, b1) is not None
    lower = sent.lower_slice(b0, b1)
    match = v.LAUNCH_RE.match
    for word in _LAUNCH_STARTS:
        i = lower.find(word)
        while i != -1:
            if match(text, b0 + i, b1) is not None:
                return True
            i = lower.find(word, i + 1)
    return False


def extract_figures(text: str) -> list[Figure]:
    """Every troop, casualty and weapon-test figure written in `text`, in text order."""
    if not text:
        return []
    odd = v.contains_any(text, _ODD_LETTERS)
    anchors, singles, folded, raw, padded = _anchor_positions(text)
    ctx = _Context(text, SentenceIndex(text), set(), {}, {}, odd, folded, raw, padded, singles)
    figures: list[Figure] = []
    consumed = -1
    for pos in anchors:
        if pos < consumed:
            continue
        quantity = match_quantity(text, pos)
        if quantity is None:
            continue
        consumed = quantity.end
        figure = _figure_for(ctx, quantity)
        if figure is not None:
            figures.append(figure)
            if figure.unit == "troops":
                ctx.last_troops = figure
    figures.extend(_uncounted_launches(
        ctx, {f.weapon for f in figures if f.metric == "missiles_launched"}))
    figures.extend(_single_casualties(ctx, {f.evidence.start for f in figures}))
    figures.sort(key=lambda f: f.evidence.start)
    return _distances_take_their_launch(figures)


#: How far (characters) a range or altitude may stand after the launch it belongs to.
_LAUNCH_REACH = 1200


def _distances_take_their_launch(figures: list[Figure]) -> list[Figure]:
    """A range or altitude names its missile by anaphora ("The missiles flew about 350 km",
    "The missile reached an altitude of ..."): it takes the weapon, and the actor when its
    own sentence names none, of the last launch reported before it."""
    launch: Figure | None = None
    for i, figure in enumerate(figures):
        if figure.metric == "missiles_launched":
            launch = figure
        elif (
            figure.metric in ("missile_range_km", "missile_altitude_km")
            and launch is not None
            and figure.evidence.start - launch.evidence.end <= _LAUNCH_REACH
            and figure.weapon is None
        ):
            # Built field by field: dataclasses.replace() costs ~3x this (it walks fields()
            # and passes them by keyword); the article fields are not set yet (all None).
            figures[i] = Figure(
                figure.kind, figure.metric, figure.low, figure.high, figure.evidence,
                figure.qualifier, figure.vague, figure.ordinal, figure.scope, figure.unit,
                figure.actor or launch.actor, figure.location, launch.weapon,
                figure.attribution, figure.period,
            )
    return figures


#: Lower-cases ASCII letters and turns every other byte but digits into a space, so that
#: words stand bare between spaces. Working on bytes (one byte per character, offsets kept) is
#: ~10x cheaper here than scanning the str with a regex alternation (measured: a regex pass
#: costs ~18 ns/char on this machine, bytes.translate ~0.5 ns/char).
_FOLD = bytes(
    (c + 32 if 65 <= c <= 90 else c if (97 <= c <= 122 or 48 <= c <= 57) else 32)
    for c in range(256)
)


#: A whole anchor word in the folded text padded with a space either side; the match
#: starts at the space before the word, which is where the word starts in the unpadded
#: text. One pass costs ~0.7x splitting the text into words and intersecting them with
#: the anchor words (callgrind: 288k against 397k instructions for a 4 KB article).
#: The same pass finds the singular soldier nouns of `_single_casualties` (rare; one more
#: scan of the text for them cost ~4 % of the extractor).
_SINGLE_NOUNS = ("soldier", "serviceman", "servicewoman", "servicemember", "member", "marine",
                 "paratrooper", "conscript", "reservist", "peacekeeper", "sailor", "airman",
                 "officer")
_SINGLE_BYTES = frozenset(w.encode() for w in _SINGLE_NOUNS)
_ANCHOR_WORD_RE = re.compile(
    f" (?:{v.trie_pattern(sorted((*v.ANCHOR_WORDS, *_SINGLE_NOUNS)))})(?= )".encode()
)


_ARTICLE_BYTES = frozenset(w.encode() for w in v.ARTICLE_ANCHORS)
#: Characters after which a digit starts no number (as letters and digits do).
_NOT_BEFORE_DIGITS = frozenset(".,-\u2013/:$\u20ac\u00a3\u00a5#_")


def _starts_no_number(char: str) -> bool:
    """Whether a digit after `char` starts no number: a letter, a digit or _NOT_BEFORE_DIGITS."""
    return char.isalnum() or char in _NOT_BEFORE_DIGITS


#: For `raw`: each digit to "0", each ASCII character after which a digit starts no number
#: (a letter, a digit, one of _NOT_BEFORE_DIGITS) to "x", the rest (with "?", which also
#: stands for any non-ASCII character) to a space. A number may start at the "0" of each
#: " 0" pair: a literal prefix, which `re` finds without trying a match at each space
#: (~10k instructions an article less than finding each run of digits and separators with
#: bytes.find and testing the character before it).
_DIGIT_STARTS = bytes(
    48 if 48 <= c <= 57 else
    120 if _starts_no_number(chr(c)) else 32
    for c in range(256)
)
_DIGIT_START_RE = re.compile(b" 0")


#: Every word (folded: lower-case ASCII letters and digits) that starts the head noun of a
#: HEAD_RE match or the participle of a CASUALTY_VERB_RE match.
_HEAD_WORDS = frozenset(w.encode() for w in (
    "troops", "soldiers", "servicemen", "service", "servicemembers", "personnel", "forces",
    "fighters", "marines", "paratroopers", "commandos", "conscripts", "mercenaries",
    "reservists", "infantrymen", "combatants", "casualties", "dead", "deaths", "killed",
    "wounded", "injured", "captured", "prisoners", "pows", "missile", "missiles", "rocket",
    "rockets", "projectile", "projectiles", "icbm", "icbms", "srbm", "srbms", "irbm", "irbms",
    "mrbm", "mrbms", "slbm", "slbms", "tests", "launches", "test", "firings", "km", "kms", "taken",
    "kilometers", "kilometres", "kilometer", "kilometre", "miles", "mile", "soldier",
    "serviceman", "servicewoman", "servicemember", "marine", "paratrooper", "conscript",
    "reservist", "men", "peacekeepers", "sailors", "airmen", "guardsmen", "militants",
    "insurgents", "rebels", "jihadists", "terrorists", "gunmen", "guerrillas", "attackers",
    "assailants", "militiamen", "commanders", "died", "members", "instructors", "advisers",
    "advisors", "trainers",
))
#: ASCII punctuation no HEAD_RE / CASUALTY_VERB_RE match holds (outside \w, \s, ’'.-) to
#: "!", a period kept, all else as _FOLD has it (lower-case letters, digits, and a space for
#: the rest, "?" included, which stands for any non-ASCII character in `raw`).
_STOPS = bytes(
    33 if chr(c) in "!\"#$%&()*+,/:;<=>@[\\]^`{|}~" else 46 if c == 46 else _FOLD[c]
    for c in range(256)
)
_HEAD_WINDOW = 120


def _anchor_positions(
    text: str,
) -> tuple[list[int], list[int], bytes, bytes, bytes]:
    """Sorted positions where a quantity may start: digit runs and number words; where each
    singular soldier noun ends; the text folded (lower-case ASCII letters and digits, every
    other character a space); the text as ASCII; and the folded text with a space at either
    end."""
    raw = text.encode("ascii", "replace")  # one byte per character: offsets kept
    # A digit starts a number when no letter, digit or one of _NOT_BEFORE_DIGITS stands
    # before it (so a 1 MB digit run is one candidate).
    found: set[int] = set()
    for m in _DIGIT_START_RE.finditer(b" " + raw.translate(_DIGIT_STARTS)):
        i = m.start()  # (the digit's offset in the text)
        # After "?" (or a non-ASCII character), the text's character tells.
        if i == 0 or raw[i - 1] != 63 or not _starts_no_number(text[i - 1]):
            found.add(i)
    folded = raw.translate(_FOLD)
    padded = b" " + folded + b" "
    singles = []
    for m in _ANCHOR_WORD_RE.finditer(padded):
        i = m.start()
        word = folded[i : m.end() - 1]
        if word in _SINGLE_BYTES:
            singles.append(m.end() - 1)
            continue
        if word in _ARTICLE_BYTES:
            for back in (2, 3):
                if i >= back and folded[i - back : i] in (b"a ", b"an "):
                    found.add(i - back)
        found.add(i)
    return sorted(found), singles, folded, raw, padded


def _left_phrases(text: str, start: int) -> tuple[int, str, str | None, bool]:
    """Peel qualifier, scope and range words off the text before a number.

    Returns the new start, the qualifier, the scope and whether a range word was seen.
    """
    qualifier, range_word = "exact", False
    scope: str | None = None
    lo = start - _LEFT if start > _LEFT else 0
    window = text[lo:start].lower()
    if "\u201c" in window or '"' in window:
        # 'killed "at least five" soldiers': an opening quote stands apart (offsets kept).
        window = window.replace("\u201c", " ").replace('"', " ")
    # The last word first: ~3 in 4 numbers have no phrase, and one rsplit costs ~1/3 of
    # splitting the window into all its words.
    last = window.rsplit(None, 1)
    if not last or last[-1] not in _LEFT_LAST_WORDS:
        return start, qualifier, scope, range_word
    words = window.split()
    if lo > 0 and not window[0].isspace():
        words = words[1:]  # the first word is cut off
    cut = len(window)
    phrases = v.LEFT_PHRASES
    # (every phrase ends with one of _LEFT_LAST_WORDS: no other last word is looked up)
    while words and words[-1] in _LEFT_LAST_WORDS:
        for size in _LEFT_SIZES[words[-1]]:
            if len(words) < size:
                continue
            key = tuple(words[-size:])
            found = phrases.get(key)
            if found is not None:
                break
        else:
            break
        what, meaning = found
        if what == "qualifier" and qualifier == "exact":
            qualifier = meaning
        elif what == "scope" and scope is None:
            scope = meaning
        elif what == "range":
            range_word = True
        del words[-size:]
        for word in reversed(key):
            cut = window.rfind(word, 0, cut)
    return lo + cut, qualifier, scope, range_word


_LEFT_LAST_WORDS = frozenset(key[-1] for key in v.LEFT_PHRASES)
#: For each last word, the lengths (in words) of the phrases it ends, longest first.
_LEFT_SIZES = {
    last: tuple(sorted({len(key) for key in v.LEFT_PHRASES if key[-1] == last}, reverse=True))
    for last in _LEFT_LAST_WORDS
}


def _is_not_a_figure(ctx: _Context, q: Quantity) -> bool:
    """Years, dates, times, money, percentages, ages, model names: never figures."""
    text = ctx.text
    if ctx.odd:
        after = text[q.end : q.end + 10].lower()
        if after.startswith(v.NOT_AFTER_NUMBER) and not q.ordinal:
            return True
        if after.startswith(_TIME_AFTER):
            return True
    # One match: ~1/2 the cost of lower-casing a slice and testing it twice (the text has
    # no letter that re.IGNORECASE and str.lower() read apart).
    elif (_TIME_AFTER_RE if q.ordinal else _NOT_AFTER_RE).match(text, q.end) is not None:
        return True
    before = text[q.start - 12 if q.start > 12 else 0 : q.start].lower().rstrip()
    if before.endswith(v.NOT_BEFORE_NUMBER):
        return True
    if not (q.digits and before):
        return False
    return before.rsplit(None, 1)[-1].rstrip(".") in v.MONTHS


_TIME_AFTER = ("-day", "-hour", "-week", "-month", "-minute", " a.m", " p.m")
_TIME_AFTER_RE = re.compile("|".join(map(re.escape, _TIME_AFTER)), re.IGNORECASE)
_NOT_AFTER_RE = re.compile(
    "|".join(map(re.escape, (*v.NOT_AFTER_NUMBER, *_TIME_AFTER))), re.IGNORECASE
)


#: A value the sentence says was superseded: "up from its earlier estimate of 11,000",
#: "rose from 11,000 to 15,000", "the previous figure of 3,000". Not a current figure.
_SUPERSEDED_PAST = (
    r"\b(?:up|down|rising|risen|rose|increased|decreased|revised|raised|lowered|fell|"
    r"falling|grown|grew)\s+from(?:\s+(?:its|their|his|her|the|an?))?"
    r"(?:\s+(?:earlier|previous|prior|initial|original|old)\s+"
    r"(?:estimates?|figures?|counts?|assessments?|tall(?:y|ies))(?:\s+of)?)?"
    r"|\b(?:earlier|previous|prior|initial|original|old)\s+"
    r"(?:estimates?|figures?|counts?|assessments?|tall(?:y|ies))\s+of"
)
# A correction ("An earlier version of this story said 17", "incorrectly reported 300") or a
# figure compared with: searched only where one of _CORRECTION_HINTS stands.
_SUPERSEDED_CORRECTION = (
    r"\b(?:earlier|previous|original)\s+version\s+of\s+(?:this|the)\s+\w+(?:\s+\w+)?"
    r"\s+(?:said|stated|reported|gave|put|misstated|misreported|overstated|understated)"
    r"(?:\s+that)?(?:\s+the\s+(?:\w+\s+){1,5}?(?:at|as))?"
    r"|\b(?:incorrectly|wrongly|erroneously|mistakenly)\s+(?:said|stated|reported|gave|put)"
    r"(?:\s+that)?"
    r"|\b(?:misstated|misreported)\b[^.;]{0,60}?\b(?:at|as)"
    # A figure compared with: "more than double the figure of roughly 900 it had cited".
    r"|\b(?:double|triple|twice|thrice|half)\s+(?:the\s+)?(?:figure|number|estimate|count|"
    r"total|tally)\s+of"
)
_SUPERSEDED_RE = re.compile(
    r"(?:" + _SUPERSEDED_PAST + "|" + _SUPERSEDED_CORRECTION + r")\s*$", re.IGNORECASE
)
#: Without the corrections: ~1/4 cheaper a search, used where no word of one stands.
_SUPERSEDED_PAST_RE = re.compile(r"(?:" + _SUPERSEDED_PAST + r")\s*$", re.IGNORECASE)
_SUPERSEDED_HINTS = ("from", "earlier", "previous", "prior", "initial", "original", "old ",
                     "incorrectly", "wrongly", "erroneously", "mistakenly", "double", "triple",
                     "twice", "thrice", "half", "misstated", "misreported")
#: One of these stands (lower case) in every match of _SUPERSEDED_CORRECTION in ASCII text.
_CORRECTION_HINTS = ("version", "incorrectly", "wrongly", "erroneously", "mistakenly", "double",
                     "triple", "twice", "thrice", "half", "misstated", "misreported")


#: The words a match of _SUPERSEDED_RE can end with (then only whitespace): each stands
#: after whitespace, but "at"/"as" after "misstated" may follow any character but a letter.
_SUPERSEDED_LAST = frozenset((
    "from", "its", "their", "his", "her", "the", "a", "an", "estimate", "estimates", "figure",
    "figures", "count", "counts", "assessment", "assessments", "tally", "tallies", "of", "said",
    "stated", "reported", "gave", "put", "misstated", "misreported", "overstated",
    "understated", "that", "at", "as",
))


def _may_end_superseded(low: str) -> bool:
    """Whether _SUPERSEDED_RE may match at the end of `low` (ASCII, lower case): its last
    word is one a match ends with. One rsplit: testing the 18 words of _SUPERSEDED_HINTS
    first cost ~7k instructions a figure."""
    last = low.rsplit(None, 1)
    return bool(last) and (last[-1] in _SUPERSEDED_LAST or last[-1].endswith(("at", "as")))


def _is_superseded(text: str, start: int, number_start: int) -> bool:
    """True when the words before the figure mark it as a past value the sentence replaces.

    Looked for before the figure's phrase (`start`, qualifier and range words peeled off)
    and before its number ("up from 200": "from" is also a range word)."""
    lo = start - 60 if start > 60 else 0
    low = text[lo:number_start].lower()
    if low.isascii() and not (
        _may_end_superseded(low[: start - lo])
        or (number_start != start and _may_end_superseded(low))
    ):
        return False
    if not v.contains_any(low, _SUPERSEDED_HINTS):
        return False
    # The corrections only where one of their words stands (any non-ASCII letter may be one
    # that re.IGNORECASE reads as ASCII): they cost ~30k instructions an article otherwise.
    regex = _SUPERSEDED_RE if not low.isascii() or v.contains_any(low, _CORRECTION_HINTS) else (
        _SUPERSEDED_PAST_RE)
    if regex.search(text, lo, start) is not None:
        return True
    # Only when peeling moved the start: else the same window was just searched.
    return number_start != start and regex.search(text, lo, number_start) is not None


def _is_year(q: Quantity) -> bool:
    return (
        q.digits and not q.is_range and len(q.raw) == 4 and q.raw.isdigit()
        and 1800 <= (q.low or 0) <= 2100
    )


_CLOSING_QUOTES = ('"', "\u201d")


def _figure_for(ctx: _Context, q: Quantity) -> Figure | None:
    text = ctx.text
    if q.ordinal:
        return None if _is_not_a_figure(ctx, q) else _ordinal_figure(ctx, q)
    at = q.end
    if text[at : at + 1] in _CLOSING_QUOTES:  # (a slice: startswith(x, at) parses its args)
        at += 1  # a quoted number: 'said "more than a hundred" soldiers had died'
    if ctx.may_have_head(at):
        head = v.HEAD_RE.match(text, at) or v.CASUALTY_VERB_RE.match(text, at)
    else:
        head = None
    if head is None:
        s = q.start
        window = text[s - 60 if s > 60 else 0 : s]
        # A year with no noun is no figure (~1 in 3 digit numbers with no noun): rejected
        # before the tie tests, unless _total_link would look for its sentence there.
        if q.digits and len(q.raw) == 4 and _is_year(q) and (
            "to" not in window or not _may_link_total(ctx, s)
        ):
            return None
        # ~49 in 50 numbers with no noun are tied to nothing. Each tie is tested once, by a
        # cheap test of its words where it has one, into a flag that both rejects the number
        # when none holds and picks the rules below (a rule whose flag is False would give
        # None, and look up no sentence): a number that passes paid ~1/3 more for testing
        # the ties again before the rules.
        hinted = _tie_hint(window)
        linked = hinted and _link_hint(window)
        total_link = None if linked or "to" not in window else _total_link(ctx, q)
        bare = hinted and v.contains_any(window, _BARE_CASUALTY_HINTS)
        addition = s > 7 and ctx.folded[s - 2] in _ADDITION_LAST and _is_addition(ctx, q)
        unit = "of " in window and _unit_before(window)
        # The words right after the number, once: each phrase read there starts as one of
        # these three characters does, and the groups start apart, so at most one
        # str.startswith(x, at) call is made (each parses its arguments: ~1.5k instructions).
        after = text[q.end : q.end + 3]
        elided = strong = number_of_after = in_place = launched = False
        if after in _TIES_AFTER_STARTS:
            if after == " th":
                number_of_after = text.startswith(_NUMBER_OF_AFTER, q.end)
            elif after == "-st":
                strong = text.startswith("-strong", q.end)
            elif after in _ELIDED_STARTS:
                elided = text.startswith(_ELIDED_AFTER, q.end)
            elif after in _IN_PLACE_STARTS:
                in_place = text.startswith(_IN_PLACE_AFTER, q.end)
            else:
                launched = text.startswith(_LAUNCHED_AFTER, q.end)
        demonym_at = (after[:1] == " " and after[1:2].isupper() and q.low is not None
                      and _DEMONYMS_AFTER_RE.match(text, q.end))
        loss = (
            (after[:1] in _LOSS_FIRSTS or after in _LOSS_STARTS)
            and text.startswith(_LOSS_ITEM_AFTER, q.end) and _loss_lead_in(ctx, s) is not None
        )
        gapped = _may_be_gapped(ctx, s, window)
        number_of = _number_of_before(ctx, s)
        share = "of whom" in window or "among them" in window
        if not (
            linked or total_link is not None or bare or addition or unit or elided or strong
            or number_of_after or in_place or launched or demonym_at or loss or gapped
            or number_of != -1 or share
        ):
            return None
        # Passed: a name of no country cannot be a share ("the two Koreas", ~1 in 3 that
        # pass); nor is a link read where the window holds none of its words in any case.
        demonym = False
        if demonym_at:
            name = demonym_at.group("name")
            demonym = country_of(name) is not None and not is_region(name)
        linked_rule = linked or total_link is not None or v.contains_any(
            window.lower(), _LINK_STEMS)
        if not (
            linked_rule or bare or addition or unit or elided or strong or number_of_after
            or in_place or launched or demonym or loss or gapped or number_of != -1 or share
        ):
            return None
        if _is_not_a_figure(ctx, q) or _is_year(q):
            return None
        start, qualifier, scope, _ = _left_phrases(text, q.start)
        if _is_superseded(text, start, q.start):
            return None
        if total_link is None and scope is None and linked:
            # (else the gate looked for it already, or no "to" stands in the window)
            total_link = _total_link(ctx, q)
        if total_link is not None:
            scope = scope or "total"
        figure = None
        if linked_rule:
            figure = _linked_troop_figure(ctx, q, start, qualifier, scope, total_link)
        if figure is None and total_link is not None:
            figure = _linked_missile_figure(ctx, q, total_link, start, qualifier, scope)
        if figure is None and bare:
            figure = _tally_figure(ctx, q, start, qualifier, scope) or _bare_casualty_figure(
                ctx, q, start, qualifier, scope)
        if figure is None and (addition or elided):
            figure = _elided_troop_figure(ctx, q, start, qualifier, scope)
        if figure is None and unit:
            figure = _unit_of_figure(ctx, q, start, qualifier, scope)
        if figure is None and number_of_after:
            figure = _number_of_after_figure(ctx, q, start, qualifier, scope)
        if figure is None and in_place:
            figure = _elided_place_figure(ctx, q, start, qualifier, scope)
        if figure is None and launched:
            figure = _missile_tally_figure(ctx, q, start, qualifier, scope)
        if figure is None and demonym:
            figure = _demonym_share_figure(ctx, q, start, qualifier, scope)
        if figure is None and strong:
            figure = _strong_unit_figure(ctx, q, start, qualifier, scope)
        if figure is None and loss:
            figure = _loss_item_figure(ctx, q, start, qualifier, scope)
        if figure is None and share:
            figure = _share_of_figure(ctx, q, start, qualifier, scope)
        if figure is None and number_of != -1:
            figure = _number_subject_figure(ctx, q, number_of, start, qualifier, scope)
        if figure is None and gapped:
            figure = _gapped_troop_figure(ctx, q, start, qualifier, scope)
        return figure
    if _is_not_a_figure(ctx, q):
        return None
    if _is_year(q):
        year_word = text[max(0, q.start - 7) : q.start].lower().split()
        if head.re is v.CASUALTY_VERB_RE or head.group("troops") is None or (
            year_word and year_word[-1] in ("in", "since", "of", "by", "until")
        ) or head.group("troops")[0].isupper():
            # "fought hard in 2024 were killed": a year, and CASUALTY_VERB_RE has no "troops";
            # a year before a name: "the 1987 Intermediate-Range Nuclear Forces Treaty"
            return None
    start, qualifier, scope, _ = _left_phrases(text, q.start)
    if _is_superseded(text, start, q.start):
        return None
    if head.re is v.CASUALTY_VERB_RE:
        return _casualty_figure(ctx, q, head, start, qualifier, scope)
    if head.group("plus"):
        qualifier = "more_than"
    elif head.group("orso"):
        qualifier = "approx"
    if head.group("more"):
        scope = "additional"
    if head.group("troops"):
        return _troop_figure(ctx, q, head, start, qualifier, scope)
    if head.group("casualty"):
        return _casualty_figure(ctx, q, head, start, qualifier, scope)
    if head.group("missiles"):
        return _missile_figure(ctx, q, head, start, qualifier, scope)
    if head.group("people"):
        return _people_casualty_figure(ctx, q, head, start, qualifier, scope)
    if head.group("tests"):
        return _make(ctx, q, "weapon_tests", start, q.end, qualifier=qualifier, scope=scope,
                     unit="tests", actor=_subject_actor(ctx, start))
    return _distance_figure(ctx, q, head, start, qualifier)


def _make(ctx: _Context, q: Quantity, metric: str, start: int, end: int,
          qualifier: str = "exact", scope: str | None = None, unit: str | None = None,
          actor: str | None = None, location: str | None = None, weapon: str | None = None,
          period: str | None = None) -> Figure:
    sent = ctx.sentence(q.start)
    if q.vague and qualifier == "approx":
        qualifier = "exact"
    return build_figure(
        METRIC_KINDS[metric], metric, q.low, q.high,
        build_evidence(sent.text, start, end, sent.start),
        qualifier, q.vague, q.ordinal, scope, unit, actor, location, weapon,
        ctx.attribution(sent), period,
    )


def _scope_after(ctx: _Context, q: Quantity, at: int, scope: str | None) -> str | None:
    if scope is not None:
        return scope
    text = ctx.text
    sent = ctx.sentence(q.start)
    b0, b1 = sent.start, sent.end
    rest = text[at:b1]
    if ("far" in rest or "total" in rest or "all" in rest or "altogether" in rest) and (
        v.TOTAL_AFTER_RE.match(text, at, b1)
    ):
        return "total"
    head = sent.lower_slice(b0, q.start)
    if v.contains_any(head, _PLANNED_VERBS) and v.PLANNED_RE.search(text, b0, q.start):
        return "planned"
    if ("by" in rest or "may" in rest or "coming" in rest) and v.PLANNED_AFTER_RE.match(
        text, at, b1
    ):
        return "planned"
    return None


#: Substrings one of which every PLANNED_RE match holds (lower case).
_PLANNED_VERBS = ("sen", "deploy", "dispatch", "rotate", "mobili", "transfer")
#: Substrings one of which every CASUALTY_BEFORE_RE / CASUALTY_AFTER_RE match holds.
_CASUALTY_BEFORE_HINTS = ("kill", "wound", "injur", "captur", "los", "suffer", "deaths", "lives")
_CASUALTY_AFTER_HINTS = ("kill", "casualt", "wound", "injur", "captur", "captiv", "taken", "died",
                         "dead", "prisoner", "martyr")
#: Substrings one of which every CASUALTY_SUBJECT_RE match holds (lower case).
_CASUALTY_SUBJECTS = ("losses", "casualties")


#: What joins the items of a list of counts: "40 civilians and 23 fighters", "94 people,
#: including 21 soldiers, 18 fighters and 55 civilians".
_LIST_SEPARATORS = (", ", " and ", " including ")
_LIST_ITEM = (
    r"(?:(?:at\s+least|about|some|around|nearly|almost|more\s+than|over|up\s+to|roughly|"
    r"an\s+estimated)\s+)?[“\"]?(?:\d[\d,.]*|(?:" + v.trie_pattern(sorted(
        (*UNITS, *TENS, "dozens", "hundreds", "thousands", "scores", "several", "a", "an")))
    + r")\b)[^,.;:()“”\"]{0,50}?(?:,\s*(?:and\s+|including\s+)?|\s+and\s+|\s+including\s+)"
)
_LIST_RE = re.compile(r"\s+(?:" + _LIST_ITEM + r"){1,4}$", re.IGNORECASE)


def _list_verb(text: str, verb_re: re.Pattern[str], lo: int, hi: int) -> re.Match[str] | None:
    """The `verb_re` match (a regex ending in "\\s+$") that governs a list whose next item
    starts at `hi`: the last one in [lo, hi) after which only list items stand."""
    for m in reversed(list(_LIST_VERB_RE.finditer(text, lo, hi))):
        verb = verb_re.search(text, m.start(), m.end() + 1)
        if verb is not None and _LIST_RE.match(text, verb.end() - 1, hi):
            return verb
    return None


#: The verbs of air defence: the missiles after one are the ones stopped.
_INTERCEPT_VERBS = r"shot\s+down|intercepted|intercepting|downed|destroyed|neutrali[sz]ed"
#: Where a list's verb may stand: a casualty verb of CASUALTY_BEFORE_RE or an air defence verb.
_LIST_VERB_RE = re.compile(
    r"\b(?:killed|killing|kills|wounded|wounding|injured|injuring|captured|capturing|"
    + _INTERCEPT_VERBS + r")\b",
    re.IGNORECASE,
)


_MISSING_RE = re.compile(
    r"\s+(?:(?:remain|remained|are|were|is|was|went|have\s+gone|still)\s+){1,2}missing\b",
    re.IGNORECASE,
)


#: What makes "fighters" aircraft: a model before it ("F-35", "Su-34", "MiG-29K", "J-20",
#: "Rafale", "Eurofighter Typhoon"), or "jet", "stealth", "multirole" ("jet fighters").
_AIRCRAFT_MODS_RE = re.compile(
    r"(?:^|\s)(?:(?:F|FA|CF|EF|KF|JF|FC|J|JH|Su|MiG|MIG|Mig|Yak)-\d{1,3}[A-Za-z]{0,4}|"
    r"Rafales?|Eurofighters?|Typhoons?|Gripens?|Mirages?|Tornados?|Harriers?|Tejas|"
    r"(?:Super\s+)?Hornets?|Raptors?|Sukhoi|Mikoyan|Dassault|Saab|Chengdu|Shenyang|"
    r"(?i:jet|stealth|multi-?role|carrier-based|supersonic))(?=\s|$)"
)
#: "F-16 fighters jets", "fighters aircraft": the noun of an aircraft after it.
_AIRCRAFT_AFTER_RE = re.compile(r"\s+(?:jets?|aircraft|planes?|warplanes?)\b", re.IGNORECASE)
#: A number that is part of a model name: "12 Mirage 2000 fighters".
_MODEL_NUMBER_BEFORE = ("Mirage ",)


def _fighter_aircraft(text: str, q: Quantity, head: re.Match[str]) -> bool:
    """True when the "fighters" a number counts are aircraft ("a dozen F-35 fighters",
    "40 jet fighters"), not combatants ("25 Hamas fighters")."""
    return (
        _AIRCRAFT_MODS_RE.search(head.group("mods")) is not None
        or _AIRCRAFT_AFTER_RE.match(text, head.end()) is not None
        or text.endswith(_MODEL_NUMBER_BEFORE, 0, q.start)
    )


def _troop_figure(ctx: _Context, q: Quantity, head: re.Match[str], start: int,
                  qualifier: str, scope: str | None) -> Figure | None:
    text = ctx.text
    noun = head.group("troops")
    if len(noun) == 8 and noun.lower() == "fighters" and _fighter_aircraft(text, q, head):
        return None
    sent = ctx.sentence(q.start)
    bounds = sent.start, sent.end
    metric = "troops_deployed"
    lo = start - 30 if start - 30 > bounds[0] else bounds[0]
    near = sent.lower_slice(lo, start) if lo < start else ""
    before = after = None
    if v.contains_any(near, _CASUALTY_BEFORE_HINTS):
        before = v.CASUALTY_BEFORE_RE.search(text, lo, start)
    head_end = head.end()
    rest = sent.lower_slice(head_end, bounds[1])
    if "missing" in rest and _MISSING_RE.match(text, head_end):
        return None  # "11 soldiers remain missing": neither killed nor deployed
    if v.contains_any(rest, _CASUALTY_AFTER_HINTS):
        after = v.CASUALTY_AFTER_RE.match(text, _past_dashes(text, head_end, bounds[1]), bounds[1])
    if before is None and after is None and text.endswith(_LIST_SEPARATORS, bounds[0], start):
        # "killed at least 40 civilians and 23 RSF fighters", "killed 94 people, including
        # 21 soldiers": the verb before the first of a list counts every item.
        before = _list_verb(text, v.CASUALTY_BEFORE_RE, max(bounds[0], start - 200), start)
    if before:
        metric = _metric_before(before)
    elif after:
        word = " ".join(after.group("word").lower().split())
        if word.endswith(("injuries", "wounds")):
            metric = "troops_wounded"  # "suffered minor injuries"
        elif " " in word and "prisoner" not in word and word not in v.PARTICIPLE_METRIC:
            metric = "troops_casualties"
        else:
            metric = v.PARTICIPLE_METRIC.get(word, "troops_killed")
    elif v.contains_any(sent.lower_slice(bounds[0], start), _CASUALTY_SUBJECTS) and (
        v.CASUALTY_SUBJECT_RE.search(text, bounds[0], start)
        or v.CASUALTY_LEAD_IN_RE.search(text, bounds[0], start)
    ):
        # "losses over the past day amounted to 1,380 personnel", "losses over the past
        # day: Kupiansk direction - up to 230 servicemen"
        metric = "troops_casualties"
    return _make(
        ctx, q, metric, start, q.end, qualifier=_qualifier_after(ctx, head_end, qualifier),
        scope=_scope_after(ctx, q, head_end, scope), unit="troops",
        actor=_actor(ctx, q, head, start), location=_location(ctx, q, head_end, sent),
    )


_DASHES = (" \u2014 ", " \u2013 ", " -- ")


def _past_dashes(text: str, at: int, end: int) -> int:
    """Where the words after a noun go on past an aside between dashes ("two soldiers --
    Sgt. Ali Khan, 34, and Cpl. Asif, 22 -- were killed"); `at` when none starts there."""
    if text.startswith(_DASHES, at):
        dash = text[at : at + 3] if text[at + 1] != "-" else " -- "
        close = text.find(dash, at + len(dash), end if end - at < 160 else at + 160)
        if close != -1:
            return close + len(dash) - 1
    return at


def _casualty_figure(ctx: _Context, q: Quantity, head: re.Match[str], start: int,
                     qualifier: str, scope: str | None) -> Figure | None:
    text = ctx.text
    sent = ctx.sentence(q.start)
    mods = head.group("mods") if head.re is v.HEAD_RE else ""
    if mods.strip() and not _names_only(mods):
        # "civilian casualties", "3 dead bodies"; but "five others seriously wounded" is
        # the verb with its auxiliary left out.
        verb = v.CASUALTY_VERB_RE.match(text, head.start())
        if verb is None:
            return None
        head, mods = verb, ""
    word = " ".join(head.group("casualty").lower().split())
    if head.re is v.HEAD_RE and head.group("part") and word.startswith(("prisoner", "pows")):
        return None  # "several of the prisoners said": some of those counted already
    prisoners_of_war = word in ("pows", "prisoners of war")
    if not prisoners_of_war and not _about_soldiers(ctx, sent, start):
        return None
    metric = v.PARTICIPLE_METRIC.get(word) or v.PARTICIPLE_METRIC.get(
        word.split()[0], "troops_casualties")
    follow = re.match(r"\s+(?:or|and)\s+(?:wounded|injured|captured|missing)\b", text[head.end() : head.end() + 20])
    if follow and metric == "troops_killed":
        metric = "troops_casualties"
    return _make(ctx, q, metric, start, q.end, qualifier=qualifier, scope=scope, unit="troops",
                 actor=_subject_actor(ctx, start) if not mods else _actor(ctx, q, head, start),
                 location=_location(ctx, q, head.end(), sent))


#: Words one of which stands within 60 characters before a casualty count with no noun
#: ("killed around 150 others", "casualties had reached about 1,100").
_BARE_CASUALTY_HINTS = ("kill", "wound", "injur", "captur", "losses", "casualt")


def _metric_before(before: re.Match[str]) -> str:
    """The metric a CASUALTY_BEFORE_RE verb gives the count after it ("killed or wounded"
    any casualty, "killed" the killed, "claimed the lives of" the killed)."""
    word = " ".join(before.group("word").lower().split())
    if word.endswith(" lives"):
        return "troops_killed"
    return "troops_casualties" if " " in word else v.PARTICIPLE_METRIC[word]


def _previous_sentence(ctx: _Context, sent: _Sentence) -> tuple[int, int] | None:
    """[start, end) of the sentence before `sent`, None when `sent` opens the text."""
    previous = ctx.sentences.bounds(max(0, sent.start - 2))
    return previous if previous[0] < sent.start else None


def _bare_casualty_figure(ctx: _Context, q: Quantity, start: int, qualifier: str,
                          scope: str | None) -> Figure | None:
    """A casualty count with no noun after it: the object of a casualty verb followed by
    "others" ("killed around 150 others"), or the value of a casualty subject ("Russian
    casualties in Kursk have exceeded 38,000", "losses ... amounted to 1,380")."""
    text = ctx.text
    sent = ctx.sentence(q.start)
    metric = owned = None
    others = v.OTHERS_RE.match(text, q.end) is not None
    if others or _CLAUSE_END_RE.match(text, q.end):
        # "killed around 150 others"; "killed 1,500 servicemen ... and captured 31." when the
        # people named last before the verb are soldiers.
        before = v.CASUALTY_BEFORE_RE.search(text, max(sent.start, start - 30), start)
        if before is not None and (
            others or _last_troop_noun(ctx, sent.start, before.start()) is not None
        ):
            metric = _metric_before(before)
    if metric is None and not others:
        subject = v.CASUALTY_SUBJECT_RE.search(text, sent.start, start)
        if subject is not None:
            metric = "troops_casualties"
            # "Russian casualties": a country's casualties are its soldiers, but not its
            # "civilian casualties".
            owned = _actor_near(ctx, subject.start(), subject.end(), (sent.start, sent.end))
            if owned is not None and v.NOT_MILITARY_PEOPLE_RE.search(
                text, max(sent.start, subject.start() - 30), subject.start()
            ):
                owned = None
    if metric is None or not (owned or _about_soldiers(ctx, sent, start)):
        return None
    return _make(ctx, q, metric, start, q.end, qualifier=qualifier, scope=scope, unit="troops",
                 actor=_subject_actor(ctx, start), location=_location(ctx, q, q.end, sent))


_CLAUSE_END_RE = re.compile(r"\s*(?:[,.;]|$)")

#: A tally written as a table: "soldiers killed — 3; soldiers wounded — 2", "Killed: 11".
_TALLY_LABEL_RE = re.compile(
    r"(?:\b(?P<noun>[A-Za-z]+)\s+)?\b(?P<word>killed|dead|wounded|injured|captured)"
    r"\s*(?:[\u2014\u2013:]|--?)\s*$",
    re.IGNORECASE,
)
#: A tally's heading: "Losses: 11 killed, 7 wounded", "Toll on the friendly side: 11 killed".
_TALLY_HEADING_RE = re.compile(r"\b(?:losses|casualties|toll)\b[^.;:]{0,30}:", re.IGNORECASE)
_TALLY_ITEM_RE = re.compile(
    r"\s+(?P<word>killed|dead|wounded|injured|captured)(?=\s*(?:[,;.]|and\b|$))",
    re.IGNORECASE,
)


def _tally_figure(ctx: _Context, q: Quantity, start: int, qualifier: str,
                  scope: str | None) -> Figure | None:
    """A count in a tally written as a table, after its label ("soldiers killed — 3") or
    before it under a heading ("Losses: 11 killed, 7 wounded")."""
    text = ctx.text
    sent = ctx.sentence(q.start)
    label = _TALLY_LABEL_RE.search(text, max(sent.start, start - 40), start)
    if label is None:
        label = _TALLY_ITEM_RE.match(text, q.end)
        if label is None or _TALLY_HEADING_RE.search(text, sent.start, start) is None:
            return None
        noun = None
    else:
        noun = label.group("noun")
    if noun is not None and v.NOT_MILITARY_PEOPLE_RE.fullmatch(noun):
        return None  # "civilians killed — 4"
    named_soldiers = noun is not None and (
        v.TROOP_NOUN_RE.fullmatch(noun) is not None or v.HEAD_RE.fullmatch(" " + noun) is not None
    )  # "soldiers killed", "militants killed"
    if not named_soldiers and not _about_soldiers(ctx, sent, start):
        return None
    metric = v.PARTICIPLE_METRIC[label.group("word").lower()]
    return _make(ctx, q, metric, start, q.end, qualifier=qualifier, scope=scope, unit="troops",
                 actor=_subject_actor(ctx, start), location=_location(ctx, q, q.end, sent))


def _last_troop_noun(ctx: _Context, lo: int, hi: int) -> re.Match[str] | None:
    """The last troop noun in text[lo:hi] when the last people named there are soldiers (no
    civilians after it), else None."""
    text = ctx.text
    nouns = list(v.TROOP_NOUN_RE.finditer(text, lo, hi))
    if not nouns or v.NOT_MILITARY_PEOPLE_RE.search(text, nouns[-1].end(), hi) is not None:
        return None
    return nouns[-1]


#: The words before a number that make it an addition to a force named before ("another
#: 1,500 are expected to follow", "a further 100 since April"), as `_Context.folded` has them.
_ADDITION_WORDS = (b" another ", b" a further ", b" an additional ")
_ADDITION_TEXT = tuple(w.decode() for w in _ADDITION_WORDS)
#: The letter each of them ends with, as `_Context.folded` has it: the one before the
#: space before the number, or no addition ("another", "a further", "an additional").
_ADDITION_LAST = (ord("r"), ord("l"))


def _is_addition(ctx: _Context, q: Quantity) -> bool:
    """True when "another", "a further" or "an additional" stands right before the number."""
    if ctx.odd:
        return (" " + ctx.text[max(0, q.start - 15) : q.start].lower()).endswith(_ADDITION_TEXT)
    return ctx.padded.endswith(_ADDITION_WORDS, 0, q.start + 1)  # b" " + folded[:q.start]


#: What may follow the number of an addition whose noun is left out: a verb, a preposition
#: or the end of the clause, never a noun of its own ("another 1,500 tanks").
_ELIDED_NEXT_RE = re.compile(
    r"\s*(?:[,.;]|$|(?:are|were|is|was|have|had|has|will|would|could|may|might|should|since|"
    r"in|into|to|from|by|on|at|during|this|last|next|earlier|later|under|across|near|"
    r"along|inside)\b)",
    re.IGNORECASE,
)


#: "... and 2,000 more are expected": an addition whose noun is left out.
_MORE_RE = re.compile(r"\s+more\b")
#: Words between the troops and such a "more" that make it more casualties, not troops.
_CASUALTY_WORDS = ("kill", "wound", "injur", "captur", "dead", "died", "casualt", "loss")


#: "About 1,500 of them have already been transported to Vladivostok": a part of the troops
#: named before, sent or stationed somewhere.
_PARTITIVES = (" of them", " of those", " of these")
#: What may follow a number whose noun is left out: `_elided_troop_figure`'s endings, and
#: `_strong_unit_figure`'s.
_ELIDED_AFTER = (*_PARTITIVES, " more")
_NO_NOUN_AFTER = (*_ELIDED_AFTER, "-strong")
_DEPLOYED_PART_RE = re.compile(
    r"\s+of\s+(?:them|those|these)\s+(?:(?:have|had|has)\s+(?:already\s+|now\s+)?been|were|was|"
    r"are|is|will\s+be)\s+(?:already\s+|now\s+|reportedly\s+)?(?:deployed|sent|transported|"
    r"moved|dispatched|stationed|transferred|based|positioned|flown|shipped)\b",
    re.IGNORECASE,
)


def _elided_troop_figure(ctx: _Context, q: Quantity, start: int, qualifier: str,
                         scope: str | None) -> Figure | None:
    """A troop count whose noun is left out, the troops named earlier in its sentence or
    the one before: an addition ("... and another 1,500 are expected to follow") or a part
    of them sent somewhere ("About 1,500 of them have already been transported")."""
    text = ctx.text
    if q.low is None and q.vague is None:
        return None
    # "... 3,000 soldiers ... and an estimated 5,000-7,000 more in the country"
    more = _MORE_RE.match(text, q.end)
    at = q.end if more is None else more.end()
    if text.startswith(" or so", at):
        at += 6  # "another 7,000 or so in Somalia"
        if qualifier == "exact":
            qualifier = "approx"
    partitive = _DEPLOYED_PART_RE.match(text, q.end) if more is None else None
    if partitive is None and (
        text.startswith(_PARTITIVES, at) or not _ELIDED_NEXT_RE.match(text, at)
    ):
        return None
    sent = ctx.sentence(q.start)
    nouns = list(v.TROOP_NOUN_RE.finditer(text, sent.start, start))
    bounds = sent.start, sent.end
    if not nouns:
        previous = _previous_sentence(ctx, sent)
        if previous is None:
            return None
        nouns = list(v.TROOP_NOUN_RE.finditer(text, previous[0], sent.start))
        bounds = previous
        if not nouns:
            return None
    noun = nouns[-1]
    if _PARTICIPLE_AFTER_NOUN_RE.match(text, noun.end()):
        return None  # "troops killed ... another 200": a casualty count, not a deployment
    if more is not None and v.contains_any(text[noun.end() : start].lower(), _CASUALTY_WORDS):
        return None  # "soldiers were killed on Monday and 20 more on Tuesday"
    return _make(ctx, q, "troops_deployed", start, q.end, qualifier=qualifier,
                 scope=scope or (None if partitive else "additional"), unit="troops",
                 actor=_noun_actor(ctx, noun.span(), bounds, noun.start()),
                 location=_location(ctx, q, q.end, sent))


#: "a 4,000-strong motor rifle brigade", "a 1,500-strong force": the size of a unit.
_STRONG_UNIT_RE = re.compile(
    r"-strong\s+(?:[\w’'-]+\s+){0,3}?(?P<unit>brigades?|forces?|contingents?|battalions?|"
    r"divisions?|regiments?|army|armies|garrisons?|units?|detachments?|corps|"
    r"(?:peacekeeping\s+)?missions?|deployments?|battle\s*groups?)\b",
    re.IGNORECASE,
)


#: "plans to deploy a contingent of about 150": the size of a unit named before the number,
#: with no noun after it.
_UNIT_WORDS = ("contingent of", "force of", "forces of", "deployment of", "garrison of",
               "detachment of", "battalion of", "brigade of", "army of")
_UNIT_OF_RE = re.compile(
    r"\b(?:contingents?|forces?|deployments?|garrisons?|detachments?|battalions?|brigades?|"
    r"army)\s+of\s+$",
    re.IGNORECASE,
)


def _unit_before(window: str) -> bool:
    """Whether "contingent of", "force of"... may stand before the number (and its qualifier
    words): looked for in the last 32 characters, and only where "of " stands (testing the
    nine phrases before every number with no noun cost ~1.7 % of the extractor)."""
    tail = window[-32:]
    return "of " in tail and v.contains_any(tail, _UNIT_WORDS)


def _unit_of_figure(ctx: _Context, q: Quantity, start: int, qualifier: str,
                    scope: str | None) -> Figure | None:
    text = ctx.text
    if q.low is None or not _UNIT_OF_RE.search(text, max(0, start - 40), start):
        return None
    if not _ELIDED_NEXT_RE.match(text, q.end):
        return None  # "a task force of 12 ships": the count of something else
    sent = ctx.sentence(q.start)
    return _make(ctx, q, "troops_deployed", start, q.end, qualifier=qualifier, scope=scope,
                 unit="troops", actor=_subject_actor(ctx, start),
                 location=_location(ctx, q, q.end, sent))


#: "Their deaths bring to 412 the number of soldiers killed", "raising to 17,000 the total
#: number of troops": a running total written before the noun it counts.
_NUMBER_OF_AFTER = (" the number of ", " the total number of ", " the toll of ",
                    " the tally of ", " the total of ", " the overall number of ")
_NUMBER_OF_RE = re.compile(
    r"\s+the\s+(?:total\s+|overall\s+)?(?:number|toll|tally|total)\s+of\s+"
    r"(?:(?!(?:" + v.STOP + r")\b)[\w’'\-]+\s+){0,3}?(?P<noun>" + v.TROOP_NOUNS + r")\b"
    r"(?:\s+(?P<participle>killed|wounded|injured|captured))?",
    re.IGNORECASE,
)
_BRING_TO_RE = re.compile(
    r"\b(?:bring(?:s|ing)?|brought|rais(?:e|es|ed|ing)|push(?:es|ed|ing)?|tak(?:e|es|ing)|took)"
    r"\s+to\s+(?:[a-z]+\s+){0,2}$"
)


def _number_of_after_figure(ctx: _Context, q: Quantity, start: int, qualifier: str,
                            scope: str | None) -> Figure | None:
    text = ctx.text
    if q.low is None:
        return None
    window = text[start - 40 if start > 40 else 0 : q.start].lower()
    noun = _NUMBER_OF_RE.match(text, q.end)
    if noun is None or _BRING_TO_RE.search(window) is None:
        return None
    participle = noun.group("participle")
    metric = v.PARTICIPLE_METRIC[participle.lower()] if participle else "troops_deployed"
    sent = ctx.sentence(q.start)
    return _make(ctx, q, metric, start, q.end, qualifier=qualifier, scope=scope or "total",
                 unit="troops",
                 actor=_noun_actor(ctx, noun.span("noun"), (sent.start, sent.end), start),
                 location=_location(ctx, q, noun.end(), sent))


#: "roughly 2,500 troops in Iraq and about 900 in Syria", "40,000 U.S. troops remain in
#: the region, including about 2,500 in Iraq": a share of the troops named before, by place.
_IN_PLACE_AFTER = (" in ", " at ", " inside ")
_IN_PLACE_RE = re.compile(r"\s+(?:in|at|inside)\s+(?:the\s+)?(?=[A-Z])")
_LIST_BEFORE_RE = re.compile(r"(?:,|\band|\bincluding|\bwith|\bplus|\bwhile)\s*$")


def _elided_place_figure(ctx: _Context, q: Quantity, start: int, qualifier: str,
                         scope: str | None) -> Figure | None:
    text = ctx.text
    if q.low is None or q.ordinal:
        return None
    at = _IN_PLACE_RE.match(text, q.end)
    place = None if at is None else PLACE_RE.match(text, at.end())
    if place is None or not _LIST_BEFORE_RE.search(text, max(0, start - 12), start):
        return None
    named = _troops_named_before(ctx, q, start)
    if named is None:
        return None
    sent, noun = named
    return _make(ctx, q, "troops_deployed", start, q.end, qualifier=qualifier, scope=scope,
                 unit="troops", actor=_noun_actor(ctx, noun.span(), (sent.start, sent.end), start),
                 location=country_of(place.group("name")))


def _troops_named_before(ctx: _Context, q: Quantity,
                         start: int) -> tuple[_Sentence, re.Match[str]] | None:
    """The sentence of a count whose noun is left out, and the troop noun named last before
    it there, when the count is a share of those troops deployed ("2,500 in Iraq and about
    900 in Syria", "of whom some 7,000 are ..."); None when no troops are named before it or
    the sentence counts casualties ("killed 30 soldiers in Gaza and 12 in Lebanon": which
    casualty the share is is not known here)."""
    sent = ctx.sentence(q.start)
    if v.contains_any(sent.lower_slice(sent.start, start), _CASUALTY_WORDS):
        return None
    noun = _last_troop_noun(ctx, sent.start, start)
    return None if noun is None else (sent, noun)


def _noun_actor(ctx: _Context, noun: tuple[int, int], bounds: tuple[int, int],
                at: int) -> str | None:
    """Whose troops the noun at span `noun` names: a country written with it (in `bounds`),
    else the sentence's subject before `at`."""
    return _actor_near(ctx, noun[0], noun[1], bounds) or _subject_actor(ctx, at)


def _strong_unit_figure(ctx: _Context, q: Quantity, start: int, qualifier: str,
                        scope: str | None) -> Figure | None:
    """The size of a unit written before it: "moved a 4,000-strong motor rifle brigade into
    Belarus" counts 4,000 troops deployed."""
    unit = _STRONG_UNIT_RE.match(ctx.text, q.end)
    if unit is None or q.low is None:
        return None
    sent = ctx.sentence(q.start)
    return _make(ctx, q, "troops_deployed", start, unit.end(), qualifier=qualifier, scope=scope,
                 unit="troops", actor=_subject_actor(ctx, start),
                 location=_location(ctx, q, unit.end(), sent))


#: What may follow a count with no noun in a list of losses: the end of its item, or a
#: place ("up to 140 near Lyman, ...").
_LOSS_ITEM_AFTER = (";", ",", ".", " and ", " in ", " near ", " at ", " around ", " on ",
                    " along ")
_LOSS_ITEM_END_RE = re.compile(
    r"(?:\s+(?:in|near|at|around|on|along)\s+(?:the\s+)?(?-i:[A-Z])[\w’'-]*"
    r"(?:\s+(?:direction|sector|axis|front|area|region))?)?\s*(?:[;,.]|and\b|$)",
    re.IGNORECASE,
)
#: One item of a list of losses before the count: a label ("Lyman direction —"), a count,
#: a noun ("servicemen"), a place ("in the Kupiansk direction").
_LOSS_ITEM_RE = re.compile(
    r"(?P<label>[^\d]*?)(?:(?:up\s+to|about|around|some|nearly|almost|over|more\s+than|"
    r"at\s+least|roughly|approximately)\s+)?\d[\d,.]*"
    r"(?:\s+(?P<noun>(?:[A-Za-z][\w’'-]*\s+){0,2}?(?:" + v.TROOP_NOUNS + r")\b))?"
    r"(?P<post>[^\d]*)",
    re.IGNORECASE,
)
_LOSS_ITEM_SPLIT_RE = re.compile(r";|,(?!\d{3})|\band\b")
#: The words a label of a list item may hold besides names: "Lyman direction", "in the
#: Kupiansk sector" (not "tanks - 9").
_LABEL_WORDS = frozenset((
    "direction", "directions", "sector", "axis", "front", "area", "region", "district",
    "oblast", "province", "zone", "near", "in", "the", "at", "around", "on", "of", "along",
    "toward", "towards", "by",
))


def _loss_lead_in(ctx: _Context, s: int) -> re.Match[str] | None:
    """The CASUALTY_LEAD_IN_RE match at the last "losses" or "casualties" in the MAX_SIDE
    characters before `s`, if that word heads a list. One anchored match: searching the
    window with the regex for each number cost ~10x the rest of a bare number's rejection
    in a text of such numbers."""
    lo = s - MAX_SIDE if s > MAX_SIDE else 0
    if ctx.odd:
        found = list(v.CASUALTY_LEAD_IN_RE.finditer(ctx.text, lo, s))
        return found[-1] if found else None
    folded = ctx.folded
    at = folded.rfind(b"losses", lo, s)
    other = folded.rfind(b"casualties", lo, s)
    if other > at:
        at = other
    return None if at == -1 else v.CASUALTY_LEAD_IN_RE.match(ctx.text, at, s)


def _is_label(text: str) -> bool:
    """Whether every word of `text` is a name or one of _LABEL_WORDS."""
    return all(
        word[0].isupper() or word.lower() in _LABEL_WORDS
        for word in (w.strip("—–-:()") for w in text.split()) if word
    )


def _loss_item_figure(ctx: _Context, q: Quantity, start: int, qualifier: str,
                      scope: str | None) -> Figure | None:
    """A count with no noun in a list of losses, its items counting soldiers: "losses over
    the past day: Kupiansk direction - up to 230 servicemen; Lyman direction - up to 185"."""
    text = ctx.text
    if q.low is None or not _LOSS_ITEM_END_RE.match(text, q.end):
        return None
    # (its sentence is looked up only where a lead-in stands: see _may_link_total)
    lead = _loss_lead_in(ctx, q.start)
    if lead is None or lead.end() > start or lead.start() < ctx.sentence(q.start).start:
        return None
    pieces = _LOSS_ITEM_SPLIT_RE.split(text[lead.end() : start])
    if not _is_label(pieces[-1]):
        return None  # "tanks - 9": a count of something else
    soldiers = False
    for piece in pieces[:-1]:
        if _is_label(piece):
            continue  # "Kharkiv, 120 troops": a label set off by a comma
        item = _LOSS_ITEM_RE.fullmatch(piece)
        if item is None or not (_is_label(item.group("label")) and _is_label(item.group("post"))):
            return None  # an item of something else, or no list
        soldiers = soldiers or item.group("noun") is not None
    if not soldiers:
        return None  # "Bakhmut 120, Avdiivka 85": counts of what?
    return _make(ctx, q, "troops_casualties", start, q.end, qualifier=qualifier, scope=scope,
                 unit="troops", actor=_subject_actor(ctx, start))


#: How far (characters) a gapped count may stand after the troop figure it follows.
_GAP_REACH = 160
_DIGIT_RE = re.compile(r"\d")
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_YEAR_AFTER_RE = re.compile(r",?\s*(?:19|20)\d\d\b")
#: What may follow a gapped count besides _ELIDED_NEXT_RE: "... France 300 and Italy 200".
_GAP_NEXT_RE = re.compile(r"\s+(?:and|while|whereas|but|each|respectively)\b", re.IGNORECASE)
#: What joins a gapped count to the clause before it: "... 250 soldiers and Luxembourg
#: about 20", "... 1,000 troops in Lithuania, France 300 and Italy 200".
_GAP_JOIN_RE = re.compile(r"(?:,|\b(?:and|while|whereas|but))\s+(?:the\s+)?$", re.IGNORECASE)


def _may_be_gapped(ctx: _Context, s: int, window: str) -> bool:
    """Whether a number with no noun at `s` may be a gapped count: a troop figure stands
    shortly before it and a country's name (one word, or the last of two: "South Korea")
    among the three words before it."""
    last = ctx.last_troops
    if last is None or s - last.evidence.end > _GAP_REACH:
        return False
    words = window[-40:].split()[-4:]
    for i in range(len(words) - 1, 0 if len(words) > 3 else -1, -1):
        word = words[i]
        if word[0].isupper() and (
            country_of(word) is not None or (i and country_of(f"{words[i - 1]} {word}"))
        ):
            return True
    return False


def _gapped_troop_figure(ctx: _Context, q: Quantity, start: int, qualifier: str,
                         scope: str | None) -> Figure | None:
    """A count whose verb and noun are left out after a country, the troop figure before it
    in its sentence giving them: "Belgium contributes some 250 soldiers and Luxembourg about
    20", "Britain sent 500 troops to Estonia, France 300 and Italy 200"."""
    text = ctx.text
    last = ctx.last_troops
    if last is None or q.low is None or not (
        _ELIDED_NEXT_RE.match(text, q.end) or _GAP_NEXT_RE.match(text, q.end)
    ):
        return None  # "... and France 300 tanks": a count of something else
    if last.evidence.end > start:
        return None
    found = places(text, last.evidence.end, start)
    if not found:
        return None
    place = found[-1]
    name = place.group("name")
    if (
        text[place.end() : start].strip()
        or is_region(name)
        or (country := country_of(name)) is None
        or not _GAP_JOIN_RE.search(text, last.evidence.end, place.start())
    ):
        return None
    if _DIGIT_RE.search(_YEAR_RE.sub("", text[last.evidence.end : place.start()])):
        return None  # another count stands between: which noun is left out is unclear
    if _YEAR_AFTER_RE.match(text, q.end):
        return None  # "U.S. 15, 2024": a date
    sent = ctx.sentence(q.start)
    if last.evidence.start < sent.start:
        return None
    return _make(ctx, q, last.metric, start, q.end, qualifier=qualifier,
                 scope=scope or last.scope, unit="troops", actor=country,
                 location=_location(ctx, q, q.end, sent))


def _about_soldiers(ctx: _Context, sent: _Sentence, start: int) -> bool:
    """Whether a casualty count with no troop noun counts soldiers: its sentence speaks of
    the military; or it names no other people and the sentence before speaks of the
    military ("... soldiers were killed in Kursk. Seoul put the toll lower, saying at
    least 100 had been killed"); or a country suffered or lost them ("Russia has suffered
    700,000 casualties")."""
    if ctx.military(sent):
        return True
    text = ctx.text
    if v.NOT_MILITARY_PEOPLE_RE.search(text, sent.start, sent.end) is not None:
        return False
    previous = _previous_sentence(ctx, sent)
    if previous is not None and v.MILITARY_CONTEXT_RE.search(text, previous[0], sent.start):
        return True
    suffered = _SUFFERED_RE.search(text, sent.start, start)
    return suffered is not None and _subject_actor(ctx, suffered.start()) is not None


_SUFFERED_RE = re.compile(r"\b(?:suffered|suffering|suffers|lost|losing|loses)\b", re.IGNORECASE)


def _names_only(mods: str) -> bool:
    """True when modifiers are only place names and demonyms ("Russian", "North Korean")."""
    rest = mods
    for m in reversed(places(mods, 0, len(mods))):
        rest = rest[: m.start()] + rest[m.end() :]
    return not rest.strip(" -’'s")


def _metric_after(after: re.Match[str]) -> str:
    """The metric a PEOPLE_CASUALTY_RE participle gives the soldiers before it ("killed or
    wounded" any casualty, "wounded" the wounded)."""
    word = " ".join(after.group("word").lower().split())
    return "troops_casualties" if " or " in word or " and " in word else (
        v.PARTICIPLE_METRIC.get(word, "troops_killed"))


#: A second subject joined by "and" (up to five words, no verb among them), then the verb
#: both share: "At least 18 guerrillas and three soldiers died", "Six insurgents and a
#: policeman were killed".
_COORDINATED_VERB_RE = re.compile(
    r"\s+and(?:\s+(?!(?:said|says|were|was|are|is|had|have|has|been|who|which|that|and|or)\b)"
    r"[\w’'-]+){1,5}?" + v.PEOPLE_CASUALTY_RE.pattern,
    re.IGNORECASE,
)


def _coordinated_verb(text: str, end: int, sent_end: int) -> re.Match[str] | None:
    """The shared casualty verb after a second subject, the first ending at `end`."""
    if not text.startswith(" and ", end):
        return None
    return _COORDINATED_VERB_RE.match(text, end, sent_end)


def _people_casualty_figure(ctx: _Context, q: Quantity, head: re.Match[str], start: int,
                            qualifier: str, scope: str | None) -> Figure | None:
    """A `_PEOPLE` noun counts soldiers only as casualties: a casualty verb right before
    the number ("lost nearly 300 men") or right after the noun ("one soldier was killed")."""
    text = ctx.text
    sent = ctx.sentence(q.start)
    metric = None
    after = v.PEOPLE_CASUALTY_RE.match(text, head.end(), sent.end) or _coordinated_verb(
        text, head.end(), sent.end)
    if after is not None:
        metric = _metric_after(after)
    else:
        before = v.CASUALTY_BEFORE_RE.search(text, max(sent.start, start - 30), start)
        if before is not None:
            metric = _metric_before(before)
    if metric is None:
        return None
    # "men" may be anyone; a soldier or a militant is one by the word itself.
    if head.group("people").lower() == "men" and not _about_soldiers(ctx, sent, start):
        return None
    return _make(ctx, q, metric, start, q.end, qualifier=qualifier, scope=scope, unit="troops",
                 actor=_actor(ctx, q, head, start), location=_location(ctx, q, head.end(), sent))


def _weapon(mods: str, head: str) -> str:
    words = [w.strip("“”\"") for w in mods.replace("’s", "").split()
             if w.lower() not in v.WEAPON_DROP and country_of(w) is None]
    while words and country_of(" ".join(words[:2])) is not None:
        words = words[2:]
    noun = head if head.endswith(("ss",)) or not head.endswith("s") else head[:-1]
    return " ".join([*(w.lower() if not w.isupper() else w for w in words), noun])


def _missile_figure(ctx: _Context, q: Quantity, head: re.Match[str], start: int,
                    qualifier: str, scope: str | None) -> Figure | None:
    text = ctx.text
    sent = ctx.sentence(q.start)
    if v.head_is_modifier(text, head.end()):
        if re.match(r"\s*(?:tests|launches)\b", text[head.end() : head.end() + 12]):
            return _make(ctx, q, "weapon_tests", start, q.end, qualifier=qualifier, scope=scope,
                         unit="tests", actor=_subject_actor(ctx, start))
        return None
    if not (ctx.launch(sent) or _ATTACKED_WITH_RE.search(text, sent.start, start)):
        return None
    if _INTERCEPTED_RE.search(text, max(sent.start, start - 30), start) or (
        text.endswith(_LIST_SEPARATORS, sent.start, start)
        and _list_verb(text, _INTERCEPTED_RE, max(sent.start, start - 200), start)
    ):
        # "shot down 31 of the missiles", "shot down seven ballistic missiles and 45 cruise
        # missiles": the ones stopped, not the ones fired
        return None
    if head.group("part") and _STOPPED_AFTER_RE.match(text, head.end(), sent.end):
        return None  # "Two of the missiles and 54 of the drones were shot down"
    lo = start - 30 if start - 30 > sent.start else sent.start
    if v.contains_any(sent.lower_slice(lo, start), _HELD_HINTS) and _HELD_BEFORE_RE.search(
        text, lo, start
    ):
        return None  # "launchers that each carry two missiles": held, not fired
    ctx.missile_heads.add(head.start("missiles"))
    return _make(ctx, q, "missiles_launched", start, q.end, qualifier=qualifier, scope=scope,
                 unit="missiles", weapon=_weapon(head.group("mods"), head.group("missiles")),
                 actor=_actor(ctx, q, head, start))


#: After "N of the missiles": the verb of air defence that stopped them.
_STOPPED_AFTER_RE = re.compile(
    r"[^.;]{0,40}?\b(?:were|was|had\s+been|have\s+been)\s+(?:\w+\s+)?(?:"
    + _INTERCEPT_VERBS + r")\b",
    re.IGNORECASE,
)
#: Substrings one of which every _HELD_BEFORE_RE match holds (lower case).
_HELD_HINTS = ("carr", "hold", "stor", "produc", "buy", "bought", "order", "deliver", "suppl",
               "sell", "sold", "stockpil")
#: A verb of holding, making or trading right before a missile count.
_HELD_BEFORE_RE = re.compile(
    r"\b(?:carr(?:y|ies|ying)|hold(?:s|ing)?|stor(?:e|es|ing)|produc(?:e|es|ed|ing)|"
    r"buy(?:s|ing)?|bought|order(?:s|ed)?|deliver(?:s|ed|ing)?|suppl(?:y|ies|ied)|"
    r"sell(?:s|ing)?|sold|stockpil\w*)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
#: "Russia attacked Ukraine overnight with 45 missiles": an attack made with the count, or
#: with a list holding it ("with 92 drones and two ballistic missiles"); "the attack involved
#: some 170 drones, more than 30 cruise missiles and about 120 ballistic missiles".
_ATTACKED_WITH_RE = re.compile(
    r"\b(?:(?:attack(?:ed|s|ing)?|struck|strik(?:es|ing)|hit|pound(?:ed|ing)|bombard(?:ed|ing)|"
    r"target(?:ed|ing|s))\b[^.;]{0,80}?\bwith"
    r"|(?:attack|strike|assault|barrage|salvo)s?\b[^.;]{0,40}?\b(?:involved|included|comprised|"
    r"consisted\s+of|used))\s+(?:" + _LIST_ITEM + r"){0,4}$",
    re.IGNORECASE,
)
#: A verb of air defence right before a missile count: the count is of missiles stopped.
_INTERCEPTED_RE = re.compile(
    r"\b(?:" + _INTERCEPT_VERBS + r")\s+(?:(?:all|only|just)\s+)?$",
    re.IGNORECASE,
)


_WHERE_AFTER_RE = re.compile(
    r"\s+(?:(?:north|south|east|west)(?:[- ]?(?:north|south|east|west))?(?:ward)?\s+of|off|"
    r"from\s+the\s+(?:[\w-]+\s+)?(?:border|front(?:\s*line)?|frontline|coast|capital))\b",
    re.IGNORECASE,
)


def _distance_figure(ctx: _Context, q: Quantity, head: re.Match[str], start: int,
                     qualifier: str) -> Figure | None:
    text = ctx.text
    if head.group("mods").strip() or q.vague:
        return None
    unit = head.group("distance").lower()
    is_miles = unit.startswith("mile")
    if is_miles and _MILES_EQUIV_RE.search(text, max(0, start - 14), start):
        return None  # "600 km (370 miles)": the miles are the same figure again
    if _WHERE_AFTER_RE.match(text, head.end()):
        return None  # "landed about 200 km west of Okushiri Island": where, not how far
    sent = ctx.sentence(q.start)
    bounds = sent.start, sent.end
    metric = _distance_metric(ctx, sent, bounds[0] if bounds[0] > start - 60 else start - 60,
                              start)
    if metric is None:
        return None
    if _flown_by_aircraft(ctx, bounds[0], start):
        return None  # "20 jets took part in the raid, flying some 2,000 km": no missile's
    if metric == "missile_range_km" and _stated_capability(ctx, bounds[0], start):
        return None
    if _in_space(ctx, bounds):
        return None  # "entered orbit ... at an altitude of roughly 500 km": a satellite's
    end = head.end()
    equivalent = re.match(r"\s*\([^()]{1,30}\)", text[end : end + 34])
    if equivalent and not is_miles:
        end += equivalent.end()
    low, high = q.low, q.high
    if is_miles and low is not None and high is not None:
        low, high = round(low * 1.609344, 1), round(high * 1.609344, 1)
    figure = _make(ctx, q, metric, start, end, qualifier=qualifier, unit="km",
                   actor=_subject_actor(ctx, start))
    if is_miles:
        figure = replace(figure, low=low, high=high)
    return figure


_WORD_RE = re.compile(r"\w+")


def _distance_metric(ctx: _Context, sent: _Sentence, lo: int, start: int) -> str | None:
    """The metric the last match of DISTANCE_CONTEXT_RE in text[lo:start] gives, None when it
    has none. Its matches are whole words (`\\b` at both ends) of v.DISTANCE_WORDS, from which
    the regex is built, so the window's last such word is looked up: splitting the window
    into words costs ~1/10 of the regex scan, which tries its alternation at every word
    (~45k instructions a distance). A text holding one of _ODD_LETTERS runs the regex
    (re.IGNORECASE reads them as ASCII letters, lower() does not)."""
    text = ctx.text
    if ctx.odd:
        metric = None
        for m in v.DISTANCE_CONTEXT_RE.finditer(text, lo, start):
            metric = "missile_altitude_km" if m.group("altitude") else "missile_range_km"
        return metric
    words = _WORD_RE.findall(sent.lower_slice(lo, start))
    # A word cut at `lo` is no whole word: the regex's \b sees the character before `lo`.
    first = 1 if lo and lo < start and _is_word_char(text[lo - 1]) and _is_word_char(
        text[lo]) else 0
    for i in range(len(words) - 1, first - 1, -1):
        metric = v.DISTANCE_WORDS.get(words[i])
        if metric is not None:
            return metric
    return None


def _is_word_char(char: str) -> bool:
    """Whether `char` is one `\\w` matches (a str pattern's: any letter or digit, or "_")."""
    return char.isalnum() or char == "_"


_SPACE_RE = re.compile(r"\b(?:orbit|spacecraft)\b", re.IGNORECASE)


def _in_space(ctx: _Context, bounds: tuple[int, int]) -> bool:
    """Whether the sentence in `bounds` speaks of an orbit or a spacecraft: its words are
    looked for in the folded text first (a regex search of the sentence cost ~1.5 % of the
    extractor)."""
    b0, b1 = bounds
    if not ctx.odd and ctx.folded.find(b"orbit", b0, b1) == -1 and (
        ctx.folded.find(b"spacecraft", b0, b1) == -1
    ):
        return False
    return _SPACE_RE.search(ctx.text, b0, b1) is not None
#: A range stated as what a missile can do, not how far one flew: "has a range of up to
#: 500 km", "with a stated range of", "can reach targets 1,400 km away", "capable of flying
#: 15,000 km", "limits the range of its missiles to 2,000 km".
_CAPABILITY_RE = re.compile(
    r"\b(?:(?:ha[sdv]e?|with|given)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?range"
    r"|range\s+of\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,2}?missiles"
    r"|(?:can|could|would|will|may|might|able\s+to|capable\s+of|designed\s+to)\s+"
    r"(?:[\w-]+\s+){0,3}?(?P<modal>reach(?:ing)?|strik(?:e|ing)|hit(?:ting)?|fly(?:ing)?|"
    r"travel(?:l?ing)?|cover(?:ing)?)"
    r"|(?:stated|maximum|designed|claimed|operational|effective)\s+range)\b[^.;\d]{0,40}$",
    re.IGNORECASE,
)
#: Substrings one of which every _CAPABILITY_RE match holds (lower case): " range" for a
#: stated range (not "intermediate-range"), else the verb after a modal.
_CAPABILITY_HINTS = (" range", "reach", "strik", " hit", "fly", "travel", "cover")
#: A launch reported as an event (not "is fired from launchers"): in the sentence of a
#: stated range, the range is the one the test showed ("test-fired a Shaheen-III missile
#: with a range of 2,750 km").
_EVENT_LAUNCH_RE = re.compile(
    r"\b(?<!is )(?<!are )(?<!be )(?:fired|launched|test-fired|test-launched|flight-tested|"
    r"test-flew)\b",
    re.IGNORECASE,
)


def _stated_capability(ctx: _Context, lo: int, start: int) -> bool:
    """True when the distance at `start` is a stated capability, not tied to a launch
    reported in its sentence."""
    text = ctx.text
    if start - 80 > lo:
        lo = start - 80
    # (whitespace made single spaces: a match's words stand apart by any whitespace)
    if not v.contains_any(" " + " ".join(text[lo:start].lower().split()), _CAPABILITY_HINTS):
        return False
    stated = _CAPABILITY_RE.search(text, lo, start)
    if stated is None:
        return False
    if stated.group("modal"):
        return True  # "can strike targets up to 400 km away", whatever else was fired
    sent = ctx.sentence(start)
    return _EVENT_LAUNCH_RE.search(text, sent.start, sent.end) is None


#: How far (characters) before a distance the aircraft that flew it may be named.
_AIRCRAFT_REACH = 100
#: Substrings one of which every aircraft noun of _VEHICLE_RE holds (lower case).
_AIRCRAFT_HINTS = ("jet", "plane", "bomber", "aircraft", "drone", "uav", "helicopter")
#: The nouns of what travels a distance: a missile, or an aircraft.
_VEHICLE_RE = re.compile(
    r"\b(?:(?P<missile>missiles?|rockets?|projectiles?|warheads?|ICBMs?|SRBMs?|IRBMs?|MRBMs?|"
    r"SLBMs?)|(?P<aircraft>jets?|warplanes?|airplanes?|planes?|bombers?|fighter-bombers?|"
    r"aircraft|drones?|UAVs?|helicopters?))\b",
    re.IGNORECASE,
)
#: Before an aircraft noun: the aircraft a missile is fired from or aimed at, not what
#: travels ("the missile, fired from a Su-34 jet, flew 300 km", "can hit aircraft 400 km away").
_FROM_AIRCRAFT_RE = re.compile(
    r"\b(?:from|by|aboard|off|under|at|hit(?:s|ting)?|strik(?:e|es|ing)|intercept\w*|"
    r"target\w*|engag\w*|destroy\w*|down(?:s|ing)?)\s+(?:[\w’'-]+\s+){0,3}$",
    re.IGNORECASE,
)
#: Between a missile noun and an aircraft noun: the two named together ("missiles and
#: drones"), the distance then may be the missiles'.
_VEHICLE_PAIR_RE = re.compile(r"\s*(?:,|and|or|&)\s+(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE)


def _flown_by_aircraft(ctx: _Context, lo: int, start: int) -> bool:
    """True when what travels the distance written at `start` is an aircraft: the last
    vehicle named before it in its sentence, at most _AIRCRAFT_REACH characters back, is a
    jet, warplane, bomber, plane or drone ("the bombers flew more than 1,500 km"), not a
    missile ("fired missiles that flew 1,500 km") nor what one launched ("the jets launched
    a Kh-101, which flew 300 km")."""
    if start - _AIRCRAFT_REACH > lo:
        lo = start - _AIRCRAFT_REACH
    stop = ctx.text.rfind(". ", lo, start)  # (a sentence the splitter left whole)
    if stop != -1:
        lo = stop + 2
    if ctx.odd:
        if not v.contains_any(ctx.text[lo:start].lower(), _AIRCRAFT_HINTS):
            return False
    elif not v.contains_any(ctx.folded[lo:start].decode(), _AIRCRAFT_HINTS):
        return False
    text = ctx.text
    vehicles = list(_VEHICLE_RE.finditer(text, lo, start))
    if not vehicles or vehicles[-1].group("aircraft") is None:
        return False
    last = vehicles[-1]
    if _FROM_AIRCRAFT_RE.search(text, last.start() - 40 if last.start() - 40 > lo else lo,
                                last.start()):
        return False
    if v.LAUNCH_RE.search(text, last.end(), start):
        return False
    missiles = [m for m in vehicles if m.group("missile")]
    return not (missiles and _VEHICLE_PAIR_RE.match(text, missiles[-1].end(), last.start()))


def _ordinal_figure(ctx: _Context, q: Quantity) -> Figure | None:
    text = ctx.text
    head = v.ORDINAL_HEAD_RE.match(text, q.end)
    if head is None:
        return None
    bounds = ctx.sentences.bounds(q.start)
    period_at = head.end()
    if head.group("time"):
        period = v.PERIOD_RE.match(text, period_at)
        rest = text[head.end() : bounds[1]]
        if not (v.LAUNCH_RE.search(rest) or re.search(r"\btest", rest)):
            return None
    else:
        period = v.PERIOD_RE.match(text, period_at)
    when = period.group("period") if period else None
    if when:
        when = re.sub(r"^(?:of|in)\s+(?=\d)", "", " ".join(when.split()))
    return _make(ctx, q, "weapon_tests", q.start, q.end, unit="tests",
                 actor=_subject_actor(ctx, q.start), period=when,
                 weapon=_ordinal_weapon(text, head, period.end() if period else head.end(),
                                        bounds[1]))


def _ordinal_weapon(text: str, head: re.Match[str], after: int, end: int) -> str | None:
    """The weapon an ordinal count is of ("its first ICBM test", "the third test of a
    hypersonic missile"); None for a count of every test ("the 18th launch this year")."""
    mods = head.group("mods")
    inside = v.MISSILE_NOUN_RE.search(mods)
    if inside is not None:
        return _weapon(mods[: inside.start()], inside.group("missiles"))
    of = v.ORDINAL_WEAPON_RE.match(text, after, end)
    if of is None:
        return None
    return _weapon(of.group("mods"), of.group("missiles"))


def _total_link(ctx: _Context, q: Quantity) -> re.Match[str] | None:
    """"bringing the total number of ... troops ... to 13,000": the running total named
    earlier in the sentence that a bare number after "to" gives."""
    if not _may_link_total(ctx, q.start):
        return None
    bounds = ctx.sentences.bounds(q.start)
    return v.TOTAL_LINK_RE.search(ctx.text, bounds[0], q.start)


def _may_link_total(ctx: _Context, s: int) -> bool:
    """Whether `_total_link` looks for the sentence of a number starting at `s`, and so
    adds it to `ctx.sentences`. A number with no noun is rejected before that only when
    this is False: the sentences found serve the numbers after it (SentenceIndex), so
    they must be the same ones."""
    if s == 0 or ctx.raw[s - 1] != 32 or "to" not in ctx.text[s - 30 if s > 30 else 0 : s]:
        return False
    if ctx.odd:
        return True
    # A match starts with one of these verbs inside the sentence, which begins at most
    # MAX_SIDE characters back: without one there, the sentence need not be found.
    # (Read as str: `in` on bytes costs ~6x as much, as it first tries the needle as an
    # int and builds the TypeError.)
    return v.contains_any(ctx.folded[s - MAX_SIDE if s > MAX_SIDE else 0 : s].decode(),
                          _TOTAL_LINK_VERBS)


#: Substrings one of which every TOTAL_LINK_RE match holds (lower-case ASCII).
_TOTAL_LINK_VERBS = ("bring", "brought", "rais", "tak", "took", "push", "increas", "boost",
                     "expand")


def _linked_troop_figure(ctx: _Context, q: Quantity, start: int, qualifier: str,
                         scope: str | None, total_link: re.Match[str] | None = None
                         ) -> Figure | None:
    """A number with no noun after it, tied to troops named before it in the sentence."""
    text = ctx.text
    window = text[max(0, q.start - 60) : q.start].lower()
    put_at = None
    if total_link is None and not v.LINK_RE.search(window):
        put_at = _PUT_NUMBER_AT_RE.search(window)
        if put_at is None:
            return None
    if q.low is None and q.vague is None:
        return None
    if total_link and not _ELIDED_NEXT_RE.match(text, q.end):
        return None  # "raising the army's strength to 40 battalions": a count of units
    sent = ctx.sentence(q.start)
    bounds = sent.start, sent.end
    nouns = list(v.TROOP_NOUN_RE.finditer(text, bounds[0], start))
    unit = None
    if "number" in window and _UNIT_LINK_RE.search(window):
        unit = _UNIT_NOUN_RE.search(text, nouns[-1].end() if nouns else bounds[0], start)
    if unit is not None:
        # "a contingent numbering about 1,300": the size of a unit, whatever the sentence
        # said of the troops before it.
        return _make(ctx, q, "troops_deployed", start, q.end, qualifier=qualifier,
                     scope=_scope_after(ctx, q, q.end, scope), unit="troops",
                     actor=_noun_actor(ctx, unit.span(), bounds, start),
                     location=_location(ctx, q, q.end, sent))
    if put_at is not None:
        # "put the number of militants killed at three": the noun of the phrase (fighters
        # counted as casualties too), not the troops named before it.
        lo = q.start - len(window) + put_at.start()
        named = list(v.TROOP_NOUN_RE.finditer(text, lo, start)) or list(
            _COMBATANT_KILLED_RE.finditer(text, lo, start))
        nouns = named or nouns
    if not nouns:
        return _force_total_figure(ctx, q, start, qualifier, scope) if total_link else None
    noun = nouns[-1]
    metric = "troops_deployed"
    participle = _PARTICIPLE_AFTER_NOUN_RE.match(text, noun.end())
    if participle is None and total_link is not None:
        # "bringing the number captured since ... to 700"
        participle = _NUMBER_PARTICIPLE_RE.search(text, total_link.start(), total_link.end())
    if participle is not None:
        metric = _participle_metric(participle)
    elif total_link is not None:
        # "brought the death toll among troops ... to 19"
        toll = _TOLL_NOUN_RE.search(text, total_link.start(), noun.start())
        if toll is not None:
            metric = _toll_metric(toll)
    toll = _TOLL_NOUN_RE.search(text, noun.end(), start)
    if toll is not None:
        # "... troops had been killed, while Ukraine's own military deaths were put at
        # 60,000-100,000": the count is of the casualty noun between, not of the troops.
        metric = _toll_metric(toll)
        noun = toll
    if window.endswith(("estimated at", "estimates of", "estimate of")) and qualifier == "exact":
        qualifier = "approx"
    if "estimat" in window and qualifier == "exact":
        qualifier = "approx"
    return _make(ctx, q, metric, start, q.end, qualifier=qualifier,
                 scope=_scope_after(ctx, q, q.end, scope), unit="troops",
                 actor=_noun_actor(ctx, noun.span(), bounds, start),
                 location=_location(ctx, q, noun.end(), sent))


def _force_total_figure(ctx: _Context, q: Quantity, start: int, qualifier: str,
                        scope: str | None) -> Figure | None:
    """A running total of a force named by a word for it, no troop noun in the sentence:
    "deploy a 500-strong battalion, bringing KFOR’s strength to about 4,500", "raising
    NATO's presence in Romania to 5,000"."""
    text = ctx.text
    sent = ctx.sentence(q.start)
    link = v.TOTAL_LINK_RE.search(text, sent.start, q.start)
    if link is None or link.group("force") is None:
        return None
    if not ctx.military(sent):
        previous = _previous_sentence(ctx, sent)
        if previous is None or not v.MILITARY_CONTEXT_RE.search(text, previous[0], sent.start):
            return None  # "pushed the yen's strength to 140, its highest since April"
    force_start, force_end = link.span("force")
    actor = _actor_near(ctx, force_start, force_end, (sent.start, sent.end))
    if actor is None and text[link.start() : force_start].lower().split()[1] in (
        "the", "its", "their"
    ):  # "bringing its contingent to 1,200": the subject's; "KFOR’s strength": not
        actor = _subject_actor(ctx, start)
    return _make(ctx, q, "troops_deployed", start, q.end, qualifier=qualifier,
                 scope=scope or "total", unit="troops", actor=actor,
                 location=_location(ctx, q, q.end, sent))


_TOLL_NOUN_RE = re.compile(r"\b(deaths|dead|toll|casualties|losses)\b", re.IGNORECASE)


def _toll_metric(toll: re.Match[str]) -> str:
    """The metric a _TOLL_NOUN_RE noun counts: "casualties", "losses" any; "deaths" the killed."""
    return "troops_casualties" if toll.group(1).lower() in ("casualties", "losses") else (
        "troops_killed")
#: "One source put the number of soldiers killed at 58" (the window is lower-case).
_PUT_NUMBER_AT_RE = re.compile(
    r"\bput(?:s|ting)?\s+(?:the|its|their)\s+(?:total\s+)?(?:number|toll|count|figure|tally)\s+"
    r"(?:of\s+)?[a-z’' -]{0,40}?\bat\s+[“\"]?(?:[a-z]+\s+){0,2}$"
)
#: "the number of troops killed since ... to 25": the total counts casualties.
_PARTICIPLE_AFTER_NOUN_RE = re.compile(
    r"\s+(killed|wounded|injured|captured)\b(\s+(?:or|and)\s+(?:wounded|injured|killed))?",
    re.IGNORECASE,
)
#: A participle right after the total's noun: "the number captured", "the toll of killed".
_NUMBER_PARTICIPLE_RE = re.compile(
    r"\b(?:number|total|tally|count)\s+(?:of\s+)?(killed|wounded|injured|captured)\b"
    r"(\s+(?:or|and)\s+(?:wounded|injured|killed))?",
    re.IGNORECASE,
)
#: Fighters named with a participle: "the number of militants killed".
_COMBATANT_KILLED_RE = re.compile(
    r"\b(?:militants|insurgents|rebels|jihadists|terrorists|gunmen|guerrillas|attackers|"
    r"assailants)(?=\s+(?:killed|wounded|injured|captured)\b)",
    re.IGNORECASE,
)
#: A unit whose size a linked number gives: "a contingent numbering about 1,300", "the
#: garrison, estimated at 2,000".
_UNIT_NOUN_RE = re.compile(
    r"\b(?:contingents?|garrisons?|battalions?|brigades?|battlegroups?|task\s+force|"
    r"expeditionary\s+force|force)\b(?!\s+(?:of|to)\b)",
    re.IGNORECASE,
)
_UNIT_LINK_RE = re.compile(r"\bnumber(?:s|ed|ing)\s+(?:[a-z]+\s+){0,2}$")


def _participle_metric(participle: re.Match[str]) -> str:
    """The metric of a participle match (group 1 the participle, group 2 an "or wounded")."""
    if participle.group(2):
        return "troops_casualties"  # "killed or wounded"
    return v.PARTICIPLE_METRIC[participle.group(1).lower()]


def _linked_missile_figure(ctx: _Context, q: Quantity, link: re.Match[str], start: int,
                           qualifier: str, scope: str | None) -> Figure | None:
    """A running total of missiles: "raised its estimate of the number of ballistic missiles
    Iran fired at Israel to about 200"."""
    text = ctx.text
    noun = v.MISSILE_NOUN_RE.search(text, link.start(), link.end())
    sent = ctx.sentence(q.start)
    if noun is None or q.low is None or not ctx.launch(sent):
        return None
    return _make(ctx, q, "missiles_launched", start, q.end, qualifier=qualifier, scope=scope,
                 unit="missiles", weapon=_weapon("", noun.group("missiles")),
                 actor=_subject_actor(ctx, noun.end()))


def _qualifier_after(ctx: _Context, at: int, qualifier: str) -> str:
    tail = ctx.text[at : at + 12].lower()
    if tail.startswith((" or more", " and more", " or so")):
        return "at_least" if "more" in tail else "approx"
    return qualifier


def _actor_near(ctx: _Context, noun_start: int, noun_end: int, bounds: tuple[int, int]) -> str | None:
    """A country written right before a troop noun ("North Korean troops") or after it."""
    text = ctx.text
    for m in places(text, max(bounds[0], noun_start - 40), noun_start):
        if text[m.end() : noun_start].strip(" -’'s") == "" or re.fullmatch(
            r"[’']s(?:\s+[\w-]+){0,2}\s*|(?:\s+[\w-]+){0,2}\s*", text[m.end() : noun_start]
        ) and not text[m.end() : noun_start].strip().lower().startswith(("and", "or")):
            return country_of(m.group("name"))
    return _country_from(text, noun_end)


def _country_from(text: str, at: int) -> str | None:
    """The country a noun ending at `at` comes from ("troops from the North")."""
    after = _FROM_RE.match(text, at)
    if after is None:
        return None
    name = after.group("place")
    if is_region(name):
        return None  # "Marines from Okinawa": a region is where troops are, not whose
    return country_of("the " + name) if name in ("North", "South") else country_of(name)


def _country_in(mods: str) -> str | None:
    """The country of the first place name among a noun's modifiers ("North Korean")."""
    # The first name only: one search, not the list of them all (~3,000 instructions less).
    m = _first_place(mods) if mods else None
    return country_of(m.group("name")) if m is not None else None


def _actor(ctx: _Context, q: Quantity, head: re.Match[str], start: int) -> str | None:
    country = _country_in(head.group("mods"))
    if country is not None:
        return country
    # (the sentence of q.start is known already: looking it up again changes nothing)
    return _country_from(ctx.text, head.end()) or _subject_actor(ctx, start)


def _subject_actor(ctx: _Context, start: int) -> str | None:
    """The country that acts in the sentence: the last one named before the figure that is
    neither a place ("to Russia") nor a source ("South Korea's spy agency")."""
    actor = None
    for end, country in ctx.sentence(start).actors():
        if end > start:
            break  # the names stand in text order, none overlapping
        actor = country
    return actor


#: A place named as a border ("near the Finnish border"), which the troops are not in.
_BORDER_AFTER_RE = re.compile(r"(?:[’']s)?\s+(?:borders?|frontier)\b" + _NOT_BORDER_NOUN,
                              re.IGNORECASE)


_INCLUDING_COUNT_RE = re.compile(
    r"including\s+(?:(?:at\s+least|about|some|around|nearly|almost|more\s+than|over|up\s+to|"
    r"roughly|an\s+estimated)\s+)?(?:\d|(?:" + v.trie_pattern(sorted((*UNITS, *TENS))) + r")\b)",
    re.IGNORECASE,
)


def _location(ctx: _Context, q: Quantity, at: int, sent: _Sentence) -> str | None:
    """Where the troops are: a place after "to/in/into..." after the figure, else before it."""
    text = ctx.text
    # Not past a count after "including": "40,000 troops in the region, including 2,500 in
    # Iraq" are not all in Iraq (but "11,000 soldiers, including special forces, to Kursk").
    after_end = sent.end
    cut = text.find("including", at, after_end)
    if cut != -1 and _INCLUDING_COUNT_RE.match(text, cut):
        after_end = cut
    for lo, hi in ((at, after_end), (sent.start, q.start)):
        for m in sent.places():
            m_start = m.start()
            if m_start < lo or m.end() > hi:
                continue  # the names in [lo, hi) only
            name = m.group("name")
            if is_actor_only(name):
                continue
            prev = text[m_start - 30 if m_start - 30 > lo else lo : m_start].split()
            # back over "the", "eastern", "neighbouring", "Russia's" to the preposition
            while prev and (prev[-1].lower() in ("the", "western", "eastern", "southern", "northern",
                                                 "neighboring", "neighbouring")
                            or prev[-1].endswith(("’s", "'s"))):
                prev.pop()
            if prev and prev[-1].lower() in _LOCATION_PREPS and not (
                len(prev) > 1 and prev[-2].lower() == "according"
            ) and not _BORDER_AFTER_RE.match(text, m.end("name")):
                # not "according to Ukraine's commander", not "near the Finnish border"
                return country_of(name)
    return None


#: How far (characters) before its value "the number of ..." may start.
_NUMBER_SUBJECT_REACH = 160
#: "The number of U.S. troops in Syria is about 2,000", "the real number of ... personnel
#: massed near the border could be as many as 30,000", "The number of soldiers killed since
#: October has risen to 412": the value of a count named as the subject (from "number").
_NUMBER_SUBJECT_RE = re.compile(
    r"number\s+of\s+(?P<np>(?:[^.;:!?]|(?<=[A-Z])\.){1,120}?)(?:\s+(?:now|currently|already|still|"
    r"reportedly|probably|likely))?\s+(?:is|are|was|were|stands?\s+at|stood\s+at|"
    r"(?:has|had|have)\s+(?:now\s+)?(?:risen|grown|climbed|reached|increased|passed|exceeded|"
    r"topped|surpassed)(?:\s+to)?|rose\s+to|grew\s+to|climbed\s+to|reached|"
    r"(?:could|may|might|would|will)\s+(?:be|reach|exceed|top)|"
    r"(?:is|was|are|were)\s+(?:estimated|believed|thought|put|said)\s+(?:to\s+be|at)|totals?|"
    r"totaled|totalled|exceeds?|exceeded|tops|topped|surpassed)"
    r"\s+(?:[a-z]+\s+){0,3}$",
    re.IGNORECASE,
)


def _number_of_before(ctx: _Context, s: int) -> int:
    """Where "number of" stands in the folded text before `s` (at most _NUMBER_SUBJECT_REACH
    characters back), else -1."""
    lo = s - _NUMBER_SUBJECT_REACH if s > _NUMBER_SUBJECT_REACH else 0
    return ctx.folded.rfind(b"number of ", lo, s)


def _number_subject_figure(ctx: _Context, q: Quantity, at: int, start: int, qualifier: str,
                           scope: str | None) -> Figure | None:
    """The value of "the number of ..." standing at `at` (see _number_of_before)."""
    text = ctx.text
    if q.low is None and q.vague is None:
        return None
    m = _NUMBER_SUBJECT_RE.match(text, at, start)
    if m is None:
        return None
    sent = ctx.sentence(q.start)
    if at < sent.start:
        return None
    np_start, np_end = m.span("np")
    nouns = list(v.TROOP_NOUN_RE.finditer(text, np_start, np_end))
    if not nouns:
        missile = v.MISSILE_NOUN_RE.search(text, np_start, np_end)
        if missile is None or not v.LAUNCH_RE.search(text, missile.end(), np_end):
            return None  # "the number of missiles in its arsenal"
        return _make(ctx, q, "missiles_launched", start, q.end, qualifier=qualifier,
                     scope=scope, unit="missiles", weapon=_weapon("", missile.group("missiles")),
                     actor=_subject_actor(ctx, start))
    noun = nouns[0]
    participle = _PARTICIPLE_AFTER_NOUN_RE.match(text, noun.end())
    metric = "troops_deployed" if participle is None else _participle_metric(participle)
    toll = _TOLL_NOUN_RE.search(text, np_start, noun.start())
    if toll is not None:  # "the number of military deaths"
        metric = _toll_metric(toll)
    running = " to" in m.group()[np_end - m.start():]
    return _make(ctx, q, metric, start, q.end, qualifier=qualifier,
                 scope=scope or ("total" if running else None), unit="troops",
                 actor=_noun_actor(ctx, noun.span(), (sent.start, sent.end), start),
                 location=_location(ctx, q, noun.end(), sent))


#: "... with about 100,000 troops taking part, of whom some 7,000 are on Belarusian
#: territory": a share of the troops named before, the noun left out.
_SHARE_OF_RE = re.compile(r"(?:\bof\s+whom|\bamong\s+them)\s*,?\s*$", re.IGNORECASE)
_SHARE_VERB_RE = re.compile(
    r"\s+(?:(?:are|were|is|was|remain|remained|have|had|will)\b|(?:stationed|deployed|based)\b)",
    re.IGNORECASE,
)


def _share_of_figure(ctx: _Context, q: Quantity, start: int, qualifier: str,
                     scope: str | None) -> Figure | None:
    text = ctx.text
    if q.low is None or q.ordinal:
        return None
    if _SHARE_OF_RE.search(text, start - 20 if start > 20 else 0, start) is None:
        return None
    if _SHARE_VERB_RE.match(text, q.end) is None:
        return None
    named = _troops_named_before(ctx, q, start)
    if named is None:
        return None
    sent, noun = named
    return _make(ctx, q, "troops_deployed", start, q.end, qualifier=qualifier, scope=scope,
                 unit="troops", actor=_noun_actor(ctx, noun.span(), (sent.start, sent.end), start),
                 location=_location(ctx, q, q.end, sent))


#: Troops counted by nationality in a list: "more than 14,000 troops, among them about
#: 9,000 Americans and 5,000 Filipinos".
_DEMONYMS_AFTER_RE = re.compile(r" (?P<name>(?:North |South )?[A-Z][a-z]+s)\b(?![’'-])")
_SHARE_BEFORE_RE = re.compile(
    r"(?:,|\band|\bincluding|\bamong\s+them|\bof\s+(?:whom|them)|\bwith)\s*$", re.IGNORECASE
)


def _demonym_share_figure(ctx: _Context, q: Quantity, start: int, qualifier: str,
                          scope: str | None) -> Figure | None:
    text = ctx.text
    if q.low is None or q.ordinal:
        return None
    name = _DEMONYMS_AFTER_RE.match(text, q.end)
    if name is None or _SHARE_BEFORE_RE.search(text, max(0, start - 16), start) is None:
        return None
    country = country_of(name.group("name"))
    if country is None or is_region(name.group("name")):
        return None
    named = _troops_named_before(ctx, q, start)
    if named is None:
        return None
    return _make(ctx, q, "troops_deployed", start, q.end, qualifier=qualifier, scope=scope,
                 unit="troops", actor=country, location=_location(ctx, q, name.end(), named[0]))


#: One missile an attack was made with: "struck the city of Dnipro on Thursday with a new
#: intermediate-range ballistic missile".
_STRUCK_WITH_ONE_RE = re.compile(
    r"\b(?:attack(?:ed|s)?|struck|strikes|hit|hits|targeted|targets)\b[^.;]{0,60}?\bwith\s+"
    r"(?P<det>an?)\s+(?P<mods>(?:(?!(?:" + v.STOP + r")\b)[A-Za-z][\w\-]*\s+){0,4}?)"
    r"(?P<head>missile|ICBM|rocket)$",
    re.IGNORECASE,
)
#: A tally of launches by weapon: "Kh-101 cruise missiles: 48 launched, 39 intercepted".
_LAUNCHED_AFTER = (" launched", " fired")
#: The first three characters of every phrase a tie after a noun-less number starts with.
_TIES_AFTER_STARTS = frozenset(
    w[:3] for w in (*_NO_NOUN_AFTER, *_NUMBER_OF_AFTER, *_IN_PLACE_AFTER, *_LAUNCHED_AFTER)
)
#: The first three characters of the phrases of each tie after a noun-less number.
_ELIDED_STARTS = frozenset(w[:3] for w in _ELIDED_AFTER)
_IN_PLACE_STARTS = frozenset(w[:3] for w in _IN_PLACE_AFTER)
#: What _LOSS_ITEM_AFTER's phrases start with: one character, or three for the words.
_LOSS_FIRSTS = frozenset(w for w in _LOSS_ITEM_AFTER if len(w) == 1)
_LOSS_STARTS = frozenset(w[:3] for w in _LOSS_ITEM_AFTER if len(w) > 1)
#: A stem of every link of LINK_RE and of _PUT_NUMBER_AT_RE (`_linked_troop_figure`
#: looks for them in the lower-cased window).
_LINK_STEMS = ("estimat", "number", "total", "rang", "figure", "tally", "put")
_LAUNCHED_ITEM_RE = re.compile(r"\s+(?:launched|fired)\b")
_MISSILE_LABEL_RE = re.compile(
    r"(?P<mods>(?:(?!(?:" + v.STOP + r")\b)[A-Za-z][\w\-]*\s+){0,4}?)"
    r"(?P<missiles>" + v.MISSILE_NOUNS + r")\s*:\s*$",
    re.IGNORECASE,
)


def _missile_tally_figure(ctx: _Context, q: Quantity, start: int, qualifier: str,
                          scope: str | None) -> Figure | None:
    if q.low is None or _LAUNCHED_ITEM_RE.match(ctx.text, q.end) is None:
        return None
    label = _MISSILE_LABEL_RE.search(ctx.text, start - 60 if start > 60 else 0, start)
    if label is None:
        return None
    noun = label.group("missiles")
    return _make(ctx, q, "missiles_launched", start, q.end, qualifier=qualifier, scope=scope,
                 unit="missiles",  # "Missiles: 12 fired" (but "ICBMs")
                 weapon=_weapon(label.group("mods"), noun if noun[1:2].isupper() else noun.lower()),
                 actor=_subject_actor(ctx, start))


#: One missile as the last item of a list of launches: "fired two Kh-101 cruise missiles and
#: an Iskander-M ballistic missile", "along with a Kinzhal aeroballistic missile".
_LISTED_ONE_RE = re.compile(
    r"(?:\band|\balong\s+with|\bas\s+well\s+as)\s+(?P<det>an?)\s+"
    r"(?P<mods>(?:(?!(?:" + v.STOP + r")\b)[A-Za-z][\w\-]*\s+){0,4}?)(?P<head>missile|ICBM|rocket)$"
)
_LAUNCH_VERB_RE = re.compile(
    r"\b(?:fired|launched|test-fired|test-launched|lobbed)\b(?:(?!" + _INTERCEPT_VERBS
    + r")[^.;])*$",
    re.IGNORECASE,
)


def _listed_launch(ctx: _Context, window: str, at: int) -> re.Match[str] | None:
    """The `_LISTED_ONE_RE` match at the end of `window` (which ends with the missile noun
    at `at`) when a launch verb stands before it in its sentence, with no verb of air
    defence between ("shot down 20 drones and a cruise missile" is no launch)."""
    m = _LISTED_ONE_RE.search(window)
    if m is None:
        return None
    sent = ctx.sentence(at)
    if _LAUNCH_VERB_RE.search(ctx.text, sent.start, at) is None:
        return None
    return m


#: A rocket that carries a spacecraft: "launched a space rocket", "a Soyuz carrier rocket".
_SPACE_ROCKET_RE = re.compile(r"\b(?:space|carrier|satellite|launch)\b", re.IGNORECASE)


def _uncounted_launches(ctx: _Context, counted: set[str | None]) -> list[Figure]:
    """Launches with no count: "supervised the launching of new anti-aircraft missiles"."""
    text = ctx.text
    # The folded bytes read as text.lower() here: only U+0130 and U+212A lower-case to
    # ASCII (or change length), and a text holding one is `odd`.
    lower: Any  # str or bytes (and so `nouns`, `plural`, `r`): the loop reads either
    nouns: Any
    plural: Any
    r: Any
    if ctx.odd:
        lower, nouns, plural, r = text.lower(), ("missile", "icbm", "rocket"), "s", "r"
    else:
        lower, nouns, plural, r = ctx.folded, (b"missile", b"icbm", b"rocket"), b"s", ord("r")
    found = []
    for noun in nouns:
        i = lower.find(noun)
        while i != -1:
            found.append((i, i + len(noun)))
            i = lower.find(noun, i + len(noun))
    if len(found) > 1:
        found.sort()
    figures: list[Figure] = []
    for nxt, end in found:
        singular = not lower.startswith(plural, end)
        if not singular:
            if lower[nxt] == r:
                continue  # "fired rockets": too common a phrase of rocket fire to report
            end += 1
        if nxt in ctx.missile_heads or (end < len(text) and (
            text[end].isalpha() or text[end] == "-"  # "a rocket-propelled grenade"
        )) or (nxt > 0 and text[nxt - 1].isalpha()):
            continue
        window = text[max(0, nxt - 90) : end]
        m = None
        if v.contains_any(window, ("launch", "fire", "firing", "lobbed", "flight-test")):
            m = _launch_object(window)
        if m is None and singular and v.PASSIVE_LAUNCH_RE.match(text, end):
            m = v.LAUNCHED_SUBJECT_RE.search(window)  # "A Sineva missile was fired"
        if m is None and singular and (" and a" in window or " with a" in window):
            m = _listed_launch(ctx, window, nxt) or _STRUCK_WITH_ONE_RE.search(window)
        if m is None or v.head_is_modifier(text, end) or _SPACE_ROCKET_RE.search(m.group("mods")):
            continue
        offset = max(0, nxt - 90)
        det = (m.group("det") or "").strip().lower()
        if singular and det not in ("a", "an"):
            continue
        value = 1.0 if singular else None
        weapon = _weapon(m.group("mods"), m.group("head"))
        if value is None and weapon in counted:
            continue  # "N. Korea fires cruise missiles" over a story that counts them
        start = offset + (m.start("mods") if m.group("mods") else m.start("head"))
        q = Quantity(start, end, value, value)
        figure = _make(ctx, q, "missiles_launched", start, end, unit="missiles",
                       weapon=weapon, actor=_subject_actor(ctx, offset + m.start()))
        figures.append(figure)
    return figures


#: "A Ukrainian serviceman was killed", "an Iraqi soldier was wounded": one casualty.
_SINGLE_SOLDIER_RE = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne)\s+(?P<mods>(?:(?!(?:" + v.STOP + r")\b)[A-Za-z][\w’'\-]*\s+){0,3}?)"
    r"(?P<noun>soldier|serviceman|servicewoman|service\s?member|marine|paratrooper|conscript|"
    r"reservist|peacekeeper|sailor|airman|officer)$"
)
#: The casualty verb of a single soldier, after a phrase saying where the soldier served
#: ("an officer from the 7th Armored Brigade was wounded", "one peacekeeper with the UN
#: mission, MONUSCO, was killed"); the phrase holds no clause of its own ("that", "who").
_SINGLE_PHRASE_STARTS = (" from ", " of ", " with ", " in ", " serving ")
_SINGLE_CASUALTY_RE = re.compile(
    r"(?:\s+(?:from|of|with|in|serving\s+with)\s+(?:(?!\b(?:that|who|which|and|but)\b)"
    r"[^,.;]){1,40}?(?:,\s*[A-Z][\w-]*,)?)?" + v.PEOPLE_CASUALTY_RE.pattern,
    re.IGNORECASE,
)


def _single_casualties(ctx: _Context, taken: set[int]) -> list[Figure]:
    """One soldier written with "a"/"an" and a casualty verb after it: "A Ukrainian
    serviceman was killed ..." counts one killed.

    Looked for from each singular noun (`_anchor_positions` finds them, rare) back to its
    article: a regex scan of the whole text for "a"/"an" cost ~20 % of the extractor."""
    text = ctx.text
    figures: list[Figure] = []
    for end in ctx.singles:
        after = v.PEOPLE_CASUALTY_RE.match(text, end)
        if after is None:
            if not text.startswith(_SINGLE_PHRASE_STARTS, end):
                continue
            sent = ctx.sentence(end - 1)
            after = _SINGLE_CASUALTY_RE.match(text, end, sent.end)
            if after is None:
                continue
        lo = end - 80 if end > 80 else 0
        found = list(_SINGLE_SOLDIER_RE.finditer(text, lo, end))
        if not found:
            continue
        m = found[-1]  # the one that ends at the noun ($ is `end` here)
        if m.start() in taken:
            continue  # "One soldier was killed": read from its number already
        if m.group("noun") == "officer" and not ctx.military(ctx.sentence(m.start())):
            continue  # "a police officer was killed"
        q = Quantity(m.start(), m.end(), 1.0, 1.0)
        figures.append(_make(ctx, q, _metric_after(after), m.start(), m.end(), unit="troops",
                             actor=_country_in(m.group("mods")),
                             location=_location(ctx, q, m.end(), ctx.sentence(m.start()))))
    return figures


def _launch_object(window: str) -> re.Match[str] | None:
    """`LAUNCH_OBJECT_RE.search(window)`, tried only where its verb can start."""
    starts = []
    for verb in ("launch", "fir", "test-", "flight-", "lobbed"):
        i = window.find(verb)
        while i != -1:
            starts.append(i)
            i = window.find(verb, i + 1)
    starts.sort()
    match = v.LAUNCH_OBJECT_RE.match
    for i in starts:
        m = match(window, i)
        if m is not None:
            return m
    return None


_PUT_AT_RE = re.compile(r"put\s+at")


def _tie_hint(window: str) -> bool:
    """False when `window` holds none of the stems of `_link_hint` (with "put") and
    `_BARE_CASUALTY_HINTS`: then neither holds."""
    return (
        "estimat" in window or "number" in window or "total" in window or "rang" in window
        or "figure" in window or "tally" in window or "put" in window or "kill" in window
        or "wound" in window or "injur" in window or "captur" in window or "losses" in window
        or "casualt" in window
    )


def _link_hint(window: str) -> bool:
    """False when `window` holds none of the stems every link of LINK_RE holds
    ("estimated at", "numbering", "totaling", "put at", "ranging", "tally of"...)."""
    return (
        "estimat" in window or "number" in window or "total" in window or "rang" in window
        or "figure" in window or "tally" in window
        or ("put" in window and _PUT_AT_RE.search(window) is not None)
    )
