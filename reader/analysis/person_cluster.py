"""One person as the analysis gathers them: where they are named, in which forms, and
the votes on whether the name is a person's. Its own module so that the steps that read
and change clusters (people.py, person_aliases.py, person_votes.py) import it, not
each other."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from .lexicon import NOT_PEOPLE
from .names import NameParts, name_parts
from .text import fold


class Mention(NamedTuple):
    """Where a person is named, in analysis coordinates."""

    start: int
    end: int


@dataclass
class PersonCluster:
    mentions: list[Mention] = field(default_factory=list)
    forms: Counter[str] = field(default_factory=Counter)
    parts: NameParts = field(default_factory=lambda: NameParts((), ""))
    # How often the model called this name a person, and how often the text says it is
    # something else (another label, the first words of a longer name, "the" before it).
    person_votes: int = 0
    other_votes: int = 0
    # Title and role words written before the name ("minister" in "Foreign Minister
    # Ana Ruiz"), so that "the minister said" can find the one person who fits.
    titles: set[str] = field(default_factory=set)
    modifier_votes: int = 0
    first_seen: int = 0  # where it was first named, kept as mentions are added
    # The name the article uses for someone it also names otherwise ("Dusty Vane" for
    # "Mary Ellen Vane"): see person_aliases.py.
    chosen: str | None = None

    @property
    def first(self) -> int:
        return min(start for start, _ in self.mentions)

    @property
    def name(self) -> str:
        if self.chosen is not None:
            return self.chosen
        return max(self.forms, key=lambda form: (len(form.split()), self.forms[form], len(form)))

    def add(self, start: int, end: int, form: str) -> None:
        if not self.mentions or start < self.first_seen:
            self.first_seen = start
        self.mentions.append(Mention(start, end))
        self.forms[form] += 1
        parts = name_parts(form)
        if not self.parts.surname or len(parts.tokens) > len(self.parts.tokens):
            self.parts = parts

    @property
    def is_person(self) -> bool:
        if fold(self.name).casefold() in NOT_PEOPLE:
            return False
        if not self.parts.given and self.modifier_votes >= self.person_votes:
            return False
        return self.person_votes >= self.other_votes
