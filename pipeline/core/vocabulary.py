"""Vocabulary - the words around a number that make it a troop, casualty or weapon-test figure."""

from __future__ import annotations

import re
from typing import AnyStr

#: Words that can start a spelled-out quantity; found with str.find, which is ~50x faster
#: than scanning the whole article with a regex alternation on this machine.
ANCHOR_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million", "dozen", "dozens", "scores", "hundreds", "thousands",
    "tens", "several", "few", "multiple", "numerous", "barrage", "volley", "salvo", "handful",
    "number", "series", "flurry", "single", "pair", "couple", "half",
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "twentieth",
)
#: Anchor words that need "a"/"an" before them to start a quantity ("a few", "a barrage of").
ARTICLE_ANCHORS = frozenset(
    {"few", "barrage", "volley", "salvo", "handful", "number", "series", "flurry", "single",
     "pair", "couple", "hundred", "thousand", "million", "dozen"}
)

def trie_pattern(words: list[str]) -> str:
    """An alternation of `words` factored by their letters ("t(?:en(?:s|th)?|wo|...)").

    `re` tries the branches of an alternation one by one; factored, a word that starts
    none of them fails after one test for each first letter rather than one per word.
    """
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rests in by_first.items():
        tails = [rest for rest in rests if rest]
        if not tails:
            branches.append(re.escape(first))
        else:
            optional = "?" if len(tails) < len(rests) else ""
            branches.append(f"{re.escape(first)}(?:{trie_pattern(tails)}){optional}")
    return "|".join(branches)


_TROOPS = (
    r"troops|soldiers|servicemen|service\s?members|personnel(?!\s+carriers?\b)|forces|fighters|marines|"
    r"paratroopers|commandos|conscripts|mercenaries|reservists|infantrymen|combatants|"
    r"peacekeepers|sailors|airmen|guardsmen|guard\s+members|"
    # "112 members of the People's Defence Force", "members of the armed forces"
    r"members(?=\s+of\s+(?:the\s+)?(?:[\w’'-]+\s+){0,4}?(?:forces?|army|militias?|brigades?|"
    r"battalions?|regiments?|guards?|units?)\b)|"
    r"military\s+(?:instructors|advisers|advisors|trainers)"
)
_CASUALTY = (
    r"casualties|dead|deaths|killed|wounded|injured|captured|prisoners(?:\s+of\s+war)?|POWs"
)
#: Nouns that count soldiers only in a casualty figure: "One soldier was killed", "lost
#: nearly three hundred men killed or wounded" (never "one soldier said", "300 men").
_PEOPLE = (
    r"soldier|serviceman|servicewoman|servicemember|marine|paratrooper|conscript|reservist|"
    r"men|militants|insurgents|rebels|jihadists|terrorists|gunmen|guerrillas|attackers|militiamen|"
    r"commanders|"
    r"assailants"
)
_MISSILES = r"missiles?|rockets?|projectiles?|ICBMs?|SRBMs?|IRBMs?|MRBMs?|SLBMs?"
_TESTS = r"tests|launches|test-launches|test-firings|firings|test\s+launches"
_DISTANCE = r"km|kms|kilometers|kilometres|kilometer|kilometre|miles|mile"
#: The first letters of the head nouns: HEAD_RE tries its noun groups only where one of
#: these starts, which it tells with one test. The lazy modifier run tries the nouns after
#: every word, so most tries fail. (A look-ahead for their first two letters, a trie, cost
#: more than it saved once each group is factored and gated: ~7k instructions an article.)
_HEAD_FIRSTS = "".join(sorted({
    noun[0].lower()
    for nouns in (_TROOPS, _CASUALTY, _MISSILES, _TESTS, _DISTANCE, _PEOPLE)
    for noun in nouns.split("|")
}))
#: Words that stop a modifier run: a head noun is never behind one of these. Factored
#: (trie_pattern): the regexes test them before every modifier word.
_STOP_WORDS = (
    "and", "or", "but", "with", "to", "from", "in", "on", "at", "by", "for", "of", "were",
    "was", "had", "have", "has", "are", "is", "be", "been", "that", "which", "who", "as",
    "than", "per", "a", "an", "the", "this", "these", "those", "when", "while", "after",
    "before", "since", "into", "their", "its", "his", "her", "s", "day", "days", "year",
    "years", "hour", "hours", "week", "weeks", "month", "months", "minute", "minutes",
    "percent", "won", "dollar", "dollars",
)
_STOP = trie_pattern(sorted(_STOP_WORDS))
_STOP_FIRSTS = "".join(sorted({word[0] for word in _STOP_WORDS}))

