"""Direct quotations: quotation marks paired robustly, across paragraphs in news style."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .text import AnalysisText, Passage

# Fragments shorter than this are scare quotes or quoted terms, not things said.
MIN_QUOTE_WORDS = 4

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘‚`"
_SINGLE_CLOSE = "’"
_OPENING_CONTEXT = " \n\t([{—–-/:"


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation in analysis coordinates: its words, and its marks."""

    start: int  # first character inside the opening mark
    end: int  # last character before the closing mark, plus one
    open_mark: int  # where the opening mark is
    close_mark: int  # where the closing mark is (or the end of the last paragraph)
    # For a block quote signed on its own line ("— Emmanuel Macron"): that line's words.
    attribution: tuple[int, int] | None = None


# The signer's words end at the last non-blank character of the line: found by a greedy
# run that backs off to it, not by a lazy one that tries every blank of a long run.
_SIGNATURE = re.compile(r"\s*[—–―-]{1,2}\s*(\S(?:.*\S)?)\s*")


# Plain wire copy writes a double mark as two apostrophes (''We will win,'' he said) and
# treebank-style text opens with two backticks (``We will win,'' he said).
_TWO_CHARACTER_MARKS = re.compile(r"''|``")
_FILLER = "\ufeff"  # the second character of such a mark: neither word nor space


def find_quotes(at: AnalysisText) -> list[QuoteSpan]:
    text = _with_plain_marks(at.text)
    spans: list[QuoteSpan] = []
    for pair in _pairs(text, at.passages):
        span = _trimmed(text, *pair)
        if span and len(at.text[span.start : span.end].split()) >= MIN_QUOTE_WORDS:
            spans.append(span)
    spans = [_credited(at, span) for span in spans]
    signed = [q for q in _signed_block_quotes(at) if not any(_within(s, q) for s in spans)]
    turns = [q for q in _transcript_turns(at) if not any(_overlap(s, q) for s in spans)]
    return sorted(spans + signed + turns, key=lambda q: q.start)


# A credit after a quote, on its own line or after it: '"…" ― Ana Ruiz'.
_CREDIT = re.compile(r"[ \t]*(?:\n[ \t]*)?[—–―]{1,2}[ \t]*(\w[\w.'’ -]{0,60}?)[ \t]*$")
_CREDIT_WORDS = 5


def _credited(at: AnalysisText, span: QuoteSpan) -> QuoteSpan:
    """A quote followed by a dash and a name closing its paragraph, or a paragraph that is
    only a quote followed by a paragraph that is only the credit, is that name's."""
    if span.attribution is not None:
        return span
    passage = at.passage_at(span.close_mark)
    if passage is None:
        return span
    credit = _CREDIT.match(at.text, span.close_mark + 1, passage.end)
    # Blank checks that stop at the first letter: a long paragraph is not copied per quote.
    opening = at.passage_at(span.open_mark) or passage  # a quote may span paragraphs
    alone = at.blank(opening.start, span.open_mark)
    ends = at.blank(span.close_mark + 1, passage.end)
    if credit is None and alone and ends:
        index = at.passage_index(span.close_mark) + 1
        if index < len(at.passages):
            following = at.passages[index]
            credit = _CREDIT.match(at.text, following.start, following.end)
    if credit is None or len(credit.group(1).split()) > _CREDIT_WORDS:
        return span
    return replace(span, attribution=credit.span(1))


def _overlap(one: QuoteSpan, other: QuoteSpan) -> bool:
    return one.open_mark <= other.close_mark and other.open_mark <= one.close_mark


# 'KIM: Will you vote for it?' — a transcript's turn, its speaker's name in capitals.
# A hearing's 'Sen. HALE:' or 'MR. HALE:' has a title before the name; the name is the label.
_TURN = re.compile(
    r"(?:[A-Z][A-Za-z]{0,4}\. )?([A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){0,2}):[ \t]+(?=\S)"
)


def _transcript_turns(at: AnalysisText) -> list[QuoteSpan]:
    """Paragraphs that open with a name in capitals and a colon are that person's words,
    when the article also writes the name as part of a name ("Dana Kim" for KIM), which
    keeps out headings and labels ("NOTE:", "UPDATE:")."""
    found: list[QuoteSpan] = []
    names: set[str] | None = None
    for passage in at.passages:
        turn = _TURN.match(at.text, passage.start, passage.end)
        if turn is None:
            continue
        if names is None:
            names = _name_words(at.text)
        if not all(word.title() in names for word in turn.group(1).split()):
            continue
        span = _trimmed(at.text, turn.end() - 1, passage.end)
        if span is not None and len(at.text[span.start : span.end].split()) >= MIN_QUOTE_WORDS:
            found.append(QuoteSpan(span.start, span.end, span.start, span.end, turn.span(1)))
    return found


# Bounded runs, so that no shape of text ("A.A.A.A…") makes the search quadratic.
_NAME_WORD = re.compile(r"\b[A-Z][\w.'’-]{0,30}(?= ([A-Z][a-z'’-]{1,30}))")


def _name_words(text: str) -> set[str]:
    """Capitalised words that follow another capitalised word: the later parts of names."""
    return {match.group(1) for match in _NAME_WORD.finditer(text)}


def _with_plain_marks(text: str) -> str:
    """The text with each two-character mark written as '"' and a filler, so that it pairs
    like any double mark; the length, hence every offset, is unchanged."""
    if "''" not in text and "``" not in text:
        return text
    return _TWO_CHARACTER_MARKS.sub('"' + _FILLER, text)


