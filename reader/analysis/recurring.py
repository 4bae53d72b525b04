"""Who and what recurs across several articles, counted as each analysis arrives.

A person is matched across articles by full name without accents ("Recep Tayyip
Erdoğan" = "Recep Tayyip Erdogan"); a surname alone joins the one full name across the
articles that ends with it, if there is only one. Adding an article costs its own people
and countries; listing what recurs costs one pass over the names, never a comparison of
every name with every other.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from .model import Analysis


class Recurring:
    def __init__(self) -> None:
        self._articles = 0
        self._people: defaultdict[str, set[int]] = defaultdict(set)  # folded name → articles
        self._names: dict[str, str] = {}  # folded name → the name as first written
        self._full_names_by_last_word: defaultdict[str, set[str]] = defaultdict(set)
        self._countries: defaultdict[str, set[int]] = defaultdict(set)
        self._country_names: dict[str, str] = {}

    def add(self, analysis: Analysis) -> None:
        number = self._articles
        self._articles += 1
        for person in analysis.people:
            key = _fold(person.name)
            self._people[key].add(number)
            self._names.setdefault(key, person.name)
            if " " in key:
                self._full_names_by_last_word[key.rsplit(" ", 1)[-1]].add(key)
        for country in analysis.countries:
            self._countries[country.code].add(number)
            self._country_names[country.code] = country.name

    def entries(self, minimum: int = 2) -> list[tuple[str, int]]:
        """People and countries found in at least `minimum` of the articles, with how many,
        most frequent first."""
        articles = dict(self._people)
        for key in [k for k in self._people if " " not in k]:
            fuller = self._full_names_by_last_word.get(key, set())
            if len(fuller) == 1:
                (full,) = fuller
                articles[full] = articles[full] | articles.pop(key)
        found = [(self._names[k], len(v)) for k, v in articles.items() if len(v) >= minimum]
        found += [
            (f"{self._country_names[code]} ({code})", len(numbers))
            for code, numbers in self._countries.items()
            if len(numbers) >= minimum
        ]
        return sorted(found, key=lambda item: (-item[1], item[0]))


def recurring(analyses: Iterable[Analysis], minimum: int = 2) -> list[tuple[str, int]]:
    counts = Recurring()
    for analysis in analyses:
        counts.add(analysis)
    return counts.entries(minimum)


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", " ".join(name.split()))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