#: The stop words as a pattern, for the modifier runs of other modules' regexes.
STOP = _STOP
#: The troop nouns as a pattern (an alternation), for other modules' regexes.
TROOP_NOUNS = _TROOPS
#: The missile nouns as a pattern (an alternation).
MISSILE_NOUNS = _MISSILES

#: What follows a number: scope word, partitive, up to four modifiers, then the head noun.
#: (Possessive spaces: a word follows them, so giving one back cannot help.)
_HEAD_LEAD = (
    r"(?P<plus>-plus\b|\s++plus\b)?"
    r"(?P<more>\s++(?:more|additional|extra|further))?"
    r"(?P<orso>\s++or\s++so\b)?"  # "the nine hundred or so British personnel"
    r"(?P<part>\s++of\s++(?:the|its|their|those|these|his|all|our)\b)?"
)
#: "U.S. and South Korean", "Taliban and allied" (no comma: `may_have_head` relies on it)
_HEAD_PAIR = (r"\s+(?:(?-i:[A-Z])[\w’'.\-]*+\s++){1,2}and"
              r"(?=\s+(?:(?-i:[A-Z])|allied\b|other\b|affiliated\b|associated\b))")


def _noun_group(name: str, alternation: str) -> str:
    """Group `name` of `alternation`, for HEAD_RE: its plain words ("troops", "ICBMs?")
    factored by `trie_pattern` (lower-cased: HEAD_RE ignores case) before its other
    branches, behind a look-ahead for their first letters.

    The noun is followed by a word boundary, so at most one branch can match at a place and
    their order does not matter.
    """
    branches, depth, start = [], 0, 0
    for i, char in enumerate(alternation):
        if char in "()" and alternation[i - 1 : i] != "\\":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            branches.append(alternation[start:i])
            start = i + 1
    branches.append(alternation[start:])
    words: set[str] = set()
    others = []
    for branch in branches:
        if re.fullmatch(r"[A-Za-z-]+", branch):
            words.add(branch.lower())
        elif re.fullmatch(r"[A-Za-z-]+s\?", branch):  # "missiles?"
            words.update((branch[:-2].lower(), branch[:-1].lower()))
        else:
            others.append(branch)
    firsts = "".join(sorted({branch[0].lower() for branch in branches}))
    factored = "|".join(([trie_pattern(sorted(words))] if words else []) + others)
    return f"(?=[{firsts}])(?P<{name}>{factored})"


