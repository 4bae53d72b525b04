"""Several articles: the library table, sorting, filtering, opening, next and previous."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static

from benchmarks.shapes import library_article, person
from reader.analysis import AnalysisCache
from reader.ui.app import ReaderApp, make_app
from reader.ui.screens.library import COLUMNS, LibraryScreen
from reader.ui.screens.main import MainScreen

from .conftest import SAMPLE_FILES
from .test_recurring import recount
from .ui import analysed, until

SIZE = (140, 36)


def library_app(tmp_path: object) -> ReaderApp:
    sources = [str(p) for p in SAMPLE_FILES]
    return make_app(None, cache=AnalysisCache(tmp_path / "cache"), library=sources)


async def ready(app: ReaderApp, pilot: Pilot[None]) -> LibraryScreen:
    """The library once every article is analysed (or marked as not analysable), and the
    pane "Across articles" counts them all."""
    await until(
        pilot,
        lambda: (
            isinstance(app.screen, LibraryScreen)
            and app.screen.settled
            and app.screen.recurring_shown
        ),
        "every article to be analysed and counted",
    )
    await pilot.pause()
    assert isinstance(app.screen, LibraryScreen)
    return app.screen


def column(app: ReaderApp, name: str) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(table.get_cell(row, name)).strip() for row in table.rows]


async def test_table_lists_every_article_with_its_counts(tmp_path: object) -> None:
    app = library_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        titles = column(app, "Title")
        assert len(titles) == len(SAMPLE_FILES)
        assert any(t.startswith("Attack on Turkish soldiers") for t in titles)
        row = titles.index(next(t for t in titles if t.startswith("Attack on Turkish")))
        assert (column(app, "People")[row], column(app, "Quotes")[row]) == ("5", "4")


async def test_sort_filter_open_and_step_through(tmp_path: object) -> None:
    app = library_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("o", "o")  # sort by people, ascending
        people_column = COLUMNS.index("People")
        await until(pilot, lambda: app.screen.sort_column == people_column, "the sort")
        people = [int(n) for n in column(app, "People")]
        assert people == sorted(people)
        await pilot.press("O")
        await until(pilot, lambda: app.screen.sort_reverse, "the reversed sort")
        assert [int(n) for n in column(app, "People")] == sorted(people, reverse=True)
        await pilot.press("slash", *"mugabe", "enter")
        await until(pilot, lambda: len(column(app, "Title")) == 1, "the filter")
        assert [t[:24] for t in column(app, "Title")] == ["Longtime leader of Zimba"]
        await pilot.press("escape")
        await until(pilot, lambda: len(column(app, "Title")) == len(SAMPLE_FILES), "Esc")
        first_title = column(app, "Title")[0]
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "the article")
        # A long title is cut in the table, at a word, with an ellipsis.
        assert app.screen.document.title.startswith(first_title.removesuffix("…"))
        await analysed(pilot)
        await pilot.press("right_square_bracket")
        second = column_after_back(app)[1]
        await until(
            pilot,
            lambda: app.screen.document.title.startswith(second.removesuffix("…")),
            "the next article",
        )
        await analysed(pilot)
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        # Back where the reading left off: on the second article, not the one opened first.
        table = app.screen.query_one(DataTable)
        await until(pilot, lambda: table.cursor_row == 1, "the cursor on the article read last")


def column_after_back(app: ReaderApp) -> list[str]:
    library = next(s for s in app.screen_stack if isinstance(s, LibraryScreen))
    table = library.query_one(DataTable)
    return [str(table.get_cell(row, "Title")) for row in table.rows]


async def test_people_and_countries_recurring_across_articles(tmp_path: object) -> None:
    app = library_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        recurring = dict(recurring_pane(app))
        # Erdogan is in the seed and the Hagia Sophia article (spelt Erdoğan there).
        erdogan = [n for label, n in recurring.items() if label.startswith("Recep Tayyip Erdo")]
        assert erdogan == [2]  # one row for both spellings
        assert recurring["Turkey (TUR)"] >= 2


async def test_two_quick_enters_open_one_article(tmp_path: object) -> None:
    from textual import events

    app = library_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        # Posted back to back, as key repeat or a double click delivers them.
        app.post_message(events.Key("enter", "\r"))
        app.post_message(events.Key("enter", "\r"))
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "the article")
        await analysed(pilot)
        assert app.is_running
        assert isinstance(app.screen, MainScreen)
        assert sum(isinstance(s, MainScreen) for s in app.screen_stack) == 1


async def test_holding_next_article_never_catches_an_article_half_built(tmp_path: object) -> None:
    """`]` held down: each article is replaced while it is still filling in its panes."""
    import asyncio

    from textual import events

    app = library_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        for interval in (0.02, 0.025, 0.033, 0.05):  # terminals' key-repeat rates
            for _ in range(3):
                await asyncio.sleep(interval)
                app.post_message(events.Key("right_square_bracket", "]"))
        # Twelve steps through four articles end on the last one, however slowly they go.
        library = next(s for s in app.screen_stack if isinstance(s, LibraryScreen))
        last = library.openable()[-1]
        document = library.articles[last].document
        await until(
            pilot,
            lambda: isinstance(app.screen, MainScreen) and app.screen.document is document,
            "the last article",
        )
        screen = await analysed(pilot)
        assert app.is_running
        # The panes filled in; a `]` that came after says there is no next article.
        shown = str(screen.query_one("#status").render())
        assert shown.endswith("pick one to light it up") or shown.startswith(
            "This is the last article"
        ), shown


def recurring_pane(app: ReaderApp) -> list[tuple[str, int]]:
    option_list = app.screen.query_one("#recurring-list", OptionList)
    rows = []
    for index in range(option_list.option_count):
        label, count = str(option_list.get_option_at_index(index).prompt).rsplit("  ", 1)
        rows.append((label, int(count.removeprefix("in "))))  # "in 3": three articles
    return rows


@pytest.mark.slow
async def test_a_library_of_hundreds_finishes_with_who_recurs_across_it(tmp_path: Path) -> None:
    """Each person speaks in two of 200 small articles (issue 12: a library of thousands
    once recounted every article after each one, and slowed down as it went)."""
    articles = 200
    folder = tmp_path / "clippings"
    folder.mkdir()
    for number in range(articles):
        (folder / f"{number:03d}.txt").write_text(library_article(number, articles))
    sources = sorted(str(path) for path in folder.iterdir())
    app = make_app(None, cache=AnalysisCache(tmp_path / "cache"), library=sources)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        pane = recurring_pane(app)
        analyses = [article.analysis for article in screen.articles]
        assert all(analysis is not None for analysis in analyses)
        # Exactly what counting the analyses afresh gives, most articles first.
        assert pane == recount(analyses)
        counts = dict(pane)
        for number in range(articles // 2):
            first, last = person(number)  # the speaker of articles `number` and +100
            assert counts.get(f"{first} {last}", 0) >= 2, (first, last)
        assert counts["Norway (NOR)"] == len(range(0, articles, 7))
        status = str(screen.query_one("#library-status", Static).render())
        assert status == f"Analysed {articles} of {articles} articles — Enter opens one"


def test_a_long_title_ends_with_an_ellipsis_after_a_whole_word() -> None:
    from rich.text import Text

    from reader.ui.screens.library import _fitted

    title = Text("Ministers from six countries agree on a long plan for the fisheries")
    assert _fitted(title, 30).plain == "Ministers from six countries…"
    assert _fitted(Text("Short title"), 30).plain == "Short title"
    wide = _fitted(Text("東京" * 20), 11)
    assert wide.cell_len <= 11 and wide.plain.endswith("…")


async def test_enter_on_someone_across_articles_lists_the_articles_they_are_in(
    tmp_path: object,
) -> None:
    app = library_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        library = await ready(app, pilot)
        first = library.recurring.rows()[0]
        recurring = library.query_one("#recurring-list", OptionList)
        recurring.focus()
        recurring.highlighted = 0
        await pilot.press("enter")
        await until(pilot, lambda: len(column(app, "Title")) == first.articles, "the filter")
        status = str(library.query_one("#library-status", Static).render())
        assert status.startswith(f"Showing {first.articles} of {len(SAMPLE_FILES)}:")
        await pilot.press("escape")
        await until(pilot, lambda: len(column(app, "Title")) == len(SAMPLE_FILES), "Esc")
