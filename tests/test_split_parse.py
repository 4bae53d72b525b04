"""A book parsed on two cores (split_parse.py): the same parses as one process gives,
in order, whatever becomes of the helper process."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from typing import Any

import pytest

from benchmarks.long_article import write_long_article
from reader.analysis.cancel import AnalysisCancelled
from reader.analysis.nlp import choose_model, load_pipeline
from reader.analysis.split_parse import FORKING, SplitParse, batched
from reader.document import load_document

from .test_worker import children_of

pytestmark = pytest.mark.skipif(not FORKING, reason="a book is split only where forks are")


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    article = write_long_article(tmp_path_factory.mktemp("split"), 3_000)
    blocks = load_document(article).blocks
    return [block.text for block in blocks if block.analysed and block.text.strip()]


def parses(docs: Iterator[object]) -> list[object]:
    """What the analysis reads of each parse, in a form that compares: words, spaces,
    tags, dependencies and heads, sentences and entities."""
    return [doc.to_json() for doc in docs]  # type: ignore[attr-defined]


def split(texts: list[str], processes: int = 2) -> SplitParse:
    return SplitParse(load_pipeline(choose_model()), texts, processes, 8, 4_000)


def test_the_parses_come_back_in_order_as_one_process_makes_them(texts: list[str]) -> None:
    nlp = load_pipeline(choose_model())
    before = set(children_of(os.getpid()))  # the session's analysis workers, if any
    with split(texts, processes=3) as parse:
        helpers = set(children_of(os.getpid())) - before
        found = parses(parse.docs())
        assert parse.parsed_characters == sum(map(len, texts))
    assert len(helpers) >= 2, "the parse was not split"
    assert found == parses(nlp.pipe(texts))
    assert not set(children_of(os.getpid())) & helpers, "a helper was left running"


def _people(doc: Any) -> list[tuple[int, int]]:
    return [(entity.start, entity.end) for entity in doc.ents if entity.label_ == "PERSON"]


def test_what_find_finds_comes_back_with_each_parse(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `find` runs on each parse in the process that made it; each answer comes back
    beside its own parse, in order, as if found here, the helper's as this process's."""
    nlp = load_pipeline(choose_model())
    parse_here = SplitParse._parse
    waited: list[bool] = []

    def after_the_helper_took_a_run(self: SplitParse, start: int, end: int) -> list[Any]:
        # Once, bounded: only the helper can take the run after this one meanwhile.
        deadline = time.monotonic() + 120
        while not waited and self._runs.taken() <= end and time.monotonic() < deadline:
            time.sleep(0.01)
        waited.append(True)
        return parse_here(self, start, end)

    monkeypatch.setattr(SplitParse, "_parse", after_the_helper_took_a_run)
    with SplitParse(nlp, texts, 2, 8, 4_000, find=_people) as parse:
        found = [(doc.to_json(), people) for doc, people in parse.parses()]
        by_helper = parse.parsed_characters - parse._parsed_here
    assert by_helper > 0, "the helper parsed nothing"
    assert found == [(doc.to_json(), _people(doc)) for doc in nlp.pipe(texts)]
    assert any(people for _, people in found)
    monkeypatch.undo()
    with split(texts) as parse:
        assert all(people is None for _, people in parse.parses())


def test_a_helper_that_dies_is_not_waited_for(texts: list[str]) -> None:
    """Killed (out of memory, say) before it sent anything: its share is parsed here."""
    nlp = load_pipeline(choose_model())
    before = set(children_of(os.getpid()))
    with split(texts) as parse:
        (helper,) = set(children_of(os.getpid())) - before
        os.kill(helper, signal.SIGKILL)
        assert parses(parse.docs()) == parses(nlp.pipe(texts))


def test_cancelling_while_waiting_for_a_helper_ends_it(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A helper that took a run and never answers (stopped, swapping) is not waited for
    once the analysis is cancelled, and leaving the parse ends it."""
    from reader.analysis import split_parse

    def take_a_run_and_hang(
        nlp: object, texts: object, runs: Any, writing: int, find: object
    ) -> None:
        runs.take()
        signal.pause()

    monkeypatch.setattr(split_parse, "_serve", take_a_run_and_hang)
    waited = []

    def cancelled() -> bool:
        # Asked as this process takes each run, and then while it waits: cancelled once
        # every run is taken, so only the helper's is missing.
        waited.append(parse.untaken() == 0)
        return waited[-1]

    before = set(children_of(os.getpid()))
    parse = SplitParse(load_pipeline(choose_model()), texts, 2, 8, 4_000, cancelled)
    with parse:
        (helper,) = set(children_of(os.getpid())) - before
        with pytest.raises(AnalysisCancelled):
            list(parse.docs())
    assert waited[-1] and not all(waited), "cancelled before the parse was under way"
    assert helper not in children_of(os.getpid()), "the helper was left running"


def test_no_process_waits_while_another_has_work(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each process takes the next run of paragraphs as it is free: a helper that is
    slow to start leaves the runs to this process, which parses them all in order."""
    from reader.analysis import split_parse

    serve = split_parse._serve

    def start_too_late(nlp: Any, texts: Any, runs: Any, writing: int, find: Any) -> None:
        # Until this process has taken every run; bounded, so that a parse that waited
        # for the helper instead fails below rather than hangs.
        deadline = time.monotonic() + 120
        while runs.taken() < len(texts) and time.monotonic() < deadline:
            time.sleep(0.01)
        serve(nlp, texts, runs, writing, find)

    nlp = load_pipeline(choose_model())
    monkeypatch.setattr(split_parse, "_serve", start_too_late)
    with split(texts) as parse:
        assert parses(parse.docs()) == parses(nlp.pipe(texts))
        assert parse.parsed_characters == sum(map(len, texts))
        assert parse._parsed_here == sum(map(len, texts)), "it waited for the helper"


def test_batches_keep_to_both_limits() -> None:
    words = ["a" * 3, "b" * 5, "c" * 9, "d", "e" * 20, "f", "g"]
    found = list(batched(words, len, 3, 10))
    assert found == [["aaa", "bbbbb"], ["ccccccccc", "d"], ["e" * 20], ["f", "g"]]
    assert [word for batch in found for word in batch] == words


def test_a_helper_that_cannot_be_started_leaves_its_share_here(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No process to be had (a limit on processes, no memory): parsed here, in order."""
    from reader.analysis import split_parse

    def no_more_processes() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(split_parse.os, "fork", no_more_processes)
    nlp = load_pipeline(choose_model())
    with split(texts, processes=3) as parse:
        assert parses(parse.docs()) == parses(nlp.pipe(texts))
        assert parse.parsed_characters == sum(map(len, texts))


def test_more_processes_than_texts_start_no_idle_helper() -> None:
    before = set(children_of(os.getpid()))
    with split(["One short paragraph.", "And another."], processes=4) as parse:
        started = set(children_of(os.getpid())) - before
        assert [doc.text for doc in parse.docs()] == ["One short paragraph.", "And another."]
    assert len(started) == 1  # no more processes than paragraphs: this one and a helper


def test_no_memory_to_share_leaves_the_whole_parse_here(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The runs are counted in memory shared with the helpers; with none to be had (no
    file descriptor left), no helper is started and every text is parsed here, in order."""
    from reader.analysis import split_parse

    def no_descriptors(name: str, flags: int = 0) -> int:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(split_parse.os, "memfd_create", no_descriptors)
    nlp = load_pipeline(choose_model())
    before = set(children_of(os.getpid()))
    with split(texts) as parse:
        assert set(children_of(os.getpid())) == before
        assert parses(parse.docs()) == parses(nlp.pipe(texts))
