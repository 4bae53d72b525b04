"""Driving the app with Textual's Pilot: what lights up, where the cursor goes.

Each test waits for what a keypress is for (the selection made, the status line
changed) rather than for a fixed time, so a busy machine makes it slower, not red.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.widgets import Footer, OptionList

from reader.analysis.analyst import Analyst
from reader.document import load_document
from reader.ui.app import ReaderApp, make_app
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.entity_pane import EntityPane

from .conftest import SEED
from .ui import (
    analysed,
    drawn_runs,
    drawn_throughout,
    palette_choose,
    press,
    selected,
    status,
    until,
)

SIZE = (120, 36)


def seed_app(analyses: Any) -> ReaderApp:
    """The seed article, its analysis read back from the session's store."""
    document = load_document(SEED)
    return make_app(document, cache=analyses(document))


def view(app: ReaderApp) -> ArticleView:
    return app.screen.query_one(ArticleView)


def pane_rows(app: ReaderApp, pane: str) -> list[str]:
    option_list = app.screen.query_one(f"#{pane}", EntityPane).query_one(OptionList)
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


def focused_pane(app: ReaderApp) -> str | None:
    pane = next((a for a in app.focused.ancestors if isinstance(a, EntityPane)), None)
    return pane.id if pane is not None and app.focused is not None else None


async def test_panes_fill_after_analysis() -> None:
    app = make_app(load_document(SEED))  # analysed by spaCy here, not read back
    async with app.run_test(size=SIZE) as pilot:
        await analysed(pilot)
        assert [row.split("  ")[0] for row in pane_rows(app, "people")] == [
            "Lavrov",
            "Mevlut Cavusoglu",
            "Bashar al-Assad",
            "Recep Tayyip Erdogan",
            "Vladimir Putin",
        ]
        assert [row.split("  ")[0] for row in pane_rows(app, "countries")] == [
            "Turkey",
            "Russia",
            "Syria",
        ]
        assert len(pane_rows(app, "quotes")) == 4
        assert not any(pane.loading for pane in app.screen.query(EntityPane))


async def test_selecting_a_person_marks_every_mention_and_n_moves_on(analyses: Any) -> None:
    app = seed_app(analyses)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(pilot)
        await press(pilot, "1", lambda: selected(pilot) == "p1", "People")
        await press(pilot, "down", lambda: selected(pilot) == "p2", "Mevlut Cavusoglu")
        assert await drawn_throughout(pilot, view(app), "article--mention") == [
            "Mevlut Cavusoglu",
            "Cavusoglu",
            "Cavusoglu",
        ]
        assert await drawn_throughout(pilot, view(app), "article--current") == ["Mevlut Cavusoglu"]
        assert status(app) == "Mevlut Cavusoglu — mention 1 of 4"
        top = view(app).scroll_offset.y
        for number in (2, 3, 4):
            await press(pilot, "n", lambda n=number: f"mention {n} of 4" in status(app), "n")
        assert view(app).scroll_offset.y > top  # the fourth mention is further down
        await press(pilot, "N", lambda: "mention 3 of 4" in status(app), "N")
        await press(pilot, "n", lambda: "mention 4 of 4" in status(app), "n")
        await press(pilot, "n", lambda: "mention 1 of 4" in status(app), "n wrapping round")


async def test_one_mention_is_drawn_as_current_after_n_and_N(analyses: Any) -> None:
    """Moving back (N) or wrapping round (n from the last) redraws the mention left
    behind: the screen shows one current mention, never two."""
    app = seed_app(analyses)
    async with app.run_test(size=SIZE) as pilot:
        screen = await analysed(pilot)
        article = view(app)
        await press(pilot, "1", lambda: selected(pilot) == "p1", "Lavrov")
        lavrov = screen.selection
        assert lavrov is not None and len(lavrov.spans) == 4
        assert all(article.line_of(span) < article.size.height - 2 for span in lavrov.spans)

        def current_drawn() -> int:
            return len(drawn_runs(article, "article--current"))

        assert current_drawn() == 1
        for key, expected in (("n", 1), ("N", 0), ("N", 3), ("n", 0)):
            await press(pilot, key, lambda e=expected: screen.current == e, key)
            await pilot.pause()
            assert current_drawn() == 1, f"{key} to mention {expected + 1}"


async def test_a_person_flags_their_quotes(analyses: Any) -> None:
    app = seed_app(analyses)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(pilot)
        await press(pilot, "1", lambda: selected(pilot) == "p1", "Lavrov")
        rows = pane_rows(app, "quotes")
        assert [row.startswith("▶ Lavrov") for row in rows] == [True, True, False, False]


