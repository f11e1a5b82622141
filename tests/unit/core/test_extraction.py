"""Figure extraction: the seed article, each pattern of issue 3, and what is not a figure."""

from pathlib import Path

import pytest

from pipeline.core.extraction import extract_figures

SEED = Path(__file__).resolve().parents[3] / "seeds" / "000_e4a04817788bc0f5.txt"


def one(text, metric=None):
    figures = [f for f in extract_figures(text) if metric is None or f.metric == metric]
    assert len(figures) == 1, figures
    return figures[0]


@pytest.fixture(scope="module")
def seed():
    text = SEED.read_text(encoding="utf-8")
    return text, extract_figures(text)


def test_seed_troop_range(seed):
    text, figures = seed
    f = next(f for f in figures if (f.low, f.high) == (10000, 12000))
    assert f.metric == "troops_deployed" and f.kind == "troops"
    assert f.qualifier == "approx" and f.unit == "troops"
    assert (f.actor, f.location, f.attribution) == ("North Korea", "Russia", "KCNA")
    assert text[f.evidence.start : f.evidence.end] == "approximately 10,000 to 12,000"
    assert "10,000 to 12,000 North Korean troops" in f.evidence.sentence


def test_seed_competing_estimate(seed):
    _, figures = seed
    f = next(f for f in figures if (f.low, f.high) == (1000, 3000))
    assert f.metric == "troops_deployed"
    assert (f.actor, f.location) == ("North Korea", "Russia")
    assert f.attribution == "South Korean intelligence"


def test_seed_sixth_test_this_year(seed):
    _, figures = seed
    f = next(f for f in figures if f.metric == "weapon_tests")
    assert (f.low, f.high, f.ordinal, f.period, f.unit) == (6, 6, True, "this year", "tests")
    assert f.actor == "North Korea"


def test_seed_anti_aircraft_launch_without_count(seed):
    _, figures = seed
    f = next(f for f in figures if f.weapon == "anti-aircraft missile")
    assert f.metric == "missiles_launched"
    assert (f.low, f.high, f.vague) == (None, None, None)
    assert f.attribution == "KCNA" and f.actor == "North Korea"


def test_seed_several_ballistic_missiles(seed):
    _, figures = seed
    f = next(f for f in figures if f.vague == "several")
    assert (f.metric, f.weapon, f.low, f.high) == ("missiles_launched", "ballistic missile", None, None)


def test_seed_reports_nothing_else(seed):
    text, figures = seed
    assert len(figures) == 5
    spans = [text[f.evidence.start : f.evidence.end] for f in figures]
    for bad in ("2024", "2023", "11", "10", "two"):
        assert bad not in spans


@pytest.mark.parametrize(
    ("sentence", "low", "high", "qualifier"),
    [
        ("North Korea has sent about 10,000 troops to Russia.", 10000, 10000, "approx"),
        ("Some 3,000 soldiers were deployed.", 3000, 3000, "approx"),
        ("More than 11,000 North Korean soldiers are in Russia.", 11000, 11000, "more_than"),
        ("Over 1,500 troops arrived in Kursk.", 1500, 1500, "more_than"),
        ("At least 600 soldiers were sent to Russia.", 600, 600, "at_least"),
        ("Pyongyang could deploy up to 100,000 troops.", 100000, 100000, "up_to"),
        ("As many as 12,000 soldiers have been deployed.", 12000, 12000, "up_to"),
        ("Fewer than 500 troops remain in the region.", 500, 500, "fewer_than"),
        ("An estimated 1.5 million troops were mobilised.", 1_500_000, 1_500_000, "approx"),
        ("Nearly 6K troops were moved to Russia.", 6000, 6000, "approx"),
        ("Roughly three thousand soldiers were sent.", 3000, 3000, "approx"),
        ("The North sent 27-hundred troops.", 2700, 2700, "exact"),
        ("Between 1,000 and 3,000 troops are stationed in Russia.", 1000, 3000, "exact"),
        ("Between 1,000 to 3,000 troops are stationed in Russia.", 1000, 3000, "exact"),
        ("The North sent 10,000-12,000 soldiers.", 10000, 12000, "exact"),
        ("The North sent 10,000\u201312,000 soldiers.", 10000, 12000, "exact"),
    ],
)
def test_troop_values_and_qualifiers(sentence, low, high, qualifier):
    f = one(sentence)
    assert (f.metric, f.low, f.high, f.qualifier) == ("troops_deployed", low, high, qualifier)


@pytest.mark.parametrize(
    ("sentence", "vague"),
    [
        ("Thousands of North Korean troops are in Russia.", "thousands of"),
        ("Tens of thousands of soldiers could follow.", "tens of thousands of"),
        ("Several thousand troops arrived.", "several thousand"),
        ("Dozens of soldiers were deployed.", "dozens of"),
    ],
)
def test_vague_troop_figures(sentence, vague):
    f = one(sentence)
    assert (f.low, f.high, f.vague) == (None, None, vague)


@pytest.mark.parametrize(
    ("sentence", "scope"),
    [
        ("North Korea has sent 3,000 more troops to Russia.", "additional"),
        ("Seoul says an additional 1,500 soldiers were sent.", "additional"),
        ("A total of 11,000 troops have been sent so far.", "total"),
        ("About 12,000 soldiers have been deployed so far.", "total"),
        ("North Korea will send 5,000 troops to Russia.", "planned"),
        ("Pyongyang plans to deploy 6,000 soldiers by December.", "planned"),
        ("North Korea sent 5,000 troops to Russia.", None),
    ],
)
def test_scope(sentence, scope):
    assert one(sentence).scope == scope


@pytest.mark.parametrize(
    ("sentence", "metric", "low"),
    [
        ("About 300 North Korean soldiers have been killed in Kursk.", "troops_killed", 300),
        ("Some 2,700 soldiers were wounded in the fighting.", "troops_wounded", 2700),
        ("Ukraine said it had captured two North Korean soldiers.", "troops_captured", 2),
        ("The troops have suffered 3,000 casualties in battle.", "troops_casualties", 3000),
        ("About 1,000 North Korean troops were killed or wounded.", "troops_casualties", 1000),
        ("Ukraine said 200 were killed and 400 wounded in the battle with Russian troops.",
         "troops_killed", 200),
    ],
)
def test_casualty_metrics(sentence, metric, low):
    figures = extract_figures(sentence)
    assert figures[0].metric == metric and figures[0].low == low
    assert figures[0].kind == "casualties"


def test_killed_and_wounded_are_two_figures():
    figures = extract_figures("Ukraine said 200 were killed and 400 wounded in the battle with Russian troops.")
    assert [(f.metric, f.low) for f in figures] == [("troops_killed", 200), ("troops_wounded", 400)]


@pytest.mark.parametrize(
    ("sentence", "low", "weapon"),
    [
        ("North Korea fired two short-range ballistic missiles into the sea.", 2, "short-range ballistic missile"),
        ("Pyongyang launched a pair of cruise missiles on Sunday.", 2, "cruise missile"),
        ("The North fired a single hypersonic missile.", 1, "hypersonic missile"),
        ("North Korea fired an intercontinental ballistic missile on Thursday.", 1, "intercontinental ballistic missile"),
        ("The military said the North fired 18 artillery rockets.", 18, "artillery rocket"),
    ],
)
def test_missile_counts_and_weapon(sentence, low, weapon):
    f = one(sentence, "missiles_launched")
    assert (f.low, f.high, f.weapon, f.unit, f.actor) == (low, low, weapon, "missiles", "North Korea")


def test_barrage_is_vague():
    f = one("North Korea fired a barrage of rockets toward the sea.")
    assert (f.vague, f.low) == ("a barrage of", None)