HEAD_RE = re.compile(
    _HEAD_LEAD + r"(?P<pair>" + _HEAD_PAIR + r")?"
    # Possessive runs where giving back cannot help (a space or hyphen never starts a word
    # or noun; a word never holds a space), and a first-letter test before the stop words
    # and the noun starts (tries): ~11k instructions an article.
    r"(?P<mods>(?:[\s-]++(?!(?=[" + _STOP_FIRSTS + r"])(?:" + _STOP + r")\b(?!-))"
    r"(?:(?:[A-Z]\.){2,}|[A-Za-z][\w’'\-]*)){0,4}?)"
    # The noun may stand glued to the digits ("flew 400km"). The look-ahead needs a letter
    # here, so "\b, or after a digit" is "not after a letter or underscore": one test where
    # the alternation tested twice at most positions (~11k instructions an article).
    r"[\s-]*+(?<![^\W\d])(?=[" + _HEAD_FIRSTS + r"])"
    # Each noun group factored and gated by its first letters: the lazy modifier run tries
    # them after every word, and with IGNORECASE `re` enters each of their ~60 branches in
    # turn (~16k instructions an article, measured).
    r"(?:" + _noun_group("troops", _TROOPS) + "|" + _noun_group("casualty", _CASUALTY)
    + "|" + _noun_group("missiles", _MISSILES) + "|" + _noun_group("tests", _TESTS)
    + "|" + _noun_group("distance", _DISTANCE) + "|" + _noun_group("people", _PEOPLE)
    + r")\b",
    re.IGNORECASE,
)
#: The start of a HEAD_RE match whose 'pair' group takes part (the only group whose words
#: may hold any period, "Kim Jr. and South Korean troops").
HEAD_PAIR_RE = re.compile(_HEAD_LEAD + _HEAD_PAIR, re.IGNORECASE)
#: What follows an ordinal: up to three modifiers, then a test noun, or "time".
ORDINAL_HEAD_RE = re.compile(
    r"(?P<mods>(?:\s+(?!(?:" + _STOP + r")\b)[\w’'\-]+){0,3}?)\s+"
    r"(?:(?P<test>test-fir\w*|test-launch\w*|tests?|testing|launch(?:es|ing)?|firings?|"
    r"provocation)|(?P<time>time))\b",
    re.IGNORECASE,
)
#: The weapon an ordinal test count is of, after it: "first test-fire of the year of a
#: solid-fuel ICBM", "its third test of a hypersonic missile".
ORDINAL_WEAPON_RE = re.compile(
    r"(?:\s+(?:of|in)\s+(?:the|this)\s+year)?\s+(?:of|for|with)\s+(?:an?|the|its|their|his)\s+"
    r"(?P<mods>(?:(?!(?:" + _STOP + r")\b)[\w’'\-]+\s+){0,4}?)(?P<missiles>" + _MISSILES + r")\b",
    re.IGNORECASE,
)
#: A missile noun among an ordinal's modifiers: "its first ICBM test".
MISSILE_NOUN_RE = re.compile(r"\b(?P<missiles>" + _MISSILES + r")\b", re.IGNORECASE)
#: "200 were killed", "11 others were wounded", "two were seriously injured", "a dozen
#: others had been taken prisoner": a casualty participle after a bare number.
_AUX = r"\s+(?:were|was|are|have\s+been|had\s+been|has\s+been|been)"
CASUALTY_VERB_RE = re.compile(
    r"(?P<partitive>\s+of\s+(?:them|those|these|whom|(?:its|their|his)\s+own))?"
    r"(?P<others>\s+(?:others|more))?"
    # "five others (were) seriously wounded": after "others" the auxiliary may be left out.
    r"(?:(?(others)(?:" + _AUX + r")?|" + _AUX + r")"
    r"(?:\s+(?:seriously|severely|critically|badly|lightly|slightly|fatally|also|reportedly|"
    r"later|since|already|now|all|moderately))?\s+(?!died)|\s+(?:have|has|had)\s+(?=died))"
    r"(?P<casualty>killed|wounded|injured|captured|taken\s+prisoner|died)\b",
    re.IGNORECASE,
)
#: The casualty a `_PEOPLE` noun is counted in, right after it: "one soldier was killed",
#: "300 men killed or wounded".
PEOPLE_CASUALTY_RE = re.compile(
    r"[”\"]?"  # '"scores of terrorists" were killed'
    r"(?:\s+(?:was|were|(?:has|have|had)(?:\s+also)?\s+been)(?:\s+(?:seriously|severely|"
    r"critically|badly|lightly|slightly|fatally|reportedly|also))?)?\s+(?P<word>killed\s+(?:or|and)\s+"
    r"(?:wounded|injured)|killed|wounded|injured|captured|taken\s+prisoner|died)\b",
    re.IGNORECASE,
)
#: "killed around 150 others", "wounded 30 others": the number after a casualty verb
#: stands for people of the group named before.
OTHERS_RE = re.compile(r"\s+(?:others|more)\b", re.IGNORECASE)
#: "Russian losses over the past day amounted to 1,380 personnel", "casualties in Kursk
#: have exceeded 38,000": a casualty noun is the subject the number is the value of.
CASUALTY_SUBJECT_RE = re.compile(
    r"\b(?P<word>losses|casualties)\b[^.;]{0,80}?\b(?:amounted\s+to|amount\s+to|reached|"
    r"stood\s+at|stand\s+at|stands\s+at|rose\s+to|risen\s+to|climbed\s+to|grown\s+to|"
    r"exceeded|surpassed|topped|passed|totaled|totalled|averaged|numbered|to|at|of|were|was|"
    r"are|is)\s+$",
    re.IGNORECASE,
)
#: "Ukrainian losses over the past day: ...", "Russian losses, according to the General
#: Staff: ...", "Losses by direction were as follows: ...": a casualty noun that heads a
#: list of counts (after a colon or dash), each a count of casualties.
CASUALTY_LEAD_IN_RE = re.compile(
    r"\b(?:losses|casualties)\b(?:\s*\([^()]{0,40}\))?"
    r"(?:,?\s+(?:over|in|on|for|during|since|by|along|across|of|among|at|near|from|per|"
    r"according\s+to|as\s+of)\b[^.;:,()—–]{0,60}?)?"
    r",?(?:\s+(?:were|are|was|is)(?:\s+as\s+follows)?|\s+as\s+follows)?\s*(?::|—|–|\s-\s)",
    re.IGNORECASE,
)
#: People who are not soldiers: a sentence naming them gives its bare casualty counts to
#: them, not to the troops of the sentence before.
NOT_MILITARY_PEOPLE_RE = re.compile(
    r"\b(?:civilians?|people|residents|children|women|villagers|workers|protesters|"
    r"journalists|refugees|migrants|passengers|patients|students|pilgrims|spectators|"
    r"inhabitants|non-combatants)\b",
    re.IGNORECASE,
)
PERIOD_RE = re.compile(
    r"(?:\s+(?:exercise|event|drill|activity|campaign|series))?"
    r"[\s,]*(?:so\s+far\s+)?(?P<period>this\s+(?:year|month|week)|(?:of|in)\s+(?:19|20)\d\d"
    r"|since\s+[A-Z]\w+(?:\s+\d{4})?"
    r"|in\s+(?:a|one|two|three|four|five|six|recent|the\s+past|the\s+last)\s+(?:\w+\s+)?"
    r"(?:days?|weeks?|months?|years?))\b"
)
TROOP_NOUN_RE = re.compile(r"\b(?:" + _TROOPS + r"|troop)\b", re.IGNORECASE)
LAUNCH_RE = re.compile(
    r"\b(?:fir(?:ed|es|ing|e)|launch(?:ed|es|ing)?|test-fir\w*|test-launch\w*|lob(?:bed|s)?|"
    r"shot|salvo|volley|barrage|tracked|"
    r"cross(?:ed|ing)\s+(?:from|into|over)\b)\b",  # "30 rockets crossed from Lebanon"
    re.IGNORECASE,
)
#: The object of a launch with no count: "the launching of new anti-aircraft missiles".
LAUNCH_OBJECT_RE = re.compile(
    r"\b(?:launch(?:ed|es|ing)?(?:\s+of)?|fir(?:ed|es|ing)|test-fir(?:ed|es|ing)|"
    r"test-launch(?:ed|es|ing)?|flight-test(?:ed|s|ing)?|lobbed)\s+"
    r"(?:what\s+(?:[a-z]+\s+){1,3}?(?:be|was|is|were)\s+)?"  # "what appears to be a missile"
    r"(?:an?\s+[A-Z][\w\-]*(?:\s+[A-Z0-9][\w\-]*)?,\s+(?=an?\s))?"  # "a Hwasong-20, a new ICBM"
    r"(?P<det>(?:an?|new|more)\s+)?"
    r"(?P<mods>(?:(?!(?:" + _STOP + r")\b)[“\"]?[A-Za-z][\w\-]*[”\"]?\s+){0,4}?)"
    r"(?P<head>missiles?|rockets?|ICBMs?|SRBMs?|IRBMs?)$",
)
#: A single missile as the subject of a passive launch: "A Sineva missile was fired from a
#: submarine" (the window ends at the noun; PASSIVE_LAUNCH_RE follows it).
LAUNCHED_SUBJECT_RE = re.compile(
    r"\b(?P<det>an?)\s+(?P<mods>(?:(?!(?:" + _STOP + r")\b)[A-Za-z][\w\-]*\s+){0,5}?)"
    r"(?P<head>missile|ICBM|rocket)$",
    re.IGNORECASE,
)
PASSIVE_LAUNCH_RE = re.compile(
    r"\s+(?:(?:was|has\s+been|had\s+been)\s+(?:[a-z]+ly\s+)?"
    r"(?:launched|fired|test-fired|test-launched)\b"
    # "a missile launched from Yemen was intercepted"
    r"|(?:launched|fired)\s+(?:from|by|at|toward|towards|into|over)\b)"
)
_NOT_HEAD_AFTER = re.compile(
    r"\s*(?:launch|launches|test|tests|program|programme|defen[cs]e|system|systems|unit|"
    r"units|base|bases|site|sites|technology|development|force|forces|sites?|engine|launchers?|"
    r"warning|alert|attack|attacks|strike|strikes)\b",
    re.IGNORECASE,
)


