"""Read marks: kept in SQLite, shown in the library, never silently lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import DataTable

from reader.analysis import AnalysisCache
from reader.document import Feed, open_argument
from reader.readmarks import Entry, ReadMarks, default_path
from reader.ui.app import make_app
from reader.ui.screens.library import UNREAD, LibraryScreen
from reader.ui.screens.main import MainScreen

from .ui import analysed, until

INBOX = Path(__file__).parent / "feeds" / "inbox.rss"
SIZE = (140, 36)


def test_marks_are_kept_between_two_readers_open_at_once(tmp_path: Path) -> None:
    path = tmp_path / "read.sqlite3"
    first, second = ReadMarks(path), ReadMarks(path)
    assert first.mark([Entry("a", feed="Wire", title="A")])
    assert second.mark([Entry("b")])
    assert first.read(["a", "b", "c"]) == second.read(["a", "b", "c"]) == {"a", "b"}
    assert first.mark([Entry("a")], read=False)
    assert second.read(["a", "b"]) == {"b"}
    first.close()
    second.close()
    with sqlite3.connect(path) as db:  # a person can read it too
        rows = db.execute("SELECT key, read FROM items ORDER BY key").fetchall()
    assert rows == [("a", 0), ("b", 1)]
    assert not first.problem and not second.problem


def test_a_damaged_database_is_set_aside_and_a_new_one_started(tmp_path: Path) -> None:
    path = tmp_path / "read.sqlite3"
    damaged = b"not a database at all " * 100
    path.write_bytes(damaged)
    marks = ReadMarks(path)
    assert marks.read(["a"]) == set()
    (aside,) = tmp_path.glob("read.sqlite3.damaged-*")
    assert aside.read_bytes() == damaged  # kept as it was, never emptied
    assert marks.problem.startswith(f"{path} could not be read (")
    assert aside.name in marks.problem and "\n" not in marks.problem
    assert marks.mark([Entry("a")])
    assert ReadMarks(path).read(["a"]) == {"a"}


def test_a_data_directory_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the directory should be")
    marks = ReadMarks(blocker / "reader" / "read.sqlite3")
    assert not marks.mark([Entry("a")])
    assert marks.read(["a"]) == set()
    assert "read marks not saved" in marks.problem and "\n" not in marks.problem


def test_the_database_is_in_the_user_data_directory(tmp_path: Path) -> None:
    # conftest points XDG_DATA_HOME at tmp_path / "data".
    assert default_path() == tmp_path / "data" / "reader" / "read.sqlite3"


def cells(library: LibraryScreen, column: str) -> list[str]:
    table = library.query_one(DataTable)
    return [str(table.get_cell(row, column)).strip() for row in table.rows]


async def test_opening_an_item_marks_it_read_and_m_and_M_mark_by_hand(tmp_path: Path) -> None:
    feed = open_argument(str(INBOX))
    assert isinstance(feed, Feed)

    app = make_app(None, cache=AnalysisCache(tmp_path), library=list(feed.items), title=feed.title)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the inbox")
        library = app.screen
        assert isinstance(library, LibraryScreen)
        assert cells(library, "Unread") == [UNREAD] * 3
        table = library.query_one(DataTable)
        await until(pilot, lambda: library.settled, "the items analysed")
        await pilot.press("enter")
        await analysed(pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("q")
        await until(pilot, lambda: app.screen is library, "back in the inbox")
        assert cells(library, "Unread") == ["", UNREAD, UNREAD]
        table.move_cursor(row=1)
        await pilot.press("m")
        await until(pilot, lambda: cells(library, "Unread")[1] == "", "m to mark read")
        await pilot.press("m")
        await until(pilot, lambda: cells(library, "Unread")[1] == UNREAD, "m to mark unread")
        await pilot.press("slash", *"fishing", "enter")
        await until(pilot, lambda: len(cells(library, "Title")) == 1, "the filter")
        await pilot.press("M")  # only what the filter shows
        await until(pilot, lambda: cells(library, "Unread") == [""], "M")
    again = make_app(
        None, cache=AnalysisCache(tmp_path), library=list(feed.items), title=feed.title
    )
    async with again.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(again.screen, LibraryScreen), "the inbox again")
        assert cells(again.screen, "Unread") == ["", UNREAD, ""]
