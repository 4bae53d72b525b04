"""Every key answers: the footer keeps Quit and Help in reach, and a key that cannot act
says why in the status line."""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from reader.document import load_document
from reader.ui.app import ReaderApp, make_app
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.main import MainScreen

from .conftest import SAMPLE_FILES, SEED
from .ui import analysed, until


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


async def test_quit_and_help_stay_in_the_footer_at_80_columns(analyses: Any) -> None:
    app = seed_app(analyses)
    async with app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        shown = footer_keys_in_view(app)
        assert "q Quit" in shown and "question_mark Help" in shown, shown


async def test_quit_and_help_stay_in_the_footer_of_a_library_article(analyses: Any) -> None:
    app = library_app(analyses)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(
            pilot,
            lambda: isinstance(app.screen, LibraryScreen) and app.screen.settled,
            "the library",
        )
        shown = footer_keys_in_view(app)
        assert "q Quit" in shown and "question_mark Help" in shown, shown
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "the article")
        await analysed(pilot)
        shown = footer_keys_in_view(app)
        assert "q Quit" in shown and "question_mark Help" in shown, shown