@pytest.mark.parametrize(
    ("sentence", "rank", "period"),
    [
        ("It was the 18th launch this year.", 18, "this year"),
        ("The launch was its first test-fire of 2025.", 1, "2025"),
        ("It marked North Korea's sixth weapons test this year, the JCS said.", 6, "this year"),
        ("This is the fifth time this year that the North has fired a missile.", 5, "this year"),
    ],
)
def test_ordinal_tests(sentence, rank, period):
    f = one(sentence, "weapon_tests")
    assert (f.low, f.ordinal, f.period, f.unit) == (rank, True, period, "tests")


@pytest.mark.parametrize(
    ("sentence", "metric", "low"),
    [
        ("The missile flew about 1,000 km (620 miles) before landing.", "missile_range_km", 1000),
        ("It reached an altitude of 6,000 kilometres.", "missile_altitude_km", 6000),
        ("The missile flew 600 miles.", "missile_range_km", 965.6),
    ],
)
def test_distances(sentence, metric, low):
    f = one(sentence)
    assert (f.metric, f.low, f.unit) == (metric, low, "km")


@pytest.mark.parametrize(
    ("sentence", "actor", "location"),
    [
        ("Pyongyang has sent 10,000 troops to Russia.", "North Korea", "Russia"),
        ("The North has moved 3,000 soldiers into the Kursk region.", "North Korea", "Russia"),
        ("Kim's regime sent 1,000 troops to Russia's Far East.", "North Korea", "Russia"),
        ("Some 28,500 U.S. troops are stationed in South Korea.", "United States", "South Korea"),
        ("About 2,000 troops from the North are in Donetsk.", "North Korea", "Ukraine"),
    ],
)
def test_actor_and_location(sentence, actor, location):
    f = one(sentence)
    assert (f.actor, f.location) == (actor, location)


@pytest.mark.parametrize(
    ("sentence", "actor", "location"),
    [
        ("The U.S. deployed 2,500 troops in Iraq.", "United States", "Iraq"),
        ("Türkiye has deployed 500 soldiers in Qatar.", "Turkey", "Qatar"),
        ("France still has about 1,000 troops stationed in Chad.", "France", "Chad"),
        ("Jordan has sent 300 soldiers to Syria.", "Jordan", "Syria"),
        ("Nigeria deployed 2,000 soldiers to the Niger Delta.", "Nigeria", "Nigeria"),
        ("Niger expelled the 1,500 French troops stationed in Niamey.", "France", "Niger"),
        ("Rwanda has some 4,000 troops in eastern Congo, UN experts said.", "Rwanda", "DR Congo"),
        ("Russia keeps about 4,000 troops in Abkhazia.", "Russia", "Georgia"),
        ("Azerbaijan deployed 10,000 troops in Nagorno-Karabakh.", "Azerbaijan", "Azerbaijan"),
        ("Five Israeli soldiers were killed in the West Bank.", "Israel", "Palestine"),
        ("The IDF said 400 soldiers had been killed in Gaza.", "Israel", "Palestine"),
        ("Some 200 soldiers were killed in North Darfur.", None, "Sudan"),
        ("Britain will send 500 troops to Estonia.", "United Kingdom", "Estonia"),
        # A first name, a US town's state and a lake shared by four countries are no place.
        ("Chad Smith said 1,000 troops were stationed in Mali.", None, "Mali"),
        ("Some 800 soldiers from Fort Stewart, Georgia, will deploy to Poland.", None, "Poland"),
        ("About 1,500 Georgia National Guard troops were sent to Kosovo.", None, "Kosovo"),
        ("Some 2,000 troops were deployed around Lake Chad.", None, None),
        ("The U.S. sent 1,500 troops to New Mexico.", "United States", "United States"),
        # Crimea goes, as other occupied places, to the country whose territory it is.
        ("Russia has stationed 25,000 troops in Crimea.", "Russia", "Ukraine"),
    ],
)
def test_actor_and_location_around_the_world(sentence, actor, location):
    f = one(sentence)
    assert (f.actor, f.location) == (actor, location)


def test_palestinian_casualties_are_no_soldiers():
    # "Palestinian" is no country's name: the count is of the dead, civilians among them.
    assert extract_figures("Palestinian casualties rose to 40,000, the health ministry said.") == []


@pytest.mark.parametrize(
    ("sentence", "attribution"),
    [
        ("North Korea has sent 10,000 troops to Russia, according to South Korea's spy agency.",
         "South Korea's spy agency"),
        ("The Pentagon said 8,000 North Korean troops were in Kursk.", "Pentagon"),
        ("About 3,000 soldiers were sent, KCNA reported.", "KCNA"),
        ("Seoul estimates that 11,000 North Korean soldiers are in Russia.", "Seoul"),
        ("North Korea has 1,000 troops in Russia, the National Intelligence Service said.", "NIS"),
        # A dateline says where and by whom the story was filed, not who gave the figure.
        ("KYIV, Nov 3 - Ukraine's military intelligence said about 11,000 North Korean troops "
         "were in Russia.", "Ukraine's military intelligence"),
        ("SEOUL, Nov. 2 (Yonhap) -- South Korea's spy agency said 11,000 North Korean troops "
         "were in Russia.", "South Korea's spy agency"),
        ("WASHINGTON (Reuters) - The Pentagon said 8,000 North Korean troops were in Kursk.",
         "Pentagon"),
        # "The agency" is the agency named before it.
        ("KCNA gave no details. About 3,000 soldiers were sent to Russia, the agency said.",
         "KCNA"),
        ("Ukraine's military intelligence agency gave its count. About 3,000 soldiers were "
         "killed, the agency said.", "Ukraine's military intelligence agency"),
    ],
)
def test_attribution(sentence, attribution):
    assert one(sentence).attribution == attribution


def test_evidence_offsets_point_into_text():
    text = "Intro.\n\nNorth Korea has sent roughly 14,000 troops to Russia, the NIS said."
    f = one(text)
    assert text[f.evidence.start : f.evidence.end] == "roughly 14,000"
    assert f.evidence.sentence == "North Korea has sent roughly 14,000 troops to Russia, the NIS said."


@pytest.mark.parametrize("opening", ["Three", "300", "About 300"])
def test_a_sentence_that_opens_with_its_figure_is_its_own_evidence(opening):
    text = f"Talks ended on Monday. {opening} North Korean soldiers were killed in Kursk."
    f = one(text)
    assert f.evidence.sentence == f"{opening} North Korean soldiers were killed in Kursk."
    assert f.evidence.sentence_start == len("Talks ended on Monday. ")


@pytest.mark.parametrize(
    "sentence",
    [
        "The drills began on March 10, 2024 and lasted 11 days.",
        "The allies wrapped up their 11-day exercise on Friday.",
        "North Korea last conducted a nuclear test in 2017.",
        "Washington has provided more than $1.5 billion in military aid.",
        "Exports to Russia jumped 40% in the first half.",
        "Approval ratings fell to 27 percent, a poll showed.",
        "Kim Jong Un, 40, has ruled the country since 2011.",
        "A 40-year-old soldier was detained.",
        "The missile flew for 40 minutes.",
        "The Hwasong-18 can reach speeds of Mach 5.",
        "Troops from the 11th Corps were seen in Kursk.",
        "Soldiers of the 7th Army Corps were deployed.",
        "The exercise involved 28 warships and 110 aircraft.",
        "Seoul deployed 18 howitzers along the border.",
        "They held 3 rounds of talks, and 12 drills were held.",
        "North Korea launched two satellites last year.",
        "South Korea beat Japan 3-1 on Sunday.",
        "Call +82 2 1234 5678 for details.",
        "The troops are stationed about 30 km from the Ukrainian border.",
        "The war between the two countries continues, and the 1950-53 war never ended.",
        "The launch was detected at 11:50 a.m. on Sunday, July 1.",
        "The U.N. banned the tests under Resolution 1718.",
    ],
)
def test_not_figures(sentence):
    assert extract_figures(sentence) == []


