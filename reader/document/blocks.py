"""Display blocks: text as the reader shows it, with each character tied to the file text."""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

# Characters with no position in the file (separators, list markers) map here.
NO_SOURCE = -1


class BlockKind(StrEnum):
    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    CODE = "code"
    RULE = "rule"
    META = "meta"


class Mark(StrEnum):
    STRONG = "strong"
    EM = "em"
    CODE = "code"
    LINK = "link"
    IMAGE = "image"


@dataclass(frozen=True, slots=True)
class MarkRun:
    """An inline style over display characters [start, end) of a block."""

    start: int
    end: int
    mark: Mark
    href: str = ""


@dataclass(frozen=True, slots=True)
class Block:
    """One displayed block (a heading, a paragraph, a list item's paragraph, ...).

    `offsets[i]` is the index in the file text of display character `text[i]`, or
    NO_SOURCE. Offsets of a block never decrease, which lets the view map a span of
    the file back onto the display with a binary search.
    """

    kind: BlockKind
    text: str
    offsets: Sequence[int]  # a range for a straight copy, else an array of 32-bit ints
    marks: tuple[MarkRun, ...] = ()
    level: int = 0
    quote_depth: int = 0
    list_depth: int = 0
    list_marker: str = ""
    analysed: bool = True

    @property
    def source_start(self) -> int:
        return next((offset for offset in self.offsets if offset != NO_SOURCE), NO_SOURCE)

    @property
    def source_end(self) -> int:
        for offset in reversed(self.offsets):
            if offset != NO_SOURCE:
                return offset + 1
        return NO_SOURCE

    def display_range(self, start: int, end: int) -> tuple[int, int] | None:
        """The display characters that show file characters [start, end)."""
        offsets = self.offsets
        lo = bisect_left(_Mapped(offsets), start)
        hi = bisect_right(_Mapped(offsets), end - 1)
        if lo >= hi:
            return None
        return lo, hi


class _Mapped:
    """A sequence view of offsets in which NO_SOURCE entries sort with their neighbours.

    Separators carry NO_SOURCE; treating them as the previous mapped offset keeps the
    sequence non-decreasing so that bisect works.
    """

    __slots__ = ("_offsets",)

    def __init__(self, offsets: Sequence[int]) -> None:
        self._offsets = offsets

    def __len__(self) -> int:
        return len(self._offsets)

    def __getitem__(self, index: int) -> int:
        offsets = self._offsets
        while index >= 0 and offsets[index] == NO_SOURCE:
            index -= 1
        return offsets[index] if index >= 0 else -1


def visible_char(char: str) -> str:
    """How a character is shown: control characters become visible caret notation.

    Article text is never allowed to reach the terminal as a control sequence, so ESC
    shows as ``^[`` and C1 controls as ``<U+0085>``-style escapes; bidi overrides and
    isolates are shown too, since they could reorder what the reader sees.
    """
    code = ord(char)
    if char == "\n":
        return char
    if char == "\t":
        return "    "
    if code < 0x20:
        return "^" + chr(code + 0x40)
    if code == 0x7F:
        return "^?"
    if 0x80 <= code < 0xA0 or code in _BIDI_CONTROLS or _is_noncharacter(code):
        # Noncharacters too: U+FFFE and U+FFFF are not even allowed in XML (screenshots).
        return f"<U+{code:04X}>"
    if unicodedata.category(char) == "Cs":
        return "\N{REPLACEMENT CHARACTER}"
    return char


def visible(text: str) -> str:
    """A whole string as `visible_char` shows it, for labels outside the body."""
    # Only what needs it is changed: a book's 900 quotes went through this character by
    # character in a fifth of a second, as its panes were filled.
    return _NEEDS_ESCAPE.sub(_visible_match, text)


def _visible_match(match: re.Match[str]) -> str:
    return visible_char(match.group())


def visible_line(text: str) -> str:
    """`visible`, on one line: a line break shows as ``^J`` (for one-line messages)."""
    return visible(text).replace("\n", "^J")


# Unicode's Bidi_Control characters.
_BIDI_CONTROLS = frozenset([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def _is_noncharacter(code: int) -> bool:
    """U+FDD0-U+FDEF and the last two code points of every plane."""
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


# Characters that visible_char changes; text without any is copied as it is, in bulk.
_NEEDS_ESCAPE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]"
)


@dataclass
class BlockBuilder:
    """Accumulates display text for one block, keeping the file offset of every character.

    Offsets are kept as runs (first offset, length, step: 1 for a copy of the file, 0 for
    a character repeated or made up) and only written out per character when the block
    is not one straight copy of the file; a straight copy becomes a `range`, which costs
    no memory per character.
    """

    pieces: list[str] = field(default_factory=list)
    runs: list[tuple[int, int, int]] = field(default_factory=list)
    marks: list[MarkRun] = field(default_factory=list)
    length: int = 0

    def add(self, text: str, source_start: int | None) -> None:
        """Add text copied from the file at `source_start` (or synthetic text if None)."""
        if _NEEDS_ESCAPE.search(text):
            for index, char in enumerate(text):
                offset = NO_SOURCE if source_start is None else source_start + index
                self.add_char(char, offset)
            return
        self.pieces.append(text)
        if source_start is None:
            self._run(NO_SOURCE, len(text), 0)
        else:
            self._run(source_start, len(text), 1)

    def add_char(self, char: str, offset: int) -> None:
        shown = visible_char(char)
        self.pieces.append(shown)
        if len(shown) == 1 and offset != NO_SOURCE:
            self._run(offset, 1, 1)
        else:
            self._run(offset, len(shown), 0)

    def _run(self, first: int, length: int, step: int) -> None:
        if not length:
            return
        self.length += length
        if self.runs:
            last_first, last_length, last_step = self.runs[-1]
            if step == last_step == 1 and last_first + last_length == first:
                self.runs[-1] = (last_first, last_length + length, 1)
                return
        self.runs.append((first, length, step))

    def mark(self, start: int, mark: Mark, href: str = "") -> None:
        if self.length > start:
            self.marks.append(MarkRun(start, self.length, mark, href))

    def offsets(self) -> Sequence[int]:
        if len(self.runs) == 1 and self.runs[0][2] == 1:
            first, length, _ = self.runs[0]
            return range(first, first + length)
        offsets = array("i")
        for first, length, step in self.runs:
            if step:
                offsets.extend(range(first, first + length))
            else:
                offsets.extend(array("i", [first]) * length)
        return offsets

    def build(
        self,
        kind: BlockKind,
        *,
        level: int = 0,
        quote_depth: int = 0,
        list_depth: int = 0,
        list_marker: str = "",
        analysed: bool = True,
    ) -> Block | None:
        text = "".join(self.pieces)
        if not text.strip():
            return None
        return Block(
            kind=kind,
            text=text,
            offsets=self.offsets(),
            marks=tuple(self.marks),
            level=level,
            quote_depth=quote_depth,
            list_depth=list_depth,
            list_marker=list_marker,
            analysed=analysed,
        )
