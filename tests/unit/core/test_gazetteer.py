"""Gazetteer: names resolved to countries, regions, and the names that are not a country."""

import pytest

from pipeline.core.gazetteer import PLACE_RE, country_of, is_actor_only, is_region


def names(text):
    return [m.group("name") for m in PLACE_RE.finditer(text)]


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Iraq", "Iraq"), ("Iraqis", "Iraq"), ("Baghdad", "Iraq"),
        ("Türkiye", "Turkey"), ("Turkiye", "Turkey"), ("Ankara", "Turkey"),
        ("UAE", "United Arab Emirates"), ("Emirati", "United Arab Emirates"),
        ("Saudi", "Saudi Arabia"), ("Sana'a", "Yemen"),
        ("Gaza", "Palestine"), ("the West Bank", "Palestine"), ("Ramallah", "Palestine"),
        ("Congo", "DR Congo"), ("Democratic Republic of the Congo", "DR Congo"),
        ("Congo-Brazzaville", "Republic of the Congo"), ("Nigerien", "Niger"),
        ("Nigerian", "Nigeria"), ("El Fasher", "Sudan"), ("North Darfur", "Sudan"),
        ("South Sudanese", "South Sudan"), ("Nagorno-Karabakh", "Azerbaijan"),
        ("Abkhazia", "Georgia"), ("Transnistria", "Moldova"), ("the Netherlands", "Netherlands"),
        ("Jammu and Kashmir", "India"), ("Azad Kashmir", "Pakistan"),
        ("New Mexico", "United States"), ("Okinawa", "Japan"), ("Kupiansk", "Ukraine"),
        ("IDF", "Israel"), ("Burkinabe", "Burkina Faso"),
    ],
)
def test_country_of_new_names(name, country):
    assert country_of(name) == country


def test_left_out_names_resolve_to_nothing():
    # Claimed by two countries, shared by several, or a name more often than a place.
    for name in ("Kashmir", "Sahel", "Jerusalem", "Victoria", "Brussels", "Palestinian"):
        assert country_of(name) is None


def test_regions_and_actor_only_names():
    assert [is_region(n) for n in ("Gaza", "Darfur", "Okinawa", "Iraq", "Baghdad")] == [
        True, True, True, False, False]
    assert [is_actor_only(n) for n in ("IDF", "IRGC", "Israel")] == [True, True, False]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # The longer name wins where two overlap.
        ("Niger and Nigeria", ["Niger", "Nigeria"]),
        ("troops in the Niger Delta", ["Niger Delta"]),
        ("Guinea, Guinea-Bissau, Equatorial Guinea and Papua New Guinea",
         ["Guinea", "Guinea-Bissau", "Equatorial Guinea", "Papua New Guinea"]),
        ("South Sudan and Sudan", ["South Sudan", "Sudan"]),
        ("the Democratic Republic of the Congo and the Republic of the Congo",
         ["Democratic Republic of the Congo", "Republic of the Congo"]),
        ("Kuwait City, Kuwait", ["Kuwait City", "Kuwait"]),
        ("sent to New Mexico, not to Mexico", ["New Mexico", "Mexico"]),
        # A first name before a surname is no country.
        ("Jordan Bardella met Chad Smith in Jordan and Chad.", ["Jordan", "Chad"]),
        # Nor the river and its valley, nor the lake four countries share.
        ("the Jordan River, the Jordan valley and Lake Chad", []),
        # The US state: after its town, after "state of", before "National Guard".
        ("Fort Stewart, Georgia, the state of Georgia and the Georgia National Guard", []),
        ("troops in Georgia and Georgia's breakaway regions", ["Georgia", "Georgia"]),
        ("the island of New Guinea", []),
        ("Turks and Caicos, the Turks", ["Turks"]),
        ("the Congo River", []),
        ("Tripoli, Lebanon and Tripoli", ["Lebanon", "Tripoli"]),
        # Case matters: the bird, the verb and the pepper are no countries.
        ("a turkey, to chad, chile", []),
    ],
)
def test_place_re_ambiguous_names(text, found):
    assert names(text) == found
