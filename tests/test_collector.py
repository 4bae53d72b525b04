"""The garbage collector paused for a quick start runs again once it has served.

The command line pauses Python's cyclic collector until the app's first frame is on the
terminal (reader/collector.py). Left paused, a long reading session or a long `--json`
batch would keep every reference cycle it ever made: these tests hold the pause to its
word.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest

from reader import collector
from reader.document import load_document
from reader.ui.app import make_app

from .conftest import SEED, ReaderRun
from .ui import until


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generations of the collections that run while the test does."""
    seen: list[int] = []

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(note)
    yield seen
    gc.callbacks.remove(note)


def test_the_pause_ends_with_its_block() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        with collector.paused():
            collector.resume()  # not ours to turn on
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


async def test_the_collector_runs_again_once_the_article_is_on_screen(
    analyses: Any,
) -> None:
    document = load_document(SEED)
    app = make_app(document, cache=analyses(document))
    with collector.paused():  # as the command line starts the app
        async with app.run_test() as pilot:
            await until(pilot, lambda: app.first_frame_shown, "the first frame")
            assert gc.isenabled()


def test_a_json_batch_analyses_with_the_collector_running(
    reader_here: ReaderRun, collections: list[int]
) -> None:
    result = reader_here("--json", "--no-cache", str(SEED))
    assert result.returncode == 0, result.stderr
    assert collections, "no garbage collection ran while the article was analysed"
    assert gc.isenabled()