def test_sentence_start_locates_the_evidence_sentence(seed):
    text, figures = seed
    extra = "Officials met on Monday. Moscow said 2,000 troops had arrived. Talks went on."
    for source, found in ((text, figures), (extra, extract_figures(extra))):
        assert found
        for f in found:
            e = f.evidence
            assert e.sentence_start is not None
            assert source[e.sentence_start : e.sentence_start + len(e.sentence)] == e.sentence
            assert e.sentence_start <= e.start < e.end <= e.sentence_start + len(e.sentence) + 40
    f = one(extra)
    assert f.evidence.sentence_start == extra.index("Moscow")


def test_distance_takes_weapon_and_actor_of_the_launch_before_it():
    text = ("Iran fired three medium-range ballistic missiles early on Sunday, officials said. "
            "The missiles travelled roughly 900 km before falling into the desert. "
            "One of them climbed to an altitude of about 300 kilometres.")
    rng = one(text, "missile_range_km")
    alt = one(text, "missile_altitude_km")
    for f in (rng, alt):
        assert (f.actor, f.weapon) == ("Iran", "medium-range ballistic missile")


def test_distance_keeps_its_own_actor():
    text = ("Iran fired two cruise missiles on Monday. "
            "Separately, Pakistan said its own missile flew 600 km.")
    f = one(text, "missile_range_km")
    assert f.actor == "Pakistan" and f.weapon == "cruise missile"


def test_region_after_a_possessive_is_a_place_not_the_actor():
    text = ("Belarus has moved 2,000 more soldiers to Ukraine's Donetsk region, officials said, "
            "adding to some 5,000 troops already stationed there.")
    figures = extract_figures(text)
    assert [(f.low, f.actor, f.location) for f in figures] == [
        (2000, "Belarus", "Ukraine"), (5000, "Belarus", "Ukraine")]


@pytest.mark.parametrize("sentence, attribution", [
    ("Japan's defence ministry now estimates that 400 Chinese marines are stationed there.",
     "Japan's defence ministry"),
    ("The Pentagon still believes about 2,000 Iranian fighters are in Syria.", "Pentagon"),
])
def test_attribution_drops_an_adverb_before_the_verb(sentence, attribution):
    assert one(sentence).attribution == attribution


@pytest.mark.parametrize("sentence, low, scope", [
    ("Britain will deploy 900 more troops, taking the overall number of British soldiers "
     "based in the country to about 4,500.", 4500, "total"),
    ("Berlin sent 300 soldiers in May, bringing the size of the German contingent there to "
     "1,200.", 1200, "total"),
])
def test_running_total_named_before_the_number(sentence, low, scope):
    f = [f for f in extract_figures(sentence) if f.low == low]
    assert len(f) == 1 and f[0].metric == "troops_deployed" and f[0].scope == scope


def test_partitive_pronoun_casualties_refer_to_the_troops_before():
    text = ("Some 9,000 Russian soldiers were sent to the border last year. "
            "Roughly 1,300 of them have been killed or wounded, Kyiv said.")
    f = one(text, "troops_casualties")
    assert (f.low, f.qualifier) == (1300, "approx")
    assert not [f for f in extract_figures("Nearly 40 of them were injured in the crash, "
                                           "the airline said.")]


@pytest.mark.parametrize(
    ("text", "current"),
    [
        ("South Korea's spy agency now estimates that some 15,000 North Korean troops are in "
         "Russia, up from its earlier estimate of 11,000.", [15_000]),
        ("Deaths rose to 300, up from 200 soldiers killed a week earlier.", []),
        ("The previous estimate of 3,000 troops was revised after the briefing.", []),
        # "from" alone is a range word, not a past value.
        ("North Korea sent from 10,000 to 12,000 troops to Russia.", [10_000]),
        ("North Korea sent 1,500 troops from its border units to Russia.", [1_500]),
    ],
)
def test_a_value_the_sentence_says_was_superseded_is_not_a_figure(text, current):
    assert [f.low for f in extract_figures(text)] == current


@pytest.mark.parametrize(
    ("sentence", "weapon"),
    [
        ("Kim called it the country's first test-fire of the year of a solid-fuel ICBM.",
         "solid-fuel ICBM"),
        ("It was North Korea's third test of a hypersonic missile this year.",
         "hypersonic missile"),
        ("The launch was its first ICBM test since 2023.", "ICBM"),
        # A count of every test is of no one weapon.
        ("It was the North's 18th launch this year.", None),
    ],
)
def test_an_ordinal_count_of_one_weapon_names_it(sentence, weapon):
    f = one(sentence)
    assert (f.metric, f.ordinal, f.weapon) == ("weapon_tests", True, weapon)


# -- counts whose noun is left out (written against eval/heldout_dev.jsonl's misses) ----------


def _counts(text):
    return [(f.metric, f.low, f.high, f.vague) for f in extract_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A participle after a bare number, with "others"/"more" and an adverb.
        ("Three marines were killed and 14 others were seriously wounded in the ambush.",
         [("troops_killed", 3, 3, None), ("troops_wounded", 14, 14, None)]),
        ("Dozens of soldiers died in the assault. Hundreds more have been wounded, officials said.",
         [("troops_killed", None, None, "dozens of"), ("troops_wounded", None, None, "hundreds")]),
        ("The garrison held out for a week; a dozen others had been taken prisoner, the army said.",
         [("troops_captured", 12, 12, None)]),
        # The sentence before names the soldiers.
        ("Over 2,000 Russian soldiers were killed or wounded near Avdiivka. London put the toll "
         "higher, saying at least 900 had been killed and about 3,100 injured.",
         [("troops_casualties", 2000, 2000, None), ("troops_killed", 900, 900, None),
          ("troops_wounded", 3100, 3100, None)]),
        # The object of a casualty verb, then "others".
        ("The brigade said it captured 40 enemy soldiers and killed roughly 120 others.",
         [("troops_captured", 40, 40, None), ("troops_killed", 120, 120, None)]),
        # A casualty noun is the subject the number is the value of.
        ("Enemy losses over the past 24 hours amounted to 1,210 personnel, the General Staff said.",
         [("troops_casualties", 1210, 1210, None)]),
        ("Russian casualties in the region have surpassed 20,000, according to Kyiv.",
         [("troops_casualties", 20000, 20000, None)]),
        ("Iran has suffered between 5,000 and 6,000 casualties, including some 1,100 killed.",
         [("troops_casualties", 5000, 6000, None), ("troops_killed", 1100, 1100, None)]),
        # A running total of casualties, not of the force.
        ("Two soldiers died on Sunday, bringing the number of troops killed in the campaign to 31.",
         [("troops_killed", 2, 2, None), ("troops_killed", 31, 31, None)]),
        ("Kyiv said it now holds more than 4,000 Russian POWs.",
         [("troops_captured", 4000, 4000, None)]),
        ("Government forces took 45 rebel fighters prisoner near the bridge.",
         [("troops_captured", 45, 45, None)]),
        # An addition whose troop noun stands in the sentence before.
        ("Moscow has sent some 6,000 troops to the border. Another 2,500 are expected next month.",
         [("troops_deployed", 6000, 6000, None), ("troops_deployed", 2500, 2500, None)]),
    ],
)
def test_counts_whose_noun_is_left_out(text, expected):
    assert _counts(text) == [(m, lo, hi, vague) if lo is None else (m, float(lo), float(hi), vague)
                             for m, lo, hi, vague in expected]


