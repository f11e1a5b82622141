"""Gazetteer - countries, demonyms, capitals, regions and metonyms, resolved to canonical names."""

from __future__ import annotations

import re
from functools import lru_cache

#: Canonical country name -> the ways news writes it (names, demonyms, capitals, metonyms).
#: Canonical names are the short English ones news uses ("Turkey", not "Türkiye"; "DR Congo").
#: A name that is also a person, a river or a US state is kept only where news of conflicts
#: mostly means the country, and `_GUARDS` below drops the other uses that it can tell apart
#: by their form. Left out on purpose: "Victoria", "Sofia", "Santiago", "Wellington",
#: "Darwin", "Gao", "Tyre", "La Paz" (first names, or cities of several countries),
#: "Holland" (a surname), "Serb"/"Serbs" (often Bosnian or Kosovo Serbs, not Serbia),
#: "Dominican" (Dominica or the Dominican Republic), "Macedonian" (also a Greek region),
#: "CAR" (a car in an upper-case headline), and non-state armed groups (Hamas, Hezbollah,
#: the Houthis), which stand for no country.
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
    "China": ("China", "Chinese", "Beijing", "People's Liberation Army", "PLA"),
    "Iran": (
        "Iran", "Iranian", "Iranians", "Tehran", "Islamic Revolutionary Guard Corps", "IRGC",
    ),
    "Israel": ("Israel", "Israeli", "Israelis", "Israel Defense Forces", "IDF"),
    "Belarus": ("Belarus", "Belarusian", "Belarusians", "Minsk"),
    "Syria": ("Syria", "Syrian", "Syrians", "Damascus"),
    "Taiwan": ("Taiwan", "Taiwanese", "Taipei"),
    "India": ("India", "Indian", "New Delhi"),
    "Pakistan": ("Pakistan", "Pakistani", "Pakistanis", "Islamabad"),
    "United Kingdom": (
        "United Kingdom", "Britain", "Great Britain", "British", "Briton", "Britons", "UK",
        "U.K.", "London", "Downing Street",
    ),
    "France": ("France", "French", "Paris"),
    "Germany": ("Germany", "German", "Germans", "Berlin"),
    "Poland": ("Poland", "Polish", "Poles", "Warsaw"),
    # Middle East
    "Iraq": ("Iraq", "Iraqi", "Iraqis", "Baghdad"),
    "Lebanon": ("Lebanon", "Lebanese", "Beirut"),
    "Yemen": ("Yemen", "Yemeni", "Yemenis", "Sanaa", "Sana'a"),
    "Saudi Arabia": ("Saudi Arabia", "Saudi", "Saudis", "Saudi Arabian", "Riyadh"),
    "Jordan": ("Jordan", "Jordanian", "Jordanians", "Amman"),
    "Egypt": ("Egypt", "Egyptian", "Egyptians", "Cairo"),
    "Turkey": ("Turkey", "Türkiye", "Turkiye", "Turkish", "Turks", "Ankara"),
    "Qatar": ("Qatar", "Qatari", "Qataris", "Doha"),
    "United Arab Emirates": (
        "United Arab Emirates", "UAE", "U.A.E.", "Emirati", "Emiratis", "Abu Dhabi",
    ),
    "Kuwait": ("Kuwait", "Kuwaiti", "Kuwaitis", "Kuwait City"),
    "Bahrain": ("Bahrain", "Bahraini", "Bahrainis", "Manama"),
    "Oman": ("Oman", "Omani", "Omanis", "Muscat"),
    "Cyprus": ("Cyprus", "Cypriot", "Cypriots", "Nicosia"),
    "Afghanistan": ("Afghanistan", "Afghan", "Afghans", "Kabul"),
    # Gaza and the West Bank (regions below): "Palestine", the name under which the UN
    # seats the State of Palestine and conflict-event datasets (ACLED) file them. Jerusalem
    # is left out: its eastern half is claimed by both sides. So is "Palestinian": as an
    # actor it names armed groups, which stand for no country, and "Palestinian casualties"
    # (the Gaza health ministry's count of the dead, civilians among them) would read as a
    # country's soldiers.
    "Palestine": (
        "Palestine", "State of Palestine", "Palestinian territories",
        "Palestinian Territories", "Ramallah",
    ),
    # Africa
    "Sudan": ("Sudan", "Sudanese", "Khartoum"),
    "South Sudan": ("South Sudan", "South Sudanese", "Juba"),
    "Ethiopia": ("Ethiopia", "Ethiopian", "Ethiopians", "Addis Ababa"),
    "Eritrea": ("Eritrea", "Eritrean", "Eritreans", "Asmara"),
    "Somalia": ("Somalia", "Somali", "Somalis", "Mogadishu"),
    "Djibouti": ("Djibouti", "Djiboutian"),
    "Kenya": ("Kenya", "Kenyan", "Kenyans", "Nairobi"),
    "Uganda": ("Uganda", "Ugandan", "Ugandans", "Kampala"),
    "Tanzania": ("Tanzania", "Tanzanian", "Tanzanians", "Dodoma", "Dar es Salaam"),
    "Mali": ("Mali", "Malian", "Malians", "Bamako"),
    # "Niger" before "Nigeria" is no issue: a match must end at a word's end.
    "Niger": ("Niger", "Nigerien", "Nigeriens", "Niamey"),
    "Nigeria": ("Nigeria", "Nigerian", "Nigerians", "Abuja"),
    "Burkina Faso": ("Burkina Faso", "Burkina", "Burkinabe", "Burkinabè", "Ouagadougou"),
    "Chad": ("Chad", "Chadian", "Chadians", "N'Djamena", "N’Djamena"),
    "Cameroon": ("Cameroon", "Cameroonian", "Cameroonians", "Yaounde", "Yaoundé"),
    "Senegal": ("Senegal", "Senegalese", "Dakar"),
    "Mauritania": ("Mauritania", "Mauritanian", "Mauritanians", "Nouakchott"),
    "Benin": ("Benin", "Beninese", "Porto-Novo", "Cotonou"),
    "Togo": ("Togo", "Togolese", "Lome", "Lomé"),
    "Ghana": ("Ghana", "Ghanaian", "Ghanaians", "Accra"),
    "Ivory Coast": (
        "Ivory Coast", "Cote d'Ivoire", "Côte d'Ivoire", "Côte d’Ivoire", "Ivorian",
        "Ivorians", "Abidjan",
    ),
    # "Guinea" is also the end of three other countries' names: each is listed whole, and
    # the longer name wins where they overlap ("New Guinea", the island, is in `_GUARDS`).
    "Guinea": ("Guinea", "Guinean", "Guineans", "Conakry"),
    "Guinea-Bissau": ("Guinea-Bissau", "Bissau-Guinean", "Bissau"),
    "Equatorial Guinea": ("Equatorial Guinea", "Equatorial Guinean", "Malabo"),
    "Papua New Guinea": ("Papua New Guinea", "Papua New Guinean", "Port Moresby"),
    # "Congo" alone is DR Congo in news of conflicts (M23, the east); Congo-Brazzaville is
    # named as such or as the Republic of the Congo. "Congolese" likewise.
    "DR Congo": (
        "DR Congo", "D.R. Congo", "DRC", "Democratic Republic of the Congo",
        "Democratic Republic of Congo", "Congo", "Congolese", "Kinshasa",
    ),
    "Republic of the Congo": (
        "Republic of the Congo", "Republic of Congo", "Congo-Brazzaville", "Brazzaville",
    ),
    "Rwanda": ("Rwanda", "Rwandan", "Rwandans", "Kigali"),
    "Burundi": ("Burundi", "Burundian", "Burundians", "Bujumbura"),
    "Mozambique": ("Mozambique", "Mozambican", "Mozambicans", "Maputo"),
    "Central African Republic": ("Central African Republic", "Central African", "Bangui"),
    "Libya": ("Libya", "Libyan", "Libyans", "Tripoli"),  # "Tripoli, Lebanon": see `_GUARDS`
    "Algeria": ("Algeria", "Algerian", "Algerians", "Algiers"),
    "Morocco": ("Morocco", "Moroccan", "Moroccans", "Rabat"),
    "Tunisia": ("Tunisia", "Tunisian", "Tunisians", "Tunis"),
    # Caucasus, Central Asia
    "Armenia": ("Armenia", "Armenian", "Armenians", "Yerevan"),
    "Azerbaijan": ("Azerbaijan", "Azerbaijani", "Azerbaijanis", "Azeri", "Azeris", "Baku"),
    # Also a US state: `_GUARDS` drops "Savannah, Georgia" and "Georgia National Guard".
    "Georgia": ("Georgia", "Georgian", "Georgians", "Tbilisi"),
    "Kazakhstan": ("Kazakhstan", "Kazakh", "Kazakhs", "Astana"),
    "Kyrgyzstan": ("Kyrgyzstan", "Kyrgyz", "Bishkek"),
    "Tajikistan": ("Tajikistan", "Tajik", "Tajiks", "Dushanbe"),
    "Uzbekistan": ("Uzbekistan", "Uzbek", "Uzbeks", "Tashkent"),
    "Turkmenistan": ("Turkmenistan", "Turkmen", "Ashgabat"),
    # Europe
    "Moldova": ("Moldova", "Moldovan", "Moldovans", "Chisinau", "Chișinău"),
    "Romania": ("Romania", "Romanian", "Romanians", "Bucharest"),
    "Bulgaria": ("Bulgaria", "Bulgarian", "Bulgarians"),
    "Hungary": ("Hungary", "Hungarian", "Hungarians", "Budapest"),
    "Slovakia": ("Slovakia", "Slovak", "Slovaks", "Bratislava"),
    "Czech Republic": ("Czech Republic", "Czechia", "Czech", "Czechs", "Prague"),
    "Austria": ("Austria", "Austrian", "Austrians", "Vienna"),
    "Switzerland": ("Switzerland", "Swiss"),
    "Serbia": ("Serbia", "Serbian", "Serbians", "Belgrade"),
    "Kosovo": ("Kosovo", "Kosovar", "Kosovars", "Kosovan", "Pristina"),
    "Bosnia and Herzegovina": (
        "Bosnia and Herzegovina", "Bosnia-Herzegovina", "Bosnia", "Bosnian", "Bosnians",
        "Sarajevo",
    ),
    "Croatia": ("Croatia", "Croatian", "Croatians", "Croats", "Zagreb"),
    "Slovenia": ("Slovenia", "Slovenian", "Slovene", "Ljubljana"),
    "Montenegro": ("Montenegro", "Montenegrin", "Podgorica"),
    "Albania": ("Albania", "Albanian", "Albanians", "Tirana"),
    "North Macedonia": ("North Macedonia", "Skopje"),
    "Greece": ("Greece", "Greek", "Greeks", "Athens"),
    "Estonia": ("Estonia", "Estonian", "Estonians", "Tallinn"),
    "Latvia": ("Latvia", "Latvian", "Latvians", "Riga"),
    "Lithuania": ("Lithuania", "Lithuanian", "Lithuanians", "Vilnius"),
    "Finland": ("Finland", "Finnish", "Finns", "Helsinki"),
    "Sweden": ("Sweden", "Swedish", "Swedes", "Stockholm"),
    "Norway": ("Norway", "Norwegian", "Norwegians", "Oslo"),
    "Denmark": ("Denmark", "Danish", "Danes", "Copenhagen"),
    "Netherlands": ("Netherlands", "Dutch", "Amsterdam"),
    # Not "Brussels": as a place and as an actor it is NATO or the EU far more often.
    "Belgium": ("Belgium", "Belgian", "Belgians"),
    "Luxembourg": ("Luxembourg", "Luxembourgish", "Luxembourger", "Luxembourgers"),
    "Italy": ("Italy", "Italian", "Italians", "Rome"),
    "Spain": ("Spain", "Spanish", "Spaniards", "Madrid"),
    "Portugal": ("Portugal", "Portuguese", "Lisbon"),
    "Ireland": ("Ireland", "Irish", "Dublin"),
    # Americas, Asia-Pacific
    "Canada": ("Canada", "Canadian", "Canadians", "Ottawa"),
    "Mexico": ("Mexico", "Mexican", "Mexicans", "Mexico City"),
    "Cuba": ("Cuba", "Cuban", "Cubans", "Havana"),
    "Haiti": ("Haiti", "Haitian", "Haitians", "Port-au-Prince"),
    "Venezuela": ("Venezuela", "Venezuelan", "Venezuelans", "Caracas"),
    "Colombia": ("Colombia", "Colombian", "Colombians", "Bogota", "Bogotá"),
    "Ecuador": ("Ecuador", "Ecuadorian", "Ecuadorians", "Quito"),
    "Peru": ("Peru", "Peruvian", "Peruvians", "Lima"),
    "Brazil": ("Brazil", "Brazilian", "Brazilians", "Brasilia", "Brasília"),
    "Argentina": ("Argentina", "Argentine", "Argentinian", "Argentinians", "Buenos Aires"),
    "Nicaragua": ("Nicaragua", "Nicaraguan", "Nicaraguans", "Managua"),
    "El Salvador": ("El Salvador", "Salvadoran", "Salvadorans", "San Salvador"),
    "Honduras": ("Honduras", "Honduran", "Hondurans", "Tegucigalpa"),
    "Guatemala": ("Guatemala", "Guatemalan", "Guatemalans", "Guatemala City"),
    "Panama": ("Panama", "Panamanian", "Panamanians"),
    "Australia": ("Australia", "Australian", "Australians", "Canberra"),
    "New Zealand": ("New Zealand", "New Zealander", "New Zealanders"),
    "Philippines": ("Philippines", "Philippine", "Filipino", "Filipinos", "Manila"),
    "Vietnam": ("Vietnam", "Viet Nam", "Vietnamese", "Hanoi"),
    "Myanmar": ("Myanmar", "Burma", "Burmese", "Naypyidaw", "Naypyitaw", "Tatmadaw"),
    "Thailand": ("Thailand", "Thai", "Thais", "Bangkok"),
    "Cambodia": ("Cambodia", "Cambodian", "Cambodians", "Phnom Penh"),
    "Laos": ("Laos", "Laotian", "Laotians", "Vientiane"),
    "Malaysia": ("Malaysia", "Malaysian", "Malaysians", "Kuala Lumpur"),
    "Singapore": ("Singapore", "Singaporean", "Singaporeans"),
    "Indonesia": ("Indonesia", "Indonesian", "Indonesians", "Jakarta"),
    "Bangladesh": ("Bangladesh", "Bangladeshi", "Bangladeshis", "Dhaka"),
    "Sri Lanka": ("Sri Lanka", "Sri Lankan", "Sri Lankans", "Colombo"),
    "Nepal": ("Nepal", "Nepali", "Nepalese", "Kathmandu"),
    "Mongolia": ("Mongolia", "Mongolian", "Mongolians", "Ulaanbaatar"),
}

