"""Where the focus is: the focused part has an accent, 0 goes to the article, and moving
the focus with Tab leaves the selection alone."""

from __future__ import annotations

from typing import Any

from textual.color import Color

from reader.document import load_document
from reader.ui.app import ReaderApp, make_app
from reader.ui.widgets.article_view import ArticleView

from .conftest import SEED
from .ui import analysed, press, selected, until


def seed_app(analyses: Any) -> ReaderApp:
    document = load_document(SEED)
    return make_app(document, cache=analyses(document))


async def test_tab_moves_the_focus_not_the_selection(analyses: Any) -> None:
    app = seed_app(analyses)
    async with app.run_test(size=(120, 36)) as pilot:
        await analysed(pilot)
        await press(pilot, "1", lambda: selected(pilot) == "p1", "1 selects in People")
        await press(pilot, "down", lambda: selected(pilot) == "p2", "down moves the selection")
        people = app.focused
        await press(pilot, "tab", lambda: app.focused is not people, "tab")
        await pilot.pause()
        assert selected(pilot) == "p2"  # Countries has the focus; the selection stays
        await press(pilot, "down", lambda: selected(pilot) == "c2", "down in Countries")


async def test_0_focuses_the_article_and_the_focused_part_is_marked(analyses: Any) -> None:
    app = seed_app(analyses)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await analysed(pilot)
        article = screen.query_one(ArticleView)
        accent = Color.parse(app.current_theme.accent or "")

        def marked() -> bool:
            # The bar on the article's left is the accent (to a rounding), not the page.
            bar = article.styles.border_left[1]
            return bar != article.styles.background and (
                max(abs(a - b) for a, b in zip(bar.rgb, accent.rgb, strict=True)) <= 2
            )

        await until(pilot, lambda: article.has_focus, "the article focused at first")
        await until(pilot, marked, "the accent on the article")
        await press(pilot, "2", lambda: not article.has_focus, "2")
        await until(pilot, lambda: not marked(), "the accent gone from the article")
        await press(pilot, "0", lambda: article.has_focus, "0 back to the article")
        await until(pilot, marked, "the accent back")
