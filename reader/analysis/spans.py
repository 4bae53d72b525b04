"""A sorted index of character spans: which spans touch a range, in O(log n + k)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """Spans (start, end, value), queried by overlap or containment.

    Lookups are what keeps the analysis linear on a book: every check "is this inside a
    quote / an entity / a known name" is a binary search, not a scan.
    """

    def __init__(self, spans: Iterable[tuple[int, int, T]] = ()) -> None:
        self._spans = sorted(spans, key=lambda span: (span[0], span[1]))
        self._starts = [span[0] for span in self._spans]
        self._longest = max((end - start for start, end, _ in self._spans), default=0)

    def add(self, start: int, end: int, value: T) -> None:
        index = bisect_right(self._starts, start)
        self._spans.insert(index, (start, end, value))
        self._starts.insert(index, start)
        self._longest = max(self._longest, end - start)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, T]]:
        """Spans that share at least one character with [start, end), in text order."""
        found = []
        index = bisect_right(self._starts, max(start, end - 1)) - 1
        floor = start - self._longest
        while index >= 0 and self._starts[index] >= floor:
            span = self._spans[index]
            if span[1] > start and span[0] < end:
                found.append(span)
            index -= 1
        found.reverse()
        return found

    def touches(self, start: int, end: int) -> bool:
        return bool(self.overlapping(start, end))

    def before(self, position: int) -> list[tuple[int, int, T]]:
        """Spans that start before `position`, in text order."""
        return self._spans[: bisect_right(self._starts, position - 1)]

    def preceding(self, position: int, floor: int = 0) -> Iterator[tuple[int, int, T]]:
        """Spans that start in [floor, position), nearest first."""
        index = bisect_right(self._starts, position - 1) - 1
        while index >= 0 and self._starts[index] >= floor:
            yield self._spans[index]
            index -= 1

    def between(self, start: int, end: int) -> list[tuple[int, int, T]]:
        """Spans that start in [start, end)."""
        first = bisect_right(self._starts, start - 1)
        last = bisect_right(self._starts, end - 1)
        return self._spans[first:last]
