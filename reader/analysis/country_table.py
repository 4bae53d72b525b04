"""Builds country_table.json, the country lexicon the analysis reads (see country_names.py),
from pycountry (ISO 3166 names and codes, its subdivisions) and countryinfo (demonyms and
alternative spellings), with the corrections below: each entry is what those two get wrong
or lack, with its reason.

The table is built ahead, not as the reader runs: reading the datasets took a fifth of a
second of every analysis process's first article. Both are development dependencies;
tests/test_country_names.py checks the shipped table is what this builds. After changing
a correction here, or upgrading either dataset:

    .venv/bin/python -m reader.analysis.country_table
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from importlib.metadata import version
from typing import Any

import pycountry
from countryinfo import all_countries

from .country_names import AMBIGUOUS_FORMS, TABLE, _key

# Country names that neither dataset has in the form news uses.
_NAMES: dict[str, str] = {
    "America": "USA",  # the usual short name in news; neither dataset lists it
    "Britain": "GBR",  # countryinfo has only "Great Britain"
    # countryinfo keeps "Burma" in a record without an ISO numeric code, together with Wales,
    # Scotland and Yugoslavia, so the whole group is skipped and this name is restored here.
    "Burma": "MMR",
    # A region, listed only because the longest-match search would otherwise fall back to
    # "Ireland" (IRL) inside it, and Northern Ireland is in the United Kingdom.
    "Northern Ireland": "GBR",
    "Vatican": "VAT",  # "the Vatican"; pycountry says "Holy See (Vatican City State)"
    "Vatican City": "VAT",  # the display name, which neither dataset has in this form
    "Bosnia": "BIH",  # the usual short name in news; the datasets have only the full name
    # The usual short name; without it the longest-match search would find "Turks" (TUR).
    "Turks and Caicos": "TCA",
    "Micronesia": "FSM",  # the short name news uses, and the display name
}

# Demonyms and nationality nouns that countryinfo lacks (it has one demonym per country) or
# spells in a form news does not use. Regular plurals are generated, so only singulars here.
_DEMONYMS: dict[str, str] = {
    "Saudi": "SAU",  # countryinfo has only "Saudi Arabian"; news writes "Saudi officials"
    "Turk": "TUR",  # the people of "Turkish": "Turks"
    "Briton": "GBR",  # the people of "British": "Britons"
    "Brit": "GBR",  # informal, frequent in British papers: "two Brits"
    "Pole": "POL",  # the people of "Polish"
    "Swede": "SWE",  # the people of "Swedish"
    "Dane": "DNK",  # the people of "Danish"
    "Finn": "FIN",  # the people of "Finnish"
    "Spaniard": "ESP",  # the people of "Spanish"
    "Serb": "SRB",  # the people of "Serbian"
    "Croat": "HRV",  # the people of "Croatian"
    "Argentine": "ARG",  # countryinfo has only "Argentinean"; AP and Reuters write "Argentine"
    "Argentinian": "ARG",  # British spelling of the same
    "Philippine": "PHL",  # the adjective ("Philippine army"); countryinfo has "Filipino" only
    "Kyrgyz": "KGZ",  # countryinfo's "Kirghiz" is the Soviet-era spelling
    "Tajik": "TJK",  # countryinfo's "Tadzhik" is the Soviet-era spelling
    "Uzbek": "UZB",  # countryinfo has only the rarer "Uzbekistani"
    "Kazakh": "KAZ",  # countryinfo has only the rarer "Kazakhstani"
    "Cape Verdean": "CPV",  # countryinfo misspells it "Cape Verdian"
    "Maldivian": "MDV",  # countryinfo misspells it "Maldivan"
    "Slovenian": "SVN",  # countryinfo has only "Slovene"
    # countryinfo gives "Dominican" to both Dominica and the Dominican Republic; in news it
    # almost always means the latter.
    "Dominican": "DOM",
}

# Forms the datasets supply that must never match (compared after folding, see _key).
_EXCLUDED: frozenset[str] = frozenset(
    {
        # Two countries share these; like "Korea", only the full names decide.
        "congo",
        "congolese",
        "island",  # countryinfo: Iceland's native name, and an everyday English word
        "mann",  # countryinfo: Isle of Man's native name, and a surname (Thomas Mann)
        "viti",  # countryinfo: Fiji's native name, and an Italian surname
        "prathet",  # countryinfo: Thai for "country", listed as a name of Thailand
        "guiana",  # countryinfo: French Guiana, but the region spans Guyana and Suriname too
        # countryinfo: Japan's native names, met in English text in company names
        # ("Nippon Steel") far more than for the country.
        "nippon",
        "nihon",
        "abode of peace",  # countryinfo: a fragment of Brunei's full name cut at its comma
        "channel islander",  # countryinfo: shared by Jersey and Guernsey
        "dominique",  # countryinfo: Dominica's French name, and a common given name
        "suisse",  # countryinfo: in English text nearly always "Credit Suisse"
        "bermudas",  # countryinfo: "The Bermudas", but in English text the shorts
    }
)

# Overrides where pycountry's name (and common_name) is not the short name a reader expects.
_DISPLAY: dict[str, str] = {
    "TUR": "Turkey",  # pycountry follows the 2022 rename "Türkiye"; English readers say Turkey
    "RUS": "Russia",  # pycountry has only "Russian Federation"
    "PSE": "Palestine",  # pycountry: "Palestine, State of"
    "COG": "Republic of the Congo",  # pycountry's bare "Congo" reads as either Congo
    "BRN": "Brunei",  # pycountry: "Brunei Darussalam"
    "CIV": "Ivory Coast",  # what AP, Reuters and the BBC call it
    "VAT": "Vatican City",  # pycountry: "Holy See (Vatican City State)"
    "FLK": "Falkland Islands",  # pycountry adds "(Malvinas)"
    "FSM": "Micronesia",  # pycountry inverts it around a comma
    "VGB": "British Virgin Islands",  # pycountry: "Virgin Islands, British"
    "VIR": "U.S. Virgin Islands",  # pycountry: "Virgin Islands, U.S."
    "MAF": "Saint Martin",  # pycountry adds "(French part)"
    "SXM": "Sint Maarten",  # pycountry adds "(Dutch part)"
}

# Keys this short are where the datasets keep their codes ("IT", "IN", "TO", "AND", "CAN") and
# code-like names ("Lao"); no country or demonym worth matching is that short.
MIN_KEY = 4

# pycountry's inverted names: "Korea, Republic of" → "Republic of Korea".
_INVERTED = re.compile(r"^(?P<head>[^,]+), (?P<tail>.+\bof(?: the)?)$", re.IGNORECASE)
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
# Demonyms whose plural is the same word (or, for "-ic", no noun): "the French", "the Dutch",
# "the Chinese", "the Swiss", "Malagasy", "Greenlandic".
_UNCHANGED_PLURAL = ("sh", "nch", "tch", "s", "se", "x", "z", "y", "ic")


def _display_names() -> dict[str, str]:
    """Alpha-3 → the short name a reader expects (see _DISPLAY)."""
    return {
        country.alpha_3: _DISPLAY.get(country.alpha_3)
        or getattr(country, "common_name", None)
        or _as_written(country.name)
        for country in pycountry.countries
    }


def _as_written(name: str) -> str:
    """A dataset name in the order prose gives it: "Ruritania, The Grand Duchy of" is the
    Grand Duchy of Ruritania."""
    written = _name_forms(name)[0]
    return written[4:] if written.startswith("The ") else written


def _states() -> dict[str, list[str]]:
    """Each ambiguous form (folded) that is also a top-level state or province somewhere
    → the countries that have it (see country_names.states_named)."""
    ambiguous = {_key(form) for form in AMBIGUOUS_FORMS}
    found: dict[str, set[str]] = defaultdict(set)
    for subdivision in pycountry.subdivisions:
        key = _key(subdivision.name)
        if key in ambiguous and subdivision.parent_code is None:
            country = pycountry.countries.get(alpha_2=subdivision.country_code)
            if country is not None:
                found[key].add(country.alpha_3)
    return {key: sorted(codes) for key, codes in sorted(found.items())}


def _plural(demonym: str) -> str | None:
    if demonym.lower().endswith(_UNCHANGED_PLURAL):
        return None
    return demonym + "s"


def _name_forms(name: str) -> list[str]:
    """A dataset name as news writes it: uninverted, without parenthetical qualifiers."""
    name = name.strip()
    inverted = _INVERTED.match(name)
    if inverted:
        return [f"{inverted['tail']} {inverted['head']}"]
    bare = _PARENTHESES.sub("", name)
    return [name, bare] if bare != name else [name]


def _forms() -> tuple[dict[str, str], set[str]]:
    iso = {country.alpha_3: country for country in pycountry.countries}
    # Records whose codes do not all agree with ISO are countryinfo's extras: Wales (as GBR)
    # and Scotland, Yugoslavia, the Netherlands Antilles, a second Burma.
    records = [
        (iso[codes["alpha3"]].alpha_3, record)
        for record in all_countries()
        if (codes := record.iso()).get("alpha3") in iso
        and codes.get("alpha2") == iso[codes["alpha3"]].alpha_2
        and codes.get("numeric") == iso[codes["alpha3"]].numeric
    ]
    forms: dict[str, str] = {}

    def add(form: str, code: str) -> str | None:
        """First source wins, so the tables above override the datasets."""
        key = _key(form)
        # Keys in other scripts, or with letters that do not fold to ASCII ("Kıbrıs",
        # "Føroyar"), are native names that English news does not use.
        if len(key.replace(" ", "")) < MIN_KEY or key in _EXCLUDED or not key.isascii():
            return None
        forms.setdefault(key, code)
        return key

    for form, code in (_NAMES | _DEMONYMS).items():
        add(form, code)
    for code, country in iso.items():
        for attr in ("common_name", "name", "official_name"):
            for form in _name_forms(getattr(country, attr, None) or ""):
                add(form, code)
    for code, record in records:
        for form in [record.name(), *record.alt_spellings()]:
            for variant in _name_forms(form):
                add(variant, code)

    # countryinfo gives some places their own name as demonym ("Djibouti", "Gibraltar").
    names = {_key(country.name) for country in iso.values()}
    names |= {_key(record.name()) for _, record in records}
    claims: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for code, record in records:
        for demonym in re.split(r"[,/]", record.demonym() or ""):
            demonym = demonym.strip()
            if demonym and _key(demonym) not in names | _EXCLUDED:
                claims[demonym].append((record.population() or 0, code))
    demonyms = dict(_DEMONYMS)
    for demonym, claimants in claims.items():
        # Territories repeat their sovereign's demonym ("French" for Réunion, "Indian" for the
        # British Indian Ocean Territory): in news it means the most populous claimant.
        demonyms.setdefault(demonym, max(claimants)[1])

    demonym_keys: set[str] = set()
    for demonym, code in demonyms.items():
        for spelling in (demonym, _plural(demonym)):
            added = add(spelling, code) if spelling else None
            if added is not None and forms[added] == code:
                demonym_keys.add(added)
    return forms, demonym_keys


def build() -> dict[str, Any]:
    """The table's contents: forms, demonyms, display names and states."""
    forms, demonyms = _forms()
    return {
        "forms": dict(sorted(forms.items())),
        "demonyms": sorted(demonyms),
        "display": _display_names(),
        "states": _states(),
    }


def main() -> None:
    table = {
        "about": [
            "Generated by `python -m reader.analysis.country_table`; edit that, not this.",
            f"Country names and codes: ISO 3166, from pycountry {version('pycountry')} "
            "(its data: Debian's iso-codes, LGPL-2.1).",
            f"Demonyms and alternative spellings: countryinfo {version('countryinfo')} (MIT).",
        ],
        **build(),
    }
    TABLE.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {TABLE}: {len(table['forms'])} forms, {len(table['demonyms'])} demonyms")


if __name__ == "__main__":
    main()