def contains_any(text: AnyStr, parts: tuple[AnyStr, ...]) -> bool:
    """True when `text` holds one of `parts`: the substring pre-checks before the regexes.

    A plain loop: `any()` over a generator costs ~1.7x as much (callgrind: 9.1k against
    5.4k instructions for the 18 verbs of attribution's _SUBJECT_RE).
    """
    for part in parts:  # noqa: SIM110 (see above)
        if part in text:  # type: ignore[operator]  # (mypy: AnyStr in AnyStr)
            return True
    return False


def head_is_modifier(text: str, end: int) -> bool:
    """True when a missile noun modifies the next word ("missile launches", "missile sites")."""
    return _NOT_HEAD_AFTER.match(text, end) is not None


CASUALTY_AFTER_RE = re.compile(
    r"[^.;]{0,60}?\b(?P<word>killed\s+(?:or|and)\s+(?:wounded|injured)|casualties|killed|"
    r"suffered\s+(?:\w+\s+)?(?:injuries|wounds)|"
    r"wounded|injured|captured|taken\s+prisoner|prisoners?|captive|captivity|died|dead|"
    r"martyred|embraced\s+(?:shahadat|martyrdom))\b",
    re.IGNORECASE,
)
CASUALTY_BEFORE_RE = re.compile(
    r"\b(?P<word>(?:killed|wounded)\s+(?:or|and)\s+(?:wounded|injured|killed)|killed|killing|kills|wounded|wounding|injured|injuring|captured|capturing|"
    r"lost|losing|lose|suffered|suffering|deaths(?=\s+of)|"
    r"(?:claim(?:ed|ing|s)?|took|tak(?:es|ing)|cost(?:s|ing)?)\s+the\s+lives(?=\s+of))"
    r"(?:\s+of)?:?\s+[“\"]?$",  # "Killed: 12", "claimed the lives of nine troops"
    re.IGNORECASE,
)
MILITARY_CONTEXT_RE = re.compile(
    r"\b(?:" + _TROOPS + r"|military|army|troop|soldier|serviceman|servicemember|marine|"
    r"paratrooper|conscript|reservist|POWs|prisoners\s+of\s+war|battle|front|combat|fighting|"
    r"war|battalions?|brigades?|regiments?|platoons?|garrisons?)\b",
    re.IGNORECASE,
)
PLANNED_RE = re.compile(
    r"\b(?:will|would|could|may|might|plans?|planning|planned|prepar(?:es|ing|ed)|"
    r"expect(?:s|ed)?|intends?|intending|poised|ready|set|agreed|pledged|promised|"
    r"threatened|considering)\s+(?:to\s+)?(?:be\s+)?(?:send|deploy|dispatch|sent|deployed|"
    r"dispatched|rotate|mobili[sz]e|transfer)\b",
    re.IGNORECASE,
)
PLANNED_AFTER_RE = re.compile(
    r"[^.;]{0,80}?\b(?:by\s+(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December|the\s+end\s+of|next|early|mid|late)|may\s+follow|in\s+the\s+"
    r"coming\s+(?:weeks|months|days))\b",
)
TOTAL_AFTER_RE = re.compile(r"[^.;]{0,60}?\b(?:so\s+far|in\s+total|in\s+all|altogether)\b")
#: The words before a distance that make it an altitude or a range (whole words, any case),
#: with the metric each gives.
DISTANCE_WORDS = {
    **dict.fromkeys(("altitude", "apogee", "height", "high"), "missile_altitude_km"),
    **dict.fromkeys((
        "flew", "flying", "flown", "flies", "travel", "traveled", "travelled", "traveling",
        "travelling", "travels", "range", "distance", "covered", "reach", "reached", "reaching",
        "strike", "striking", "target",
    ), "missile_range_km"),
}
DISTANCE_CONTEXT_RE = re.compile(
    r"\b(?:(?P<altitude>" + trie_pattern(sorted(
        w for w, metric in DISTANCE_WORDS.items() if metric == "missile_altitude_km"))
    + r")|(?P<range>" + trie_pattern(sorted(
        w for w, metric in DISTANCE_WORDS.items() if metric == "missile_range_km"))
    + r"))\b",
    re.IGNORECASE,
)
PARTICIPLE_METRIC = {
    "killed": "troops_killed", "dead": "troops_killed", "deaths": "troops_killed",
    "died": "troops_killed", "killing": "troops_killed", "kills": "troops_killed",
    "wounded": "troops_wounded", "injured": "troops_wounded", "wounding": "troops_wounded",
    "injuring": "troops_wounded", "captured": "troops_captured", "capturing": "troops_captured",
    "prisoners": "troops_captured", "pows": "troops_captured",
    "taken prisoner": "troops_captured", "prisoner": "troops_captured",
    "captive": "troops_captured", "captivity": "troops_captured", "martyred": "troops_killed",
    # Pakistan's military writes of its dead that they "embraced martyrdom".
    "embraced martyrdom": "troops_killed", "embraced shahadat": "troops_killed",
    "casualties": "troops_casualties", "losses": "troops_casualties",
    "lost": "troops_casualties", "losing": "troops_casualties", "lose": "troops_casualties",
    "suffered": "troops_casualties", "suffering": "troops_casualties",
}

