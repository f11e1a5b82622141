"""Numbers - the number grammar of news figures: digits, words, ranges, vague words, ordinals.

Spelled-out numbers are parsed here rather than with text2num. Measured on this machine
(text2num 3.1.0): it reads "three thousand", "three-thousand" and "twenty-seven hundred"
right, but raises on "a dozen", "a pair of", "tens of thousands", "27-hundred" and
"1.5 million", and a call costs ~15 us; the grammar below is ~40 lines, covers those forms,
and keeps the core free of third-party imports (STYLE.md). The tests cross-check it against
text2num on the forms both read.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pipeline.core.vocabulary import trie_pattern

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
SUFFIX_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
}
#: Counted words that are numbers without being digits ("a pair of missiles").
COUNT_WORDS = {"dozen": 12, "pair": 2, "couple": 2, "single": 1}
#: Vague quantities: the figure has no value, the words are kept.
VAGUE_HEADS = (
    "several", "few", "multiple", "numerous", "dozens", "scores", "hundreds", "thousands",
    "tens", "barrage", "volley", "salvo", "handful", "number", "series", "flurry", "string",
)

# Alternations factored by letters (trie_pattern): the number regexes try them at every
# word. Of the spellings that match at a position (each a prefix of the next: "seven",
# "seventeen"), the longest is tried first, as in a list sorted longest first.
_W_UNIT = trie_pattern(sorted(UNITS))
_W_TENS = trie_pattern(sorted(TENS))
_W_SCALE = trie_pattern(sorted(SCALES))
_W_ORD = trie_pattern(sorted(ORDINALS))
_WORD = rf"(?:(?:{_W_TENS})(?:[-\s](?:{_W_UNIT}))?|{_W_UNIT}|{_W_SCALE}|dozen)\b"
_SP = r"[ \u00a0\u202f\u2009]"

#: A digit number: 10,000 / 10 000 / 1.5 / 12 (bounded, so long digit runs never match).
#: The first group of up to three digits is read once, possessively, for both grouped
#: forms: only a whole run of digits can be followed by "," or a space, so no shorter one
#: can match (backtracking into it cost ~1.5k instructions a 4-digit number; callgrind).
DIGITS = (
    r"(?:\d{1,3}+(?:(?:,\d{3}){1,4}(?![\d,]\d)|(?:" + _SP + r"\d{3}){1,3}(?![\d,]\d))"
    r"|\d{1,12})"
    r"(?:\.\d{1,4})?(?!\d)"
)
#: "1.5 million", "6K", "27-hundred", "10,000"; group `num` and `scale`/`suffix`.
_DIGIT_NUM = (
    rf"(?P<num>{DIGITS})"
    rf"(?:(?:{_SP}|-)(?P<scale>{_W_SCALE})\b|(?P<suffix>[kK]|mn|bn|m)\b)?"
)
#: One more word of a spelled-out number ("-seven", " hundred", " and five").
_MORE_WORDS = rf"(?:\s+and\s+|[\s-]+)(?:{_WORD})"
_WORD_NUM = (
    rf"(?P<words>(?:(?:half\s+)?an?\s+(?:{_W_SCALE}|dozen)\b|{_WORD})(?:{_MORE_WORDS})*)"
)
_ONE_NUMBER = rf"(?:{_DIGIT_NUM}|{_WORD_NUM})"

_OF = r"(?:\s+of(?!\s+(?:the|its|their|those|these|his|all)\b))?"
_VAGUE = (
    r"(?P<vague>tens\s+of\s+thousands" + _OF + r"|hundreds\s+of\s+thousands" + _OF
    + r"|(?:several|a\s+few|a\s+couple\s+of|a\s+handful\s+of)\s+(?:hundred|thousand|dozen)"
    + _OF + 
    r"|(?:dozens|scores|hundreds|thousands)[\u201d\"]?\s+of"  # also 'killed "dozens" of'
    r"|(?:dozens|scores|hundreds|thousands)"
    r"(?=\s+(?:more|others|were|have|had|killed|wounded|injured|captured|dead)\b)"
    r"|several|a\s+few|multiple|numerous"
    r"|an?\s+(?:barrage|volley|salvo|handful|number|series|flurry|string)\s+of)\b"
)
_ORDINAL = rf"(?P<ordinal>\d{{1,3}}(?:st|nd|rd|th)|(?:(?:{_W_TENS})-)?(?:{_W_ORD}))\b"
# (Possessive spaces: no join word starts with one, and backtracking into them to try the
# words again where a space stands cost ~1k instructions a number that has no range.)
_RANGE_JOIN = r"\s*+(?:-|\u2013|\u2014|to|and|or)\s*+"

#: A quantity starting exactly at a position: vague words, an ordinal, a count word, or a
#: number optionally followed by a range tail ("10,000 to 12,000").
QUANTITY_RE = re.compile(
    rf"(?:{_VAGUE}|{_ORDINAL}|(?P<count>an?\s+(?:single|pair\s+of|couple\s+of))\b"
    rf"|{_ONE_NUMBER}(?:(?P<join>{_RANGE_JOIN})(?P<high>"
    rf"{_DIGIT_NUM.replace('?P<num>', '?P<num2>').replace('?P<scale>', '?P<scale2>').replace('?P<suffix>', '?P<suffix2>')}"
    rf"|{_WORD_NUM.replace('?P<words>', '?P<words2>')}))?)",
    re.IGNORECASE,
)

#: QUANTITY_RE for a position holding a digit: the same groups, without the word branches
#: that cannot match there (one match costs a third).
_NEVER = "(?!)"
QUANTITY_DIGIT_RE = re.compile(
    rf"(?:(?P<vague>{_NEVER})|(?P<ordinal>\d{{1,3}}(?:st|nd|rd|th))\b|(?P<count>{_NEVER})"
    rf"|(?:{_DIGIT_NUM}|(?P<words>{_NEVER}))(?:(?P<join>{_RANGE_JOIN})(?P<high>"
    rf"{_DIGIT_NUM.replace('?P<num>', '?P<num2>').replace('?P<scale>', '?P<scale2>').replace('?P<suffix>', '?P<suffix2>')}"
    rf"|{_WORD_NUM.replace('?P<words>', '?P<words2>')}))?)",
    re.IGNORECASE,
)

_WORD_TOKEN = re.compile(r"[a-z]+", re.IGNORECASE)


def words_to_number(words: str) -> float | None:
    """Value of a spelled-out number ("three thousand", "twenty-seven hundred", "a dozen")."""
    total = 0
    current = 0
    seen = False
    tokens = _WORD_TOKEN.findall(words.lower())
    if tokens and tokens[0] == "half":  # "half a dozen", "half a million"
        value = words_to_number(" ".join(tokens[1:]))
        return None if value is None else value / 2
    for token in tokens:
        if token in ("a", "an"):
            current = current or 1
            continue
        if token == "and":
            continue
        if token in UNITS:
            current += UNITS[token]
        elif token in TENS:
            current += TENS[token]
        elif token == "dozen":
            current = (current or 1) * 12
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in SCALES:
            total += (current or 1) * SCALES[token]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def digits_to_number(num: str, scale: str | None = None, suffix: str | None = None) -> float:
    """Value of a digit number with its scale ("1.5" + "million", "6" + "K", "10 000")."""
    if num.isdecimal():
        value = float(num)  # nothing to strip
    else:
        value = float(
            num.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
            .replace("\u2009", "")
        )
    if scale:
        value *= SCALES[scale.lower()]
    elif suffix:
        value *= SUFFIX_SCALES[suffix.lower()]
    return value


def ordinal_value(word: str) -> int | None:
    """Rank of an ordinal ("sixth" -> 6, "18th" -> 18, "twenty-first" -> 21)."""
    word = word.lower()
    if word[:1].isdigit():
        return int(word[:-2])
    if "-" in word:
        tens, _, unit = word.partition("-")
        if tens in TENS and unit in ORDINALS:
            return TENS[tens] + ORDINALS[unit]
        return None
    return ORDINALS.get(word)


class Quantity(NamedTuple):
    """A number expression as written: a value, a range, a vague amount or an ordinal.

    A named tuple rather than a frozen dataclass: every anchor of an article builds one,
    and a frozen dataclass's __init__ (one object.__setattr__ a field) costs ~4x more (measured: 2.7 us against 0.6 us).
    """

    start: int
    end: int
    low: float | None
    high: float | None
    vague: str | None = None
    ordinal: bool = False
    is_range: bool = False
    #: True when the number was written in digits (years and dates are digit numbers).
    digits: bool = False
    #: The first number's digits, as written (to tell "2024" from "2,024").
    raw: str = ""


def _one_value(m: re.Match[str], suffix: str) -> float | None:
    num = m.group("num" + suffix)
    if num is not None:
        return digits_to_number(num, m.group("scale" + suffix), m.group("suffix" + suffix))
    words = m.group("words" + suffix)
    return words_to_number(words) if words else None


assert QUANTITY_RE.groupindex == QUANTITY_DIGIT_RE.groupindex == {
    "vague": 1, "ordinal": 2, "count": 3, "num": 4, "scale": 5, "suffix": 6, "words": 7,
    "join": 8, "high": 9, "num2": 10, "scale2": 11, "suffix2": 12, "words2": 13,
}


#: A digit number that is the whole quantity at its position, as QUANTITY_DIGIT_RE reads
#: it: no letter follows (a suffix, an ordinal ending) and no range join or scale word
#: (after spaces). Atomic, so the number is read as that regex reads it first. Most digit
#: numbers are such; this match and no groups cost ~1/3 of the full grammar's (callgrind).
_PLAIN_DIGITS_RE = re.compile(
    rf"(?>{DIGITS})(?!\w)(?!\s*+(?:-|\u2013|\u2014|to|and|or|{_W_SCALE}))", re.IGNORECASE
)


#: A spelled-out number that is the whole quantity at its position, as QUANTITY_RE reads it:
#: one number word ("two", "twenty-seven", "dozen") that no other word of a number and no
#: range join follows. Atomic, so the words are read as that regex reads them first; no
#: branch of it before the number words (vague words, ordinals, "a pair of") matches where
#: one of these does. Most spelled-out numbers are such ("two", "one", "five").
_PLAIN_WORD_RE = re.compile(rf"(?>{_WORD})(?!{_RANGE_JOIN}|{_MORE_WORDS})", re.IGNORECASE)
#: The value of each single number word, as words_to_number reads it.
_WORD_VALUES = {word: words_to_number(word) for word in (*UNITS, *TENS, *SCALES, "dozen")}


#: Builds a Quantity from all nine values, skipping the named tuple's generated __new__ (a
#: Python function): ~1,650 instructions against ~3,800 (callgrind, Python 3.11).
_new_quantity = tuple.__new__


def match_quantity(text: str, pos: int) -> Quantity | None:
    """The quantity written at `pos` in `text`, or None when none starts there."""
    if "0" <= text[pos] <= "9":
        plain = _PLAIN_DIGITS_RE.match(text, pos)
        if plain is not None:
            raw = plain.group()
            value = float(raw) if raw.isdecimal() else digits_to_number(raw)
            return _new_quantity(
                Quantity, (pos, pos + len(raw), value, value, None, False, False, True, raw)
            )
        m = QUANTITY_DIGIT_RE.match(text, pos)
    else:
        plain = _PLAIN_WORD_RE.match(text, pos)
        if plain is not None:
            spelled = plain.group()
            word_value = _WORD_VALUES.get(spelled.lower())
            if word_value is None:
                word_value = words_to_number(spelled)  # several words, or letters lower() keeps
                if word_value is None:
                    return None
            return _new_quantity(
                Quantity, (pos, plain.end(), word_value, word_value, None, False, False, False, "")
            )
        m = QUANTITY_RE.match(text, pos)
    if m is None:
        return None
    # All groups at once (one call; the order is checked above).
    vague, ordinal, count, num, scale, suffix, words, join, high_text, num2, scale2, suffix2, \
        words2 = m.groups()
    if vague:
        if '"' in vague or "\u201d" in vague:
            vague = vague.replace('"', "").replace("\u201d", "")
        return Quantity(pos, m.end(), None, None, " ".join(vague.lower().split()))
    if ordinal:
        rank = ordinal_value(ordinal)
        if rank is None:
            return None
        return Quantity(pos, m.end(), float(rank), float(rank), None, True, False,
                        text[pos].isdigit())
    if count:
        word = count.split()[1].lower()
        value = float(COUNT_WORDS[word])
        return Quantity(pos, m.end(), value, value)
    low: float | None
    if num is not None:
        low = digits_to_number(num, scale, suffix)
    else:
        low = words_to_number(words) if words else None
    if low is None:
        return None
    digits = num is not None
    raw = num or ""
    if high_text is None:
        return _new_quantity(Quantity, (pos, m.end(), low, low, None, False, False, digits, raw))
    high: float | None
    if num2 is not None:
        high = digits_to_number(num2, scale2, suffix2)
    else:
        high = words_to_number(words2) if words2 else None
    join = join.strip().lower()
    scale2 = scale2 or suffix2
    if high is not None and scale2 and low < high / 1000 and not (scale or suffix):
        # "1.5 to 2 million", "10 to 12 thousand": the scale is written once for both.
        low *= SCALES.get(scale2.lower(), SUFFIX_SCALES.get(scale2.lower(), 1))
    if high is None or high <= low or join == "and" and not _between_before(text, pos):
        # Not a range ("10 and 12" without "between", "2024-25" handled by the caller).
        end = m.start(8)  # the join
        return Quantity(pos, end, low, low, None, False, False, digits, raw)
    return Quantity(pos, m.end(), low, high, None, False, True, digits, raw)


def _between_before(text: str, pos: int) -> bool:
    return text[max(0, pos - 8) : pos].lower().rstrip().endswith("between")
