"""Attribution - who gave a figure: "according to South Korea's spy agency", "KCNA reported"."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.core.vocabulary import contains_any, trie_pattern

#: Sources news cites by a short name; an attribution that names one is reported by it.
_KNOWN = (
    "KCNA", "Korean Central News Agency", "Yonhap", "NIS", "National Intelligence Service",
    "JCS", "Joint Chiefs of Staff", "Pentagon", "Tass", "TASS", "Interfax", "RIA Novosti",
    "HUR", "GUR", "Kremlin", "White House", "NATO", "Rodong Sinmun", "SBU",
)
_CANONICAL = {
    "Korean Central News Agency": "KCNA",
    "National Intelligence Service": "NIS",
    "Joint Chiefs of Staff": "JCS",
    "TASS": "Tass",
    "GUR": "HUR",
}
_KNOWN_RE = re.compile(r"\b(?:" + "|".join(sorted(_KNOWN, key=len, reverse=True)) + r")\b")
#: _KNOWN_RE without its leading \b, which `_known_in` tests: starting with a letter (no
#: name starts another), the regex skips to the names' first letters in C, ~0.4x the cost.
_KNOWN_NAME_RE = re.compile("(?:" + trie_pattern(sorted(_KNOWN)) + r")\b")

# The verbs and adverbs factored by letters (trie_pattern): _SUBJECT_RE tries them after
# every word of a noun phrase. Where several match ("says", "say") the longest is tried
# first, as in the list written longest first; only "told" starts with "t".
_VERB_WORDS = (
    "said", "says", "say", "estimated", "estimates", "estimate", "reported", "reports",
    "stated", "states", "announced", "claimed", "claims", "confirmed", "acknowledged",
    "believes", "believe", "assessed", "assesses", "added", "noted", "wrote", "warned",
    "briefed",
)
_VERBS = (
    r"(?:told\s+(?:reporters|lawmakers|parliament|\w+)|" + trie_pattern(sorted(_VERB_WORDS)) + ")"
)
_NP = r"(?P<np>[A-Z“\"][^,.;:!?“”\"]{1,80}?|the\s[^,.;:!?“”\"]{1,80}?)"
_ACCORDING_RE = re.compile(r"\b(?:according\s+to|citing|cited\s+by)\s+" + _NP + r"(?=[,.;]|\s+that\b|$)")
_ADVERB_WORDS = (
    "also", "had", "has", "have", "previously", "earlier", "later", "recently", "separately",
    "now", "still", "currently", "reportedly", "again", "further", "then",
)
_ADVERBS = r"(?:" + trie_pattern(sorted(_ADVERB_WORDS)) + ")"
_ADVERB = r"(?:" + _ADVERBS + r"\s+)?"
#: "<source> said ..." at the start of the sentence or of a clause ("..., the JCS said.").
_SUBJECT_RE = re.compile(r"(?:^\s*|[,;]\s+)" + _NP + r",?\s+" + _ADVERB + _VERBS + r"\b")
#: A sentence subject that is itself a source ("South Korean intelligence, along with ...").
_SOURCE_HEAD_RE = re.compile(
    r"^\s*(?P<np>(?:[A-Z][\w’'.-]*\s+){0,4}(?:intelligence|spy\s+agency|agency|ministry|"
    r"military|officials|media|Pentagon|KCNA|NIS|JCS))\b"
)
#: A subject that points back to a source named earlier ("The agency acknowledged ...").
_ANAPHOR_RE = re.compile(r"^\s*(?:The|the)\s+(?:news\s+|state\s+|spy\s+)?(?:agency|outlet)\b")
#: A dateline opening a story ("KYIV, Nov 3 - ", "SEOUL, Nov. 2 (Yonhap) -- ",
#: "WASHINGTON (Reuters) - "): where and by whom it was filed, not who gave the figure.
_DATELINE_RE = re.compile(
    r"^\s*[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^()]{1,40}\))?"
    r"\s*[-–—]{1,2}\s+"
)
#: The characters that can follow a dateline's first capital.
_DATELINE_SECOND = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ .'’-")
_LOOKBACK = 1500
#: The words one of which starts every _ACCORDING_RE match.
_ACCORDING_WORDS = ("according", "citing", "cited")
#: Substrings one of which every _SUBJECT_RE match holds.
_SUBJECT_HINTS = (
    "said", "say", "told", "estimat", "report", "stated", "states", "announced", "claim",
    "confirmed", "acknowledged", "believe", "assess", "added", "noted", "wrote", "warned",
    "briefed",
)


def _clean(np: str) -> str | None:
    np = " ".join(np.split()).strip("“”\"' ")
    known = _known_in(np)
    if known:
        name = known.group()
        return _CANONICAL.get(name, name)
    if np.lower().startswith("the "):
        np = np[4:]
    words = np.split()
    if not words or len(words) > 9 or words[0].lower() in {"it", "he", "she", "they", "this"}:
        return None
    return np


def _known_in(np: str) -> re.Match[str] | None:
    """`_KNOWN_RE.search(np)`."""
    known = _KNOWN_NAME_RE.search(np)
    while known is not None:
        at = known.start()
        if at == 0 or not (np[at - 1].isalnum() or np[at - 1] == "_"):  # \b before a letter
            return known
        known = _KNOWN_NAME_RE.search(np, at + 1)
    return None


def attribution_of(text: str, sentence_start: int, sentence_end: int) -> str | None:
    """The source a sentence attributes its figures to, or None when it names none."""
    sentence = text[sentence_start:sentence_end]
    # The regexes at the start are tried only where their first characters stand (a
    # dateline: a space, or two capitals or a capital and [ .'’-]; "The agency": a space or
    # "T" or "t"): a regex call costs ~2k instructions, the tests a few hundred.
    head = sentence[:1]
    if head.isspace() or ("A" <= head <= "Z" and sentence[1:2] in _DATELINE_SECOND):
        dateline = _DATELINE_RE.match(sentence)
        if dateline is not None:
            sentence = sentence[dateline.end():]
            head = sentence[:1]
    if (head == "T" or head == "t" or head.isspace()) and _ANAPHOR_RE.match(sentence):
        named = _named_before(text, sentence_start)
        if named:
            return named
    # (the three regexes in turn, each only where one of its words stands)
    if contains_any(sentence, _ACCORDING_WORDS):
        found = _source(text, sentence_start, _matches(_ACCORDING_RE, sentence))
        if found:
            return found
    if contains_any(sentence, _SUBJECT_HINTS):
        found = _source(text, sentence_start, _matches(_SUBJECT_RE, sentence))
        if found:
            return found
    lead = _SOURCE_HEAD_RE.match(sentence)
    return None if lead is None else _source(text, sentence_start, (lead.group("np"),))


def _source(text: str, sentence_start: int, nps: Iterable[str]) -> str | None:
    """The source the first of the noun phrases `nps` that names one names."""
    for np in nps:
        found = _clean(np)
        if found:
            # (_clean leaves no space at the start: "the " + found matches _ANAPHOR_RE only
            # if found starts with "agency", "outlet", "news", "state" or "spy")
            if found[0] in "anos" and _ANAPHOR_RE.match("the " + found):
                # "..., the agency said": the agency named before, when the text names one.
                return _named_before(text, sentence_start) or found
            return found
    return None


#: An agency named in full ("Ukraine's military intelligence agency"): what a later "the
#: agency" points back to when no known short name comes before it.
_NAMED_AGENCY_RE = re.compile(r"\b(?!The\b)[A-Z][\w’'.-]*(?:\s+[\w’'.-]+){0,4}?\s+agency\b")


def _named_before(text: str, sentence_start: int) -> str | None:
    """The source named last before the sentence (for "the agency"): a known short name,
    else an agency named in full."""
    lo = max(0, sentence_start - _LOOKBACK)
    before = list(_KNOWN_RE.finditer(text, lo, sentence_start))
    if before:
        name = before[-1].group()
        return _CANONICAL.get(name, name)
    named = list(_NAMED_AGENCY_RE.finditer(text, lo, sentence_start))
    return " ".join(named[-1].group().split()) if named else None


def _matches(regex: re.Pattern[str], sentence: str):  # type: ignore[no-untyped-def]
    """The "np" group of each match of `regex.finditer(sentence)`, tried only where a match
    can start: _ACCORDING_RE at its words, _SUBJECT_RE at the start and at each "," and ";"."""
    if regex is _ACCORDING_RE:
        # Searching for a match costs ~200 instructions a character: ~40k for a sentence.
        starts = []
        for word in _ACCORDING_WORDS:
            i = sentence.find(word)
            while i != -1:
                starts.append(i)
                i = sentence.find(word, i + 1)
        starts.sort()
        end = 0
        for at in starts:
            if at >= end:
                m = regex.match(sentence, at)
                if m is not None:
                    yield m.group("np")
                    end = m.end()
        return
    tail = _SUBJECT_TAIL_RE.search(sentence, 1)
    if tail is None:
        return  # no verb after a space: no match anywhere
    find = sentence.find
    comma = find(",", 1)
    semi = find(";", 1)
    # A "," or ";" (the next place tried) before the tail's whitespace, but not right before
    # it, stands in the noun phrase: no match here (it would stop there).
    after = comma if semi == -1 or (comma != -1 and comma < semi) else semi
    end = 0
    if after == -1 or after + 1 >= tail.start():
        found = _subject_at(sentence, 0, tail)
        if found is not None:
            tail = found[1]
            yield found[0]
            end = tail.end()
    while after != -1:
        at = after
        if at == comma:
            comma = find(",", at + 1)
        else:
            semi = find(";", at + 1)
        after = comma if semi == -1 or (comma != -1 and comma < semi) else semi
        if at < end:
            continue
        if tail.start() <= at:
            tail = _SUBJECT_TAIL_RE.search(sentence, at + 1)
            if tail is None:
                return
        if after != -1 and after + 1 < tail.start():
            continue
        found = _subject_at(sentence, at, tail)
        if found is not None:
            tail = found[1]
            yield found[0]
            end = tail.end()


#: _SUBJECT_RE in parts. Its lazy noun phrase retries the verb after every character, at
#: the start and at every comma; `_subject_at` finds the verb first, with a regex that starts
#: with a whitespace character (so `re` skips to the spaces in C), shares that search between
#: the places it tries, and checks the noun phrase before it (callgrind: ~4 % less for
#: attribution, ~0.35 % of the extractor).
_SUBJECT_HEAD_RE = re.compile(r"(?:^\s*|[,;]\s+)(?P<np>[A-Z“\"]|the\s)")
#: What follows the noun phrase less its optional comma (`,?\s+`), tried at every space:
#: `\s\s*` is `\s+`; the look-ahead for the first letters of the adverbs and verbs fails
#: most words at once; "an adverb and the verb, else the verb" is the optional adverb
#: without the cost of a repeat (together ~9 % of `_matches`).
_SUBJECT_TAIL_RE = re.compile(
    r"\s\s*(?=[" + "".join(sorted({w[0] for w in (*_ADVERB_WORDS, *_VERB_WORDS, "told")}))
    + "])(?:" + _ADVERBS + r"\s+" + _VERBS + "|" + _VERBS + r")\b"
)
#: The characters a noun phrase stops at.
_NP_STOP_RE = re.compile(r"[,.;:!?“”\"]")


def _subject_at(
    sentence: str, at: int, tail: re.Match[str]
) -> tuple[str, re.Match[str]] | None:
    """The "np" group of `_SUBJECT_RE.match(sentence, at)` and the match of its tail (the
    regex's match ends where the tail's does), or None. `tail` is the first
    _SUBJECT_TAIL_RE match after `at`.

    The regex's noun phrase is its first one or four characters (a capital or a quote,
    or "the" and a space), then 1 to 80 others up to the first of _NP_STOP_RE: it ends
    where the tail first matches after them, or at a comma that the tail follows."""
    head = _SUBJECT_HEAD_RE.match(sentence, at)
    if head is None:
        return None
    rest = head.end()  # where the 1 to 80 other characters start
    if tail.start() <= rest:
        later = _SUBJECT_TAIL_RE.search(sentence, rest + 1)
        if later is None:
            return None
        tail = later
    np_end = tail.start()
    stop = _NP_STOP_RE.search(sentence, rest, np_end)
    if stop is not None:
        np_end = stop.start()
        # Only a comma before the tail's whitespace: "..., the agency, said".
        if np_end + 1 != tail.start() or sentence[np_end] != "," or np_end == rest:
            return None
    if np_end - rest > 80:
        return None
    return sentence[head.start("np") : np_end], tail