#: Qualifier phrases written before a number, longest first, with what they mean.
QUALIFIERS_BEFORE = (
    ("no fewer than", "at_least"), ("no less than", "at_least"), ("a minimum of", "at_least"),
    ("at least", "at_least"), ("more than", "more_than"), ("upwards of", "more_than"),
    ("in excess of", "more_than"), ("well over", "more_than"), ("just over", "more_than"),
    ("over", "more_than"), ("up to", "up_to"), ("as many as", "up_to"),
    ("fewer than", "fewer_than"), ("less than", "fewer_than"), ("just under", "fewer_than"),
    ("under", "fewer_than"), ("no more than", "at_most"), ("at most", "at_most"),
    ("a maximum of", "at_most"), ("approximately", "approx"), ("an estimated", "approx"),
    ("estimated at", "approx"), ("about", "approx"), ("around", "approx"),
    ("roughly", "approx"), ("nearly", "approx"), ("almost", "approx"), ("close to", "approx"),
    ("some", "approx"), ("estimated", "approx"), ("approx.", "approx"), ("perhaps", "approx"),
)
SCOPE_BEFORE_LIST = (
    ("a total of", "total"), ("total of", "total"), ("an additional", "additional"),
    ("another", "additional"), ("a further", "additional"), ("additional", "additional"),
)
RANGE_PREFIXES = ("between", "from")
#: Words before a number, keyed by their word tuple: ("qualifier"|"scope"|"range", meaning).
LEFT_PHRASES: dict[tuple[str, ...], tuple[str, str]] = {
    **{tuple(p.split()): ("qualifier", m) for p, m in QUALIFIERS_BEFORE},
    **{tuple(p.split()): ("scope", m) for p, m in SCOPE_BEFORE_LIST},
    **{(p,): ("range", p) for p in RANGE_PREFIXES},
}
#: Words before a number with no noun after it that tie it to troops named earlier
#: ("the troops, estimated at 3,000"; "estimates ranging between 1,000 to 3,000").
LINKS_BEFORE_RE_WORDS = (
    "estimated at", "numbering", "numbered", "totaling", "totalling", "totaled", "totalled",
    "put at", "ranging", "ranging from", "estimates of", "estimate of", "estimates at",
    "numbers",  # "the contingent at Sake numbers about 1,100"
    "estimate to", "estimates to", "range from", "range between", "ranges from", "number to", "figure to", "figure of", "tally of",
)
LINK_RE = re.compile(
    r"\b(?:" + "|".join(w.replace(" ", r"\s+") for w in LINKS_BEFORE_RE_WORDS)
    + r")\s+(?:[a-z]+\s+){0,3}$"
)
MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
     "sep", "sept", "oct", "nov", "dec"}
)
NOT_AFTER_NUMBER = ("%", " percent", " per cent", "-year", " year-old", ":", "/", "th ", "°")
NOT_BEFORE_NUMBER = ("$", "€", "£", "¥", "#", "no.", "mach", "resolution", "article", "aged")
WEAPON_DROP = frozenset({"new", "more", "additional", "extra", "further", "other", "fresh"})

