"""Properties of extract_figures: total on any text, values round-trip, linear time."""

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.core.extraction import extract_figures

WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
         8: "eight", 9: "nine", 12: "twelve", 20: "twenty", 40: "forty"}


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_never_raises_on_any_text(text):
    for figure in extract_figures(text):
        assert 0 <= figure.evidence.start <= figure.evidence.end <= len(text)


@given(
    st.sampled_from(["about", "some", "roughly", "approximately", "around"]),
    st.integers(min_value=1, max_value=9_999_999),
    st.sampled_from(["troops", "soldiers", "North Korean troops"]),
)
def test_rendered_troop_figure_comes_back(qualifier, n, noun):
    text = f"Officials said {qualifier} {n:,} {noun} were sent to Russia."
    (figure,) = extract_figures(text)
    assert (figure.low, figure.high, figure.qualifier) == (n, n, "approx")
    assert text[figure.evidence.start : figure.evidence.end] == f"{qualifier} {n:,}"


@given(
    st.integers(min_value=1, max_value=999_999),
    st.integers(min_value=1, max_value=999_999),
    st.sampled_from(["{a} to {b}", "{a}-{b}", "{a}\u2013{b}", "between {a} and {b}",
                     "between {a} to {b}"]),
)
def test_rendered_range_comes_back(a, step, form):
    b = a + step
    text = "North Korea has deployed " + form.format(a=f"{a:,}", b=f"{b:,}") + " soldiers."
    (figure,) = extract_figures(text)
    assert (figure.low, figure.high) == (a, b)


@given(st.sampled_from(sorted(WORDS)), st.sampled_from(["", " hundred", " thousand"]))
def test_word_numbers_come_back(n, scale):
    text = f"The North sent {WORDS[n]}{scale} troops to Russia."
    (figure,) = extract_figures(text)
    factor = {"": 1, " hundred": 100, " thousand": 1000}[scale]
    assert figure.low == figure.high == n * factor


@given(st.integers(min_value=2, max_value=40))
def test_rendered_missile_count_comes_back(n):
    (figure,) = extract_figures(f"North Korea fired {n} ballistic missiles into the sea.")
    assert (figure.metric, figure.low) == ("missiles_launched", n)


def _adversarial(size):
    unit = "9" * 997 + "1,000," * 50 + "((((" * 40 + "))))" * 40 + "about1,000troops" * 10
    unit += "10,000-" * 30 + "sixth" * 20 + "missile" * 20 + "between1and2" * 10
    return (unit * (size // len(unit) + 1))[:size]


def _best_time(text, repeat=5):
    # CPU time of this process: other processes on the machine do not count in it.
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        extract_figures(text)
        best = min(best, time.process_time() - t0)
    return best


def test_time_is_linear_in_input_size():
    # Ratio, not absolute time: the machine is shared. Quadratic behaviour would make the
    # 8x larger input ~64x slower; linear makes it ~8x. Allow generous noise.
    small = _best_time(_adversarial(50_000))
    large = _best_time(_adversarial(400_000))
    assert large / max(small, 1e-6) < 20
