"""People found so far, looked up by the parts of their names rather than scanned.

Assigning a name to a person compares it only with people of the same surname (or, for a
lone first name, the same first given name), so that an article naming thousands of
people costs in proportion to its names, not to their square.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import defaultdict
from typing import Generic, TypeVar

from .names import NameParts

T = TypeVar("T")


class NameIndex(Generic[T]):
    """Items (people) by surname and by first given name, each list in the order the items
    were first added, with the sorted starts of every item's mentions."""

    def __init__(self) -> None:
        self._number: dict[int, int] = {}
        self._keys: dict[int, tuple[str, str]] = {}
        self._by_surname: defaultdict[str, list[T]] = defaultdict(list)
        self._by_given: defaultdict[str, list[T]] = defaultdict(list)
        self._starts: dict[int, list[int]] = {}

    def add(self, item: T, parts: NameParts, start: int) -> None:
        """A mention of `item` at `start`; `parts` is the item's name as it now stands."""
        key = id(item)
        number = self._number.setdefault(key, len(self._number))
        insort(self._starts.setdefault(key, []), start)
        new = (parts.surname, parts.given[0] if parts.given else "")
        old = self._keys.get(key)
        if old == new:
            return
        self._keys[key] = new
        if old is not None:
            self._remove(self._by_surname[old[0]], number)
            if old[1]:
                self._remove(self._by_given[old[1]], number)
        surnamed = self._by_surname[new[0]]
        surnamed.insert(self._place(surnamed, number), item)
        if new[1]:
            given = self._by_given[new[1]]
            given.insert(self._place(given, number), item)

    def _place(self, items: list[T], number: int) -> int:
        return bisect_left(items, number, key=lambda other: self._number[id(other)])

    def _remove(self, items: list[T], number: int) -> None:
        del items[self._place(items, number)]

    def with_surname(self, surname: str) -> list[T]:
        return self._by_surname.get(surname, [])

    def with_given(self, given: str) -> list[T]:
        return self._by_given.get(given, [])

    def first_start(self, item: T) -> int:
        return self._starts[id(item)][0]

    def last_start_before(self, item: T, position: int) -> int:
        """The last start of a mention of `item` before `position`, or -1."""
        starts = self._starts[id(item)]
        found = bisect_left(starts, position)
        return starts[found - 1] if found else -1
