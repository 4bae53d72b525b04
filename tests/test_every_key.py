"""Every key answers: the footer keeps Quit and Help in reach, and a key that cannot act
says why in the status line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from reader.document import load_document
from reader.ui.app import ReaderApp, make_app
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.article_view import ArticleView

from .conftest import SAMPLE_FILES, SEED
from .ui import analysed, drawn_runs, press, selected, status, until


def seed_app(analyses: Any) -> ReaderApp:
    document = load_document(SEED)
    return make_app(document, cache=analyses(document))


def library_app(analyses: Any) -> ReaderApp:
    cache = None
    for path in SAMPLE_FILES:
        cache = analyses(load_document(path))
    return make_app(None, cache=cache, library=[str(p) for p in SAMPLE_FILES])


def footer_keys_in_view(app: ReaderApp) -> list[str]:
    """The footer's keys a user can see: drawn, and inside the screen's width."""
    footer = app.screen.query_one(Footer)
    width = app.size.width
    return [
        f"{key.key} {key.description}".strip()
        for key in footer.query(FooterKey)
        if key.region.width and key.region.right <= width
    ]


def quit_and_help_in_view(app: ReaderApp, q: str = "Quit") -> bool:
    shown = footer_keys_in_view(app)
    return f"q {q}" in shown and "question_mark Help" in shown


async def test_quit_and_help_stay_in_the_footer_at_80_columns(analyses: Any) -> None:
    app = seed_app(analyses)
    async with app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await until(pilot, lambda: quit_and_help_in_view(app), "Quit and Help in the footer")


async def test_quit_and_help_stay_in_the_footer_of_a_library_article(analyses: Any) -> None:
    app = library_app(analyses)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(
            pilot,
            lambda: isinstance(app.screen, LibraryScreen) and app.screen.settled,
            "the library",
        )
        await until(pilot, lambda: quit_and_help_in_view(app), "Quit and Help in the footer")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "the article")
        await analysed(pilot)
        # Here q goes back to the library (Q quits, as in newsboat): in view all the same.
        await until(pilot, lambda: quit_and_help_in_view(app, "Library"), "q and Help in view")


async def test_s_saves_a_screenshot_while_help_is_open(
    analyses: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = seed_app(analyses)
    async with app.run_test(size=(100, 30)) as pilot:
        await analysed(pilot)
        await press(pilot, "question_mark", lambda: isinstance(app.screen, HelpScreen), "?")
        await press(pilot, "s", lambda: list(tmp_path.glob("*.svg")), "s to save the screen")
        assert isinstance(app.screen, HelpScreen)  # help stays open


async def test_n_with_nothing_selected_says_why(analyses: Any) -> None:
    app = seed_app(analyses)
    async with app.run_test(size=(100, 30)) as pilot:
        await analysed(pilot)
        for key in ("n", "N"):
            await pilot.press("escape")
            await press(pilot, key, lambda: "Nothing selected" in status(app), key)
            assert "1 2 3" in status(app)  # and how to select something


async def test_next_article_at_the_last_says_so(analyses: Any) -> None:
    app = library_app(analyses)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(
            pilot,
            lambda: isinstance(app.screen, LibraryScreen) and app.screen.settled,
            "the library",
        )
        count = len(app.screen.openable())
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "the article")
        await analysed(pilot)
        await press(pilot, "left_square_bracket", lambda: "first" in status(app), "[ at first")
        assert status(app) == "This is the first article of the library (l goes back to it)"
        for _ in range(count - 1):
            before = app.screen
            await pilot.press("right_square_bracket")
            await until(pilot, lambda b=before: app.screen is not b, "the next article")
            await analysed(pilot)
        await press(pilot, "right_square_bracket", lambda: "last" in status(app), "] at last")
        assert status(app) == "This is the last article of the library (l goes back to it)"


async def test_a_resize_keeps_the_current_mention_on_screen(analyses: Any) -> None:
    app = seed_app(analyses)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await analysed(pilot)
        article = screen.query_one(ArticleView)
        await press(pilot, "1", lambda: selected(pilot) == "p1", "People")
        await press(pilot, "down", lambda: selected(pilot) == "p2", "Mevlut Cavusoglu")
        for number in (2, 3, 4):
            await press(pilot, "n", lambda n=number: f"mention {n} of 4" in status(app), "n")
        assert drawn_runs(article, "article--current") == ["Cavusoglu"]
        await pilot.resize_terminal(70, 20)
        await until(pilot, lambda: article.text_width < 60, "the text laid out again")
        await until(
            pilot,
            lambda: drawn_runs(article, "article--current") == ["Cavusoglu"],
            "the current mention on screen",
        )
