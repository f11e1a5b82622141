"""Near-duplicate signatures, LSH band keys and similarity estimates."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core.neardup import (
    BANDS,
    PERMUTATIONS,
    THRESHOLD,
    band_keys,
    estimated_similarity,
    exact_similarity,
    fold_spaces,
    is_near_duplicate,
    signature,
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
