"""Gazetteer - countries, demonyms, capitals, regions and metonyms, resolved to canonical names."""

from __future__ import annotations

import re
from functools import lru_cache

#: Canonical country name -> the ways news writes it (names, demonyms, capitals, metonyms).
_COUNTRIES: dict[str, tuple[str, ...]] = {
    "North Korea": (
        "North Korea", "North Korean", "North Koreans", "N. Korea", "N. Korean", "NK",
        "DPRK", "Democratic People's Republic of Korea", "Pyongyang", "the North",
        "Kim Jong Un", "Kim Jong-un", "Kim", "Korean People's Army", "KPA",
    ),
    "South Korea": (
        "South Korea", "South Korean", "South Koreans", "S. Korea", "S. Korean", "ROK",
        "Republic of Korea", "Seoul", "the South",
    ),
    "Russia": (
        "Russia", "Russian", "Russians", "Russian Federation", "Moscow", "the Kremlin",
        "Kremlin", "Putin", "Vladimir Putin",
    ),
    "Ukraine": ("Ukraine", "Ukrainian", "Ukrainians", "Kyiv", "Kiev", "Zelenskiy", "Zelensky"),
    "United States": (
        "United States", "U.S.", "US", "USA", "America", "American", "Americans",
        "Washington", "the Pentagon", "Pentagon", "the White House",
    ),
    "Japan": ("Japan", "Japanese", "Tokyo"),
    "China": ("China", "Chinese", "Beijing"),
    "Iran": ("Iran", "Iranian", "Tehran"),
    "Israel": ("Israel", "Israeli", "Israelis"),
    "Belarus": ("Belarus", "Belarusian", "Minsk"),
    "Syria": ("Syria", "Syrian", "Damascus"),
    "Taiwan": ("Taiwan", "Taiwanese", "Taipei"),
    "India": ("India", "Indian", "New Delhi"),
    "Pakistan": ("Pakistan", "Pakistani", "Islamabad"),
    "United Kingdom": ("United Kingdom", "Britain", "British", "UK", "London"),
    "France": ("France", "French", "Paris"),
    "Germany": ("Germany", "German", "Berlin"),
    "Poland": ("Poland", "Polish", "Warsaw"),
}

#: Places below the country level that news names on their own ("the Kursk region").
_REGIONS: dict[str, tuple[str, ...]] = {
    "Russia": (
        "Kursk", "Belgorod", "Bryansk", "Rostov", "Vladivostok", "Ussuriysk", "Khabarovsk",
        "Novosibirsk", "Primorsky", "Sudzha", "Russian Far East", "Far East", "Siberia",
        "Crimea",
    ),
    "Ukraine": (
        "Donetsk", "Luhansk", "Zaporizhzhia", "Kharkiv", "Kherson", "Donbas", "Pokrovsk",
        "Bakhmut", "Odesa", "Dnipro",
    ),
}

PLACE_TO_COUNTRY: dict[str, str] = {}
for _country, _names in _COUNTRIES.items():
    for _name in _names:
        PLACE_TO_COUNTRY[_name.lower()] = _country
_REGION_TO_COUNTRY = {
    name.lower(): country for country, names in _REGIONS.items() for name in names
}

#: Names that stand for a country as an actor but are not a place where troops are.
_ACTOR_ONLY = frozenset(
    {"kim", "kim jong un", "kim jong-un", "putin", "vladimir putin", "zelenskiy", "zelensky",
     "the kremlin", "kremlin", "the pentagon", "pentagon", "the white house", "kpa",
     "korean people's army"}
)

#: What follows a name where it is not the country: a pattern appended to the name's own.
_GUARDS: dict[str, str] = {
    # Bare "Kim" is the leader; "Kim Yong-hyun" (a South Korean minister) is not.
    "Kim": r"(?!\s+[A-Z]|-)",
}


def _spellings() -> list[str]:
    names = [n for names in _COUNTRIES.values() for n in names]
    names += [n for names in _REGIONS.values() for n in names]
    names += ["The" + n[3:] for n in names if n.startswith("the ")]
    # Longest first (a longer name wins); ties in name order, so the pattern is the same in
    # every process (set order follows the hash seed).
    return sorted(set(names), key=lambda name: (-len(name), name))


#: One piece of an escaped name: the `\s+` that stands for a space, an escaped character,
#: or a character.
_TOKEN_RE = re.compile(r"\\s\+|\\.|.", re.DOTALL)


def _tokens(name: str) -> list[str]:
    return _TOKEN_RE.findall(re.escape(name).replace(r"\ ", r"\s+"))


def _trie(names: list[str]) -> str:
    """The names (all with the same first letter) as one regex for what follows that letter.

    A trie: one branch per next character, so at a capital letter `re` tests each character
    once, where an alternation of the names tests the next one once per name of the group.
    At a node where a name ends, its branch (with its `_GUARDS` pattern) comes
    after the longer names', so the match is the longest name that fits, as it is in the
    alternation of the names longest first; branches never overlap (each starts with a
    different character, or with `\\s+`).
    """
    root: dict[str, dict] = {}
    for name in names:
        node = root
        for token in _tokens(name)[1:]:
            node = node.setdefault(token, {})
        node[""] = {"guard": _GUARDS.get(name, "")}  # the name ends here

    def alternation(node: dict[str, dict]) -> str:
        parts = [token + alternation(child) for token, child in node.items() if token]
        if "" in node:
            parts.append(node[""]["guard"])
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return alternation(root)


def _place_re() -> re.Pattern[str]:
    """Any gazetteer spelling, longest first, case-sensitive on purpose ("US", not "us").

    The spellings are grouped by their first letter, and each group's branch starts with
    that letter, then tests the `(?<![\\w.])` boundary: a pattern that begins with a set
    of literals lets `re` skip, in C, every character that cannot start a name, where one
    that begins with a look-behind runs all the names at every character (~100 ns a
    character). Within a group the names form a trie (`_trie`).
    """
    groups: dict[str, list[str]] = {}
    for name in _spellings():  # every one starts with a letter
        groups.setdefault(name[0], []).append(name)
    branches = [rf"{first}(?<![\w.]{first}){_trie(names)}" for first, names in groups.items()]
    return re.compile(r"(?P<name>" + "|".join(branches) + r")(?!\w)(?P<poss>[’']s)?")


PLACE_RE = _place_re()


@lru_cache(maxsize=1024)
def country_of(name: str) -> str | None:
    """Canonical country for a name, demonym, capital, region or metonym, else None.

    Cached: the extractor asks for the same few names again and again (~9 times an article),
    and a cache hit costs ~1/5 of the look-up (callgrind: ~870 against ~4,200 instructions).
    """
    key = " ".join(name.split()).lower()
    if key.startswith("the ") and key not in PLACE_TO_COUNTRY:
        key = key[4:]
    return PLACE_TO_COUNTRY.get(key) or _REGION_TO_COUNTRY.get(key)


def is_region(name: str) -> bool:
    """True for a place below country level ("Kursk")."""
    return name.lower() in _REGION_TO_COUNTRY


def is_actor_only(name: str) -> bool:
    """True for a person or institution that stands for a country but is not a place."""
    return name.lower() in _ACTOR_ONLY


_find_places = PLACE_RE.finditer


def places(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """The gazetteer names in text[lo:hi], in text order (`PLACE_RE.finditer(text, lo, hi)`)."""
    return list(_find_places(text, lo, hi))
