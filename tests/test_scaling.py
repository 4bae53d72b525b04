"""Work in proportion to the input, whatever its shape (issue 12).

Each shape of text that once made the analysis slow is analysed at a small size and at
twice that size, and the work is counted, not timed: the calls made while analysing
(Python functions, C functions called from Python, and the parts of spaCy compiled to
report theirs), the memory allocated, the names folded. Linear work doubles when the input
doubles; the work these shapes used to cost quadrupled. `benchmarks/scaling.py` times the
same shapes at full size. Shapes whose cost was inside one regular expression or one
string search (which report no steps) are in test_hostile_input.py, at sizes where the old
cost was minutes, with a timeout that tells a hang from an answer.
"""

from __future__ import annotations

import json
import re
import sys
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from benchmarks.shapes import BY_NAME, library_article, person
from reader.analysis import analyze, choose_model
from reader.analysis.nlp import load_pipeline
from reader.analysis.text import AnalysisText
from reader.document import document_from_text, load_document

# Work at twice the size over work at the size: 2 when linear (a little less, with the
# fixed costs), 4 when quadratic.
LINEAR = 2.3


@contextmanager
def counting_calls() -> Iterator[list[int]]:
    calls = [0]

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        if event == "call" or event == "c_call":
            calls[0] += 1

    sys.setprofile(profile)
    try:
        yield calls
    finally:
        sys.setprofile(None)


@pytest.fixture(scope="module")
def model() -> str:
    name = choose_model()
    # Loaded, and every lazy table of the analysis built, before anything is counted.
    analyze(document_from_text('Vladimir Putin said "we will talk" in Ankara.'), name)
    return name


def analysis_calls(name: str, size: int, directory: Path, model: str) -> int:
    shape = BY_NAME[name]
    path = directory / f"{name}-{size}{shape.suffix or '.txt'}"
    path.write_text(shape.make(size), encoding="utf-8")
    document = load_document(path)
    with counting_calls() as calls:
        analyze(document, model)
    return calls[0]


@pytest.mark.parametrize(
    ("name", "size"),
    [
        # Each name used to rebuild the text of its whole passage, and each bare surname to
        # look through every earlier mention of the person.
        ("said-yes", 300),
        ("prose-line", 1_500),
        # Each name was compared with every person found before it, and every known name
        # tried at every place one was found.
        ("speakers", 200),
        # Linear already; each quote's attribution keeps to the quote's sentence.
        ("short-quotes", 150),
        # Each lower-case noun looked back over every noun before it for a determiner.
        ("word-line", 1_500),
    ],
)
def test_analysis_work_grows_in_proportion(
    tmp_path: Path, model: str, name: str, size: int
) -> None:
    small = analysis_calls(name, size, tmp_path, model)
    large = analysis_calls(name, 2 * size, tmp_path, model)
    assert large / small <= LINEAR, f"{name}: {small:,} calls at {size}, {large:,} at {2 * size}"


class _CountingPattern:
    """A regular expression the reader compiled while analysing, counting its work: the
    characters it reads times its own length, what a backtracking engine's steps come to
    for a pattern without nested repetition (trying every alternative at every place)."""

    def __init__(self, pattern: re.Pattern[str], work: list[int]) -> None:
        self._pattern = pattern
        self._work = work

    def _count(self, start: int, end: int) -> None:
        self._work[0] += max(end - start, 1) * len(self._pattern.pattern)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        found = self._pattern.search(string, pos, endpos)
        self._count(pos, found.end() if found else min(len(string), endpos))
        return found

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        found = self._pattern.match(string, pos, endpos)
        self._count(pos, found.end() if found else pos)
        return found

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        end = pos
        for found in self._pattern.finditer(string, pos, endpos):
            self._count(end, found.end())
            end = found.end()
            yield found
        self._count(end, min(len(string), endpos))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)


