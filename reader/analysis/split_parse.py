"""A long text parsed on every core: this process parses the first share of its
paragraphs and a forked helper process parses each other share, sending its parses back.

spaCy's own `nlp.pipe(n_process=...)` keeps this process as a third party that only
hands out paragraphs and takes whole serialised docs back: on two cores its three
processes parsed a book in 0.60 of the time one took. Here each helper is forked once
with the whole of its share (a fork shares the loaded pipeline, so it starts at once) and
sends, batch by batch, only each parse's words and the labels the analysis reads; a
thread takes them in, so a helper never waits for this process. A book is parsed in
0.49 of the time one process takes.

Only where forking a process that has threads is safe in practice (`FORKING`: Linux);
elsewhere the worker parses a book in one process (see worker.py).

    with SplitParse(nlp, texts, processes=2, most=64, most_characters=40_000) as split:
        for doc in split.docs():      # every text's parse, in order
            ...
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import signal
import struct
import sys
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from .cancel import AnalysisCancelled

if TYPE_CHECKING:
    from types import TracebackType

    from spacy.language import Language
    from spacy.tokens import Doc

FORKING = sys.platform.startswith("linux")
# What a helper sends of each parse: its words, and of each word what the analysis reads
# (the labels are the model's, known to this process by their hashes). Five times as
# quick both ways as `Doc.to_bytes`, which also sends the hidden vectors and every string.
_SENT: list[int | str] = ["SPACY", "TAG", "POS", "DEP", "HEAD", "SENT_START", "ENT_IOB", "ENT_TYPE"]
# Each batch a helper sends: its length in bytes and the characters it parsed.
_FRAME = struct.Struct("!QQ")
_CANCEL_CHECK_SECONDS = 0.1
# How much longer a helper takes per character than this process: measured on two cores,
# where a book was parsed soonest with 52% of it here and the rest in the helper.
_HELPER_COST = 1.08

Item = TypeVar("Item")


def batched(
    items: Iterable[Item], length: Callable[[Item], int], most: int, most_characters: int
) -> Iterator[list[Item]]:
    """Consecutive runs of at most `most` items and `most_characters` characters (an item
    longer than that alone): what the model is given at once."""
    batch: list[Item] = []
    size = 0
    for item in items:
        count = length(item)
        if batch and (len(batch) == most or size + count > most_characters):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += count
    if batch:
        yield batch


class SplitParse:
    """`texts` parsed by `processes` processes at once, this one among them; the docs
    come back in the order of the texts. Leaving the `with` block ends every helper."""

    def __init__(
        self,
        nlp: Language,
        texts: Sequence[str],
        processes: int,
        most: int,
        most_characters: int,
        is_cancelled: Callable[[], bool] = lambda: False,
    ) -> None:
        self._nlp = nlp
        self._batch = (most, most_characters)
        self._is_cancelled = is_cancelled
        shares = _shares(texts, min(processes, len(texts)) or 1)
        self._own = texts[: shares[0]]
        self._helpers: list[_Helper] = []
        self._parsed_here = 0
        start = shares[0]
        for end in shares[1:]:
            if end > start:
                self._helpers.append(self._fork(texts[start:end]))
            start = end

    def __enter__(self) -> SplitParse:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def parsed_characters(self) -> int:
        """Characters parsed so far, here and by the helpers together."""
        return self._parsed_here + sum(helper.parsed_characters for helper in self._helpers)

    def docs(self) -> Iterator[Doc]:
        """Every text's parse, in order: this process's share as it parses it, then each
        helper's as it arrives. A helper that died is not waited for: what it did not
        send is parsed here."""
        yield from self._parse(self._own)
        from spacy.tokens import Doc

        for helper in self._helpers:
            received = 0
            while (payload := self._next_frame(helper)) is not None:
                for words, values in pickle.loads(payload):
                    received += 1
                    doc = Doc(self._nlp.vocab, words=words, spaces=values[:, 0].tolist())
                    yield doc.from_array(_SENT, values)
            yield from self._parse(helper.texts[received:])

    def close(self) -> None:
        for helper in self._helpers:
            helper.end()

    def _parse(self, texts: Sequence[str]) -> Iterator[Doc]:
        for batch in batched(texts, len, *self._batch):
            for doc in self._nlp.pipe(batch, batch_size=len(batch)):
                self._parsed_here += len(doc.text)
                yield doc

    def _next_frame(self, helper: _Helper) -> bytes | None:
        while True:
            try:
                return helper.frames.get(timeout=_CANCEL_CHECK_SECONDS)
            except queue.Empty:
                if self._is_cancelled():
                    raise AnalysisCancelled from None

    def _fork(self, texts: Sequence[str]) -> _Helper:
        """A helper parsing `texts`; one that cannot be started (no process or memory to
        be had) leaves them to this process."""
        try:
            reading, writing = os.pipe()
        except OSError:
            return _Helper(None, texts, None)
        try:
            with warnings.catch_warnings():
                # Python 3.12 warns of forking a process that has threads: the helper
                # runs only the pipeline's own code, which takes none of their locks.
                warnings.simplefilter("ignore", DeprecationWarning)
                pid = os.fork()
        except OSError:
            os.close(reading)
            os.close(writing)
            return _Helper(None, texts, None)
        if pid == 0:  # the helper: it never returns
            os.close(reading)
            _serve(self._nlp, texts, writing, self._batch)
        os.close(writing)
        return _Helper(pid, texts, reading)


class _Helper:
    """A forked helper as its parent sees it: the frames it has sent, read by a thread."""

    def __init__(self, pid: int | None, texts: Sequence[str], reading: int | None) -> None:
        self.pid = pid  # None: it could not be started
        self.texts = texts
        self.parsed_characters = 0
        # Each batch's pickled parses; None once the helper has finished or died.
        self.frames: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._reader: threading.Thread | None = None
        if reading is None:
            self.frames.put(None)
        else:
            self._reader = threading.Thread(target=self._read, args=(reading,), daemon=True)
            self._reader.start()

    def _read(self, reading: int) -> None:
        with os.fdopen(reading, "rb") as stream:
            while len(header := stream.read(_FRAME.size)) == _FRAME.size:
                size, characters = _FRAME.unpack(header)
                payload = stream.read(size)
                if len(payload) < size:
                    break  # it died while writing
                self.parsed_characters += characters  # counted before it can be taken
                self.frames.put(payload)
        self.frames.put(None)

    def end(self) -> None:
        if self.pid is None or self._reader is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        # Already reaped by the system when the app ignores SIGCHLD.
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        self._reader.join()


def _serve(nlp: Language, texts: Sequence[str], writing: int, batch: tuple[int, int]) -> None:
    """The helper: parse `texts` and write each batch's parses to `writing`, then end
    without running anything of its parent's (no `finally`, no exit handlers)."""
    code = 1
    try:
        with os.fdopen(writing, "wb") as stream:
            for texts_now in batched(texts, len, *batch):
                parses = [
                    ([token.text for token in doc], doc.to_array(_SENT))
                    for doc in nlp.pipe(texts_now, batch_size=len(texts_now))
                ]
                payload = pickle.dumps(parses, protocol=pickle.HIGHEST_PROTOCOL)
                stream.write(_FRAME.pack(len(payload), sum(map(len, texts_now))) + payload)
                stream.flush()
        code = 0
    finally:
        os._exit(code)


def _shares(texts: Sequence[str], processes: int) -> list[int]:
    """Where each process's share of `texts` ends: as near as whole texts allow to what
    each can parse in the same time."""
    weights = [1.0] + [1 / _HELPER_COST] * (processes - 1)
    total = sum(map(len, texts))
    ends = []
    seen = 0
    index = 0
    for share in range(1, processes):
        goal = total * sum(weights[:share]) / sum(weights)
        while index < len(texts) and seen + len(texts[index]) / 2 <= goal:
            seen += len(texts[index])
            index += 1
        ends.append(index)
    ends.append(len(texts))
    return ends
