"""A long text parsed on every core: this process and a forked helper for each other core
take its paragraphs a run at a time, and the helpers send their parses back.

spaCy's own `nlp.pipe(n_process=...)` keeps this process as a third party that only
hands out paragraphs and takes whole serialised docs back: on two cores its three
processes parsed a book in 0.60 of the time one took. Here each helper is forked once (a
fork shares the loaded pipeline and the texts, so it starts at once) and sends, run by
run, only each parse's words and the labels the analysis reads; a thread takes them in,
so a helper never waits for this process.

Every process takes the next run of paragraphs not yet taken, so none sits idle while
another has work left, however the machine shares its cores out (fixed shares left one
process idle for a second or more of a book: this one does more besides parsing). The
runs grow shorter towards the end, so that all finish together. A helper that dies
leaves what it took to this process; its lock is the kernel's, freed with it.

Only where forking a process that has threads is safe in practice (`FORKING`: Linux);
elsewhere the worker parses a book in one process (see worker.py).

    with SplitParse(nlp, texts, processes=2, most=64, most_characters=40_000) as split:
        for doc in split.docs():      # every text's parse, in order
            ...

A `find` given to SplitParse is run on each parse by the process that made it, while the
others parse: what the analysis reads of one paragraph alone is found on every core too.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import mmap
import os
import pickle
import queue
import signal
import struct
import sys
import threading
import warnings
from bisect import bisect_right
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
# Each run a helper sends: its length in bytes, the index of its first text, and the
# characters it parsed.
_FRAME = struct.Struct("!QQQ")
_CANCEL_CHECK_SECONDS = 0.1
# A run is at most this share of what is left for each process: the last runs are short,
# so that no process is still parsing a long one when the others are done.
_TAIL_SHARE = 0.5

Item = TypeVar("Item")
# Token ranges [start, end) that a `find` found in one parse.
Found = list[tuple[int, int]]


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
        find: Callable[[Doc], Found] | None = None,
    ) -> None:
        self._nlp = nlp
        self._texts = texts
        self._is_cancelled = is_cancelled
        self._find = find
        processes = min(processes, len(texts)) or 1
        lengths = [len(text) for text in texts]
        try:
            self._runs = _Runs(lengths, processes, most, most_characters, shared=processes > 1)
        except OSError:  # no file or memory to share: all parsed here
            processes = 1
            self._runs = _Runs(lengths, processes, most, most_characters, shared=False)
        self._parsed_here = 0
        # Each run a helper sends (its first text, the pickled parses); None as one ends.
        self._frames: queue.SimpleQueue[tuple[int, bytes] | None] = queue.SimpleQueue()
        self._helpers = [self._fork() for _ in range(processes - 1)]

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

    def untaken(self) -> int:
        """How many texts no process has taken yet."""
        return len(self._texts) - self._runs.taken()

    def docs(self) -> Iterator[Doc]:
        """Every text's parse, in order."""
        for doc, _ in self.parses():
            yield doc

    def parses(self) -> Iterator[tuple[Doc, Found | None]]:
        """Every text's parse, in order, with what `find` found in it (None without a
        `find`). This process parses a run whenever the next parses in order are not yet
        to hand; once every run is taken it waits for the helpers', and parses here what
        a helper that died had taken."""
        ready: dict[int, list[tuple[Doc, Found | None]]] = {}  # by their first text
        position = 0  # the next text to give back
        running = sum(helper.pid is not None for helper in self._helpers)
        while position < len(self._texts):
            if position in ready:
                parses = ready.pop(position)
                position += len(parses)
                yield from parses
                continue
            if self._is_cancelled():
                raise AnalysisCancelled
            run = self._runs.take()
            if run is None and not running:
                # Every helper has ended: the texts still missing were taken by one that
                # died before it sent them.
                later = [start for start in ready if start > position]
                run = (position, min(later, default=len(self._texts)))
            if run is not None:
                ready[run[0]] = self._parse(*run)
                continue
            frame = self._next_frame()
            if frame is None:
                running -= 1
                continue
            start, payload = frame
            ready[start] = self._decode(payload)

    def close(self) -> None:
        for helper in self._helpers:
            helper.end()
        self._runs.close()

    def _parse(self, start: int, end: int) -> list[tuple[Doc, Found | None]]:
        texts = self._texts[start:end]
        find = self._find
        parses = [
            (doc, find(doc) if find else None)
            for doc in self._nlp.pipe(texts, batch_size=len(texts))
        ]
        self._parsed_here += sum(map(len, texts))
        return parses

    def _decode(self, payload: bytes) -> list[tuple[Doc, Found | None]]:
        from spacy.tokens import Doc

        return [
            (
                Doc(self._nlp.vocab, words=words, spaces=values[:, 0].tolist()).from_array(
                    _SENT, values
                ),
                found,
            )
            for words, values, found in pickle.loads(payload)
        ]

    def _next_frame(self) -> tuple[int, bytes] | None:
        while True:
            try:
                return self._frames.get(timeout=_CANCEL_CHECK_SECONDS)
            except queue.Empty:
                if self._is_cancelled():
                    raise AnalysisCancelled from None

    def _fork(self) -> _Helper:
        """A helper taking runs of the texts; one that cannot be started (no process or
        memory to be had) leaves them to this process."""
        try:
            reading, writing = os.pipe()
        except OSError:
            return _Helper(None, None, self._frames)
        try:
            with warnings.catch_warnings():
                # Python 3.12 warns of forking a process that has threads: the helper
                # runs only the pipeline's own code, which takes none of their locks.
                warnings.simplefilter("ignore", DeprecationWarning)
                pid = os.fork()
        except OSError:
            os.close(reading)
            os.close(writing)
            return _Helper(None, None, self._frames)
        if pid == 0:  # the helper: it never returns
            os.close(reading)
            _serve(self._nlp, self._texts, self._runs, writing, self._find)
        os.close(writing)
        return _Helper(pid, reading, self._frames)