@pytest.mark.parametrize(
    "text",
    [
        "Doctors said 42 civilians had died. Officials said 12 were killed in the blast.",
        "The army lost 300 tanks last year. Another 200 were damaged beyond repair.",
        "The plant employs 3,000 workers and another 1,500 tanks are in storage.",
        "Kim Jong Un supervised the test of 600mm multiple rocket launchers on Monday.",
        "Casualties among residents reached 140, the mayor said, as fighting raged nearby.",
    ],
)
def test_counts_of_other_things_stay_out(text):
    assert _counts(text) == []


def test_an_addition_takes_the_actor_of_the_troops_before():
    figures = extract_figures("North Korea has sent about 11,000 soldiers to Russia. "
                              "A further 3,000 are expected to follow.")
    assert [(f.low, f.scope, f.actor) for f in figures] == [
        (11000.0, None, "North Korea"), (3000.0, "additional", "North Korea")]


def test_according_to_names_a_source_not_a_location():
    f = one("According to Seoul's spy agency, more than 11,000 troops from the North have been "
            "moved to the front.")
    assert f.location is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials said 405 soldiers had been killed in Gaza. One soldier was killed on Monday.",
         [("troops_killed", 405.0), ("troops_killed", 1.0)]),
        ("The commander said his unit had lost nearly three hundred men killed or wounded in "
         "the fighting.", [("troops_casualties", 300.0)]),
        ("Two marines were injured when their vehicle overturned during the combat drill.",
         [("troops_wounded", 2.0)]),
        # A noun that counts soldiers only when they are casualties.
        ("One soldier told reporters that the front line was quiet.", []),
        ("The battalion of 300 men moved closer to the front.", []),
        ("Gunmen killed 30 men in a village market, residents said.", []),
    ],
)
def test_singular_soldiers_and_men_count_only_as_casualties(text, expected):
    assert [(f.metric, f.low) for f in extract_figures(text)] == expected


def test_two_countries_may_modify_one_troop_noun():
    f = one("About 2,300 U.S. and South Korean marines were deployed for the landing drill.")
    assert (f.metric, f.low, f.actor) == ("troops_deployed", 2300.0, "South Korea")
    # Lower-case words joined by "and" still end the modifiers.
    assert [(g.metric, g.low) for g in extract_figures(
        "Shelling killed at least 15 soldiers and wounded 30 others.")] == [
        ("troops_killed", 15.0), ("troops_wounded", 30.0)]


def test_a_part_of_the_troops_named_before_sent_somewhere():
    figures = extract_figures("Pyongyang has agreed to send about 8,000 troops to Russia. Around 2,000 "
                              "of them have already been flown to Vladivostok, officials said.")
    assert [(f.metric, f.low, f.scope, f.actor) for f in figures] == [
        ("troops_deployed", 8000.0, "planned", "North Korea"),
        ("troops_deployed", 2000.0, None, "North Korea"),
    ]
    # A part of something else, or a part that was not sent anywhere, is no troop count.
    assert extract_figures("Russia has 5,000 tanks. 2,000 of them are stationed in the west.") == []
    assert [f.low for f in extract_figures(
        "Some 3,000 soldiers were killed. About 1,000 of them were buried in Donetsk.")] == [3000.0]


# -- written against the misses of a second blind dev set (eval/heldout_dev2.jsonl) -------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A model name whose first letter is a stop word ("S" of "’s") is still a modifier.
        ("Russia fired another four S-300 missiles at Kharkiv from the Belgorod region.",
         [("missiles_launched", 4.0, "S-300 missile")]),
        # An attack made "with" the missiles launches them.
        ("Russia attacked Ukraine overnight with 45 missiles and 389 drones, the air force said.",
         [("missiles_launched", 45.0, "missile")]),
        # The missiles shot down are not the missiles fired.
        ("North Korea fired 12 missiles. Air defences shot down 9 of the missiles.",
         [("missiles_launched", 12.0, "missile")]),
    ],
)
def test_missiles_attacked_with_and_intercepted(text, expected):
    assert [(f.metric, f.low, f.weapon) for f in extract_figures(text)] == expected


def test_the_attacked_country_is_not_the_actor():
    f = one("Russia attacked Ukraine overnight with 45 missiles, the air force said.")
    assert f.actor == "Russia"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia has moved a 4,000-strong motor rifle brigade into Belarus.",
         [("troops_deployed", 4000.0, "Belarus")]),
        ("A 20,000-strong crowd gathered outside parliament.", []),
        ("Eleven foreign peacekeepers were killed in fighting around the airport.",
         [("troops_killed", 11.0, None)]),
        ("The buildup includes roughly 6,500 sailors and Marines aboard eight warships.",
         [("troops_deployed", 6500.0, None)]),
        # Militants count only as casualties.
        ("The army said its forces killed some 70 militants in a counterattack.",
         [("troops_killed", 70.0, None)]),
        ("About 300 militants attacked the town at dawn.", []),
        ("Four American service members suffered minor injuries and an Iraqi soldier was "
         "killed, the official said.",
         [("troops_wounded", 4.0, None), ("troops_killed", 1.0, None)]),
        ("Seventeen of our men were killed in the assault on the front line, the captain said.",
         [("troops_killed", 17.0, None)]),
    ],
)
def test_units_peacekeepers_sailors_and_militants(text, expected):
    assert [(f.metric, f.low, f.location) for f in extract_figures(text)] == expected


def test_put_the_number_of_troops_at():
    assert _counts("One source put the number of soldiers killed at 58 on Sunday.") == [
        ("troops_killed", 58.0, 58.0, None)]
    assert _counts("Officials put the number of troops at about 2,000.") == [
        ("troops_deployed", 2000.0, 2000.0, None)]
    assert _counts("They put the number of tanks at 300.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Some 3,000 troops arrived on Monday and 2,000 more are expected next week.",
         [("troops_deployed", 3000.0, 3000.0, None), ("troops_deployed", 2000.0, 2000.0, None)]),
        ("It has 3,000 soldiers in the mission and an estimated 5,000-7,000 more in the country.",
         [("troops_deployed", 3000.0, 3000.0, None), ("troops_deployed", 5000.0, 7000.0, None)]),
        # More of a casualty count, or more of something else, is no deployment.
        ("Three soldiers were killed on Monday and 20 more on Tuesday.",
         [("troops_killed", 3.0, 3.0, None)]),
        ("The army lost 300 tanks and 200 more were damaged.", []),
    ],
)
def test_more_whose_noun_is_left_out(text, expected):
    assert _counts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A Ukrainian serviceman was killed and four others were wounded by the strike.",
         [("troops_killed", 1.0, "Ukraine"), ("troops_wounded", 4.0, "Ukraine")]),
        ("An Israeli soldier was seriously wounded in Gaza on Monday, the army said.",
         [("troops_wounded", 1.0, "Israel")]),
        ("A soldier said the front was quiet.", []),
        ("A soldiers' union said the pay was late.", []),
    ],
)
def test_one_soldier_written_with_an_article(text, expected):
    assert [(f.metric, f.low, f.actor) for f in extract_figures(text)] == expected


def test_a_battalion_is_military_context():
    assert _counts("His battalion had 14 men killed and about 50 wounded last month.") == [
        ("troops_killed", 14.0, 14.0, None), ("troops_wounded", 50.0, 50.0, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Portugal plans to deploy a contingent of about 150.",
         [("troops_deployed", 150.0, 150.0, None)]),
        ("Russia has built up a force of more than 100,000 on the border.",
         [("troops_deployed", 100000.0, 100000.0, None)]),
        ("The task force of 12 ships sailed.", []),
        ("The force of 3,000 pounds broke the gate.", []),
    ],
)
def test_the_size_of_a_unit_named_before_the_number(text, expected):
    assert _counts(text) == expected


