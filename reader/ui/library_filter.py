"""The library's filter: words of a title or source, and who or what an article has in it.

`person:Putin`, `country:TUR` (or `country:turkey`) and `speaker:Lavrov` keep the articles
whose analysis names that person, that country, or a quote by that speaker; other words
are looked for in the title and the source. Case and accents do not matter, and a name of
several words goes in quotes: `person:"Vladimir Putin"`. A full name also finds the
articles that give only the surname, as the pane "Across articles" counts them.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..analysis.recurring import fold

if TYPE_CHECKING:
    from ..analysis import Analysis

FIELDS = ("person", "country", "speaker")


@dataclass(frozen=True, slots=True)
class LibraryFilter:
    words: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> LibraryFilter:
        try:
            tokens = shlex.split(text)
        except ValueError:  # an unbalanced quote while it is being typed
            tokens = text.replace('"', "").replace("'", "").split()
        found: dict[str, list[str]] = {field: [] for field in (*FIELDS, "word")}
        for token in tokens:
            field, colon, value = token.partition(":")
            if colon and field.lower() in FIELDS and value.strip():
                found[field.lower()].append(fold(value))
            elif token.strip():
                found["word"].append(fold(token))
        return cls(
            words=tuple(found["word"]),
            people=tuple(found["person"]),
            countries=tuple(found["country"]),
            speakers=tuple(found["speaker"]),
        )

    @property
    def about_contents(self) -> bool:
        """Whether it asks about what articles have in them (which needs their analysis)."""
        return bool(self.people or self.countries or self.speakers)

    def __bool__(self) -> bool:
        return bool(self.words or self.about_contents)

    def matches(self, haystack: str, analysis: Analysis | None) -> bool:
        folded = fold(haystack)
        if not all(word in folded for word in self.words):
            return False
        if not self.about_contents:
            return True
        if analysis is None:
            return False  # not analysed yet: not known to have them
        names = [fold(person.name) for person in analysis.people]
        countries = [
            (country.code.casefold(), fold(country.name)) for country in analysis.countries
        ]
        speakers = [fold(quote.speaker_name) for quote in analysis.quotes]
        return (
            all(any(_same_person(term, name) for name in names) for term in self.people)
            and all(
                any(term == code or term in name for code, name in countries)
                for term in self.countries
            )
            and all(any(term in speaker for speaker in speakers) for term in self.speakers)
        )

    def describe(self) -> str:
        """What it keeps, in a few words for the status line."""
        parts = [f'"{word}"' for word in self.words]
        parts += [f'person "{term}"' for term in self.people]
        parts += [f'country "{term}"' for term in self.countries]
        parts += [f'speaker "{term}"' for term in self.speakers]
        return ", ".join(parts)


def _same_person(term: str, name: str) -> bool:
    """`term` names the person `name`: part of the name ("putin" of "vladimir putin"), or
    the article gives only the surname of the full name asked for."""
    if term in name:
        return True
    asked, given = term.split(), name.split()
    return bool(given) and given[-1] == asked[-1] and set(given) <= set(asked)


def quoted(field: str, value: str) -> str:
    """`field:value` as the filter reads it back, quoted where the value has blanks."""
    return (
        f"{field}:{shlex.quote(value)}"
        if any(c.isspace() or c in "\"'" for c in value)
        else f"{field}:{value}"
    )