async def test_the_flags_on_screen_follow_the_person(analyses: Any) -> None:
    """What the Quotes pane draws, not just its rows' prompts: only changed rows are
    redrawn, so a row drawn before the change must not keep its old flag."""
    app = seed_app(analyses)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(pilot)
        quotes = app.screen.query_one("#quotes", EntityPane).option_list

        def drawn() -> list[str]:
            lines = [quotes.render_line(y).text.strip() for y in range(quotes.size.height)]
            speakers = {"Lavrov", "Mevlut Cavusoglu"}
            return [line for line in lines if line.removeprefix("▶ ") in speakers]

        assert drawn() == ["Lavrov", "Lavrov", "Mevlut Cavusoglu", "Mevlut Cavusoglu"]
        await press(pilot, "1", lambda: selected(pilot) == "p1", "Lavrov")
        await until(pilot, lambda: drawn()[0] == "▶ Lavrov", "the flags")
        assert drawn() == ["▶ Lavrov", "▶ Lavrov", "Mevlut Cavusoglu", "Mevlut Cavusoglu"]
        await press(pilot, "down", lambda: selected(pilot) == "p2", "Mevlut Cavusoglu")
        await until(pilot, lambda: drawn()[0] == "Lavrov", "the flags")
        assert drawn() == ["Lavrov", "Lavrov", "▶ Mevlut Cavusoglu", "▶ Mevlut Cavusoglu"]
        await press(pilot, "escape", lambda: selected(pilot) is None, "Esc")
        await until(pilot, lambda: drawn()[2] == "Mevlut Cavusoglu", "the flags")
        assert drawn() == ["Lavrov", "Lavrov", "Mevlut Cavusoglu", "Mevlut Cavusoglu"]


async def test_selecting_a_quote_marks_it_and_its_speaker(analyses: Any) -> None:
    app = seed_app(analyses)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(pilot)
        await press(pilot, "3", lambda: selected(pilot) == "q1", "Quotes")
        await press(pilot, "down", lambda: selected(pilot) == "q2", "the second quote")
        await press(pilot, "down", lambda: selected(pilot) == "q3", "the third quote")
        quote = " ".join(await drawn_throughout(pilot, view(app), "article--quote"))
        assert quote.startswith("Our President (Recep Tayyip")
        assert quote.endswith("and political transition,")
        assert await drawn_throughout(pilot, view(app), "article--speaker") == ["Cavusoglu"]
        assert status(app) == "Quote — Mevlut Cavusoglu"
        await press(pilot, "escape", lambda: selected(pilot) is None, "Esc")
        for part in ("article--quote", "article--speaker", "article--mention"):
            assert await drawn_throughout(pilot, view(app), part) == []


async def test_filter_narrows_the_focused_pane(analyses: Any) -> None:
    app = seed_app(analyses)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(pilot)
        await press(pilot, "1", lambda: selected(pilot) == "p1", "People")
        await pilot.press("slash", "p", "u", "t")
        await until(pilot, lambda: len(pane_rows(app, "people")) == 1, "the filter")
        assert [row.split("  ")[0] for row in pane_rows(app, "people")] == ["Vladimir Putin"]
        await press(pilot, "escape", lambda: len(pane_rows(app, "people")) == 5, "Esc")


async def test_tab_cycles_between_body_and_panes(analyses: Any) -> None:
    app = seed_app(analyses)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(pilot)
        assert isinstance(app.focused, ArticleView)
        await press(pilot, "tab", lambda: focused_pane(app) == "people", "tab")
        await press(pilot, "tab", lambda: focused_pane(app) == "countries", "tab")
        await press(pilot, "tab", lambda: focused_pane(app) == "quotes", "tab")
        await press(pilot, "shift+tab", lambda: focused_pane(app) == "countries", "shift+tab")


async def test_help_opens_and_closes(analyses: Any) -> None:
    app = seed_app(analyses)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(pilot)
        await press(pilot, "question_mark", lambda: isinstance(app.screen, HelpScreen), "?")
        await press(pilot, "escape", lambda: isinstance(app.screen, MainScreen), "Esc")


async def test_command_palette_goes_to_a_person(analyses: Any) -> None:
    app = seed_app(analyses)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(pilot)
        await palette_choose(pilot, "person: putin", "Vladimir Putin")
        await until(pilot, lambda: selected(pilot) == "p5", "go to Vladimir Putin")
        assert status(app) == "Vladimir Putin — mention 1 of 1"


async def test_article_markup_is_shown_as_typed(tmp_path: Path, analyst: Analyst) -> None:
    path = tmp_path / "markup.txt"
    path.write_text(
        "[bold]Headline[/bold] here\n\n"
        "Vladimir Putin said [@click=app.quit]nothing[/] and \x1b[2J left.\n",
        encoding="utf-8",
    )
    app = make_app(load_document(path), analyst=analyst)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(pilot)
        await pilot.click(ArticleView, offset=(10, 3))
        await pilot.pause()
        assert app.is_running  # the click on "[@click=app.quit]" did nothing
        lines = ["".join(segment.text for segment in view(app).render_line(y)) for y in range(6)]
        shown = "\n".join(lines)
        assert "[bold]Headline[/bold] here" in shown
        assert "[@click=app.quit]nothing[/]" in shown
        assert "^[[2J" in shown and "\x1b" not in shown


