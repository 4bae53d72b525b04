"""Markdown (CommonMark) to display blocks, through markdown-it-py."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from .blocks import Block, BlockBuilder, BlockKind, Mark

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_INLINE_MARKS = {
    "strong_open": Mark.STRONG,
    "em_open": Mark.EM,
    "link_open": Mark.LINK,
}
_INLINE_CLOSE = {"strong_close", "em_close", "link_close"}
_LINE_BREAK = re.compile(r"\r\n?|\n")


@dataclass
class _Context:
    quote_depth: int = 0
    list_stack: list[list[int]] | None = None  # [ordered?, next number] per open list
    pending_marker: str = ""
    in_item_depth: int = 0


# How far past the cursor a piece of inline text is looked for: beyond the markup that
# can come between two pieces (a link's address and title, emphasis marks, a line's
# prefix). A piece holding an entity's expansion is not in the file at all; searched for
# to the end of the block each time, a paragraph of 100,000 such lines took minutes.
_SEARCH_AHEAD = 4096


class _SourceCursor:
    """Finds where inline text came from in the file.

    markdown-it gives line ranges for blocks only. Inline text is copied from the
    source except for escapes, entities and stripped prefixes (`> `, indentation), so
    each piece is searched for forward from the last match; what cannot be found
    (an entity's expansion) is shown without a file position.
    """

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.position = start
        self.end = end

    def add(self, builder: BlockBuilder, piece: str) -> None:
        limit = min(self.end, self.position + len(piece) + _SEARCH_AHEAD)
        found = self.text.find(piece, self.position, limit)
        if found >= 0 and piece:
            builder.add(piece, found)
            self.position = found + len(piece)
            return
        for char in piece:
            window_end = min(self.end, self.position + 12)
            index = self.text.find(char, self.position, window_end)
            if index >= 0:
                builder.add_char(char, index)
                self.position = index + 1
            else:
                builder.add_char(char, -1)


@cache
def _parser() -> MarkdownIt:
    # Imported on first use: a plain-text article opens without the Markdown parser.
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def markdown_blocks(text: str, body_start: int) -> list[Block]:
    """Blocks of the Markdown body text[body_start:], with offsets into `text`."""
    body = text[body_start:]
    line_starts = _line_starts(text, body_start)
    tokens = _parser().parse(body)
    return list(_walk(tokens, text, line_starts))


def _line_starts(text: str, body_start: int) -> list[int]:
    # Line numbers as markdown-it counts them: it takes "\r\n" and a lone "\r" for a
    # line break as well as "\n".
    starts = [body_start]
    starts.extend(found.end() for found in _LINE_BREAK.finditer(text, body_start))
    starts.append(len(text))
    return starts


def _next_line_break(cursor: _SourceCursor) -> int:
    """Where the next line break starts (-1 if none), the cursor moved past it."""
    found = _LINE_BREAK.search(cursor.text, cursor.position, cursor.end)
    if found is None:
        return -1
    cursor.position = found.end()
    return found.start()


def _span(line_starts: list[int], line_map: Sequence[int] | None) -> tuple[int, int]:
    if not line_map:
        return line_starts[0], line_starts[-1]
    first, last = line_map
    last = min(last, len(line_starts) - 1)
    return line_starts[min(first, len(line_starts) - 1)], line_starts[last]


def _walk(tokens: list[Token], text: str, line_starts: list[int]) -> Iterator[Block]:
    context = _Context(list_stack=[])
    lists = context.list_stack
    assert lists is not None
    heading_level = 0
    for token in tokens:
        kind = token.type
        if kind == "blockquote_open":
            context.quote_depth += 1
        elif kind == "blockquote_close":
            context.quote_depth -= 1
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1)
            lists.append([kind == "ordered_list_open", start])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            ordered, number = lists[-1]
            context.pending_marker = f"{number}." if ordered else "•"
            lists[-1][1] = number + 1
        elif kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "heading_close":
            heading_level = 0
        elif kind == "inline":
            block_kind = BlockKind.HEADING if heading_level else BlockKind.PARAGRAPH
            block = _inline_block(token, text, line_starts, context, block_kind, heading_level)
            if block:
                yield block
        elif kind in ("fence", "code_block", "html_block"):
            block = _verbatim_block(token, text, line_starts, context)
            if block:
                yield block
        elif kind == "hr":
            yield Block(kind=BlockKind.RULE, text="", offsets=(), quote_depth=context.quote_depth)


def _inline_block(
    token: Token,
    text: str,
    line_starts: list[int],
    context: _Context,
    kind: BlockKind,
    level: int,
) -> Block | None:
    start, end = _span(line_starts, token.map)
    cursor = _SourceCursor(text, start, end)
    builder = BlockBuilder()
    open_marks: list[tuple[int, Mark, str]] = []
    for child in token.children or []:
        ctype = child.type
        if ctype == "text" or ctype == "html_inline":
            cursor.add(builder, child.content)
        elif ctype == "code_inline":
            mark_start = builder.length
            cursor.add(builder, child.content)
            builder.mark(mark_start, Mark.CODE)
        elif ctype == "softbreak":
            builder.add_char(" ", _next_line_break(cursor))
        elif ctype == "hardbreak":
            builder.add_char("\n", _next_line_break(cursor))
        elif ctype in _INLINE_MARKS:
            href = str(child.attrGet("href") or "")
            open_marks.append((builder.length, _INLINE_MARKS[ctype], href))
        elif ctype in _INLINE_CLOSE and open_marks:
            mark_start, mark, href = open_marks.pop()
            builder.mark(mark_start, mark, href)
        elif ctype == "image":
            mark_start = builder.length
            builder.add("[image: ", None)
            cursor.add(builder, child.content)
            builder.add("]", None)
            builder.mark(mark_start, Mark.IMAGE)
    list_depth = len(context.list_stack or [])
    marker = context.pending_marker
    context.pending_marker = ""
    return builder.build(
        kind,
        level=level,
        quote_depth=context.quote_depth,
        list_depth=list_depth,
        list_marker=marker,
    )


def _verbatim_block(
    token: Token, text: str, line_starts: list[int], context: _Context
) -> Block | None:
    start, end = _span(line_starts, token.map)
    cursor = _SourceCursor(text, start, end)
    builder = BlockBuilder()
    for line in token.content.rstrip("\n").split("\n"):
        if builder.length:
            builder.add_char("\n", _next_line_break(cursor))
        cursor.add(builder, line)
    return builder.build(
        BlockKind.CODE,
        quote_depth=context.quote_depth,
        list_depth=len(context.list_stack or []),
        analysed=False,
    )