#: Places below the country level that news names on their own ("the Kursk region").
#: A place held by another power or by a breakaway government goes to the country whose
#: territory it is under international law (Abkhazia -> Georgia, Transnistria -> Moldova,
#: Somaliland -> Somalia, Crimea and the occupied Ukrainian cities -> Ukraine). Left out:
#: places two countries claim and news names without a side (Kashmir alone, the Golan
#: Heights, Western Sahara, East Jerusalem) and places shared by several (the Sahel, Lake
#: Chad, Kurdistan): "Indian-administered Kashmir" still resolves through its demonym.
_REGIONS: dict[str, tuple[str, ...]] = {
    "Russia": (
        "Kursk", "Belgorod", "Bryansk", "Rostov", "Vladivostok", "Ussuriysk", "Khabarovsk",
        "Novosibirsk", "Primorsky", "Sudzha", "Russian Far East", "Far East", "Siberia",
        "Voronezh", "Krasnodar", "Kaliningrad", "St. Petersburg", "St Petersburg",
        "Saint Petersburg", "Novorossiysk", "Taganrog", "Lipetsk", "Smolensk", "Murmansk",
        "Pskov", "Chechnya", "Dagestan", "Tatarstan",
    ),
    "Ukraine": (
        "Donetsk", "Luhansk", "Zaporizhzhia", "Kharkiv", "Kherson", "Donbas", "Pokrovsk",
        "Bakhmut", "Odesa", "Dnipro", "Odessa", "Lugansk", "Kharkov", "Zaporizhia",
        "Avdiivka", "Kramatorsk", "Sloviansk", "Kostiantynivka", "Chasiv Yar", "Toretsk",
        "Vuhledar", "Kupiansk", "Lyman", "Siversk", "Myrnohrad", "Kurakhove", "Huliaipole",
        "Orikhiv", "Mariupol", "Melitopol", "Vovchansk", "Izium", "Sumy", "Chernihiv",
        "Mykolaiv", "Lviv", "Dnipropetrovsk", "Crimea", "Sevastopol",
    ),
    "United States": ("Guam", "Hawaii", "Alaska", "New Mexico"),  # "New Mexico", not Mexico
    "Japan": ("Okinawa",),
    "China": ("Xinjiang", "Tibet", "Hong Kong", "Inner Mongolia"),
    "United Kingdom": ("Northern Ireland", "Belfast"),
    "Germany": ("Ramstein",),
    "Poland": ("Rzeszow", "Rzeszów"),
    "Israel": ("Tel Aviv", "Haifa", "Eilat", "Negev"),
    "Palestine": (
        "Gaza", "Gaza Strip", "Gaza City", "West Bank", "Rafah", "Khan Younis", "Khan Yunis",
        "Jabalia", "Deir al-Balah", "Jenin", "Nablus", "Hebron", "Tulkarm",
    ),
    "Syria": (
        "Idlib", "Aleppo", "Homs", "Hama", "Latakia", "Raqqa", "Deir ez-Zor", "Deir el-Zour",
        "Daraa",
    ),
    "Iraq": (
        "Mosul", "Erbil", "Basra", "Kirkuk", "Anbar", "Fallujah", "Ramadi", "Tikrit",
        "Ain al-Asad",
    ),
    "Iran": ("Isfahan", "Natanz", "Fordow", "Bushehr"),
    "Lebanon": ("Bekaa", "Sidon", "Nabatieh"),
    "Yemen": ("Aden", "Hodeidah", "Marib"),
    "Saudi Arabia": ("Jeddah",),
    "Egypt": ("Sinai", "North Sinai"),
    "Qatar": ("Al Udeid",),
    "United Arab Emirates": ("Dubai",),
    "Afghanistan": ("Kandahar", "Helmand", "Bagram", "Herat", "Kunduz"),
    "Pakistan": (
        "Balochistan", "Khyber Pakhtunkhwa", "Waziristan", "North Waziristan",
        "South Waziristan", "Azad Kashmir", "Azad Jammu and Kashmir", "Gilgit-Baltistan",
    ),
    "India": ("Jammu and Kashmir", "Srinagar", "Ladakh", "Manipur"),
    "Sudan": (
        "Darfur", "North Darfur", "South Darfur", "West Darfur", "Central Darfur",
        "East Darfur", "El Fasher", "El-Fasher", "Fashir", "Kordofan", "North Kordofan",
        "South Kordofan", "West Kordofan", "Omdurman", "Port Sudan",
    ),
    "Ethiopia": ("Tigray", "Amhara", "Oromia", "Mekelle"),
    "Somalia": ("Somaliland", "Puntland", "Jubaland", "Kismayo"),
    "Mali": ("Timbuktu", "Kidal", "Mopti"),
    "Niger": ("Tillaberi", "Tillabéri", "Agadez"),
    "Nigeria": (
        "Borno", "Maiduguri", "Yobe", "Zamfara", "Kaduna", "Lagos", "Niger Delta",
        "Niger State", "Benin City",
    ),
    "DR Congo": ("North Kivu", "South Kivu", "Kivu", "Goma", "Bukavu", "Ituri"),
    "Mozambique": ("Cabo Delgado",),
    "Libya": ("Benghazi", "Misrata", "Sirte"),
    "Armenia": ("Syunik",),
    "Azerbaijan": ("Nagorno-Karabakh", "Karabakh", "Stepanakert", "Khankendi", "Nakhchivan"),
    "Georgia": ("Abkhazia", "South Ossetia"),
    "Moldova": ("Transnistria",),
    "Kosovo": ("Mitrovica",),
    "Bosnia and Herzegovina": ("Republika Srpska",),
    "Estonia": ("Narva",),
    "Denmark": ("Greenland",),  # within the Kingdom of Denmark
    "Netherlands": ("Hague",),  # found in "The Hague"; a place, where the courts sit
    "Cuba": ("Guantanamo", "Guantánamo"),  # the US base stands on Cuban soil
    "Philippines": ("Mindanao", "Marawi"),
    "Myanmar": ("Rakhine", "Yangon", "Mandalay", "Sagaing", "Shan State", "Kachin State"),
    "Indonesia": ("Papua", "West Papua", "Aceh"),
    "Mexico": ("Sinaloa", "Culiacan", "Culiacán", "Tamaulipas", "Michoacan", "Michoacán"),
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
     "korean people's army", "people's liberation army", "pla",
     "islamic revolutionary guard corps", "irgc", "israel defense forces", "idf",
     "downing street", "tatmadaw"}
)

