"""Finding words in the article: f (or Ctrl+F), matches lit, "match 3 of 12", . and ,"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.document import load_document
from reader.ui.app import ReaderApp, make_app
from reader.ui.search import find, fold
from reader.ui.widgets.article_view import ArticleView

from .conftest import SEED
from .ui import analysed, drawn_runs, press, status, until

ACCENTS = """\
Talks in Izmir

Recep Tayyip Erdoğan met the mayor. Later ERDOGAN spoke, and erdogan's aides left.
"""


def app_for(path: Path, analyses: Any) -> ReaderApp:
    document = load_document(path)
    return make_app(document, cache=analyses(document))


def test_folding_forgets_case_and_accents_and_keeps_offsets() -> None:
    assert fold("Erdoğan")[0] == "erdogan"
    texts = ["São Paulo and SAO PAULO", "sao paulo"]
    assert [(m.block, m.start, m.end) for m in find(texts, "são paulo")] == [
        (0, 0, 9),
        (0, 14, 23),
        (1, 0, 9),
    ]
    assert find(texts, "   ") == []


async def test_search_lights_matches_and_steps_through_them(analyses: Any) -> None:
    app = app_for(SEED, analyses)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await analysed(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("f", *"TURKISH")
        await until(pilot, lambda: "match 1 of" in status(app), "the first match")
        total = len(screen.matches)
        assert total > 3
        assert status(app) == f"“TURKISH” — match 1 of {total}"
        assert drawn_runs(view, "article--match-current") == ["Turkish"]
        assert set(drawn_runs(view, "article--match")) == {"Turkish"}
        await press(pilot, "enter", lambda: view.has_focus, "Enter to keep the search")
        await press(pilot, "full_stop", lambda: "match 2 of" in status(app), ". for the next")
        await press(pilot, "comma", lambda: "match 1 of" in status(app), ", for the previous")
        await press(pilot, "comma", lambda: f"match {total} of" in status(app), ", wrapping")
        assert drawn_runs(view, "article--match-current") == ["Turkish"]  # scrolled to it
        await press(pilot, "escape", lambda: not drawn_runs(view, "article--match"), "Esc")


async def test_search_ignores_accents_and_says_when_nothing_is_found(
    analyses: Any, tmp_path: Path
) -> None:
    path = tmp_path / "izmir.txt"
    path.write_text(ACCENTS, encoding="utf-8")
    app = app_for(path, analyses)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await analysed(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("ctrl+f", *"erdogan")
        await until(pilot, lambda: "match 1 of 3" in status(app), "three matches")
        assert drawn_runs(view, "article--match-current") == ["Erdoğan"]
        assert drawn_runs(view, "article--match") == ["ERDOGAN", "erdogan"]
        await pilot.press("x")
        await until(pilot, lambda: status(app) == "“erdoganx” — not found", "no match")
