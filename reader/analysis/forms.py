"""Where any of many known names occurs in a text, as whole words, in one pass.

A regular expression with one alternative per name tries every alternative at every
position, and the names that fit at a match were then tried one by one: both grow with
the number of names, so an article with thousands of people took minutes. Here the names
are kept in a tree of their words and looked up by the text's own words, so the work at
a position is bounded by the length of the longest name, however many there are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# A name occurs as whole words: no letter, digit or hyphen right before or right after it.
_WORD_CHARACTER = re.compile(r"[\w\-‐‑]")


class _Node:
    __slots__ = ("children", "end_lengths", "ends", "longest_child")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}  # next word (a space follows it) → node
        self.longest_child = 0
        self.ends: set[str] = set()  # last words of the names that end at this node
        self.end_lengths: list[int] = []  # their lengths, longest first


class FormFinder:
    """Names made of words joined by single spaces (as `" ".join(name.split())` makes
    them), found where the text spells them exactly."""

    def __init__(self, forms: Iterable[str]) -> None:
        self._root = _Node()
        firsts: set[str] = set()
        for form in forms:
            words = form.split(" ")
            if not form or not all(words):
                continue
            node = self._root
            for word in words[:-1]:
                node.longest_child = max(node.longest_child, len(word))
                node = node.children.setdefault(word, _Node())
            node.ends.add(words[-1])
            firsts.add(form[0])
        self._lengths(self._root)
        self._starts = (
            re.compile(
                r"(?<![\w\-‐‑])[" + "".join(re.escape(char) for char in sorted(firsts)) + "]"
            )
            if firsts
            else None
        )

    def _lengths(self, root: _Node) -> None:
        pending = [root]
        while pending:
            node = pending.pop()
            node.end_lengths = sorted({len(word) for word in node.ends}, reverse=True)
            pending.extend(node.children.values())

    def at(self, text: str, position: int) -> list[str]:
        """The names that occur at `position` as whole words, longest first."""
        ends: list[int] = []
        node: _Node | None = self._root
        start = position
        while node is not None:
            for length in node.end_lengths:
                end = start + length
                if (
                    end <= len(text)
                    and text[start:end] in node.ends
                    and not _WORD_CHARACTER.match(text, end)
                ):
                    ends.append(end)
            if not node.children:
                break
            space = text.find(" ", start, start + node.longest_child + 1)
            if space < 0:
                break
            node = node.children.get(text[start:space])
            start = space + 1
        ends.sort(reverse=True)
        return [text[position:end] for end in ends]

    def occurrences(self, text: str, start: int = 0) -> Iterator[tuple[int, list[str]]]:
        """(position, the names there, longest first) wherever a name starts, in order."""
        if self._starts is None:
            return
        for found in self._starts.finditer(text, start):
            position = found.start()
            names = self.at(text, position)
            if names:
                yield position, names
