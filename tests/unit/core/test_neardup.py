"""Near-duplicate signatures, LSH band keys and similarity estimates."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core.neardup import (
    BANDS,
    PERMUTATIONS,
    SIGNATURE_VERSION,
    THRESHOLD,
    band_keys,
    estimated_similarity,
    exact_similarity,
    fold_spaces,
    is_near_duplicate,
    signature,
    similarities,
)
from pipeline.core.fingerprints import normalised_bytes

_VOCAB = (
    "north korea troops russia seoul spy agency said deployed soldiers kursk border missile "
    "launch tested ballistic sea east japan defense ministry officials ukraine war front "
    "intelligence estimate units pyongyang moscow summit sanctions reported according week"
).split()


def story(seed: int, words: int = 400) -> str:
    rng = random.Random(seed)
    sentences = []
    for _ in range(words // 10):
        sentence = " ".join(rng.choice(_VOCAB) for _ in range(10))
        sentences.append(sentence.capitalize() + ".")
    return " ".join(sentences)


ARTICLE = story(1)


def test_signature_is_deterministic_and_fixed_size():
    sig = signature(ARTICLE)
    assert sig == signature(ARTICLE)
    assert len(sig) == PERMUTATIONS
    # Pinned: band keys are shared by every worker, so the signature must not drift
    # silently between versions (bump SIGNATURE_VERSION when it must change).
    assert band_keys(signature("North Korea has sent about 10,000 troops to Russia."))[0] == (
        band_keys(signature("north korea HAS sent about 10,000 troops to russia"))[0]
    )


def test_empty_text_has_no_signature_and_no_keys():
    assert signature("") == b""
    assert signature(" .,;\n") == b""
    assert band_keys(b"") == []
    assert estimated_similarity(b"", b"") == 0.0


def test_short_text_gets_a_full_signature():
    assert len(signature("troops")) == PERMUTATIONS
    assert signature("troops") == signature("TROOPS!")


def test_band_keys_are_strings_one_per_band_and_versioned():
    keys = band_keys(signature(ARTICLE))
    assert len(keys) == BANDS == len(set(keys))
    assert all(isinstance(k, str) and k.startswith("v1b") for k in keys)


def test_identical_and_unrelated_texts():
    assert estimated_similarity(signature(ARTICLE), signature(ARTICLE)) == 1.0
    unrelated = estimated_similarity(signature(ARTICLE), signature(story(2)))
    assert unrelated < 0.2


def test_estimate_tracks_exact_jaccard():
    rng = random.Random(5)
    base = ARTICLE.split()
    for keep in (0.95, 0.8, 0.6, 0.4):
        copy = [w if rng.random() < keep else rng.choice(_VOCAB) + "x" for w in base]
        text = " ".join(copy)
        exact = exact_similarity(ARTICLE, text)
        estimate = estimated_similarity(signature(ARTICLE), signature(text))
        assert abs(estimate - exact) < 0.15, (keep, exact, estimate)


def test_syndicated_copy_with_boilerplate_shares_a_band():
    copy = "SEOUL (Wire) \u2014 " + ARTICLE + "\n\nCopyright 2025 Wire. All rights reserved."
    a, b = signature(ARTICLE), signature(copy)
    assert set(band_keys(a)) & set(band_keys(b))
    assert is_near_duplicate(a, b)


def test_fold_spaces_matches_split_join():
    words = normalised_bytes("  A  b\n\nc d,e ")
    assert fold_spaces(words) == b" ".join(words.split()) == b"a b c d e"


texts = st.lists(st.sampled_from(_VOCAB), min_size=60, max_size=200).map(" ".join)


@settings(max_examples=50, deadline=None)
@given(texts, st.data())
def test_case_whitespace_and_punctuation_keep_the_signature(text, data):
    seps = [" ", "  ", "\n", "\n\n", ", ", " - ", "; "]
    varied = "".join(
        data.draw(st.sampled_from([w, w.upper(), w.title()])) + data.draw(st.sampled_from(seps))
        for w in text.split()
    )
    assert signature(varied) == signature(text)


@settings(max_examples=50, deadline=None)
@given(
    st.integers(0, 10**6).map(story),
    st.sampled_from(["ADVERTISEMENT", "Read more: our coverage", "(c) 2025 Wire", "SEOUL \u2014"]),
)
def test_boilerplate_keeps_near_duplicate_status(text, boilerplate):
    # Article-length text: a few words of boilerplate are a small part of it. (A text of
    # one repeated word has one distinct shingle, so any addition dominates it.)
    varied = boilerplate + "\n\n" + text + "\n\n" + boilerplate
    a, b = signature(text), signature(varied)
    assert is_near_duplicate(a, b, THRESHOLD)


# Signatures of SIGNATURE_VERSION 1, computed by the first implementation (commit 40e30fe):
# a faster implementation must give the same bytes (other workers' band keys depend on them).
_PINNED_V1 = {
    "North Korea has sent about 10,000 troops to Russia, Seoul's spy agency said.":
        "f6340be56f8b881faca52144ff865af99af9792e16cc15de4b6851a27528170d"
        "93a4ce12bb4ef7c1c2327ba04aa42f45728a0ca113308f655a8d3850f9b61f5d"
        "3949f54c4f0759aa685700e63bf3d54b64d770acb94eba088ccc3a0fa3973cd2"
        "1dd566cddef8f5c549c0b2ed6ddc21870bea1fe828161eec0de2857f606867b7",
    # One shingle, 127 densified bins.
    "troops":
        "b4b1b27d30e61009376325c49934f21e759caa8f0182e8c8adf02fd7004edbd1"
        "c391f80b5b07261c2d10b62ca1cca05d254b9f85cac05425c678b35801b3933d"
        "2731f2eb3ea5f8745aafda17f393cad2ac3c0baf3958c45aa249f36d1bb4ea5e"
        "ac26bc1ce8417ef49c0b365cdb4dc72180351eba7bb0358245b6c0bf32cbc9f9",
    "\u00dcn\u00efcode \u2014 \u201cquotes\u201d \u00a9 2025 and 10,000 troops":
        "9516cbf5d0231fb2c26057842d01cedf8d5d4276d08e8a557f937a484d7a187a"
        "62c007032c327294ab6eb0620ae39f9b855b47da3a6e12a59ab00a2cfe8b6eb9"
        "60755203d0875aad9a5d82e62e983f4f4d621773a38a15600ca1cdd57a489caa"
        "258dde6284a484af801d515198f68d68d833537bb56125ff5fb6c0ad84f097b4",
}


@pytest.mark.parametrize("text", sorted(_PINNED_V1))
def test_signature_bytes_are_pinned_for_version_1(text):
    assert SIGNATURE_VERSION == 1
    assert signature(text).hex() == _PINNED_V1[text]


def _reference_signature(text: str) -> bytes:
    """The signature as its docstrings describe it, one Python int per shingle (slow)."""
    mask = (1 << 64) - 1
    folded = b" ".join(normalised_bytes(text).split())
    if not folded:
        return b""
    padded = folded + bytes(16)
    bins: dict[int, int] = {}
    for start in [0] + [i + 1 for i, byte in enumerate(folded) if byte == 0x20]:
        w0 = int.from_bytes(padded[start : start + 8], "little")
        w1 = int.from_bytes(padded[start + 8 : start + 16], "little")
        x = (w0 * 0x9E3779B97F4A7C15 + w1) & mask
        x = (x * 0xBF58476D1CE4E5B9) & mask
        x ^= x >> 31
        x = (x * 0x94D049BB133111EB) & mask
        x ^= x >> 29
        top, value = x >> 57, x & ((1 << 57) - 1)
        bins[top] = min(bins.get(top, value), value)
    out = []
    for index in range(PERMUTATIONS):
        if index in bins:
            out.append(bins[index] & 0xFF)
            continue
        distance = 1
        while (index + distance) % PERMUTATIONS not in bins:
            distance += 1
        x = (bins[(index + distance) % PERMUTATIONS] + distance * 0x165667B1) & mask
        x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & mask
        x = ((x ^ (x >> 29)) * 0x94D049BB133111EB) & mask
        out.append((x ^ (x >> 31)) & 0xFF)
    return bytes(out)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*_VOCAB, "x" * 20, "\u00e9t\u00e9", ",", "\u2014", "\n\n"]),
                max_size=120).map(" ".join))
def test_signature_equals_the_reference_implementation(text):
    assert signature(text) == _reference_signature(text)


def test_reference_implementation_on_articles_and_pinned_texts():
    for text in [ARTICLE, story(2, 2000), story(3, 30), *_PINNED_V1]:
        assert signature(text) == _reference_signature(text)


_full = st.binary(min_size=PERMUTATIONS, max_size=PERMUTATIONS)


@given(st.lists(_full, max_size=20), st.lists(st.binary(max_size=PERMUTATIONS), max_size=4), _full)
def test_similarities_equal_estimated_similarity_one_by_one(full, mixed, sig):
    for others in (full, full + [sig, sig[:8] + bytes(120)], full + mixed):
        assert similarities(sig, others) == [estimated_similarity(sig, o) for o in others]
    assert similarities(b"", full) == [0.0] * len(full)
