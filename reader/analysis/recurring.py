"""Who and what recur across the articles of a library, counted as each one is analysed.

A person is matched across articles by full name without accents ("Inés Peña" = "Ines
Pena"); a surname found alone counts with the one full name that ends with it, for as
long as there is only one. A country is matched by its ISO code.

Adding an article costs work in proportion to its own people and countries, whatever
number of articles came before: every count is kept up to date, never recomputed.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Analysis


@dataclass(frozen=True, slots=True)
class Recurrence:
    """One row of the list: a person or a country, and how many articles it is in."""

    key: str  # "person:" + the folded name, or "country:" + the ISO code
    label: str  # the name as first found, or "Turkey (TUR)"
    articles: int


class Recurring:
    """The people and countries found in at least `minimum` of the articles added."""

    def __init__(self, minimum: int = 2) -> None:
        self.minimum = minimum
        self.articles = 0
        # Articles each folded name is in, and the name as first written.
        self._people: dict[str, int] = {}
        self._names: dict[str, str] = {}
        # Surname → the full names that end with it; full name → the articles that hold it
        # and its surname alone (counted once when the two are merged).
        self._fuller: defaultdict[str, set[str]] = defaultdict(set)
        self._both: defaultdict[str, int] = defaultdict(int)
        self._countries: dict[str, int] = {}
        self._country_names: dict[str, str] = {}
        self._rows: dict[str, Recurrence] = {}

    def add(self, analysis: Analysis) -> set[str]:
        """Count one more article; the keys of the rows it changed (added, recounted or gone)."""
        self.articles += 1
        people: dict[str, str] = {}
        for person in analysis.people:
            people.setdefault(fold(person.name), person.name)
        touched: set[str] = set()
        for key, name in people.items():
            self._people[key] = self._people.get(key, 0) + 1
            self._names.setdefault(key, name)
            touched.add(key)
            if " " in key:
                surname = key.rsplit(" ", 1)[-1]
                fuller = self._fuller[surname]
                if key not in fuller:
                    touched |= fuller  # a surname shared by two full names joins neither
                    fuller.add(key)
                touched.add(surname)
                if surname in people:
                    self._both[key] += 1
            else:
                known = self._fuller.get(key)
                if known and len(known) == 1:
                    touched |= known
        changed = {f"person:{key}" for key in touched if self._show_person(key)}
        countries = {country.code: country.name for country in analysis.countries}
        for code, name in countries.items():
            self._countries[code] = self._countries.get(code, 0) + 1
            self._country_names[code] = name
            label = f"{name} ({code})"
            if self._show(f"country:{code}", label, self._countries[code]):
                changed.add(f"country:{code}")
        return changed

    def rows(self) -> list[Recurrence]:
        """The list as shown: most articles first, then by name."""
        return sorted(self._rows.values(), key=lambda row: (-row.articles, row.label))

    def _show_person(self, key: str) -> bool:
        if key not in self._people:
            return self._show(f"person:{key}", "", 0)
        if " " not in key:
            merged = len(self._fuller.get(key, ())) == 1
            return self._show(f"person:{key}", self._names[key], 0 if merged else self._people[key])
        count = self._people[key]
        surname = key.rsplit(" ", 1)[-1]
        if surname in self._people and len(self._fuller[surname]) == 1:
            count += self._people[surname] - self._both[key]
        return self._show(f"person:{key}", self._names[key], count)

    def _show(self, key: str, label: str, articles: int) -> bool:
        """Make the row `key` say `articles` (or go, below the minimum); whether it changed."""
        row = self._rows.get(key)
        if articles < self.minimum:
            return self._rows.pop(key, None) is not None
        if row is not None and row.articles == articles:
            return False
        self._rows[key] = Recurrence(key, label, articles)
        return True


def fold(name: str) -> str:
    """A name without accents, case or extra blanks: "Inés  Peña" → "ines pena"."""
    decomposed = unicodedata.normalize("NFKD", " ".join(name.split()))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