class _Runs:
    """Which texts are taken, shared by this process and its helpers: each takes the
    next run of them under a lock on shared memory. The lock is a POSIX record lock,
    which the kernel frees when its holder dies, so a helper killed while taking a run
    never stops the others."""

    def __init__(
        self,
        lengths: Sequence[int],
        processes: int,
        most: int,
        most_characters: int,
        *,
        shared: bool,
    ) -> None:
        self._ends = list(itertools.accumulate(lengths))  # characters up to each text's end
        self._processes = processes
        self._most = most
        self._most_characters = most_characters
        self._fd: int | None = None
        # The first text not taken: in memory the forks share, or this process's own.
        self._next: mmap.mmap | bytearray = bytearray(8)
        if shared:
            self._fd = os.memfd_create("reader-split-parse", os.MFD_CLOEXEC)
            try:
                os.ftruncate(self._fd, 8)
                self._next = mmap.mmap(self._fd, 8)
            except OSError:
                os.close(self._fd)
                raise

    def taken(self) -> int:
        return int.from_bytes(self._next[:8], "little")

    def take(self) -> tuple[int, int] | None:
        """The next run of texts (start, end) for this process, or None once all are."""
        if self._fd is not None:
            fcntl.lockf(self._fd, fcntl.LOCK_EX)
        try:
            start = self.taken()
            if start >= len(self._ends):
                return None
            before = self._ends[start - 1] if start else 0
            left = self._ends[-1] - before
            characters = min(self._most_characters, left * _TAIL_SHARE / self._processes)
            end = bisect_right(self._ends, before + characters, start)
            end = min(max(end, start + 1), start + self._most)
            self._next[:8] = end.to_bytes(8, "little")
        finally:
            if self._fd is not None:
                fcntl.lockf(self._fd, fcntl.LOCK_UN)
        return start, end

    def close(self) -> None:
        if isinstance(self._next, mmap.mmap):
            self._next.close()
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class _Helper:
    """A forked helper as its parent sees it: a thread puts each run it sends, with its
    first text's index, on `frames`, then None once it has finished or died."""

    def __init__(
        self,
        pid: int | None,
        reading: int | None,
        frames: queue.SimpleQueue[tuple[int, bytes] | None],
    ) -> None:
        self.pid = pid  # None: it could not be started
        self.parsed_characters = 0
        self._frames = frames
        self._reader: threading.Thread | None = None
        if reading is not None:
            self._reader = threading.Thread(target=self._read, args=(reading,), daemon=True)
            self._reader.start()

    def _read(self, reading: int) -> None:
        with os.fdopen(reading, "rb") as stream:
            while len(header := stream.read(_FRAME.size)) == _FRAME.size:
                size, start, characters = _FRAME.unpack(header)
                payload = stream.read(size)
                if len(payload) < size:
                    break  # it died while writing
                self.parsed_characters += characters  # counted before it can be taken
                self._frames.put((start, payload))
        self._frames.put(None)

    def end(self) -> None:
        if self.pid is None or self._reader is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        # Already reaped by the system when the app ignores SIGCHLD.
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        self._reader.join()


def _serve(
    nlp: Language,
    texts: Sequence[str],
    runs: _Runs,
    writing: int,
    find: Callable[[Doc], Found] | None,
) -> None:
    """The helper: take runs of `texts` and write each one's parses to `writing` until
    none is left, then end without running anything of its parent's (no `finally`, no
    exit handlers)."""
    code = 1
    try:
        with os.fdopen(writing, "wb") as stream:
            while (run := runs.take()) is not None:
                start, end = run
                parses = [
                    (
                        [token.text for token in doc],
                        doc.to_array(_SENT),
                        find(doc) if find else None,
                    )
                    for doc in nlp.pipe(texts[start:end], batch_size=end - start)
                ]
                payload = pickle.dumps(parses, protocol=pickle.HIGHEST_PROTOCOL)
                characters = sum(map(len, texts[start:end]))
                stream.write(_FRAME.pack(len(payload), start, characters) + payload)
                stream.flush()
        code = 0
    finally:
        os._exit(code)
