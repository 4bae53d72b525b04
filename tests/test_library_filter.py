"""The library's filter reads words, and person:, country: and speaker: terms."""

from __future__ import annotations

import pytest

from reader.analysis import Analysis, Country, Person, Quote
from reader.ui.library_filter import LibraryFilter, quoted

ANALYSIS = Analysis(
    title="Talks",
    people=(Person("p1", "Inés Peña", ()), Person("p2", "Okafor", ())),
    countries=(Country("c1", "TUR", "Turkey", ()),),
    quotes=(Quote("q1", "We will talk.", 0, 13, "p1", "Inés Peña"),),
)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("", True),
        ("talks", True),
        ("TALKS harbour", True),
        ("person:pena", True),
        ('person:"Ines Pena"', True),
        ("person:'inés peña' country:tur", True),
        ('person:"Daniel Okafor"', True),  # the article gives only the surname
        ('person:"Daniel Mensah"', False),
        ("country:turkey", True),
        ("country:GRC", False),
        ("speaker:pena", True),
        ("speaker:okafor", False),
        ("person:", False),  # no name yet: the word "person:" itself is looked for
        ('person:"Ines', True),  # a quote still being typed
    ],
)
def test_terms(text: str, kept: bool) -> None:
    assert LibraryFilter.parse(text).matches("Talks in the harbour", ANALYSIS) is kept


def test_an_article_not_analysed_yet_is_not_said_to_have_anyone() -> None:
    assert not LibraryFilter.parse("person:pena").matches("Talks", None)
    assert LibraryFilter.parse("talks").matches("Talks", None)


def test_a_name_with_blanks_is_quoted_to_be_read_back() -> None:
    text = quoted("person", "Inés Peña")
    assert LibraryFilter.parse(text).people == ("ines pena",)
    assert quoted("country", "TUR") == "country:TUR"
    assert LibraryFilter.parse(text).describe() == 'person "ines pena"'
