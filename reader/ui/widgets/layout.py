"""Laying blocks out as screen lines: word wrap by terminal cells, prefixes for structure."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, get_character_cell_size

from ...document import Block, BlockKind

# The least room a line's words get however deep its quotes and lists nest: a prefix of
# forty "▌ " leaves the words a column of their own rather than none.
NARROWEST_LINE = 8


@dataclass(frozen=True, slots=True)
class Line:
    """One screen line: characters [start, end) of a block, after a prefix."""

    block: int  # index into the document's blocks; -1 for the blank line between blocks
    start: int = 0
    end: int = 0
    prefix: str = ""


def block_prefix(block: Block, first_line: bool) -> str:
    quote = "▌ " * block.quote_depth
    if not block.list_depth:
        return quote
    indent = "  " * (block.list_depth - 1)
    if first_line and block.list_marker:
        return f"{quote}{indent}{block.list_marker} "
    return f"{quote}{indent}{' ' * (len(block.list_marker) + 1 if block.list_marker else 2)}"


def layout_block(index: int, block: Block, width: int) -> list[Line]:
    if block.kind is BlockKind.RULE:
        return [Line(index)]
    lines: list[Line] = []
    first = True
    for start, end in _paragraph_lines(block.text):
        prefix = block_prefix(block, first)
        room = max(NARROWEST_LINE, width - cell_len(prefix))
        for line_start, line_end in wrap(block.text, start, end, room):
            lines.append(Line(index, line_start, line_end, block_prefix(block, first)))
            first = False
    return lines


def _paragraph_lines(text: str) -> list[tuple[int, int]]:
    """Hard line breaks (code, Markdown hard breaks) always start a new line."""
    spans = []
    start = 0
    while True:
        newline = text.find("\n", start)
        if newline < 0:
            spans.append((start, len(text)))
            return spans
        spans.append((start, newline))
        start = newline + 1


def wrap(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Break text[start:end] at spaces to fit `width` cells; overlong words are split.

    Measured in terminal cells so that wide (CJK) characters and emoji wrap where
    they are drawn; the spaces a line breaks at are left off both lines.
    """
    if text.isascii() if end - start == len(text) else text[start:end].isascii():
        return _wrap_ascii(text, start, end, width)
    return _wrap_cells(text, start, end, width)


def _wrap_cells(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    line_start = start
    line_cells = 0
    last_space = -1
    position = start
    while position < end:
        char = text[position]
        cells = get_character_cell_size(char)
        if char == " ":
            last_space = position
        if line_cells + cells > width and position > line_start:
            if last_space > line_start:
                lines.append((line_start, last_space))
                position = last_space + 1
            else:
                lines.append((line_start, position))
            while position < end and text[position] == " ":
                position += 1
            line_start = position
            line_cells = 0
            last_space = -1
            continue
        line_cells += cells
        position += 1
    if line_start < end or not lines:
        lines.append((line_start, end))
    return lines


def _wrap_ascii(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """The same breaks as `wrap` when every character is one cell: found with rfind."""
    lines: list[tuple[int, int]] = []
    position = start
    while end - position > width:
        cut = text.rfind(" ", position + 1, position + width + 1)
        if cut < 0:
            lines.append((position, position + width))
            position += width
        else:
            lines.append((position, cut))
            position = cut
        while position < end and text[position] == " ":
            position += 1
    if position < end or not lines:
        lines.append((position, end))
    return lines
