"""Several articles: the library table, sorting, filtering, opening, next and previous."""

from __future__ import annotations

from textual.widgets import DataTable, OptionList

from reader.analysis import AnalysisCache
from reader.ui.app import ReaderApp, make_app
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.main import MainScreen

from .conftest import SAMPLE_FILES

SIZE = (140, 36)


def library_app(tmp_path: object) -> ReaderApp:
    sources = [str(p) for p in SAMPLE_FILES]
    return make_app(None, cache=AnalysisCache(tmp_path / "cache"), library=sources)  # type: ignore[operator]


async def ready(app: ReaderApp, pilot: object) -> LibraryScreen:
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    await screen.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    return screen


def column(app: ReaderApp, name: str) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(table.get_cell(row, name)) for row in table.rows]


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
        people = [int(n) for n in column(app, "People")]
        assert people == sorted(people)
        await pilot.press("O")
        assert [int(n) for n in column(app, "People")] == sorted(people, reverse=True)
        await pilot.press("slash", *"mugabe", "enter")
        assert [t[:24] for t in column(app, "Title")] == ["Longtime leader of Zimba"]
        await pilot.press("escape")
        assert len(column(app, "Title")) == len(SAMPLE_FILES)
        first_title = column(app, "Title")[0]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.document.title == first_title
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.document.title == column_after_back(app)[1]
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


def column_after_back(app: ReaderApp) -> list[str]:
    library = next(s for s in app.screen_stack if isinstance(s, LibraryScreen))
    table = library.query_one(DataTable)
    return [str(table.get_cell(row, "Title")) for row in table.rows]


async def test_people_and_countries_recurring_across_articles(tmp_path: object) -> None:
    app = library_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        option_list = app.screen.query_one("#recurring-list", OptionList)
        labels = [
            str(option_list.get_option_at_index(i).prompt).split("  ")
            for i in range(option_list.option_count)
        ]
        recurring = {label: int(count) for label, count in labels}
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
        await pilot.pause()
        await pilot.pause()
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
        await asyncio.sleep(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, MainScreen)
        assert str(app.screen.query_one("#status").render()).endswith("pick one to light it up")