def test_troops_held_captive_are_captured():
    assert _counts("Armenia said Azerbaijan was holding six of its troops captive.") == [
        ("troops_captured", 6.0, 6.0, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A militant, a rebel or a soldier is a combatant by the word itself...
        ("On the enemy side, some forty terrorists were killed and several motorbikes destroyed.",
         [("troops_killed", 40.0, 40.0, None)]),
        ("Forty rebels were killed.", [("troops_killed", 40.0, 40.0, None)]),
        # ..."men" only where the sentence speaks of the military.
        ("Police said 40 men were killed in the market.", []),
    ],
)
def test_combatant_nouns_need_no_military_context(text, expected):
    assert _counts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "An army spokesman said \u201cmore than a hundred\u201d soldiers had died in the push.",
        'An army spokesman said "more than a hundred" soldiers had died in the push.',
    ],
)
def test_a_quoted_number_keeps_its_noun(text):
    assert _counts(text) == [("troops_killed", 100.0, 100.0, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Their deaths bring to 412 the number of soldiers killed since the operation began.",
         [("troops_killed", 412.0, 412.0, None)]),
        ("The deployment will raise to 17,000 the total number of Polish troops on the border.",
         [("troops_deployed", 17000.0, 17000.0, None)]),
        ("The strike brought to 40 the number of people killed in the city.", []),
        ("He brought to 12 the number of ships in the fleet.", []),
    ],
)
def test_a_total_written_before_the_noun_it_counts(text, expected):
    assert _counts(text) == expected


def test_a_casualty_noun_between_troops_and_number_gives_the_metric_and_actor():
    text = ("A think tank estimated that 200,000 Russian troops had been killed, while "
            "Ukraine's own military deaths were put at 60,000\u2013100,000.")
    assert [(f.metric, f.low, f.high, f.actor) for f in extract_figures(text)] == [
        ("troops_killed", 200000.0, 200000.0, "Russia"),
        ("troops_killed", 60000.0, 100000.0, "Ukraine"),
    ]


@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        ("North Korea has launched what appears to be a ballistic missile, Japan's coast "
         "guard said.", "ballistic missile"),
        ("A Sineva missile was fired from a submarine in the Barents Sea.", "sineva missile"),
        ("An unarmed Minuteman III intercontinental ballistic missile was launched from the "
         "California coast late Tuesday.",
         "unarmed minuteman III intercontinental ballistic missile"),
    ],
)
def test_one_missile_launched_with_no_count(text, weapon):
    assert [(f.metric, f.low, f.weapon) for f in extract_figures(text)] == [
        ("missiles_launched", 1.0, weapon)]


def test_the_missile_was_fired_refers_to_a_launch_already_counted():
    assert _counts("The missile was fired at 7 a.m.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The missile flew some 1,000 km before landing about 200 km west of Okushiri Island.",
         [("missile_range_km", 1000.0, 1000.0, None)]),
        ("Iran test-fired a ballistic missile that struck a target about 1,200 km away.",
         [("missiles_launched", 1.0, 1.0, None), ("missile_range_km", 1200.0, 1200.0, None)]),
    ],
)
def test_a_distance_to_a_place_is_not_a_range(text, expected):
    assert _counts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The IDF announced the deaths of three soldiers in northern Gaza overnight.",
         [("troops_killed", 3.0, 3.0, None)]),
        ("The army believes at least 300 have died and 2,700 were injured.",
         [("troops_killed", 300.0, 300.0, None), ("troops_wounded", 2700.0, 2700.0, None)]),
        ("Around 40 of the attackers were killed in the counter-attack, the army said.",
         [("troops_killed", 40.0, 40.0, None)]),
        ("Troops later captured two of the guerrillas after a firefight.",
         [("troops_captured", 2.0, 2.0, None)]),
        ("The ministry said its forces had killed up to 1,500 Ukrainian servicemen during the "
         "week and captured 31.",
         [("troops_killed", 1500.0, 1500.0, None), ("troops_captured", 31.0, 31.0, None)]),
        ("Russian forces killed 30 civilians and wounded 12.", []),
        ("Nine soldiers were killed, the army said, while 11 soldiers remain missing.",
         [("troops_killed", 9.0, 9.0, None)]),
    ],
)
def test_more_ways_to_write_a_casualty(text, expected):
    assert _counts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The IDF announced the deaths of three soldiers overnight, bringing the army's toll "
         "in the ground operation to 390.",
         [("troops_killed", 3.0, 3.0, None), ("troops_killed", 390.0, 390.0, None)]),
        ("Russian forces lost 1,130 personnel killed and wounded, bringing claimed Russian "
         "casualties since the invasion to around 640,000.",
         [("troops_casualties", 1130.0, 1130.0, None),
          ("troops_casualties", 640000.0, 640000.0, None)]),
    ],
)
def test_a_running_toll_brought_to_a_number(text, expected):
    assert _counts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "About 100 Russian military instructors landed in Niger's capital on Friday.",
        "They will join some 100 National Guard members already deployed there.",
        "Roughly 100 American military trainers are now stationed on the island.",
    ],
)
def test_military_instructors_and_guard_members_are_troops(text):
    assert _counts(text) == [("troops_deployed", 100.0, 100.0, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The United States has about 900 troops in Syria and some 50,000 in Japan.",
         [("troops_deployed", 900.0, "Syria"), ("troops_deployed", 50000.0, "Japan")]),
        # Casualty lists and numbers that start no list are left alone.
        ("The army killed 30 soldiers in Ukraine and 12 in Syria.",
         [("troops_killed", 30.0, "Ukraine")]),
        ("About 300 troops arrived in Syria in 2024.", [("troops_deployed", 300.0, "Syria")]),
    ],
)
def test_a_share_of_the_troops_named_by_place(text, expected):
    assert [(f.metric, f.low, f.location) for f in extract_figures(text)] == expected


def test_a_share_of_the_troops_after_including():
    figures = extract_figures(
        "Some 40,000 U.S. troops remain deployed, including about 900 in Syria.")
    assert _counts(figures[0].evidence.sentence) == [
        ("troops_deployed", 40000.0, 40000.0, None), ("troops_deployed", 900.0, 900.0, None)]
    assert (figures[1].actor, figures[1].location) == ("United States", "Syria")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On Wednesday it launched a solid-fuel Hwasong-18 ICBM, which flew 1,002 km.",
         [("missiles_launched", 1.0, 1.0, None), ("missile_range_km", 1002.0, 1002.0, None)]),
        ("Taiwan's defence ministry said it had tracked 27 rockets, all of which landed in the "
         "sea.", [("missiles_launched", 27.0, 27.0, None)]),
        ("Radar detected 5 missiles being moved to the coast.", []),
        ("Several of the prisoners said they had been sent to the front.", []),
    ],
)
def test_launches_tracked_and_prisoners_already_counted(text, expected):
    assert _counts(text) == expected


def test_a_number_or_so_before_its_noun():
    [figure] = extract_figures(
        "They will join the nine hundred or so British personnel already based in Estonia.")
    assert (figure.metric, figure.low, figure.qualifier) == ("troops_deployed", 900.0, "approx")


def test_a_launch_naming_its_missile_in_apposition():
    assert _counts("The DPRK test-fired a Hwasong-20, a new-type solid-fuel intercontinental "
                   "ballistic missile, on Wednesday.") == [("missiles_launched", 1.0, 1.0, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Three soldiers had been killed and five others seriously wounded, the army said.",
         [("troops_killed", 3.0, 3.0, None), ("troops_wounded", 5.0, 5.0, None)]),
        ("Kyiv says more than 8,000 Ukrainian soldiers remain in Russian captivity.",
         [("troops_captured", 8000.0, 8000.0, None)]),
        ("Pakistan said one of its soldiers had been martyred.",
         [("troops_killed", 1.0, 1.0, None)]),
        ("The army said its fire had killed \u201cat least five\u201d Pakistani soldiers.",
         [("troops_killed", 5.0, 5.0, None)]),
        ("The IDF says a missile launched from Yemen was intercepted.",
         [("missiles_launched", 1.0, 1.0, None)]),
    ],
)
def test_casualties_and_launches_as_liveblogs_write_them(text, expected):
    assert _counts(text) == expected


