"""Finding any of thousands of known names in a text, in one pass.

A regular expression of every name as alternatives ("Ana Ruiz|Ruiz|Omar Haddad|…") costs
every name that begins with the letter at each place a name could start: Python's engine
tries the alternatives one by one, so an article naming 8,000 people spent most of its
sweep there. Here the names are kept in a tree of their letters, and each place costs at
most the length of the longest name that fits there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A name starts after, and ends before, anything but a letter, a digit or a hyphen:
# "Ruiz" is not found in "Ruizdael" nor in "Garcia-Ruiz".
_NAME_CHARACTER = re.compile(r"[\w\-‐‑]")
_LAST = ""  # the key of a node where a name ends; every other key is one character

_Node = dict[str, "_Node"]


class NameSearch:
    def __init__(self, names: Iterable[str]) -> None:
        self._root: _Node = {}
        for name in names:
            if not name:
                continue
            node = self._root
            for character in name:
                node = node.setdefault(character, {})
            node[_LAST] = {}
        first_letters = "".join(map(re.escape, sorted(self._root)))
        # Where a name could start: a first letter of one, not inside a word.
        self._starts = re.compile(rf"(?<![\w\-‐‑])[{first_letters}]") if self._root else None

    def search(self, text: str, position: int = 0) -> tuple[int, int] | None:
        """(start, end) of the first name found at or after `position`, the longest
        one there, or None."""
        if self._starts is None:
            return None
        while (found := self._starts.search(text, position)) is not None:
            start = found.start()
            end = self._longest_at(text, start)
            if end:
                return start, end
            position = start + 1
        return None

    def _longest_at(self, text: str, start: int) -> int:
        """The end of the longest name that starts at `start` and ends before a word
        boundary, or 0."""
        node = self._root
        longest = 0
        for index in range(start, len(text)):
            following = node.get(text[index])
            if following is None:
                break
            node = following
            if _LAST in node and not _NAME_CHARACTER.match(text, index + 1):
                longest = index + 1
        return longest
