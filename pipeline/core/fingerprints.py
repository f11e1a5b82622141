"""Fingerprints - canonical URLs and normalised-body hashes for exact duplicate detection."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Query parameters that track a reader, not select content.
_TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid",
        "ref", "ref_src", "referrer", "cmpid", "ito", "ocid", "smid", "smtyp", "outputtype",
        "amp", "output", "partner", "via", "share", "s_cid", "ns_source", "ns_mchannel",
        "ncid", "spm", "_ga", "__twitter_impression",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "at_", "oly_")
_MOBILE_HOST = re.compile(r"^(?:www|m|mobile|amp)\.")
_AMP_PATH = re.compile(r"(?:/amp/?$|\.amp(?=\.html?$|$)|^/amp(?=/))")
_WORDS = re.compile(r"\w+")


def canonical_url(url: str) -> str:
    """The URL with scheme and host case, www/mobile/AMP variants, tracking and fragment removed.

    Two URLs that differ only in those ways name the same article.
    """
    raw = url.strip()
    if "://" not in raw:
        raw = "http://" + raw
    parts = urlsplit(raw)
    host = (parts.hostname or "").lower().rstrip(".")
    host = _MOBILE_HOST.sub("", host)
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    path = _AMP_PATH.sub("", path) or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in _TRACKING_PARAMS and not key.lower().startswith(_TRACKING_PREFIXES)
    ]
    query.sort()
    return urlunsplit(("", host, path, urlencode(query), "")).lstrip("/")


def normalise_text(text: str) -> str:
    """Lower-case word tokens joined by single spaces, after Unicode compatibility folding."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORDS.findall(folded))


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def url_key(url: str) -> str:
    """A fixed-size key for the canonical URL."""
    return "url:" + _digest(canonical_url(url))


def body_key(body: str) -> str:
    """A fixed-size key for the normalised body: unchanged by whitespace, case and punctuation."""
    return "body:" + _digest(normalise_text(body))
