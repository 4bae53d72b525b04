"""Finding words in the article as shown, the way less and vim do, but forgiving: case and
accents do not matter ("Erdogan" finds "Erdoğan", "ERDOGAN" and "erdoğan")."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Match:
    block: int  # index of the display block
    start: int  # characters of the block's text, [start, end)
    end: int


def fold(text: str) -> tuple[str, list[int]]:
    """`text` without case or accents, and for each folded character the index of the
    character of `text` it came from. One pass: time grows with the text."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isascii():
            piece = char.lower()
        else:
            decomposed = unicodedata.normalize("NFKD", char)
            piece = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        folded.append(piece)
        origin.extend([index] * len(piece))
    return "".join(folded), origin


def find(texts: Sequence[str], query: str) -> list[Match]:
    """Every match of `query` in the blocks' texts, in reading order, not overlapping."""
    needle, _ = fold(query)
    if not needle.strip():
        return []
    found: list[Match] = []
    for block, text in enumerate(texts):
        haystack, origin = fold(text)
        at = haystack.find(needle)
        while at >= 0:
            last = at + len(needle) - 1
            found.append(Match(block, origin[at], origin[last] + 1))
            at = haystack.find(needle, at + len(needle))
    return found