def test_a_quoted_missile_name_is_kept_without_its_quotes():
    [figure] = extract_figures(
        "The Houthis claim they fired a \u201cPalestine-2\u201d hypersonic ballistic missile.")
    assert (figure.low, figure.weapon) == (1.0, "palestine-2 hypersonic ballistic missile")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fighting killed at least 40 civilians and 23 RSF fighters on Saturday, the army said.",
         [("troops_killed", 23.0, 23.0, None)]),
        ("Clashes have killed at least 94 people, including 21 soldiers, 18 Druze fighters and "
         "55 civilians, the monitor said.",
         [("troops_killed", 21.0, 21.0, None), ("troops_killed", 18.0, 18.0, None)]),
        ("Air defences shot down seven ballistic missiles and 45 cruise missiles overnight.", []),
        # A clause between ends the list.
        ("The army killed 5 militants, the ministry said, and 2,000 troops were deployed.",
         [("troops_killed", 5.0, 5.0, None), ("troops_deployed", 2000.0, 2000.0, None)]),
    ],
)
def test_a_verb_counts_every_item_of_its_list(text, expected):
    assert _counts(text) == expected


def test_a_running_total_naming_us_forces():
    assert _counts("The move raises the number of U.S. forces in the region to roughly "
                   "43,000, up from about 34,000.") == [("troops_deployed", 43000.0, 43000.0, None)]


def test_half_a_dozen_missiles_and_a_dozen_more():
    assert _counts("Russia fired half a dozen Kinzhal hypersonic missiles and a dozen Kalibr "
                   "cruise missiles.") == [("missiles_launched", 6.0, 6.0, None),
                                           ("missiles_launched", 12.0, 12.0, None)]


def test_quoted_vague_casualties():
    assert _counts("Israel's military said \u201cdozens\u201d of Hezbollah militants had been "
                   "killed.") == [("troops_killed", None, None, "dozens of")]


def test_a_pair_of_names_before_allied_fighters():
    assert _counts("Pakistan claimed that more than 200 Taliban and allied militants had been "
                   "killed.") == [("troops_killed", 200.0, 200.0, None)]


def test_a_year_before_a_casualty_verb_is_no_figure():
    # CASUALTY_VERB_RE has no "troops" group: the year check used to raise IndexError.
    assert _counts("Soldiers fought hard in 2024 were killed near the border.") == []


def test_troops_from_a_region_have_no_actor_from_it():
    f = one("A further 600 Marines from Okinawa are due to join the drill in April.")
    assert (f.actor, f.location) == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia has massed 10,000 troops near the Finnish border, officials said.",
         [(10000.0, "Russia", None)]),
        ("Colombia will deploy 1,200 soldiers to the Catatumbo region on the Venezuelan "
         "border, bringing the military presence there to nearly 10,000 troops.",
         [(1200.0, "Colombia", None), (10000.0, "Colombia", None)]),
        ("Belarus moved 3,000 troops to the Polish border in the Grodno region.",
         [(3000.0, "Belarus", None)]),
    ],
)
def test_a_country_named_as_a_border_is_neither_actor_nor_location(text, expected):
    assert [(f.low, f.actor, f.location) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. has about 40,000 troops in the region, including 2,500 in Iraq and 900 in "
         "Syria.", [(40000.0, None), (2500.0, "Iraq"), (900.0, "Syria")]),
        ("Pyongyang deployed 11,000 soldiers, including special forces, to the Kursk region.",
         [(11000.0, "Russia")]),
    ],
)
def test_a_total_is_not_where_the_count_it_includes_is(text, expected):
    assert [(f.low, f.location) for f in extract_figures(text)] == expected


def test_location_after_neighbouring():
    text = ("The United States has roughly 2,500 troops in Iraq, with around 3,000 more at "
            "bases in neighboring Jordan.")
    assert [(f.low, f.location) for f in extract_figures(text)] == [
        (2500.0, "Iraq"), (3000.0, "Jordan")]


@pytest.mark.parametrize(
    "text",
    ["Ukrainian civilian casualties rose to 10,000, the UN said.",
     "Afghan civilian casualties reached 3,000 last year."],
)
def test_a_countrys_civilian_casualties_are_no_soldiers(text):
    assert extract_figures(text) == []


@pytest.mark.parametrize(
    "text",
    ["The carrier sailed into the Gulf with at least a dozen F-35 fighters on board.",
     "India has ordered 36 Su-30MKI fighters and 26 Rafale fighters.",
     "Taiwan said 25 Chinese J-20 stealth fighters flew near the island.",
     "Some 40 jet fighters took part in the drill over the Baltic.",
     "France sent 12 Mirage 2000 fighters to Jordan."],
)
def test_fighters_after_an_aircraft_model_are_aircraft(text):
    assert extract_figures(text) == []


def test_fighters_of_a_group_are_combatants():
    assert _counts("The army said it had killed 25 Hamas fighters in the raid.") == [
        ("troops_killed", 25.0, 25.0, None)]


@pytest.mark.parametrize(
    "text",
    ["Officials said about 30 jets took part in the strike, flying roughly 1,800 km to Yemen.",
     "The bombers flew more than 1,500 km to reach their targets.",
     "Ukrainian drones travelled about 1,200 km before hitting the refinery."],
)
def test_a_distance_flown_by_aircraft_is_no_missile_range(text):
    assert [f for f in extract_figures(text) if f.metric == "missile_range_km"] == []


@pytest.mark.parametrize(
    ("text", "low"),
    [("The missile, fired from a Su-34 jet, flew about 300 km.", 300.0),
     ("Russian bombers fired cruise missiles that flew about 1,500 km.", 1500.0),
     ("An S-400 missile hit an enemy aircraft at a range of about 150 km.", 150.0),
     ("The jets launched a Kh-101, which flew about 300 km.", 300.0)],
)
def test_a_missile_range_near_an_aircraft_is_kept(text, low):
    assert one(text, "missile_range_km").low == low


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow published a breakdown of Ukrainian losses over the past week: Kharkiv "
         "direction — up to 310 servicemen; Siversk direction — up to 95; Kherson direction "
         "— up to 120 servicemen and two howitzers.",
         [("troops_casualties", 310.0), ("troops_casualties", 95.0),
          ("troops_casualties", 120.0)]),
        ("Russian casualties, according to Kyiv: Bakhmut — 140 soldiers, Avdiivka — 60.",
         [("troops_casualties", 140.0), ("troops_casualties", 60.0)]),
        ("Ukrainian losses over the past day: 230 servicemen; tanks — 9; artillery — 31.",
         [("troops_casualties", 230.0)]),
    ],
)
def test_a_list_headed_by_losses_counts_casualties(text, expected):
    assert [(f.metric, f.low) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "low"),
    [
        ("Italy will send a 300-strong engineer battalion, bringing UNIFIL’s strength to about "
         "10,500.", 10500.0),
        ("Canada is adding a mechanised battalion, bringing the brigade's strength in Latvia "
         "to 2,200 by next year.", 2200.0),
        ("The new rotation raises the U.S. military presence in Poland to 10,000, the army "
         "said.", 10000.0),
    ],
)
def test_bringing_a_forces_strength_to_a_number_is_a_total(text, low):
    totals = [f for f in extract_figures(text) if f.scope == "total"]
    assert [(f.metric, f.low) for f in totals] == [("troops_deployed", low)]


