"""Sources - one name for each organisation that news attributes figures to.

Reporters name the same source many ways ("NIS", "South Korea's spy agency", "Seoul's
National Intelligence Service"). Two figures disagree *between sources* only when their
sources differ after this folding; otherwise the later one revises the earlier.
"""

from __future__ import annotations

import re

#: Canonical name -> phrases that name it (lower case; matched as whole words, anywhere in
#: the attribution, so "South Korea's spy agency now" and "the NIS said" both fold).
_ALIASES: dict[str, tuple[str, ...]] = {
    "NIS": (
        "nis", "national intelligence service", "south korea's spy agency",
        "south korean spy agency", "seoul's spy agency", "south korean intelligence",
        "south korea's intelligence", "south korea's national intelligence",
    ),
    "KCNA": ("kcna", "korean central news agency", "north korea's state media",
             "north korean state media", "pyongyang's state media"),
    "JCS": ("jcs", "joint chiefs of staff"),
    "Pentagon": ("pentagon", "u.s. defense department", "us defense department",
                 "department of defense", "defense secretary"),
    "HUR": ("hur", "ukraine's military intelligence", "ukrainian military intelligence",
            "defence intelligence of ukraine", "defense intelligence of ukraine"),
    "Japan's defense ministry": ("japan's defense ministry", "japanese defense ministry",
                                 "japan's ministry of defense", "tokyo's defense ministry"),
}
_PATTERNS = [
    (name, re.compile(r"\b(?:" + "|".join(re.escape(a) for a in aliases) + r")\b"))
    for name, aliases in _ALIASES.items()
]
_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def canonical_source(attribution: str | None) -> str | None:
    """The organisation an attribution names, or the attribution itself, folded."""
    if not attribution:
        return None
    text = _SPACES.sub(" ", attribution.translate(_APOSTROPHES).lower()).strip()
    for name, pattern in _PATTERNS:
        if pattern.search(text):
            return name
    return text
