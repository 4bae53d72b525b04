"""The people and countries that recur across a library's articles, counted as each article
is analysed (issue 12: a library of 5,000 articles once recounted all of them, comparing
every name with every other, after each one).

The counts are checked against a plain recount of the whole library, and their work is
counted, never timed: the lines of `reader/analysis/recurring.py` run while adding 1,000
articles and 2,000.
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

import pytest

from benchmarks.shapes import person
from reader.analysis import Analysis, Country, Person
from reader.analysis import recurring as recurring_module
from reader.analysis.recurring import Recurring, fold

COUNTRIES = (("NOR", "Norway"), ("CHL", "Chile"), ("KEN", "Kenya"), ("VNM", "Viet Nam"))


def article(people: list[str], countries: list[tuple[str, str]] = ()) -> Analysis:
    return Analysis(
        title="Talks",
        people=tuple(Person(f"p{n}", name, ()) for n, name in enumerate(people)),
        countries=tuple(
            Country(f"c{n}", code, name, ()) for n, (code, name) in enumerate(countries)
        ),
    )


def recount(analyses: list[Analysis], minimum: int = 2) -> list[tuple[str, int]]:
    """What the list should hold, counted from scratch: the rule the reader follows."""
    people: dict[str, set[int]] = defaultdict(set)
    names: dict[str, str] = {}
    for number, analysis in enumerate(analyses):
        for each in analysis.people:
            people[fold(each.name)].add(number)
            names.setdefault(fold(each.name), each.name)
    for key in [k for k in people if " " not in k]:
        fuller = [k for k in people if " " in k and k.rsplit(" ", 1)[-1] == key]
        if len(fuller) == 1:
            people[fuller[0]] |= people.pop(key)
    countries: dict[str, set[int]] = defaultdict(set)
    country_names: dict[str, str] = {}
    for number, analysis in enumerate(analyses):
        for country in analysis.countries:
            countries[country.code].add(number)
            country_names[country.code] = country.name
    found = [(names[k], len(v)) for k, v in people.items() if len(v) >= minimum]
    found += [
        (f"{country_names[k]} ({k})", len(v)) for k, v in countries.items() if len(v) >= minimum
    ]
    return sorted(found, key=lambda item: (-item[1], item[0]))


def shown(counts: Recurring) -> list[tuple[str, int]]:
    return [(row.label, row.articles) for row in counts.rows()]


def test_one_row_per_person_whatever_the_accents_and_a_surname_joins_its_full_name() -> None:
    counts = Recurring()
    counts.add(article(["Inés Peña", "Tomas Barvic"], [("NOR", "Norway")]))
    counts.add(article(["Ines  Pena", "Barvic"], [("NOR", "Norway"), ("NOR", "Norway")]))
    counts.add(article(["Peña"], [("KEN", "Kenya")]))
    assert shown(counts) == [("Inés Peña", 3), ("Norway (NOR)", 2), ("Tomas Barvic", 2)]


def test_a_surname_shared_by_two_full_names_joins_neither() -> None:
    counts = Recurring()
    counts.add(article(["Vera Lindell", "Lindell"]))
    counts.add(article(["Lindell"]))
    assert shown(counts) == [("Vera Lindell", 2)]
    changed = counts.add(article(["Omar Lindell", "Omar Lindell"]))
    # Vera Lindell is now in one article of her own; "Lindell" alone is a row of its own.
    assert shown(counts) == [("Lindell", 2)]
    assert changed == {"person:vera lindell", "person:lindell"}
    counts.add(article(["Omar Lindell"]))
    assert shown(counts) == [("Lindell", 2), ("Omar Lindell", 2)]


def random_library(articles: int, seed: int) -> list[Analysis]:
    chooser = random.Random(seed)
    library = []
    for _ in range(articles):
        people = []
        for _ in range(chooser.randint(0, 4)):
            first, last = person(chooser.randrange(30))
            # Surnames alone, and case or blanks that fold away.
            people.append(
                chooser.choice([f"{first} {last}", last, f"{first.upper()} {last}", last + " "])
            )
        if chooser.random() < 0.2:  # two full names with one surname, and accents
            people.append("Ana Pena" if chooser.random() < 0.5 else "Hana Peña")
        library.append(article(people, chooser.sample(COUNTRIES, chooser.randint(0, 2))))
    return library


@pytest.mark.parametrize("seed", range(20))
def test_counted_as_they_come_the_list_is_what_a_recount_gives(seed: int) -> None:
    library = random_library(60, seed)
    counts = Recurring()
    for number, analysis in enumerate(library):
        before = {row.key: row for row in counts.rows()}
        changed = counts.add(analysis)
        after = {row.key: row for row in counts.rows()}
        assert shown(counts) == recount(library[: number + 1])
        # The rows reported changed are exactly those that did.
        assert changed == {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


@contextmanager
def counting_lines(module: object) -> Iterator[list[int]]:
    """Lines of `module` run while the block runs (comprehensions included)."""
    filename = module.__file__
    lines = [0]

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            lines[0] += 1
        return local

    def call(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename == filename else None

    sys.settrace(call)
    try:
        yield lines
    finally:
        sys.settrace(None)


def library_of(articles: int) -> list[Analysis]:
    """`articles` small articles, each person in about two of them, some by surname alone."""
    pool = articles // 2
    library = []
    for number in range(articles):
        first, last = person(number % pool)
        other_first, other_last = person((number * 7 + 3) % pool)
        names = [f"{first} {last}", last, f"{other_first} {other_last}"]
        library.append(article(names, [COUNTRIES[number % len(COUNTRIES)]]))
    return library


def work(articles: int) -> int:
    library = library_of(articles)
    counts = Recurring()
    with counting_lines(recurring_module) as lines:
        for analysis in library:
            counts.add(analysis)
    return lines[0]


def test_each_article_costs_work_in_proportion_to_its_own_names() -> None:
    small, large = work(1_000), work(2_000)
    assert 1.9 < large / small < 2.1, (small, large)