async def test_a_new_theme_redraws_the_article_in_its_colours(analyses: Any) -> None:
    app = seed_app(analyses)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(pilot)
        article = view(app)

        def background() -> object:
            return article.render_line(2)._segments[0].style.bgcolor

        dark = background()
        app.theme = "textual-light"
        await until(pilot, lambda: background() != dark, "the light theme")
        assert background() == article.rich_style.bgcolor


@pytest.mark.parametrize("size", [SIZE, (200, 40)])
async def test_the_article_is_drawn_first_and_does_not_move_when_the_rest_arrives(
    monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], analyst: Analyst
) -> None:
    app = make_app(load_document(SEED), analyst=analyst)
    first_frame: list[tuple[Region, list[str], int]] = []
    after_first_paint = MainScreen._after_first_paint

    async def record(screen: MainScreen) -> None:
        article = view(app)
        shown = [article.render_line(y).text.strip() for y in range(article.size.height)]
        rest = len(screen.query(Footer)) + len(screen.query(EntityPane))
        first_frame.append((article.region, shown, rest))
        await after_first_paint(screen)

    monkeypatch.setattr(MainScreen, "_after_first_paint", record)
    async with app.run_test(size=size) as pilot:
        await analysed(pilot)
        await pilot.pause()
        region, shown, rest_in_first_frame = first_frame[0]
        assert shown[0].startswith("Attack on Turkish soldiers")  # the text, in frame one
        assert rest_in_first_frame == 0  # and neither the footer nor the panes yet
        assert view(app).region == region  # the status line and footer took a kept place
        assert app.screen.query_one(Footer).region.height == 1
        assert status(app).startswith("5 people")
        assert app.screen.focused is view(app)  # the keys go to the article


@pytest.mark.parametrize("width", [160, 200, 300])
async def test_a_wide_terminal_centres_the_text_beside_the_panes(analyses: Any, width: int) -> None:
    """The text keeps a reading measure and sits in the middle of the room the panes
    leave: the blank columns left of it and right of it (up to the panes) are nearly
    equal, rather than all of them on the right."""
    app = seed_app(analyses)
    async with app.run_test(size=(width, 40)) as pilot:
        screen = await analysed(pilot)
        article = view(app)
        sidebar = screen.query_one("#sidebar")
        lines = [
            article.render_line(y).text.rstrip()
            for y in range(article.scrollable_content_region.height)
        ]
        longest = max(len(line) for line in lines)
        left = article.scrollable_content_region.x + min(
            len(line) - len(line.lstrip()) for line in lines if line.strip()
        )
        right = sidebar.region.x - (article.scrollable_content_region.x + longest)
        assert 70 <= longest <= 100  # a comfortable measure, not the whole width
        # The article's bar, padding and scrollbar are blank columns too, so the two
        # sides differ by those and by the ragged right edge of the text.
        assert abs(left - right) <= 8, (left, right)


def drawn_pane(app: ReaderApp, pane: str) -> list[str]:
    """The lines a pane's list draws now, as the terminal shows them."""
    option_list = app.screen.query_one(f"#{pane}", EntityPane).option_list
    region = option_list.region
    rows = [strip.text for strip in app.screen._compositor.render_strips()]
    return [row[region.x : region.right] for row in rows[region.y : region.bottom]]


@pytest.mark.parametrize("pane", ["people", "quotes"])
async def test_a_pane_resized_is_drawn_as_one_opened_at_that_size(analyses: Any, pane: str) -> None:
    """The lists keep their entries' measurements while only their height changes (a
    book's quotes were measured twice as the panes filled), and measure and draw them
    again when their width does: narrower, then wider again, each pane looks as it does
    in an app opened at that size."""

    async def opened_at(size: tuple[int, int]) -> list[str]:
        app = seed_app(analyses)
        async with app.run_test(size=size) as pilot:
            await analysed(pilot)
            return drawn_pane(app, pane)

    wide, narrow = (160, 40), (84, 40)
    app = seed_app(analyses)
    async with app.run_test(size=wide) as pilot:
        await analysed(pilot)
        first = drawn_pane(app, pane)
        for size in (narrow, wide):
            await pilot.resize_terminal(*size)
            expected = await opened_at(size)
            await until(
                pilot, lambda shown=expected: drawn_pane(app, pane) == shown, f"the pane at {size}"
            )
        assert drawn_pane(app, pane) == first
    assert await opened_at(narrow) != first