@contextmanager
def counting_regex_work(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The work of the regular expressions the reader's own code compiles while it runs
    (those compiled on import are of a fixed size, so read the text in proportion)."""
    work = [0]
    compile_ = re.compile

    def compile_counting(pattern: Any, flags: int = 0) -> Any:
        compiled = compile_(pattern, flags)
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if caller.startswith("reader.") and isinstance(pattern, str):
            return _CountingPattern(compiled, work)
        return compiled

    with monkeypatch.context() as patch:
        patch.setattr(re, "compile", compile_counting)
        yield work


def test_the_name_sweep_reads_the_text_in_proportion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model: str
) -> None:
    """8,000 distinct speakers took 4.5 times as long as 2,000: every known name was one
    alternative of a single regular expression, tried at every place a name could start."""

    def regex_work(speakers: int) -> int:
        path = tmp_path / f"speakers-{speakers}.txt"
        path.write_text(BY_NAME["speakers"].make(speakers), encoding="utf-8")
        document = load_document(path)
        with counting_regex_work(monkeypatch) as work:
            analysis = analyze(document, model)
        # Each speaker is found, by the name the article gives them.
        assert {person.name for person in analysis.people} >= {
            f"{first} {last}" for first, last in map(person, range(speakers))
        }
        return work[0]

    small, large = regex_work(200), regex_work(400)
    assert small > 0, "the sweep compiles nothing to count: count its work another way"
    assert large / small <= LINEAR, f"{small:,} steps for 200 speakers, {large:,} for 400"


def test_the_models_working_memory_is_bounded_by_its_batch(
    monkeypatch: pytest.MonkeyPatch, model: str
) -> None:
    """`word ` 50,000 times on one line took a gigabyte: the model was given 64 pieces of
    20,000 characters at once. Here at a twentieth of the scale (pieces of 1,000 characters,
    batches of at most 2,000): the memory the parse needs beyond what it keeps is the
    same for a line four times as long."""
    from reader.analysis import text

    monkeypatch.setattr(text, "MAX_PASSAGE", 1_000)
    monkeypatch.setattr(text, "_BATCH_CHARACTERS", 2_000)
    nlp = load_pipeline(model)

    def working_memory(words: int) -> int:
        document = document_from_text(BY_NAME["word-line"].make(words), Path("line.txt"))
        tracemalloc.start()
        try:
            parsed = AnalysisText.parse(document, nlp)
            kept, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert len(parsed.passages) >= words * 5 // 1_000
        return peak - kept

    small, large = working_memory(1_000), working_memory(4_000)
    assert large < 1.5 * small, f"{small:,} bytes for 1,000 words, {large:,} for 4,000"


class _SearchCounting(str):
    """A file's text that counts how many characters searches in it may look through."""

    searched = 0

    def find(self, sub: str, start: Any = None, end: Any = None) -> int:
        first = 0 if start is None else start
        last = len(self) if end is None else min(end, len(self))
        _SearchCounting.searched += max(0, last - first)
        return super().find(sub, start, end)


def test_markdown_source_mapping_searches_in_proportion() -> None:
    """A paragraph of 160,000 lines with `&amp;` took a minute and a half to open: a piece
    of text holding an entity's expansion is not in the file, and each was looked for to
    the end of the paragraph."""
    from reader.document.markdown import markdown_blocks

    def searched(lines: int) -> int:
        text = BY_NAME["entity-lines"].make(lines)
        _SearchCounting.searched = 0
        blocks = markdown_blocks(_SearchCounting(text), 0)
        assert blocks[-1].text.count("tea & jam") == lines  # shown as the reader expects
        return _SearchCounting.searched

    small, large = searched(2_000), searched(4_000)
    assert large / small <= LINEAR, f"{small:,} characters for 2,000 lines, {large:,} for 4,000"


def test_a_folder_of_short_articles_shares_the_models_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model: str
) -> None:
    """A folder of 30-word articles cost three to four times prose per word: each article
    went to the model alone, three paragraphs a call, and the model costs as much again
    for each call however little it is given. Counted in the worker processes that
    `reader --json FOLDER` runs, forked here so that they count as this process does."""
    import multiprocessing

    from spacy.language import Language

    from reader.api import json_for_path
    from reader.batch import results

    folder = tmp_path / "clippings"
    folder.mkdir()
    articles = 96
    sources = []
    for number in range(articles):
        path = folder / f"{number:03d}.txt"
        path.write_text(library_article(number, articles), encoding="utf-8")
        sources.append(str(path))
    log = tmp_path / "calls"
    log.touch()
    pipe = Language.pipe

    def counting_pipe(self: Language, texts: Any, *args: Any, **kwargs: Any) -> Any:
        texts = list(texts)
        with log.open("a") as stream:  # one line a call, from whichever process made it
            stream.write(f"{len(texts)}\n")
        return pipe(self, texts, *args, **kwargs)

    monkeypatch.setattr(Language, "pipe", counting_pipe)
    monkeypatch.setattr(multiprocessing, "Pool", multiprocessing.get_context("fork").Pool)
    found = list(results(sources, model, None, "jsonl"))
    calls = [int(line) for line in log.read_text().split()]

    # The same JSON as each article read alone.
    assert [source for source, _, _ in found] == sources
    for source, text, error in found[:: articles // 8]:
        assert error is None and text is not None
        assert json.loads(text) == json_for_path(source, model)
    paragraphs = sum(calls)
    assert paragraphs == 3 * articles
    assert paragraphs / len(calls) >= 16, f"{len(calls)} calls for {paragraphs} paragraphs"


def test_articles_are_grouped_in_order_and_a_long_one_goes_alone(tmp_path: Path) -> None:
    """The articles of a group are held in memory together: a long one is analysed alone,
    so that memory stays that of one article."""
    from reader.batch import GROUP_BYTES, groups

    sources = []
    for number in range(40):
        path = tmp_path / f"{number:02d}.txt"
        path.write_text(library_article(number, 40), encoding="utf-8")
        sources.append(str(path))
    long = tmp_path / "20.txt"
    long.write_text(BY_NAME["prose"].make(GROUP_BYTES // 5), encoding="utf-8")
    assert long.stat().st_size > GROUP_BYTES

    found = groups(sources, 2)
    assert [source for group in found for source in group] == sources
    assert [str(long)] in found
    assert len(found) >= 8  # a few for each worker
    assert max(map(len, found)) > 1


def test_a_full_cache_is_not_listed_on_every_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model: str
) -> None:
    """The cache (500 entries when full) was listed, and each entry looked at, after every
    article written to it: the work of a write grew with the size of the cache."""
    from reader.analysis import AnalysisCache

    listed = [0]
    iterdir = Path.iterdir

    def counting_iterdir(self: Path) -> Iterator[Path]:
        for path in iterdir(self):
            listed[0] += 1
            yield path

    monkeypatch.setattr(Path, "iterdir", counting_iterdir)
    analysis = analyze(document_from_text("The talks resumed on Monday.\n"), model)

    def entries_looked_at(limit: int, writes: int = 400) -> int:
        directory = tmp_path / f"cache-{limit}"
        cache = AnalysisCache(directory, max_entries=limit)
        listed[0] = 0
        keys = [f"{number:064x}" for number in range(writes)]
        for key in keys:
            assert cache.store(key, analysis)
        kept = {path.stem for path in directory.glob("*.json")}
        assert len(kept) <= limit and keys[-1] in kept
        return listed[0]

    small, large = entries_looked_at(40), entries_looked_at(160)
    assert large <= 1.5 * small, f"{small:,} entries looked at for 40, {large:,} for 160"