#: "bringing the total number of American troops ... to roughly 13,000": a running total
#: named before the number, tied to it by "to".
TOTAL_LINK_RE = re.compile(
    r"\b(?:bring(?:ing|s)?|brought|rais(?:e|es|ed|ing)|tak(?:e|es|ing)|took|push(?:es|ed|ing)?|"
    r"increas(?:e|es|ed|ing)|boost(?:s|ed|ing)?|expand(?:s|ed|ing)?)"
    r"\s+(?:(?:the|its|their)\s+(?:overall\s+|total\s+)?(?:total|number|tally|count|figure|"
    r"size|estimates?\s+of\s+the\s+(?:total\s+)?number)"
    # the force itself: "its contingent", "KFOR’s strength", "the U.S. military presence",
    # "Britain's troop numbers" (the number counts troops with no troop noun written)
    r"|(?:the|its|their|[\w.’'-]+[’']s)\s+(?:[\w.’'-]+\s+){0,2}?(?P<force>contingent|presence|"
    r"strength|force|garrison|deployment|troop\s+(?:numbers|levels?)|troops|forces|soldiers|"
    r"grouping)"
    # "its acknowledged death toll", "the army's toll", "claimed Russian casualties"
    r"|(?:(?:the|its|their)\s+)?(?:[\w’'-]+\s+){0,2}?(?:toll|casualties|losses))"
    r"\b(?:[^.;]|(?<=[A-Z])\.){0,100}?\bto\s+(?:[a-z]+\s+){0,3}$",  # "U.S. forces"
    re.IGNORECASE,
)
