"""Number grammar: digits, words, ranges, vague words, ordinals."""

import pytest
from text_to_num import text2num

from pipeline.core.numbers import match_quantity, ordinal_value, words_to_number


@pytest.mark.parametrize(
    ("written", "low", "high"),
    [
        ("10,000", 10000, 10000),
        ("10 000", 10000, 10000),
        ("1.5 million", 1_500_000, 1_500_000),
        ("6K", 6000, 6000),
        ("6k", 6000, 6000),
        ("27-hundred", 2700, 2700),
        ("three thousand", 3000, 3000),
        ("three-thousand", 3000, 3000),
        ("twenty-seven hundred", 2700, 2700),
        ("a dozen", 12, 12),
        ("two dozen", 24, 24),
        ("half a dozen", 6, 6),
        ("half a million", 500_000, 500_000),
        ("a pair of", 2, 2),
        ("a single", 1, 1),
        ("10,000 to 12,000", 10000, 12000),
        ("10,000-12,000", 10000, 12000),
        ("10,000\u201312,000", 10000, 12000),
        ("1.5 to 2 million", 1_500_000, 2_000_000),
        ("two or three", 2, 3),
    ],
)
def test_match_quantity_reads_value(written, low, high):
    q = match_quantity(written + " troops", 0)
    assert q is not None
    assert (q.low, q.high) == (low, high)
    assert q.is_range == (low != high)


@pytest.mark.parametrize(
    "written",
    ["several", "a few", "dozens of", "hundreds of", "thousands of", "tens of thousands of",
     "a barrage of", "several thousand", "a few hundred", "multiple"],
)
def test_match_quantity_keeps_vague_words(written):
    q = match_quantity(written + " troops", 0)
    assert q is not None
    assert q.low is None and q.high is None
    assert q.vague == written


@pytest.mark.parametrize("written", ['"dozens" of', "\u201chundreds\u201d of"])
def test_a_quoted_vague_word_keeps_its_of(written):
    q = match_quantity(written.lstrip('"\u201c') + " troops", 0)
    assert q is not None
    assert q.low is None
    assert q.vague == written.replace('"', "").replace("\u201c", "").replace("\u201d", "")


def test_half_alone_is_no_number():
    assert match_quantity("half of the troops", 0) is None


def test_vague_leaves_partitive_of_for_the_noun():
    q = match_quantity("a few hundred of the soldiers", 0)
    assert q is not None and q.vague == "a few hundred"


@pytest.mark.parametrize(
    ("word", "rank"), [("sixth", 6), ("18th", 18), ("first", 1), ("twenty-first", 21)]
)
def test_ordinal_value(word, rank):
    assert ordinal_value(word) == rank
    q = match_quantity(word + " test", 0)
    assert q is not None and q.ordinal and q.low == rank


def test_hyphenated_year_span_is_not_a_range():
    q = match_quantity("1950-53 Korean War", 0)
    assert q is not None and not q.is_range and q.low == 1950


def test_and_is_a_range_only_after_between():
    assert match_quantity("between 1,000 and 3,000", 8).is_range
    q = match_quantity("killed 1,000 and 2,000 wounded", 7)
    assert not q.is_range and q.low == 1000


def test_long_digit_run_is_not_a_number():
    assert match_quantity("9" * 5000, 0) is None


@pytest.mark.parametrize(
    "words",
    ["three thousand", "three-thousand", "twenty-seven hundred", "eleven thousand five hundred",
     "ninety-nine", "one hundred and five", "two million"],
)
def test_words_to_number_agrees_with_text2num(words):
    assert words_to_number(words) == text2num(words, "en")


@pytest.mark.parametrize("words", ["a dozen", "a hundred", "a thousand"])
def test_words_to_number_reads_forms_text2num_rejects(words):
    with pytest.raises(ValueError):
        text2num(words, "en")
    assert words_to_number(words) in (12, 100, 1000)