def _within(inner: QuoteSpan, outer: QuoteSpan) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _signed_block_quotes(at: AnalysisText) -> list[QuoteSpan]:
    """A Markdown block quote whose last line is "— Name": the paragraphs above it are
    that person's words, with or without quotation marks."""
    found: list[QuoteSpan] = []
    passages = at.passages
    for index, passage in enumerate(passages):
        depth = passage.block.quote_depth
        signature = _SIGNATURE.fullmatch(at.text, passage.start, passage.end)
        if not depth or signature is None or index == 0:
            continue
        first = index
        while (
            first > 0
            and passages[first - 1].block.quote_depth == depth
            and not _SIGNATURE.fullmatch(
                at.text, passages[first - 1].start, passages[first - 1].end
            )
        ):
            first -= 1
        if first == index:
            continue
        start = passages[first].start
        end = passages[index - 1].end
        span = _trimmed(at.text, start - 1, end)
        if span is not None:
            inner = at.text[span.start : span.end]
            if inner[:1] in _ALL_MARKS and inner[-1:] in _ALL_MARKS + ".,":
                continue  # marked quotation inside the block: the marks already found it
            found.append(QuoteSpan(span.start, span.end, span.start, span.end, signature.span(1)))
    return found


_ALL_MARKS = '"“”„«»'
# Every character the pairing acts on; the rest of the text is stepped over in C.
_MARK = re.compile("[" + re.escape('"' + _DOUBLE_OPEN + _DOUBLE_CLOSE + "'‘’‚") + "]")


def _pairs(text: str, passages: list[Passage]) -> list[tuple[int, int]]:
    """(opening mark, closing mark) positions.

    Double marks make the quote; single marks inside it are nested quotes and belong to
    it. Single marks make a quote only outside double ones. A paragraph that ends with
    a quote still open continues it only if the next paragraph opens with a mark (the
    news convention); otherwise the stray mark is dropped, never guessed at.
    """
    pairs: list[tuple[int, int]] = []
    open_double: int | None = None
    open_single: int | None = None
    for index, passage in enumerate(passages):
        if open_double is not None and not _opens_with_mark(text, passage.start, passage.end):
            open_double = None
        if open_double is not None:
            # The continuation mark at the start of this paragraph is not a new quote.
            continuation = _first_mark(text, passage.start, passage.end)
            position = continuation + 1
        else:
            position = passage.start
        open_single = None
        nested = 0
        for mark in _MARK.finditer(text, position, passage.end):
            offset = mark.start()
            char = mark.group()
            if char == '"':
                if open_double is None:
                    if _is_opening(text, offset, passage.start):
                        open_double = offset
                elif _starts_word(text, offset, passage.start, passage.end):
                    # 'ground. The "United States" is not': straight marks nested in a
                    # straight-marked quote open a quote of their own inside it.
                    nested += 1
                elif nested:
                    nested -= 1
                else:
                    pairs.append((open_double, offset))
                    open_double = None
            elif char in _DOUBLE_OPEN:
                open_double = offset
            elif char in _DOUBLE_CLOSE:
                if open_double is not None:
                    pairs.append((open_double, offset))
                open_double = None
            elif open_double is None and char in "'`‘’‚":
                open_single = _single(text, offset, passage, open_single, pairs)
        is_last = index == len(passages) - 1
        if open_double is not None and (
            is_last
            or not _opens_with_mark(text, passages[index + 1].start, passages[index + 1].end)
        ):
            open_double = None
    return sorted(pairs)


def _single(
    text: str,
    offset: int,
    passage: Passage,
    open_single: int | None,
    pairs: list[tuple[int, int]],
) -> int | None:
    start, end = passage.start, passage.end
    before = text[offset - 1] if offset > start else " "
    after = text[offset + 1] if offset + 1 < end else " "
    if before.isalnum() and after.isalnum():
        return open_single  # an apostrophe: don't, Ruiz's
    char = text[offset]
    opening = char in _SINGLE_OPEN or (char == "'" and before in _OPENING_CONTEXT)
    if open_single is None:
        return offset if opening and after.isalnum() else None
    closing = char in _SINGLE_CLOSE + "'" and not after.isalnum()
    if closing:
        pairs.append((open_single, offset))
        return None
    return open_single


def _is_opening(text: str, offset: int, start: int) -> bool:
    before = text[offset - 1] if offset > start else " "
    return before in _OPENING_CONTEXT or not before.isalnum()


def _starts_word(text: str, offset: int, start: int, end: int) -> bool:
    """A mark with a space before it and a letter after it opens a quotation."""
    before = text[offset - 1] if offset > start else " "
    after = text[offset + 1 : offset + 3].lstrip(_FILLER)[:1] or " "
    return before.isspace() and after.isalnum()


def _opens_with_mark(text: str, start: int, end: int) -> bool:
    stripped = text[start:end].lstrip()
    return bool(stripped) and stripped[0] in '"“„«'


def _first_mark(text: str, start: int, end: int) -> int:
    for offset in range(start, end):
        if not text[offset].isspace():
            return offset
    return start


def _trimmed(text: str, open_mark: int, close_mark: int) -> QuoteSpan | None:
    start, end = open_mark + 1, close_mark
    while start < end and (text[start].isspace() or text[start] == _FILLER):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return QuoteSpan(start, end, open_mark, close_mark)