@pytest.mark.parametrize(
    "text",
    ["The rally pushed the yen's strength to 140 against the dollar.",
     "Russia moved 5,000 troops, raising the army's strength to 40 battalions."],
)
def test_a_strength_that_counts_no_troops_is_no_total(text):
    assert [f for f in extract_figures(text) if f.scope == "total"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Denmark contributes some 200 soldiers and Luxembourg about 30, the alliance said.",
         [(200.0, "Denmark"), (30.0, "Luxembourg")]),
        ("Spain has 600 troops in Latvia, Italy 250 and Slovakia 150.",
         [(600.0, "Spain"), (250.0, "Italy"), (150.0, "Slovakia")]),
        ("Canada sent 400 troops to Latvia in 2017 and Norway 100 in 2019.",
         [(400.0, "Canada"), (100.0, "Norway")]),
    ],
)
def test_a_gapped_count_after_a_country_takes_the_troops_before_it(text, expected):
    assert [(f.low, f.actor) for f in extract_figures(text)] == expected


def test_a_gapped_count_takes_the_metric_before_it():
    assert _counts("Russia lost 200 soldiers in the assault and Ukraine 150.") == [
        ("troops_casualties", 200.0, 200.0, None), ("troops_casualties", 150.0, 150.0, None)]


@pytest.mark.parametrize(
    "text",
    ["Britain sent 500 troops and France 300 tanks.",
     "Britain sent 500 troops and 40 tanks, and France 300.",
     "Britain sent 500 troops. France 300 were expected.",
     "Britain sent 500 troops to Estonia, U.S. 15, 2024."],  # a date cut from its month
)
def test_no_gapped_count_without_a_troop_figure_just_before(text):
    assert [f.low for f in extract_figures(text)] == [500.0]


def summary(text):
    return [(f.metric, f.low, f.high) for f in extract_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The missile flew 400km before falling into the sea.",
         [("missile_range_km", 400.0, 400.0)]),
        ("Two soldiers embraced martyrdom in the exchange of fire, the army said.",
         [("troops_killed", 2.0, 2.0)]),
        # An aside between dashes stands between the noun and its verb.
        ("Two soldiers \u2014 Sgt. Ali Raza, 31, and Sepoy Imran Khan, 24 \u2014 embraced "
         "martyrdom, the statement said.", [("troops_killed", 2.0, 2.0)]),
        ("Three marines -- a corporal, a sergeant and a navy corpsman who served with them -- "
         "were wounded in the blast.", [("troops_wounded", 3.0, 3.0)]),
        ("The army counted 25 to 30 projectiles crossing from Lebanon on Sunday.",
         [("missiles_launched", 25.0, 30.0)]),
        ("Moscow attacked Kyiv overnight with 60 drones and three Kinzhal missiles.",
         [("missiles_launched", 3.0, 3.0)]),
        ("The April attack involved some 170 drones, more than 30 cruise missiles and about "
         "120 ballistic missiles.",
         [("missiles_launched", 30.0, 30.0), ("missiles_launched", 120.0, 120.0)]),
        ("Militants fired a rocket at the base on Sunday.", [("missiles_launched", 1.0, 1.0)]),
        ("A rocket was fired from Gaza toward Sderot.", [("missiles_launched", 1.0, 1.0)]),
        ("Hamas fired rockets at Sderot and Ashkelon.", []),
        ("Gunmen fired a rocket-propelled grenade at the convoy.", []),
        ("Russia launched a Soyuz carrier rocket from Plesetsk.", []),
    ],
)
def test_reporters_phrasings(text, expected):
    assert summary(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "An earlier version of this story said 17 soldiers had been killed in the ambush.",
        "A previous version of this article incorrectly said 300 troops had been deployed.",
        "The report wrongly stated that 40 soldiers were captured.",
    ],
)
def test_a_corrected_figure_is_superseded(text):
    assert extract_figures(text) == []


def test_an_elided_addition_with_or_so():
    f = extract_figures("Kenya has 900 soldiers in the mission and keeps another 2,000 or so in "
                        "Somalia.")[1]
    assert (f.low, f.qualifier, f.scope, f.actor, f.location) == (
        2000.0, "approx", "additional", "Kenya", "Somalia")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army released the toll of the raid on the outpost: soldiers killed \u2014 4; "
         "soldiers wounded \u2014 9; attackers killed \u2014 12.",
         [("troops_killed", 4.0, 4.0), ("troops_wounded", 9.0, 9.0),
          ("troops_killed", 12.0, 12.0)]),
        ("Battalion losses: 6 killed, 14 wounded, 3 missing.",
         [("troops_killed", 6.0, 6.0), ("troops_wounded", 14.0, 14.0)]),
        ("Killed: 12 soldiers.", [("troops_killed", 12.0, 12.0)]),
        ("Civilians killed \u2014 4; civilians wounded \u2014 12.", []),
        ("The toll from the quake: 11 killed, 40 injured.", []),
    ],
)
def test_tallies_written_as_tables(text, expected):
    assert summary(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 18 guerrillas and three soldiers died in the fighting.",
         [("troops_killed", 18.0, 18.0), ("troops_killed", 3.0, 3.0)]),
        ("Twelve militants and two policemen were killed in the clash.",
         [("troops_killed", 12.0, 12.0)]),
        ("Four gunmen and their commander were captured.", [("troops_captured", 4.0, 4.0)]),
        ("Five rebels and the army said they were killed.", []),
    ],
)
def test_coordinated_subjects_share_their_verb(text, expected):
    assert summary(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A unit's size, linked: not the casualties the sentence counted before it.
        ("Officials put the number of troops killed or wounded at about 900, out of a "
         "contingent numbering roughly 5,000 to 6,000.",
         [("troops_casualties", 900.0, 900.0), ("troops_deployed", 5000.0, 6000.0)]),
        ("The Dutch contingent at the base numbers about 600.",
         [("troops_deployed", 600.0, 600.0)]),
        ("The army put the number of insurgents killed in the raid at seven.",
         [("troops_killed", 7.0, 7.0)]),
        ("Kyiv said its forces took 12 soldiers prisoner, bringing the number captured this "
         "month to more than 300.",
         [("troops_captured", 12.0, 12.0), ("troops_captured", 300.0, 300.0)]),
        ("Officials raised their estimate of the number of troops killed or wounded to "
         "about 4,000.", [("troops_casualties", 4000.0, 4000.0)]),
        ("The army raised its estimate of the number of missiles fired at the city overnight "
         "to about 60.", [("missiles_launched", 60.0, 60.0)]),
    ],
)
def test_linked_totals_and_unit_sizes(text, expected):
    assert summary(text) == expected


def test_a_country_after_and_is_the_subject_of_its_own_clause():
    text = ("Armenia said 49 of its soldiers had been killed, and Azerbaijan said 50 of its "
            "own had died.")
    assert [(f.low, f.actor) for f in extract_figures(text)] == [
        (49.0, "Armenia"), (50.0, "Azerbaijan")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia fired three Kh-101 cruise missiles and an Iskander-M ballistic missile at "
         "Odesa.", [("missiles_launched", 3.0, 3.0), ("missiles_launched", 1.0, 1.0)]),
        ("The Houthis fired two drones at a tanker, along with a Burkan missile aimed at "
         "Eilat.", [("missiles_launched", 1.0, 1.0)]),
        ("Air defences shot down 20 drones and a cruise missile.", []),
        ("Overnight attack: Kh-101 cruise missiles: 48 launched, 39 intercepted; Shahed "
         "drones: 120 launched.", [("missiles_launched", 48.0, 48.0)]),
        ("The drill involves 8,000 troops, among them about 5,000 Americans and 3,000 "
         "Japanese soldiers.",
         [("troops_deployed", 8000.0, 8000.0), ("troops_deployed", 5000.0, 5000.0),
          ("troops_deployed", 3000.0, 3000.0)]),
        ("The conference drew 300 delegates, among them 40 Americans.", []),
        ("About 100 soldiers were killed, including 12 Americans.",
         [("troops_killed", 100.0, 100.0)]),
    ],
)
def test_lists_tallies_and_nationalities(text, expected):
    assert summary(text) == expected


