"""Dedup: the window, the figure-aware decision and the batch driver."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core import dedup as dd
from pipeline.core.dedup_batch import dedup_articles, event_time
from pipeline.core.models import Article, Evidence, Figure

HOUR = 3600.0
_VOCAB = (
    "north korea troops russia seoul spy agency said deployed soldiers kursk border missile "
    "launch tested ballistic sea east japan defense ministry officials ukraine war front "
    "intelligence estimate units pyongyang moscow summit sanctions reported according week"
).split()


def story(seed: int, troops: int = 10_000) -> str:
    rng = random.Random(seed)
    sentences = [" ".join(rng.choice(_VOCAB) for _ in range(12)).capitalize() + "." for _ in range(40)]
    sentences.insert(3, f"North Korea has sent about {troops:,} troops to Russia, Seoul said.")
    return " ".join(sentences)


def troops(value: float, actor: str | None = "North Korea") -> Figure:
    return Figure("troops", "troops_deployed", value, value, Evidence("", 0, 1), actor=actor)


def article(id_: str, body: str, url: str | None = None, hour: float = 0.0) -> Article:
    return Article(
        id=id_, url=url or f"https://outlet-{id_}.example/{id_}", source="x",
        published_at=None, title="t", body=body, ingested_at=1_700_000_000 + hour * HOUR,
    )


def run(*items: tuple[Article, list[Figure]], **kwargs) -> dict[str, dict]:
    return {v["id"]: v for v in dedup_articles(items, **kwargs)}


def test_first_article_is_new():
    out = run((article("a", story(1)), [troops(10_000)]))
    assert out["a"] == {"id": "a", "duplicate_of": None, "cluster": "a", "reason": None,
                        "figures_differ": False}


def test_exact_url_copy_is_a_duplicate():
    out = run((article("a", story(1), "https://www.x.com/n/1?utm_source=t"), [troops(10_000)]),
              (article("b", story(1) + " More.", "http://x.com/n/1#top", 1), [troops(10_000)]))
    assert out["b"]["duplicate_of"] == "a"
    assert out["b"]["reason"] == "exact_url"


def test_exact_body_copy_is_a_duplicate():
    out = run((article("a", story(1)), [troops(10_000)]),
              (article("b", story(1).upper(), hour=1), [troops(10_000)]))
    assert (out["b"]["duplicate_of"], out["b"]["reason"]) == ("a", "exact_body")


def test_syndicated_copy_is_a_near_duplicate_of_the_earliest():
    body = story(1)
    out = run((article("a", body), [troops(10_000)]),
              (article("b", "SEOUL (AP) \u2014 " + body + " \u00a9 AP", hour=1), [troops(10_000)]),
              (article("c", body + "\n\nADVERTISEMENT\n\nRead more here.", hour=2),
               [troops(10_000)]))
    assert (out["b"]["duplicate_of"], out["b"]["reason"]) == ("a", "near_text")
    assert (out["c"]["duplicate_of"], out["c"]["cluster"]) == ("a", "a")


def test_changed_figure_is_an_update_never_a_duplicate():
    out = run((article("a", story(1)), [troops(10_000)]),
              (article("b", story(1, troops=12_000), hour=1), [troops(12_000)]))
    assert out["b"]["duplicate_of"] is None
    assert out["b"]["figures_differ"] is True
    assert (out["b"]["cluster"], out["b"]["reason"]) == ("a", "near_text")


def test_copy_of_an_update_is_a_duplicate_of_the_update():
    out = run((article("a", story(1)), [troops(10_000)]),
              (article("b", story(1, troops=12_000), hour=1), [troops(12_000)]),
              (article("c", story(1, troops=12_000) + " Reuters.", hour=2), [troops(12_000)]))
    assert (out["c"]["duplicate_of"], out["c"]["cluster"]) == ("b", "a")


def test_copy_reporting_fewer_figures_is_a_duplicate():
    # A syndicated copy cut short loses figures but adds none: nothing new to alert on.
    out = run((article("a", story(1)), [troops(10_000), troops(3_000, "Seoul")]),
              (article("b", story(1) + " Wire.", hour=1), [troops(10_000)]))
    assert out["b"]["duplicate_of"] == "a"


def test_exact_url_with_a_new_figure_is_an_update():
    # The same URL edited in place with a new number is news.
    out = run((article("a", story(1), "https://x.com/n/1"), [troops(10_000)]),
              (article("b", story(1, 15_000), "https://x.com/n/1", 1), [troops(15_000)]))
    assert out["b"]["figures_differ"] is True
    assert out["b"]["duplicate_of"] is None
    assert out["b"]["reason"] == "exact_url"


def test_unrelated_story_is_new():
    out = run((article("a", story(1)), [troops(10_000)]),
              (article("b", story(2), hour=1), [troops(10_000)]))
    assert out["b"]["duplicate_of"] is None
    assert out["b"]["cluster"] == "b"


def test_copy_after_the_window_is_new_again():
    body = story(1)
    out = run((article("a", body), [troops(10_000)]),
              (article("b", body + " Wire.", hour=71), [troops(10_000)]),
              (article("c", body + " Wire two.", hour=71 + 72 + 1), [troops(10_000)]),
              window_seconds=72 * HOUR)
    assert out["b"]["duplicate_of"] == "a"
    assert out["c"]["duplicate_of"] is None  # a and b both left the window
    assert out["c"]["cluster"] == "c"


def test_decide_ignores_candidates_older_than_the_window_inside_a_live_bucket():
    probe = dd.candidate_for("b", 10 * HOUR, None, story(1))
    old = dd.settle(dd.candidate_for("a", 0.0, None, story(1)), dd.Verdict("a", None, "a", None, False))
    assert dd.decide(probe, [old], now=10 * HOUR, window_seconds=9 * HOUR).duplicate_of is None
    assert dd.decide(probe, [old], now=10 * HOUR, window_seconds=11 * HOUR).duplicate_of == "a"


def test_replayed_article_is_not_its_own_duplicate_and_remember_is_idempotent():
    state = dd.new_window()
    cand = dd.candidate_for("a", 0.0, "https://x.com/1", story(1), [troops(10_000)])
    keys = cand.keys()
    dd.remember(state, dd.settle(cand, dd.decide(cand, dd.lookup(state, keys))), keys)
    before = dd.memory_bytes(state)
    again = dd.candidate_for("a", 0.0, "https://x.com/1", story(1), [troops(10_000)])
    assert dd.decide(again, dd.lookup(state, keys)).duplicate_of is None
    dd.remember(state, again)
    assert dd.memory_bytes(state) == before
    assert dd.candidate_count(state) == 1


def test_memory_estimate_falls_when_buckets_expire():
    state = dd.new_window(window_seconds=72 * HOUR, buckets=12)
    for i in range(72):
        dd.remember(dd.expire(state, i * HOUR), dd.candidate_for(f"a{i}", i * HOUR, None, story(i)))
    full = dd.memory_bytes(state)
    assert full > 72 * (dd.CANDIDATE_BYTES + 16 * dd.KEY_BYTES)
    dd.expire(state, 72 * HOUR + 36 * HOUR)
    half = dd.memory_bytes(state)
    assert 0.4 * full < half < 0.6 * full
    assert dd.candidate_count(state) == 36
    dd.expire(state, 1000 * HOUR)
    assert dd.memory_bytes(state) == 0
    assert dd.lookup(state, dd.candidate_for("z", 0, None, story(3)).keys()) == []


def test_expire_never_moves_the_clock_back():
    state = dd.expire(dd.new_window(), 100.0)
    assert dd.expire(state, 50.0).now == 100.0


def test_candidate_round_trips_through_a_dict():
    cand = dd.settle(dd.candidate_for("a", 5.0, "https://x.com/1", story(1), [troops(1)]),
                     dd.Verdict("a", None, "a", None, False))
    assert dd.Candidate.from_dict(cand.to_dict()) == cand


def test_figures_digest_ignores_order_duplicates_evidence_and_case():
    a = [troops(10_000), troops(3_000, "Seoul")]
    b = [Figure("troops", "troops_deployed", 3000.0, 3000.0, Evidence("s", 5, 9), actor="SEOUL"),
         troops(10_000), troops(10_000)]
    assert dd.figures_digest(a) == dd.figures_digest(b)
    assert dd.figures_digest(a) != dd.figures_digest([troops(10_000), troops(3_001, "Seoul")])
    assert dd.figures_digest([troops(1, actor="North Korea")]) != dd.figures_digest(
        [troops(1, actor="Russia")])


def test_adds_figures_is_a_strict_novelty_test():
    one, two = dd.figure_keys([troops(1)]), dd.figure_keys([troops(1), troops(2)])
    assert not dd.adds_figures(one, two)
    assert dd.adds_figures(two, one)
    assert not dd.adds_figures(b"", one)


def test_event_time_prefers_published_at():
    art = article("a", "x", hour=0)
    assert event_time(art, 0.0) == art.ingested_at
    dated = Article("a", "u", "s", "2025-01-01T00:00:00Z", "t", "x", ingested_at=5.0)
    assert event_time(dated, 0.0) == 1735689600.0
    assert event_time(Article("a", "u", "s", "not a date", "t", "x"), 42.0) == 42.0


# -- properties ---------------------------------------------------------------------------

seeds = st.integers(0, 10**6)
variations = st.sampled_from(["upper", "lower", "spaces", "newlines", "boilerplate", "dateline"])


def vary(body: str, how: str) -> str:
    return {
        "upper": body.upper(),
        "lower": body.lower(),
        "spaces": body.replace(" ", "   "),
        "newlines": body.replace(". ", ".\n\n"),
        "boilerplate": body + "\n\nADVERTISEMENT\n\nCopyright 2025 Wire. All rights reserved.",
        "dateline": "SEOUL, Oct. 5 (Yonhap) \u2014 " + body,
    }[how]


@settings(max_examples=40, deadline=None)
@given(seeds, variations)
def test_whitespace_case_and_boilerplate_keep_duplicate_status(seed, how):
    body = story(seed)
    out = run((article("a", body), [troops(10_000)]),
              (article("b", vary(body, how), hour=1), [troops(10_000)]))
    assert out["b"]["duplicate_of"] == "a"
    assert out["b"]["figures_differ"] is False


@settings(max_examples=40, deadline=None)
@given(seeds, variations, st.integers(1, 200_000).filter(lambda v: v != 10_000))
def test_a_changed_figure_is_an_update_never_a_duplicate(seed, how, value):
    out = run((article("a", story(seed)), [troops(10_000)]),
              (article("b", vary(story(seed, troops=value), how), hour=1), [troops(value)]))
    assert out["b"]["duplicate_of"] is None
    assert out["b"]["figures_differ"] is True
    assert out["b"]["cluster"] == "a"


# -- the arrival rule: the earliest copy by (seen_at, article_id) is the original ----------


def test_decide_ignores_later_copies_and_ties_break_on_the_id():
    body = story(5)
    a = dd.candidate_for("a", 10.0, None, body)
    b = dd.candidate_for("b", 10.0, None, body)  # same instant: "a" < "b" comes first
    c = dd.candidate_for("c", 5.0, None, body)  # published earlier, arrives last
    assert dd.decide(a, [b]).duplicate_of is None
    assert dd.decide(b, [a]).duplicate_of == "a"
    assert dd.decide(a, [b, c]).duplicate_of == "c"
    assert dd.decide(c, [a, b]).duplicate_of is None
    assert dd.is_earlier(c, a) and dd.is_earlier(a, b) and not dd.is_earlier(b, b)
    assert sorted([b, a, c], key=dd.arrival_key) == [c, a, b]


copy_sets = st.lists(
    st.tuples(st.integers(0, 3), variations, st.booleans()), min_size=2, max_size=6
)


def _copies(seed: int, specs: list[tuple[int, str, bool]]) -> list[dd.Candidate]:
    """Copies of one story: seen_at from a few instants (ties happen), varied text, and
    the same URL for some (exact_url), the same body for others (exact_body)."""
    body = story(seed)
    out = []
    for number, (instant, how, same_url) in enumerate(specs):
        url = "https://wire.example/story" if same_url else f"https://o{number}.example/s"
        out.append(dd.candidate_for(f"c{number}", instant * 60.0, url, vary(body, how),
                                    [troops(10_000)]))
    return out


@settings(max_examples=60, deadline=None)
@given(seeds, copy_sets, st.randoms(use_true_random=False))
def test_copies_arriving_at_once_in_any_order_have_one_canonical_the_earliest(seed, specs, rng):
    """Every copy is in the window before any is decided (the streaming race: each
    partition's copy is found by the others' probes), in any order: exactly one copy is
    canonical, the earliest by (seen_at, id), and every other copy points at it."""
    copies = _copies(seed, specs)
    state = dd.new_window()
    for copy in rng.sample(copies, len(copies)):
        dd.remember(state, copy)
    verdicts = {}
    for copy in rng.sample(copies, len(copies)):
        found = dd.lookup(state, copy.keys())
        rng.shuffle(found)
        verdicts[copy.article_id] = dd.decide(copy, found)
        dd.settle(copy, verdicts[copy.article_id])
    earliest = min(copies, key=dd.arrival_key).article_id
    assert [i for i, v in verdicts.items() if not v.is_duplicate] == [earliest]
    assert all(v.duplicate_of == earliest for i, v in verdicts.items() if i != earliest)


def _arrive_in_groups(copies, order, size, strict):
    """Copies arrive in `order`, in groups of `size` that see each other: every copy of a
    group is in the window (undecided) before any of them is decided."""
    state = dd.new_window()
    verdicts: dict[str, dd.Verdict] = {}
    for at in range(0, len(order), size):
        group = order[at : at + size]
        for copy in group:
            dd.remember(state, copy)
        for copy in group:
            found = dd.lookup(state, copy.keys())
            verdicts[copy.article_id] = dd.decide(copy, found, strict_arrival=strict)
            dd.settle(copy, verdicts[copy.article_id])
    return verdicts


@settings(max_examples=80, deadline=None)
@given(seeds, copy_sets, st.randoms(use_true_random=False), st.integers(1, 6))
def test_any_arrival_order_leaves_one_canonical_and_no_cycles(seed, specs, rng, size):
    """Copies arrive in any order, in groups that see each other: exactly one copy is
    canonical, every duplicate_of chain ends at it (no two copies point at each other),
    and when the earliest copy is seen by the first decisions it is the canonical one."""
    copies = _copies(seed, specs)
    order = rng.sample(copies, len(copies))
    verdicts = _arrive_in_groups(copies, order, size, strict=False)
    canonical = [i for i, v in verdicts.items() if not v.is_duplicate]
    assert len(canonical) == 1
    for article_id in verdicts:
        seen = set()
        while verdicts[article_id].is_duplicate:
            assert article_id not in seen
            seen.add(article_id)
            article_id = verdicts[article_id].duplicate_of
        assert article_id == canonical[0]
    earliest = min(copies, key=dd.arrival_key)
    if earliest in order[:size]:
        assert canonical == [earliest.article_id]


@settings(max_examples=60, deadline=None)
@given(seeds, copy_sets, st.randoms(use_true_random=False), st.integers(1, 6))
def test_strict_arrival_never_points_at_a_later_copy(seed, specs, rng, size):
    copies = _copies(seed, specs)
    verdicts = _arrive_in_groups(copies, rng.sample(copies, len(copies)), size, strict=True)
    by_id = {c.article_id: c for c in copies}
    assert not verdicts[min(copies, key=dd.arrival_key).article_id].is_duplicate
    for article_id, verdict in verdicts.items():
        if verdict.is_duplicate:
            assert dd.is_earlier(by_id[verdict.duplicate_of], by_id[article_id])


def test_a_late_original_is_a_duplicate_of_the_copy_already_decided():
    """Published earlier, ingested later: its copy went out first, so it is the duplicate
    (strict_arrival makes it a second original instead)."""
    body = story(9)
    copy = dd.settle(dd.candidate_for("copy", 100.0, None, body + " Wire."),
                     dd.Verdict("copy", None, "copy", None, False))
    late = dd.candidate_for("late", 50.0, None, body)
    assert dd.eligible(copy, late) and not dd.eligible(copy, late, strict_arrival=True)
    assert dd.decide(late, [copy]).duplicate_of == "copy"
    assert dd.decide(late, [copy], strict_arrival=True).duplicate_of is None
    # A later copy that is undecided, or decided against the probe, never matches.
    undecided = dd.candidate_for("copy2", 100.0, None, body)
    assert not dd.eligible(undecided, late)
    seen_us = dd.settle(dd.candidate_for("copy3", 100.0, None, body),
                        dd.Verdict("copy3", "late", "late", dd.REASON_NEAR, False))
    assert not dd.eligible(seen_us, late)
    assert dd.decide(late, [undecided, seen_us]).duplicate_of is None


# -- the hot path: decide_and_remember ------------------------------------------------------


def test_a_duplicate_is_indexed_only_under_the_keys_its_match_lacks():
    state = dd.new_window()
    a = dd.candidate_for("a", 0.0, "https://a.example/1", story(7), [troops(10_000)])
    assert not dd.decide_and_remember(state, a).is_duplicate
    b = dd.candidate_for("b", 1.0, "https://b.example/1", story(7) + " Wire.", [troops(10_000)])
    verdict = dd.decide_and_remember(state, b)
    assert verdict.duplicate_of == "a"
    kept = dd.keys_to_remember(b, verdict, a)
    assert b.url_key in kept and a.url_key not in kept
    assert set(kept) == set(b.keys()) - set(a.keys())
    # An update keeps every key; so does a new article.
    update = dd.Verdict("c", None, "a", dd.REASON_NEAR, True)
    assert dd.keys_to_remember(b, update, a) == b.keys()
    # A later copy still finds the story, under the original's keys.
    c = dd.candidate_for("c", 2.0, None, story(7) + " Wire. More.", [troops(10_000)])
    assert dd.decide_and_remember(state, c).duplicate_of == "a"


story_events = st.lists(
    st.tuples(st.integers(0, 2), variations, st.sampled_from([10_000, 10_000, 12_000])),
    min_size=1, max_size=8,
)


@settings(max_examples=40, deadline=None)
@given(story_events)
def test_decide_and_remember_gives_the_verdicts_of_decide_then_remember(events):
    fast, full = dd.new_window(), dd.new_window()
    for number, (seed, how, value) in enumerate(events):
        body = vary(story(seed, troops=value), how)

        def probe():
            return dd.candidate_for(f"a{number}", float(number), None, body, [troops(value)])

        one = dd.decide_and_remember(fast, probe())
        two_probe = probe()
        two = dd.decide(two_probe, dd.lookup(full, two_probe.keys()), full.now)
        dd.remember(full, dd.settle(two_probe, two))
        assert one == two
