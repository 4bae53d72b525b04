"""Driving the app with Textual's Pilot: what lights up, where the cursor goes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Footer, OptionList, Static

from reader.document import load_document
from reader.ui.app import ReaderApp, make_app
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.entity_pane import EntityPane

from .conftest import SEED

SIZE = (120, 36)


async def ready(app: ReaderApp) -> None:
    await app.workers.wait_for_complete()
    await app.screen.workers.wait_for_complete()


def view(app: ReaderApp) -> ArticleView:
    return app.screen.query_one(ArticleView)


def status(app: ReaderApp) -> str:
    return str(app.screen.query_one("#status", Static).render())


def pane_rows(app: ReaderApp, pane: str) -> list[str]:
    option_list = app.screen.query_one(f"#{pane}", EntityPane).query_one(OptionList)
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


async def test_panes_fill_after_analysis() -> None:
    app = make_app(load_document(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app)
        await pilot.pause()
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


async def test_selecting_a_person_marks_every_mention_and_n_moves_on() -> None:
    app = make_app(load_document(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app)
        await pilot.press("1", "down")  # from Lavrov onto Mevlut Cavusoglu
        await pilot.pause()
        lit = view(app).highlighted()
        assert [text for kind, text in lit if kind != "current"] == [
            "Mevlut Cavusoglu",
            "Mevlut Cavusoglu",
            "Cavusoglu",
            "Cavusoglu",
        ]
        assert [text for kind, text in lit if kind == "current"] == ["Mevlut Cavusoglu"]
        assert status(app) == "Mevlut Cavusoglu — mention 1 of 4"
        top = view(app).scroll_offset.y
        await pilot.press("n", "n", "n")
        await pilot.pause()
        assert status(app) == "Mevlut Cavusoglu — mention 4 of 4"
        assert view(app).scroll_offset.y > top  # the fourth mention is further down
        await pilot.press("N")
        assert status(app) == "Mevlut Cavusoglu — mention 3 of 4"
        await pilot.press("n", "n")
        assert status(app) == "Mevlut Cavusoglu — mention 1 of 4"  # wraps around


async def test_a_person_flags_their_quotes() -> None:
    app = make_app(load_document(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app)
        await pilot.press("1")
        await pilot.pause()
        rows = pane_rows(app, "quotes")
        assert [row.startswith("▶ Lavrov") for row in rows] == [True, True, False, False]


async def test_the_flags_on_screen_follow_the_person() -> None:
    """What the Quotes pane draws, not just its rows' prompts: only changed rows are
    redrawn, so a row drawn before the change must not keep its old flag."""
    app = make_app(load_document(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app)
        await pilot.pause()
        quotes = app.screen.query_one("#quotes", EntityPane).option_list

        def drawn() -> list[str]:
            lines = [quotes.render_line(y).text.strip() for y in range(quotes.size.height)]
            speakers = {"Lavrov", "Mevlut Cavusoglu"}
            return [line for line in lines if line.removeprefix("▶ ") in speakers]

        assert drawn() == ["Lavrov", "Lavrov", "Mevlut Cavusoglu", "Mevlut Cavusoglu"]
        await pilot.press("1")  # Lavrov
        await pilot.pause()
        assert drawn() == ["▶ Lavrov", "▶ Lavrov", "Mevlut Cavusoglu", "Mevlut Cavusoglu"]
        await pilot.press("down")  # Mevlut Cavusoglu
        await pilot.pause()
        assert drawn() == ["Lavrov", "Lavrov", "▶ Mevlut Cavusoglu", "▶ Mevlut Cavusoglu"]
        await pilot.press("escape")
        await pilot.pause()
        assert drawn() == ["Lavrov", "Lavrov", "Mevlut Cavusoglu", "Mevlut Cavusoglu"]


async def test_selecting_a_quote_marks_it_and_its_speaker() -> None:
    app = make_app(load_document(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app)
        await pilot.press("3", "down", "down")  # the third quote, Cavusoglu's
        await pilot.pause()
        lit = view(app).highlighted()
        quote = [text for kind, text in lit if kind == "current"]
        assert len(quote) == 1 and quote[0].startswith("Our President (Recep Tayyip")
        assert [text for kind, text in lit if kind == "related"] == ["Cavusoglu"]
        assert status(app) == "Quote — Mevlut Cavusoglu"
        await pilot.press("escape")
        await pilot.pause()
        assert view(app).highlighted() == []


async def test_filter_narrows_the_focused_pane() -> None:
    app = make_app(load_document(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app)
        await pilot.press("1", "slash", "p", "u", "t")
        await pilot.pause()
        assert [row.split("  ")[0] for row in pane_rows(app, "people")] == ["Vladimir Putin"]
        await pilot.press("escape")
        await pilot.pause()
        assert len(pane_rows(app, "people")) == 5


async def test_tab_cycles_between_body_and_panes() -> None:
    app = make_app(load_document(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app)
        assert isinstance(app.focused, ArticleView)
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#people", EntityPane).option_list
        await pilot.press("tab", "tab")
        assert app.focused is app.screen.query_one("#quotes", EntityPane).option_list
        await pilot.press("shift+tab")
        assert app.focused is app.screen.query_one("#countries", EntityPane).option_list


async def test_help_opens_and_closes() -> None:
    app = make_app(load_document(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_goes_to_a_person() -> None:
    app = make_app(load_document(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app)
        await pilot.press("ctrl+p")
        await pilot.press(*"person: putin")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert status(app) == "Vladimir Putin — mention 1 of 1"


async def test_article_markup_is_shown_as_typed(tmp_path: Path) -> None:
    path = tmp_path / "markup.txt"
    path.write_text(
        "[bold]Headline[/bold] here\n\n"
        "Vladimir Putin said [@click=app.quit]nothing[/] and \x1b[2J left.\n",
        encoding="utf-8",
    )
    app = make_app(load_document(path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app)
        await pilot.click(ArticleView, offset=(10, 3))
        await pilot.pause()
        assert app.is_running  # the click on "[@click=app.quit]" did nothing
        lines = ["".join(segment.text for segment in view(app).render_line(y)) for y in range(6)]
        shown = "\n".join(lines)
        assert "[bold]Headline[/bold] here" in shown
        assert "[@click=app.quit]nothing[/]" in shown
        assert "^[[2J" in shown and "\x1b" not in shown


async def test_a_new_theme_redraws_the_article_in_its_colours() -> None:
    app = make_app(load_document(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article = view(app)

        def background() -> object:
            return article.render_line(2)._segments[0].style.bgcolor  # type: ignore[union-attr]

        dark = background()
        app.theme = "textual-light"
        await pilot.pause()
        assert background() != dark
        assert background() == article.rich_style.bgcolor


async def test_the_article_is_drawn_first_and_does_not_move_when_the_rest_arrives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(load_document(SEED))
    first_frame: list[tuple[Region, list[str], int]] = []
    after_first_paint = MainScreen._after_first_paint

    async def record(screen: MainScreen) -> None:
        article = view(app)
        shown = [article.render_line(y).text.strip() for y in range(article.size.height)]
        rest = len(screen.query(Footer)) + len(screen.query(EntityPane))
        first_frame.append((article.region, shown, rest))
        await after_first_paint(screen)

    monkeypatch.setattr(MainScreen, "_after_first_paint", record)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app)
        await pilot.pause()
        region, shown, rest_in_first_frame = first_frame[0]
        assert shown[0].startswith("Attack on Turkish soldiers")  # the text, in frame one
        assert rest_in_first_frame == 0  # and neither the footer nor the panes yet
        assert view(app).region == region  # the status line and footer took a kept place
        assert app.screen.query_one(Footer).region.height == 1
        assert status(app).startswith("5 people")
        assert app.screen.focused is view(app)  # the keys go to the article