#: What follows (or, in a look-behind, ends with) a name where it is not the country: a
#: pattern appended to the name's own. A first name stands before a surname ("Kim Yong-hyun",
#: "Chad Smith", "Jordan Bardella"); a US town before its state ("Savannah, Georgia").
#: What they cost: Georgia in a list ("Armenia, Georgia, Azerbaijan") and a name before a
#: capital in a title-case headline ("Chad Expels French Troops") are not found, and a
#: first name after another ("Michael Jordan") is still taken for the country.
_GUARDS: dict[str, str] = {
    # Bare "Kim" is the leader; "Kim Yong-hyun" (a South Korean minister) is not.
    "Kim": r"(?!\s+[A-Z]|-)",
    # A first name, and the river and its valley (the valley lies mostly in the West Bank).
    "Jordan": r"(?!\s+(?:[A-Z]|[Rr]iver\b|[Vv]alley\b))",
    # A first name; Lake Chad is shared by four countries.
    "Chad": r"(?<!Lake\sChad)(?!\s+[A-Z])",
    # The US state: "Savannah, Georgia", "the state of Georgia", "Georgia National Guard".
    "Georgia": r"(?<!,\sGeorgia)(?<!state\sof\sGeorgia)(?!\s+[A-Z])",
    # The island of New Guinea is Indonesia's and Papua New Guinea's.
    "Guinea": r"(?<!New\sGuinea)",
    "Congo": r"(?!\s+[Rr]iver\b)",
    "Niger": r"(?!\s+[Rr]iver\b)",
    "Turks": r"(?!\s+and\s+Caicos)",
    "Tripoli": r"(?!,?\s+Lebanon)",  # Lebanon's second city
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


def _trie(names: list[str], skip: int = 1) -> str:
    """The names (all with the same first letter) as one regex for what follows that letter
    (for what follows their first `skip` characters).

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
        for token in _tokens(name)[skip:]:
            node = node.setdefault(token, {})
        node[""] = {"guard": _GUARDS.get(name, "")}  # the name ends here

    def alternation(node: dict[str, dict]) -> str:
        parts = [token + alternation(child) for token, child in node.items() if token]
        if "" in node:
            parts.append(node[""]["guard"])
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return alternation(root)


def _place_re(names: list[str]) -> re.Pattern[str]:
    """Any gazetteer spelling, longest first, case-sensitive on purpose ("US", not "us").

    The spellings are grouped by their first letter, and each group's branch starts with
    that letter, then tests the `(?<![\\w.])` boundary: a pattern that begins with a set
    of literals lets `re` skip, in C, every character that cannot start a name, where one
    that begins with a look-behind runs all the names at every character (~100 ns a
    character). Within a group the names form a trie (`_trie`).
    """
    groups: dict[str, list[str]] = {}
    for name in names:  # every one starts with a letter
        groups.setdefault(name[0], []).append(name)
    branches = [rf"{first}(?<![\w.]{first}){_trie(group)}" for first, group in groups.items()]
    return re.compile(r"(?P<name>" + "|".join(branches) + r")(?!\w)(?P<poss>[’']s)?")


PLACE_RE = _place_re(_spellings())
#: PLACE_RE without the names written "the ..." (in lower case, the only ones that do not
#: start with a capital), and PLACE_RE's branch for those alone, from its literal "the":
#: where that finds nothing, PLACE_RE finds what _CAPITALS_RE finds. In PLACE_RE each "t"
#: starts a match attempt (~8 in a sentence); the search skips in C from one "the" to the
#: next: with it, ~10k instructions an article less (~9 % of the searches for places).
_CAPITALS_RE = _place_re([name for name in _spellings() if not name.startswith("the ")])
_THE_RE = re.compile(
    r"the(?<![\w.]the)" + _trie([name for name in _spellings() if name.startswith("the ")], 3)
    + r"(?!\w)"
)


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
_find_capitals = _CAPITALS_RE.finditer
_search_the = _THE_RE.search


def places(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """The gazetteer names in text[lo:hi], in text order (`PLACE_RE.finditer(text, lo, hi)`)."""
    if _search_the(text, lo, hi) is None:
        return list(_find_capitals(text, lo, hi))
    return list(_find_places(text, lo, hi))
