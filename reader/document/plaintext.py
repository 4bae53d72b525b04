"""Plain-text articles to display blocks: paragraphs, and a headline as the title."""

from __future__ import annotations

import re

from .blocks import Block, BlockBuilder, BlockKind

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# A file whose every line is short was wrapped by hand; its line breaks are not
# paragraph breaks. Copied web text has one paragraph per (long) line instead.
_HARD_WRAP_WIDTH = 100
_HEADLINE_MAX_WORDS = 25
_BLANK_LINE_AFTER = re.compile(r"[ \t]*\n[ \t]*\n")


def plain_blocks(text: str) -> list[Block]:
    lines = text.split("\n")
    hard_wrapped = max((len(line) for line in lines), default=0) <= _HARD_WRAP_WIDTH
    blocks: list[Block] = []
    for start, end in _paragraph_spans(text):
        for piece_start, piece_end in _pieces(text, start, end, hard_wrapped):
            block = _block(text, piece_start, piece_end, BlockKind.PARAGRAPH)
            if block:
                blocks.append(block)
    if len(blocks) > 1 and _reads_as_headline(blocks[0].text, text, blocks[0]):
        first = blocks[0]
        blocks[0] = Block(kind=BlockKind.TITLE, text=first.text, offsets=first.offsets, level=1)
    return blocks


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return spans


def _pieces(text: str, start: int, end: int, hard_wrapped: bool) -> list[tuple[int, int]]:
    """One piece per paragraph when lines were wrapped by hand, else one per line."""
    if hard_wrapped:
        return [(start, end)]
    pieces = []
    position = start
    while position <= end:
        newline = text.find("\n", position, end)
        stop = end if newline < 0 else newline
        pieces.append((position, stop))
        if newline < 0:
            break
        position = newline + 1
    return pieces


_WORD = re.compile(r"[^ \n\t\ufeff]+")


_COLLAPSIBLE = re.compile(r"[ \n\t\ufeff]{2,}|[\n\t\ufeff]")


def _block(text: str, start: int, end: int, kind: BlockKind) -> Block | None:
    """Runs of spaces, tabs and line breaks shown as one space (the first of them)."""
    builder = BlockBuilder()
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    if not _COLLAPSIBLE.search(text, start, end):
        builder.add(text[start:end], start)  # nothing to collapse: one copy
        return builder.build(kind)
    previous_end = -1
    for word in _WORD.finditer(text, start, end):
        if previous_end >= 0:
            builder.add_char(" ", previous_end)
        builder.add(word.group(), word.start())
        previous_end = word.end()
    return builder.build(kind)


def _reads_as_headline(first: str, text: str, block: Block) -> bool:
    """A short first line, not ending like a sentence, standing alone: a headline."""
    words = first.split()
    if not words or len(words) > _HEADLINE_MAX_WORDS:
        return False
    if first.rstrip().endswith((".", ",", ";", ":")) or first.count('"') % 2:
        return False
    return _BLANK_LINE_AFTER.match(text, block.source_end) is not None
