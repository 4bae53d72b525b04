"""The text the pipeline reads: the document's analysed blocks, parsed by spaCy once.

Analysis works in its own coordinates (blocks joined by blank lines, Markdown syntax
gone) and converts to file offsets only when it reports a span.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..document import NO_SOURCE, Block, Document
from .cancel import AnalysisCancelled
from .model import Span
from .split_parse import Found, SplitParse, batched

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

PASSAGE_SEPARATOR = "\n\n"
_SEPARATOR_OFFSETS = array("i", [NO_SOURCE] * len(PASSAGE_SEPARATOR))
# Paragraphs go to the model in batches of at most this many, and of at most this many
# characters: the model's working memory grows with the characters in a batch, and 64
# pieces of a giant paragraph were 1.3 million of them (a gigabyte and more).
_BATCH = 64
_BATCH_CHARACTERS = 40_000
MAX_PASSAGE = 20_000
_BLANKS = re.compile(r"\s*")


@dataclass(frozen=True, slots=True)
class Passage:
    """One analysed block: where it starts in the analysis text, and its parse; `found`,
    what the parse's `find` found in it as it was parsed (see `AnalysisText.parse`)."""

    start: int
    end: int
    doc: Doc
    block: Block
    found: Found | None = None


class AnalysisText:
    def __init__(self, document: Document, passages: list[Passage], offsets: array[int]) -> None:
        self.document = document
        self.passages = passages
        self.text = PASSAGE_SEPARATOR.join(passage.doc.text for passage in passages)
        self.offsets = offsets
        self.folded = fold(self.text)
        self._passage_starts = [passage.start for passage in passages]
        self._passage_by_doc = {id(passage.doc): passage for passage in passages}
        self._token_starts: dict[int, array[int]] = {}
        self._sentences: dict[int, _Sentences] = {}
        self._entities: dict[int, Sequence[SpacySpan]] = {}

    @classmethod
    def parse(
        cls,
        document: Document,
        nlp: Language,
        is_cancelled: Callable[[], bool] = lambda: False,
        on_progress: Callable[[float], object] | None = None,
        processes: int = 1,
        find: Callable[[Doc], Found] | None = None,
    ) -> AnalysisText:
        """The document parsed; `find` is run on each paragraph's parse as it is made, by
        the process that made it (on every core for a book), its answer kept as the
        passage's `found`: what needs one paragraph's parse alone is found while the
        other cores still parse."""
        return next(cls.parse_many([document], nlp, is_cancelled, on_progress, processes, find))

    @classmethod
    def parse_many(
        cls,
        documents: Iterable[Document],
        nlp: Language,
        is_cancelled: Callable[[], bool] = lambda: False,
        on_progress: Callable[[float], object] | None = None,
        processes: int = 1,
        find: Callable[[Doc], Found] | None = None,
    ) -> Iterator[AnalysisText]:
        """Each document parsed, in order, its paragraphs sent to the model in batches
        shared with the documents around it: a short article is a few paragraphs, and
        the model costs as much again for each batch it is given however small, so a
        folder of 30-word articles sent one at a time cost twice what it does together.

        The documents are read as their paragraphs are needed, and each is given back
        as soon as its last paragraph is parsed. `on_progress` is told the share of the
        characters parsed, among those of the documents read so far.

        With `processes` > 1 the paragraphs are parsed by that many processes at once,
        this one and forks of it (see split_parse.py; only where `FORKING` is true), for
        a text long enough to repay starting them (see worker.py).
        """
        import numpy  # loaded with spaCy already

        waiting: deque[_Parsing] = deque()
        read = [0]

        def pieces() -> Iterator[tuple[_Parsing, Block, int, int]]:
            for document in documents:
                parsing = _Parsing(document)
                waiting.append(parsing)
                read[0] += sum(end - start for _, start, end in parsing.pieces)
                for block, start, end in parsing.pieces:
                    yield parsing, block, start, end

        def parsed() -> Iterator[AnalysisText]:
            while waiting and waiting[0].complete:
                yield waiting.popleft().text()

        if processes > 1:
            parsings = [_Parsing(document) for document in documents]
            waiting.extend(parsings)
            places = [
                (parsing, block, start, end)
                for parsing in parsings
                for block, start, end in parsing.pieces
            ]
            total = sum(end - start for _, _, start, end in places) or 1
            texts = [block.text[start:end] for _, block, start, end in places]
            with SplitParse(
                nlp, texts, processes, _BATCH, _BATCH_CHARACTERS, is_cancelled, find
            ) as split:
                for count, ((parsing, _, _, _), (piece_doc, found)) in enumerate(
                    zip(places, split.parses(), strict=True), 1
                ):
                    if is_cancelled():
                        raise AnalysisCancelled
                    piece_doc.tensor = numpy.zeros((0,), dtype="float32")
                    parsing.docs.append(piece_doc)
                    parsing.found.append(found)
                    # Told before a finished document is given back: its reader may
                    # stop here.
                    if on_progress is not None and (count % _BATCH == 0 or parsing.complete):
                        on_progress(min(1.0, split.parsed_characters / total))
                    yield from parsed()
            yield from parsed()
            return
        # Paragraphs in batches: small enough that cancelling and progress answer within
        # a fraction of a second, large enough for the model's matrix work.
        done = 0
        for batch in batched(pieces(), _length, _BATCH, _BATCH_CHARACTERS):
            texts = [block.text[start:end] for _, block, start, end in batch]
            for (parsing, _, start, end), doc in zip(
                batch, nlp.pipe(texts, batch_size=len(batch)), strict=True
            ):
                if is_cancelled():
                    raise AnalysisCancelled
                # The model's hidden vectors for each token (as big again as the rest of
                # the parse), which nothing here reads: memory to give back.
                doc.tensor = numpy.zeros((0,), dtype="float32")
                parsing.docs.append(doc)
                parsing.found.append(find(doc) if find else None)
                done += end - start
            if on_progress is not None:
                on_progress(done / (read[0] or 1))
            yield from parsed()
        yield from parsed()  # the last ones, and those with nothing to parse

    # -- positions -------------------------------------------------------------------

    def passage_at(self, position: int) -> Passage | None:
        index = bisect_right(self._passage_starts, position) - 1
        if index < 0:
            return None
        passage = self.passages[index]
        return passage if position < passage.end else None

    def blank(self, start: int, end: int) -> bool:
        """Whether the text from start to end is only white space. The scan stops at the
        first letter, so asking about a long paragraph once per quote does not copy it."""
        match = _BLANKS.match(self.text, start, end)
        return match is not None and match.end() == end

    def passage_of(self, doc: Doc) -> Passage:
        return self._passage_by_doc[id(doc)]

    def passage_index(self, position: int) -> int:
        return max(0, bisect_right(self._passage_starts, position) - 1)

    def first_token_from(self, passage: Passage, local: int) -> int:
        """Index of the first token of the passage that starts at or after `local`."""
        starts = self._token_starts.get(id(passage.doc))
        if starts is None:
            # Read off the parse's own array: a Token object made for each word cost more.
            starts = self._token_starts[id(passage.doc)] = array(
                "l", passage.doc.to_array("IDX").tolist()
            )
        return bisect_left(starts, local)

    def sentence_of(self, token: Token) -> tuple[int, int]:
        """The token range [start, end) of the sentence the token is in: `token.sent`,
        which walks the whole sentence on every call, found by binary search instead."""
        return self._sentences_of(token.doc).around(token.i)

    def root_of_sentence(self, token: Token) -> Token:
        """The root of the sentence the token is in: `token.sent.root`, without the walks."""
        doc = token.doc
        start, end = self.sentence_of(token)
        root = self._sentences_of(doc).first_root(start, end)
        return doc[root] if root is not None else doc[start:end].root

    def _sentences_of(self, doc: Doc) -> _Sentences:
        sentences = self._sentences.get(id(doc))
        if sentences is None:
            sentences = self._sentences[id(doc)] = _Sentences(doc)
        return sentences

    def token_at(self, position: int) -> Token | None:
        passage = self.passage_at(position)
        if passage is None:
            return None
        local = position - passage.start
        doc = passage.doc
        span = doc.char_span(local, local + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def entities(self) -> Iterator[tuple[int, int, SpacySpan]]:
        for passage in self.passages:
            # `Doc.ents` builds its spans anew on each reading; the analysis reads them
            # several times over.
            ents = self._entities.get(id(passage.doc))
            if ents is None:
                ents = self._entities[id(passage.doc)] = passage.doc.ents
            for entity in ents:
                start = passage.start + entity.start_char
                yield start, passage.start + entity.end_char, entity

    # -- reporting -------------------------------------------------------------------

    def to_source(self, start: int, end: int) -> Span | None:
        """The file span shown by analysis characters [start, end)."""
        offsets = self.offsets
        first = next((offsets[i] for i in range(start, end) if offsets[i] != NO_SOURCE), None)
        last = next(
            (offsets[i] for i in range(end - 1, start - 1, -1) if offsets[i] != NO_SOURCE), None
        )
        if first is None or last is None or last < first:
            return None
        text = self.document.text
        return Span(first, last + 1, text[first : last + 1])


class _Parsing:
    """A document on its way through the model: its pieces, and their parses so far."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.pieces = [
            (block, start, end)
            for block in document.blocks
            if block.analysed and block.text.strip()
            for start, end in _chunks(block.text)
        ]
        self.docs: list[Doc] = []
        self.found: list[Found | None] = []  # what `find` found, in step with `docs`

    @property
    def complete(self) -> bool:
        return len(self.docs) == len(self.pieces)

    def text(self) -> AnalysisText:
        offsets: array[int] = array("i")
        passages: list[Passage] = []
        position = 0
        pieces = zip(self.pieces, self.docs, self.found, strict=True)
        for (block, start, end), doc, in_doc in pieces:
            if passages:
                offsets.extend(_SEPARATOR_OFFSETS)
                position += len(PASSAGE_SEPARATOR)
            passages.append(Passage(position, position + end - start, doc, block, in_doc))
            offsets.extend(block.offsets[start:end])
            position += end - start
        return AnalysisText(self.document, passages, offsets)


_Piece = tuple[_Parsing, Block, int, int]


def _length(piece: _Piece) -> int:
    return piece[3] - piece[2]


class _Sentences:
    """Where a parsed passage's sentences start, and its parse's roots, read once."""

    def __init__(self, doc: Doc) -> None:
        # The same boundaries `Span.sent` walks to: a token whose sentence start is set.
        self.length = len(doc)
        boundaries = doc.to_array("SENT_START") == 1
        self.starts = [0, *(int(i) for i in boundaries.nonzero()[0] if i)]
        self.roots = [int(i) for i in (doc.to_array("HEAD") == 0).nonzero()[0]]

    def around(self, index: int) -> tuple[int, int]:
        found = bisect_right(self.starts, index)
        end = self.starts[found] if found < len(self.starts) else self.length
        return self.starts[found - 1], end

    def first_root(self, start: int, end: int) -> int | None:
        """What `Span.root` finds first: the first token in [start, end) that heads itself."""
        found = bisect_left(self.roots, start)
        if found < len(self.roots) and self.roots[found] < end:
            return self.roots[found]
        return None


def _chunks(text: str) -> list[tuple[int, int]]:
    """A paragraph cut into pieces the pipeline can take.

    spaCy refuses texts over a million characters and its memory grows with a text's
    length, so a giant paragraph (a 1 MB line) is cut at sentence ends, else at spaces,
    else anywhere, into pieces of at most MAX_PASSAGE characters.
    """
    if len(text) <= MAX_PASSAGE:
        return [(0, len(text))]
    chunks = []
    start = 0
    while len(text) - start > MAX_PASSAGE:
        limit = start + MAX_PASSAGE
        cut = max(text.rfind(". ", start, limit) + 2, text.rfind(" ", start, limit) + 1)
        sentence_end = text.rfind(". ", start, limit)
        if sentence_end > start + MAX_PASSAGE // 2:
            cut = sentence_end + 2
        if cut <= start:
            cut = limit
        chunks.append((start, cut))
        start = cut
    chunks.append((start, len(text)))
    return chunks


def fold(text: str) -> str:
    """Case-preserving, length-preserving removal of diacritics: 'Doğan' → 'Dogan'."""
    if text.isascii():
        return text
    return text.translate(_FOLD_TABLE)


class _FoldTable(dict[int, str]):
    """str.translate table filled on first sight of each non-ASCII character."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


# Letters with no Unicode decomposition that news spells both ways.
_UNDECOMPOSED = {"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"}


def _fold_char(char: str) -> str:
    if char.isascii():
        return char
    if char in _UNDECOMPOSED:
        return _UNDECOMPOSED[char]
    decomposed = unicodedata.normalize("NFD", char)
    if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
        return decomposed[0]
    return char


_FOLD_TABLE = _FoldTable()
