"""Country lexicon: a surface form from English news text → ISO 3166-1 alpha-3, and back to a name.

The forms, demonyms and display names are read from country_table.json, built ahead from
pycountry (ISO 3166) and countryinfo (demonyms, alternative spellings) by country_table.py,
which also holds the corrections to those datasets. The table is read on the first lookup,
so importing this module stays cheap.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

# Case-sensitive and matched with dots ignored ("U.S." = "US"): lower-case "us" is a pronoun,
# and the datasets' own two- and three-letter codes are never used as words (see
# country_table.MIN_KEY).
_ABBREVIATIONS: dict[str, str] = {
    "US": "USA",  # the usual abbreviation in news; "U.S." and "U.S" fold onto it
    "USA": "USA",  # "U.S.A." and sports usage ("Team USA")
    "UK": "GBR",  # not an ISO code (that is GB), but what news writes; also "U.K."
    "UAE": "ARE",  # "U.A.E." too; countryinfo has it only among its raw codes, all dropped
    "DRC": "COD",  # the common short form for the Democratic Republic of the Congo
}

# Forms that are countries but also common words or names in news text ("Chad Smith",
# "Michael Jordan", "Georgia voters", "the Niger river", "a guinea pig", "turkey dinner"): the
# analysis should count them only where the context says "place". Lower-cased.
AMBIGUOUS_FORMS: frozenset[str] = frozenset(
    {
        "chad",
        "jordan",
        "georgia",  # the US state
        "georgian",  # US state, architecture
        "georgians",
        "south georgia",  # the island territory, and the south of the US state
        "niger",  # the river
        "guinea",  # "guinea pig", the coin, New Guinea
        "turkey",  # the bird
        "jersey",  # New Jersey, the garment
        "guernsey",  # the garment, the cattle
        "holland",  # a surname (Tom Holland), and properly two Dutch provinces
        "reunion",  # "Réunion" without its accent is an everyday word
        "polish",  # the verb and noun
        "pole",  # "a pole", the North Pole
        "poles",
        "dane",  # a given name, "Great Dane"
        "finn",  # a given name
        "finns",  # also "the Finns Party"
        "bharat",  # India's Hindi name, and a common given name
        "dominican",  # also the religious order
        "macedonian",  # also the Greek region and ancient Macedon
        "macedonians",
        "micronesia",  # the country, and the wider Pacific region
    }
)

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_ABBREVIATION = re.compile(r"(?:[A-Z]\.?){2,4}")
_HYPHENS = re.compile(r"[-\u2010-\u2015]")
_SAINT = re.compile(r"^st ")  # "St. Lucia", "St Kitts" once dots are gone


TABLE = Path(__file__).with_name("country_table.json")


class _Lexicon(NamedTuple):
    forms: dict[str, str]  # folded form (see _key) → alpha-3
    demonyms: frozenset[str]  # the folded forms that name a people or are adjectives
    display: dict[str, str]  # alpha-3 → short English name
    states: dict[str, frozenset[str]]  # folded ambiguous form → countries with such a state


@lru_cache(maxsize=65536)
def lookup(form: str) -> str | None:
    """The ISO alpha-3 code of the country that `form` names, or None."""
    text = _strip(form)
    if not text:
        return None
    undotted = text.replace(".", "")
    if _ABBREVIATION.fullmatch(text) and undotted in _ABBREVIATIONS:
        return _ABBREVIATIONS[undotted]
    return _lexicon().forms.get(_key(text))


def is_demonym(form: str) -> bool:
    """Whether `form` names a country's people or is its adjective ("Turkish", "Turks")."""
    return _key(_strip(form)) in _lexicon().demonyms


def states_named(form: str) -> frozenset[str]:
    """Alpha-3 codes of the countries that have a state or province of this name.

    "Georgia" is a country and a US state, "Niger" a country and a Nigerian state: the
    article's other countries decide which is meant.
    """
    return _lexicon().states.get(_key(_strip(form)), frozenset())


def display_name(code: str) -> str:
    """The short English name for an alpha-3 code; an unknown code comes back upper-cased."""
    code = code.upper()
    return _lexicon().display.get(code, code)


def _strip(form: str) -> str:
    """Take off what surrounds a name in running text: the article, a possessive."""
    text = " ".join(form.translate(_APOSTROPHES).split())
    text = _POSSESSIVE.sub("", text)
    return _LEADING_THE.sub("", text)


def _key(text: str) -> str:
    """One spelling for all the ways a name is written: case, accents, dots, hyphens."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    folded = _HYPHENS.sub(" ", folded.replace(".", "").replace("&", " and "))
    folded = " ".join(folded.split())
    folded = _LEADING_THE.sub("", folded)
    folded = _SAINT.sub("saint ", folded)
    return folded.replace(" of the ", " of ")


@cache
def _lexicon() -> _Lexicon:
    # Built ahead: reading the datasets took a fifth of a second of each analysis process's
    # first article (countryinfo's 250 files, pycountry's subdivisions); this takes 1 ms.
    with TABLE.open(encoding="utf-8") as stream:
        table = json.load(stream)
    return _Lexicon(
        forms=table["forms"],
        demonyms=frozenset(table["demonyms"]),
        display=table["display"],
        states={form: frozenset(codes) for form, codes in table["states"].items()},
    )
