"""The country lexicon: news forms → ISO alpha-3, display names, ambiguity and demonym flags."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pycountry
import pytest
from pycountry.db import Country

from reader.analysis import country_names, country_table
from reader.analysis.country_names import AMBIGUOUS_FORMS, display_name, is_demonym, lookup

MODULE = Path(country_names.__file__)

# Forms as they occur in English news copy, with the country a reader means.
NEWS_FORMS = [
    ("U.S.", "USA"),
    ("US", "USA"),
    ("USA", "USA"),
    ("U.S.A.", "USA"),
    ("United States", "USA"),
    ("United States of America", "USA"),
    ("America", "USA"),
    ("American", "USA"),
    ("Americans", "USA"),
    ("Britain", "GBR"),
    ("Great Britain", "GBR"),
    ("British", "GBR"),
    ("Briton", "GBR"),
    ("Britons", "GBR"),
    ("UK", "GBR"),
    ("U.K.", "GBR"),
    ("United Kingdom", "GBR"),
    ("Northern Ireland", "GBR"),
    ("Ireland", "IRL"),
    ("Irish", "IRL"),
    ("Ivory Coast", "CIV"),
    ("Côte d'Ivoire", "CIV"),
    ("Ivorian", "CIV"),
    ("Netherlands", "NLD"),
    ("Dutch", "NLD"),
    ("Holland", "NLD"),
    ("Türkiye", "TUR"),
    ("Turkiye", "TUR"),
    ("Turkey", "TUR"),
    ("Turkish", "TUR"),
    ("Turk", "TUR"),
    ("Turks", "TUR"),
    ("Republic of Türkiye", "TUR"),
    ("Syria", "SYR"),
    ("Syrian", "SYR"),
    ("Syrians", "SYR"),
    ("Syrian Arab Republic", "SYR"),
    ("Russia", "RUS"),
    ("Russian", "RUS"),
    ("Russians", "RUS"),
    ("Russian Federation", "RUS"),
    ("Iran", "IRN"),
    ("Iranian", "IRN"),
    ("Iranians", "IRN"),
    ("Islamic Republic of Iran", "IRN"),
    ("Saudi Arabia", "SAU"),
    ("Saudi", "SAU"),
    ("Saudis", "SAU"),
    ("United Arab Emirates", "ARE"),
    ("UAE", "ARE"),
    ("Emirati", "ARE"),
    ("Palestine", "PSE"),
    ("State of Palestine", "PSE"),
    ("Palestinian", "PSE"),
    ("Palestinians", "PSE"),
    ("Zimbabwe", "ZWE"),
    ("Zimbabwean", "ZWE"),
    ("Zimbabweans", "ZWE"),
    ("Brazil", "BRA"),
    ("Brazilian", "BRA"),
    ("Greece", "GRC"),
    ("Greek", "GRC"),
    ("Greeks", "GRC"),
    ("Cyprus", "CYP"),
    ("Cypriot", "CYP"),
    ("Israel", "ISR"),
    ("Israeli", "ISR"),
    ("Israelis", "ISR"),
    ("Egypt", "EGY"),
    ("Egyptian", "EGY"),
    ("Iraq", "IRQ"),
    ("Iraqi", "IRQ"),
    ("Iraqis", "IRQ"),
    ("Germany", "DEU"),
    ("German", "DEU"),
    ("Germans", "DEU"),
    ("France", "FRA"),
    ("French", "FRA"),
    ("China", "CHN"),
    ("Chinese", "CHN"),
    ("People's Republic of China", "CHN"),
    ("Taiwan", "TWN"),
    ("Taiwanese", "TWN"),
    ("South Korea", "KOR"),
    ("Republic of Korea", "KOR"),
    ("South Korean", "KOR"),
    ("North Korea", "PRK"),
    ("North Korean", "PRK"),
    ("North Koreans", "PRK"),
    ("Democratic Republic of the Congo", "COD"),
    ("Democratic Republic of Congo", "COD"),
    ("DR Congo", "COD"),
    ("DRC", "COD"),
    ("Republic of the Congo", "COG"),
    ("Republic of Congo", "COG"),
    ("Czech Republic", "CZE"),
    ("Czechia", "CZE"),
    ("Czechs", "CZE"),
    ("Vietnam", "VNM"),
    ("Viet Nam", "VNM"),
    ("Vietnamese", "VNM"),
    ("Laos", "LAO"),
    ("Burma", "MMR"),
    ("Myanmar", "MMR"),
    ("Burmese", "MMR"),
    ("Bolivia", "BOL"),
    ("Venezuela", "VEN"),
    ("Venezuelans", "VEN"),
    ("Tanzania", "TZA"),
    ("Moldova", "MDA"),
    ("Ukraine", "UKR"),
    ("Ukrainians", "UKR"),
    ("Afghan", "AFG"),
    ("Afghans", "AFG"),
    ("Pakistani", "PAK"),
    ("Indian", "IND"),
    ("Philippines", "PHL"),
    ("Philippine", "PHL"),
    ("Filipinos", "PHL"),
    ("Poland", "POL"),
    ("Poles", "POL"),
    ("Swedes", "SWE"),
    ("Spaniards", "ESP"),
    ("Swiss", "CHE"),
    ("Argentine", "ARG"),
    ("Kyrgyz", "KGZ"),
    ("Uzbek", "UZB"),
    ("Bosnia", "BIH"),
    ("Bosnia and Herzegovina", "BIH"),
    ("Bosnia-Herzegovina", "BIH"),
    ("Serbs", "SRB"),
    ("North Macedonia", "MKD"),
    ("Eswatini", "SWZ"),
    ("Swaziland", "SWZ"),
    ("East Timor", "TLS"),
    ("Timor-Leste", "TLS"),
    ("Cape Verde", "CPV"),
    ("Cabo Verde", "CPV"),
    ("Guinea-Bissau", "GNB"),
    ("Papua New Guinea", "PNG"),
    ("St. Lucia", "LCA"),
    ("St Kitts and Nevis", "KNA"),
    ("Trinidad & Tobago", "TTO"),
    ("Turks and Caicos", "TCA"),
    ("Dominican Republic", "DOM"),
    ("Dominica", "DMA"),
    ("Vatican", "VAT"),
    ("Holy See", "VAT"),
    ("Hong Kong", "HKG"),
    ("Jordan", "JOR"),
    ("Chad", "TCD"),
    ("Georgia", "GEO"),
    ("Niger", "NER"),
    ("Guinea", "GIN"),
]

NOT_COUNTRIES = [
    "Kurdish",  # Kurds have no country
    "Kurds",
    "Kurdistan",
    "European",
    "Europe",
    "Arab",
    "Soviet",
    "Soviet Union",
    "Yugoslavia",
    "Korea",  # North or South: only the full name decides
    "Korean",
    "Congo",  # Kinshasa or Brazzaville
    "Congolese",
    "Macedonia",
    "Wales",
    "Welsh",
    "Scotland",
    "Scottish",
    "English",
    "Gaza",
    "West Bank",
    "Paris",
    "Aleppo",
    "Alanya",
    "Moscow",
    "Washington",
    "Island",
    "Mann",
    "Nippon",
    "Credit Suisse",
    "Dominique",
    "Lao",
    "Chineses",
    "Frenchs",
    "us",
    "Us",
    "uk",
    "usa",
    "IT",
    "IN",
    "TO",
    "ME",
    "AND",
    "CAN",
    "PER",
    "GB",
    "",
    "   ",
    "the",
]


@pytest.mark.parametrize(("form", "code"), NEWS_FORMS)
def test_news_forms_name_their_country(form: str, code: str) -> None:
    assert lookup(form) == code


@pytest.mark.parametrize("form", NOT_COUNTRIES)
def test_words_that_are_not_a_country_name_none(form: str) -> None:
    assert lookup(form) is None


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("the Netherlands", "NLD"),
        ("The Netherlands", "NLD"),
        ("the United States", "USA"),
        ("the U.S.", "USA"),
        ("the UK", "GBR"),
        ("the Gambia", "GMB"),
        ("Gambia", "GMB"),
        ("the Dutch", "NLD"),
        ("the Vatican", "VAT"),
    ],
)
def test_a_leading_article_is_ignored(form: str, code: str) -> None:
    assert lookup(form) == code


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("Turkey's", "TUR"),
        ("Turkey’s", "TUR"),
        ("America's", "USA"),
        ("U.S.'s", "USA"),
        ("the UK's", "GBR"),
        ("Syrians'", "SYR"),
        ("Côte d’Ivoire", "CIV"),
        ("Côte d’Ivoire’s", "CIV"),
        ("Cote d'Ivoire", "CIV"),
    ],
)
def test_possessives_and_curly_apostrophes_are_ignored(form: str, code: str) -> None:
    assert lookup(form) == code


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("Türkiye", "TUR"),
        ("TÜRKIYE", "TUR"),
        ("Réunion", "REU"),
        ("Reunion", "REU"),
        ("São Tomé and Príncipe", "STP"),
        ("Sao Tome and Principe", "STP"),
        ("Curaçao", "CUW"),
        ("Åland Islands", "ALA"),
    ],
)
def test_diacritics_fold(form: str, code: str) -> None:
    assert lookup(form) == code


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("U.S.", "USA"),  # the abbreviation's own dot ending a sentence
        ("U.S", "USA"),  # a tokenizer that split the final dot off
        ("U.K.", "GBR"),
        ("U.A.E.", "ARE"),
        ("France.", "FRA"),
        ("Syrians.", "SYR"),
    ],
)
def test_trailing_periods_are_tolerated(form: str, code: str) -> None:
    assert lookup(form) == code


@pytest.mark.parametrize(
    ("form", "code"),
    [("FRANCE", "FRA"), ("france", "FRA"), ("SYRIAN", "SYR"), ("south korea", "KOR")],
)
def test_names_of_several_letters_ignore_case(form: str, code: str) -> None:
    assert lookup(form) == code


@pytest.mark.parametrize("form", ["us", "Us", "u.s.", "uk", "Uk", "uae", "Drc"])
def test_abbreviations_match_only_in_capitals(form: str) -> None:
    assert lookup(form) is None


def test_no_iso_code_is_read_as_a_word() -> None:
    """The codes include words of English text: "IT", "IN", "TO", "ME", "AND"."""
    allowed = {"US", "USA"}  # explicit entries, written in capitals in news
    hits = {}
    for country in pycountry.countries:
        for code in (country.alpha_2, country.alpha_3):
            for form in (code, code.lower(), code.title()):
                if form not in allowed and lookup(form) is not None:
                    hits[form] = lookup(form)
    assert hits == {}


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("TUR", "Turkey"),
        ("RUS", "Russia"),
        ("SYR", "Syria"),
        ("IRN", "Iran"),
        ("USA", "United States"),
        ("GBR", "United Kingdom"),
        ("KOR", "South Korea"),
        ("PRK", "North Korea"),
        ("VNM", "Vietnam"),
        ("BOL", "Bolivia"),
        ("VEN", "Venezuela"),
        ("TZA", "Tanzania"),
        ("MDA", "Moldova"),
        ("LAO", "Laos"),
        ("PSE", "Palestine"),
        ("TWN", "Taiwan"),
        ("COD", "Democratic Republic of the Congo"),
        ("COG", "Republic of the Congo"),
        ("BRN", "Brunei"),
        ("CIV", "Ivory Coast"),
        ("VAT", "Vatican City"),
        ("FSM", "Micronesia"),
        ("ZWE", "Zimbabwe"),
        ("DEU", "Germany"),
        ("NLD", "Netherlands"),
        ("tur", "Turkey"),
    ],
)
def test_display_names_are_the_short_names_readers_expect(code: str, name: str) -> None:
    assert display_name(code) == name


@pytest.mark.parametrize(
    ("dataset_name", "shown"),
    [
        ("Ruritania, The Grand Duchy of", "Grand Duchy of Ruritania"),
        ("Isles, Federated Republic of the", "Federated Republic of the Isles"),
        ("Ruritania", "Ruritania"),
        ("Ruritania (Northern part)", "Ruritania (Northern part)"),
    ],
)
def test_a_name_the_dataset_inverts_around_a_comma_is_shown_in_prose_order(
    dataset_name: str, shown: str
) -> None:
    assert country_table._as_written(dataset_name) == shown


def test_czech_display_name_is_either_accepted_form() -> None:
    assert display_name("CZE") in {"Czechia", "Czech Republic"}


def test_an_unknown_code_displays_as_itself() -> None:
    assert display_name("XKX") == "XKX"


@pytest.mark.parametrize("country", list(pycountry.countries), ids=lambda c: c.alpha_3)
def test_every_display_name_is_plain_and_names_its_country(country: Country) -> None:
    code = country.alpha_3
    name = display_name(code)
    assert not re.search(r", (?:the )?[\w' ]*\bof(?: the)?$", name, re.IGNORECASE), name
    assert "(" not in name or code == "CCK"  # "Cocos (Keeling) Islands" is the name itself
    assert lookup(name) == code


@pytest.mark.parametrize(
    "form", ["chad", "jordan", "georgia", "niger", "guinea", "turkey", "jersey", "polish"]
)
def test_word_like_country_names_are_flagged_ambiguous(form: str) -> None:
    assert form in AMBIGUOUS_FORMS


def test_ambiguous_forms_are_lower_case_country_forms() -> None:
    assert isinstance(AMBIGUOUS_FORMS, frozenset)
    for form in AMBIGUOUS_FORMS:
        assert form == form.lower()
        assert lookup(form) is not None, form


@pytest.mark.parametrize("form", ["Syria", "Russia", "Germany", "United States", "Israel"])
def test_plain_country_names_are_not_flagged_ambiguous(form: str) -> None:
    assert form.lower() not in AMBIGUOUS_FORMS


@pytest.mark.parametrize(
    "form",
    [
        "Turkish",
        "Turks",
        "Turk",
        "Syrian",
        "Syrians",
        "American",
        "Americans",
        "British",
        "Britons",
        "Dutch",
        "Emirati",
        "Saudi",
        "Palestinian",
        "Israelis",
        "Iraqis",
        "Germans",
        "Chinese",
        "Swiss",
        "the French",
        "Russians'",
        "Ivorian",
    ],
)
def test_demonyms_are_recognised(form: str) -> None:
    assert is_demonym(form)


@pytest.mark.parametrize(
    "form",
    ["Turkey", "Türkiye", "Syria", "United States", "US", "Britain", "Djibouti", "Kurdish", ""],
)
def test_country_names_and_other_words_are_not_demonyms(form: str) -> None:
    assert not is_demonym(form)


def test_the_table_is_read_once() -> None:
    assert country_names._lexicon() is country_names._lexicon()


def test_the_shipped_table_is_what_the_datasets_give() -> None:
    """country_table.json is built ahead from pycountry and countryinfo with the
    corrections in country_table.py; a correction or an upgrade not built again fails."""
    shipped = json.loads(country_names.TABLE.read_text(encoding="utf-8"))
    del shipped["about"]
    assert shipped == country_table.build(), (
        "country_table.json is out of date: run `python -m reader.analysis.country_table`"
    )


def test_the_reader_never_loads_the_datasets_and_reads_the_table_on_first_use() -> None:
    """Imported by the app at start-up: the table is read on the first lookup, and
    pycountry and countryinfo, used only to build it, are never imported."""
    script = textwrap.dedent(
        f"""
        import importlib.util, sys
        spec = importlib.util.spec_from_file_location("country_names", {str(MODULE)!r})
        module = importlib.util.module_from_spec(spec)
        sys.modules["country_names"] = module
        spec.loader.exec_module(module)
        assert module._lexicon.cache_info().currsize == 0
        assert module.lookup("Syrians") == "SYR"
        assert module.display_name("rus") == "Russia"
        assert module.states_named("Georgia") == {{"USA"}}
        assert "pycountry" not in sys.modules and "countryinfo" not in sys.modules
        heavy = {{"spacy", "textual", "rich"}} & {{name.split(".")[0] for name in sys.modules}}
        assert not heavy, heavy
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True)