def test_a_nationality_in_a_list_of_troops_is_the_actor():
    f = extract_figures("NATO has 40,000 troops on its eastern flank, including 4,000 Germans "
                        "in Lithuania.")[1]
    assert (f.low, f.actor, f.location) == (4000.0, "Germany", "Lithuania")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An officer from the 7th Armored Brigade was seriously wounded in the raid.",
         [("troops_wounded", 1.0, 1.0)]),
        ("One Kenyan peacekeeper with the AU mission, AUSSOM, was killed on Sunday.",
         [("troops_killed", 1.0, 1.0)]),
        ("One soldier was killed and two were wounded.",
         [("troops_killed", 1.0, 1.0), ("troops_wounded", 2.0, 2.0)]),
        ("A police officer was killed in the shooting.", []),
        ("A soldier from the unit that killed 20 civilians was arrested.", []),
        ("Three soldiers died, the army said, adding that two militants had also been killed.",
         [("troops_killed", 3.0, 3.0), ("troops_killed", 2.0, 2.0)]),
        ("Fighters of the group said 40 soldiers were killed, while the command put the number "
         "of militants killed in its raid at nine.",
         [("troops_killed", 40.0, 40.0), ("troops_killed", 9.0, 9.0)]),
        ("The army reported heavy fighting. Provisional toll on the friendly side: 11 killed, "
         "7 wounded and 2 missing.",
         [("troops_killed", 11.0, 11.0), ("troops_wounded", 7.0, 7.0)]),
    ],
)
def test_single_soldiers_and_casualty_phrasings(text, expected):
    assert summary(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The number of U.S. troops in Syria is about 2,000, the Pentagon said.",
         [("troops_deployed", 2000.0, "United States", "Syria")]),
        ("The total number of North Korean soldiers in Russia now stands at around 14,000.",
         [("troops_deployed", 14000.0, "North Korea", "Russia")]),
        ("Officials believe the real number of Russian personnel massed in Belarus could be "
         "as many as 30,000.", [("troops_deployed", 30000.0, "Russia", "Belarus")]),
        ("The number of soldiers killed since October has risen to 412.",
         [("troops_killed", 412.0, None, None)]),
        ("The number of missiles fired at the city since March is estimated to be about 900.",
         [("missiles_launched", 900.0, None, None)]),
        ("The number of missiles in its arsenal is about 400.", []),
        ("The number of people in the town is 2,000.", []),
    ],
)
def test_the_value_of_a_number_named_as_the_subject(text, expected):
    assert [(f.metric, f.low, f.actor, f.location) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ambush claimed the lives of nine troops.", [("troops_killed", 9.0, 9.0)]),
        ("The fighting has cost the lives of more than 300 soldiers.",
         [("troops_killed", 300.0, 300.0)]),
        ("The floods claimed the lives of 40 people.", []),
    ],
)
def test_lives_claimed(text, expected):
    assert summary(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army said “scores of terrorists” were killed when gunships arrived.",
         [("troops_killed", None, "scores of")]),
        ("The army said it had killed 320 militiamen and captured 95 others.",
         [("troops_killed", 320.0, None), ("troops_captured", 95.0, None)]),
        ("Kabul said more than 200 Taliban and affiliated fighters were killed.",
         [("troops_killed", 200.0, None)]),
        ("The division needs 40 new armoured personnel carriers.", []),
        ("Uganda has sent 1,000 more soldiers, bringing its troops in Ituri to roughly five "
         "thousand.", [("troops_deployed", 1000.0, None), ("troops_deployed", 5000.0, None)]),
        ("The officer put the number of fighters killed at \u201cmore than 30.\u201d",
         [("troops_killed", 30.0, None)]),
        ("About 2,000 U.S. troops are in Syria, more than double the figure of roughly 900 it "
         "had cited.", [("troops_deployed", 2000.0, None)]),
        ("The blast brought the death toll among troops in the state to 19 since 2023.",
         [("troops_killed", 19.0, None)]),
        ("The attack left 12 soldiers dead and dozens wounded.",
         [("troops_killed", 12.0, None), ("troops_wounded", None, "dozens")]),
        ("Ethiopia has 3,000 troops in the mission and thousands more under a bilateral pact.",
         [("troops_deployed", 3000.0, None), ("troops_deployed", None, "thousands")]),
    ],
)
def test_phrasings_of_the_seventh_dev_round(text, expected):
    assert [(f.metric, f.low, f.vague) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army said its troops had killed 112 members of the People's Defence Force.",
         [("troops_killed", 112.0)]),
        ("Two members of parliament were killed.", []),
        ("Aircraft struck 30 targets and killed four Islamic Jihad commanders, it said.",
         [("troops_killed", 4.0)]),
        ("Russia has massed 50,000 troops near Sumy and plans to increase the grouping to "
         "70,000.", [("troops_deployed", 50000.0), ("troops_deployed", 70000.0)]),
        ("About 100,000 troops are taking part, according to officials, of whom some 7,000 "
         "are on Belarusian territory.",
         [("troops_deployed", 100000.0), ("troops_deployed", 7000.0)]),
        ("The mission has 10,000 peacekeepers, among them 1,200 stationed in Goma.",
         [("troops_deployed", 10000.0), ("troops_deployed", 1200.0)]),
    ],
)
def test_members_commanders_groupings_and_shares(text, expected):
    assert [(f.metric, f.low) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A stated capability is no range flown ...
        ("The KN-23 has a range of around 690 km.", []),
        ("Ukraine says the Neptune-MD can hit targets 1,000 km away.", []),
        ("Japan will deploy Type-12 missiles, with a range of about 1,000 km, from March.", []),
        # ... unless the sentence reports the test that showed it; a modal never is.
        ("Pakistan test-fired a Shaheen-III missile with a range of 2,750 km.",
         [("missiles_launched", 1.0), ("missile_range_km", 2750.0)]),
        ("Pakistan test-fired a Fatah-II rocket, which it said can strike targets up to 400 km "
         "away.", [("missiles_launched", 1.0)]),
        ("The missile, which can fly 2,000 km, flew 950 km on Tuesday.",
         [("missile_range_km", 950.0)]),
        ("A strike hit an industrial site about 30 km from the border.", []),
        ("The satellite was carried by a rocket and entered orbit at an altitude of roughly "
         "500 km.", []),
        ("The Iskander-M is fired from launchers that each carry two missiles.", []),
        ("Russia fired three Iskander-M missiles overnight. Two of the missiles were shot down.",
         [("missiles_launched", 3.0)]),
        ("Russia struck Dnipro on Thursday with a new intermediate-range ballistic missile.",
         [("missiles_launched", 1.0)]),
        ("India on Thursday flight-tested a new Agni-Prime ballistic missile.",
         [("missiles_launched", 1.0)]),
        ("Moscow breached the 1987 Intermediate-Range Nuclear Forces Treaty.", []),
        ("The S-400 system can hit enemy aircraft at a range of up to 400 km.", []),
        ("N. Korea fires cruise missiles\nThe military said North Korea fired several cruise "
         "missiles over the Yellow Sea.", [("missiles_launched", None)]),
    ],
)
def test_launches_ranges_and_their_traps(text, expected):
    assert [(f.metric, f.low) for f in extract_figures(text)] == expected


def test_a_misstated_distance_is_superseded():
    text = ("The missile flew about 1,100 km. Correction: An earlier version of this story "
            "misstated the distance the missile travelled as 600 km.")
    assert [(f.metric, f.low) for f in extract_figures(text)] == [("missile_range_km", 1100.0)]
