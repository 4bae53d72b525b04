"""A book-length article: drawn line by line, a keypress redraws only what changed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.long_article import write_long_article
from reader.analysis import Analysis, AnalysisCache, AnalysisCancelled, Person, Span
from reader.analysis.budget import PATIENCE, duration, expected_seconds
from reader.analysis.nlp import choose_model, installed_model_label
from reader.analysis.pipeline import analyze
from reader.document import load_document
from reader.ui.app import make_app
from reader.ui.widgets.article_view import ArticleView

from .conftest import ROOT, SEED
from .ui import analysed, drawn_runs, status, until


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_long_article(tmp_path_factory.mktemp("book"), 100_000)


def cached_analysis(path: Path, directory: Path) -> AnalysisCache:
    """A cache holding an analysis of the book that marks every "Erdogan" as one person.

    The view is what is tested here; the analysis of 100,000 words takes a quarter of a
    minute and has tests of its own, so it comes from the cache as on a second opening.
    """
    text = path.read_text(encoding="utf-8")
    mentions = tuple(Span(m.start(), m.end(), m.group()) for m in re.finditer(r"\bErdogan\b", text))
    analysis = Analysis(title="A long read", people=(Person("p1", "Erdogan", mentions),))
    cache = AnalysisCache(directory)
    key = AnalysisCache.key_for(load_document(path), installed_model_label(choose_model()))
    cache.store(key, analysis)
    return cache


async def test_book_draws_only_visible_lines_and_n_redraws_few(book: Path, tmp_path: Path) -> None:
    app = make_app(load_document(book), cache=cached_analysis(book, tmp_path))
    drawn: list[int] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await analysed(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.virtual_size.height > 8_000  # the whole book is laid out...
        assert len(view._strips) <= 40  # ...but only what is on screen was drawn
        original = view._render_line

        def counting(number: int):
            drawn.append(number)
            return original(number)

        view._render_line = counting
        compositor = app.screen._compositor
        full_repaints: list[bool] = []
        full_update = compositor.render_full_update

        def counting_full(*args, **kwargs):
            full_repaints.append(True)
            return full_update(*args, **kwargs)

        compositor.render_full_update = counting_full
        app.screen.select_entity("p1")
        mentions = len(app.screen.analysis.people[0].mentions)
        assert mentions > 150
        await until(pilot, lambda: "mention 1 of" in status(app), "the selection")
        # and its first drawing, which is not what is counted
        await until(pilot, lambda: drawn_runs(view, "article--current"), "the mention drawn")
        drawn.clear()
        for _ in range(3):
            await pilot.press("n")
        await until(pilot, lambda: "mention 4 of" in status(app), "the fourth mention")
        await pilot.pause()
        assert len(drawn) <= 3 * 40  # per keypress at most a screenful, never the book
        assert full_repaints == []  # and the rest of the screen is left as it was
        assert status(app) == f"Erdogan — mention 4 of {mentions}"
        top = int(view.scroll_offset.y)
        current_line = view.line_of(app.screen.selection.spans[3])
        assert current_line is not None and top <= current_line < top + 38


async def test_a_long_analysis_says_how_long_it_will_take(tmp_path: Path) -> None:
    """An article whose analysis takes more than a minute: the text at once, and the status
    line says how long the analysis should take while it goes on in the background."""
    document = load_document(write_long_article(tmp_path, 300_000))
    expected = duration(expected_seconds(document))
    assert expected_seconds(document) > PATIENCE
    app = make_app(document, cache=AnalysisCache(tmp_path / "cache"))
    async with app.run_test(size=(120, 40)) as pilot:
        # The status line is mounted just after the first frame, and written once the
        # panes beside it are: wait for the words, not for the widget.
        await until(pilot, lambda: app.screen.query("#status") and status(app), "the status")
        said = status(app)
        view = app.screen.query_one(ArticleView)
        assert view.virtual_size.height > 20_000  # the text is there to read
        assert said == (
            f"Analysing in the background: {expected} for an article this long — read on meanwhile"
        ) or re.fullmatch(r"Analysing… \d+% — about \d+ (minutes|seconds) left", said)


def test_progress_rises_and_cancelling_stops_the_analysis() -> None:
    document = load_document(ROOT / "sample_articles" / "05_robert-mugabe-dies.md")
    seen: list[float] = []
    analyze(document, on_progress=seen.append)
    assert seen and seen == sorted(seen) and 0 < seen[-1] <= 1.0
    with pytest.raises(AnalysisCancelled):
        analyze(document, is_cancelled=lambda: True)


def test_spacy_is_not_imported_before_the_article_is_on_screen() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "startup_child.py"), "0", str(SEED)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=ROOT,
    )
    assert json.loads(result.stdout.strip().splitlines()[-1])["spacy_imported"] is False
