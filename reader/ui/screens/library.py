"""Several articles: a table of them, analysed in the background, and who recurs across them."""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, OptionList, Static
from textual.widgets.data_table import ColumnKey, RowDoesNotExist
from textual.widgets.option_list import Option, OptionDoesNotExist
from textual.worker import get_current_worker

from ...analysis.analyst import Analyst, Job
from ...analysis.recurring import Recurring
from ...analysis.worker import usable_cores
from ...document import (
    Document,
    Feed,
    FeedItem,
    FetchCancelled,
    LoadError,
    Source,
    is_url,
    load_source,
    open_argument,
    visible,
)
from ...document.sources import MAX_CONNECTIONS, source_name
from ...readmarks import Entry, ReadMarks
from ...wording import counted
from ..library_filter import LibraryFilter, quoted
from ..resources import stylesheet

if TYPE_CHECKING:
    from ...analysis import Analysis
    from ...config import Config
    from .main import MainScreen

COLUMNS = ("Unread", "Title", "Date", "People", "Countries", "Quotes", "Source")
LABELS = ("", *COLUMNS[1:])  # the unread column is a dot, its header nothing
NUMBERS = frozenset({"People", "Countries", "Quotes"})
UNREAD = "•"
# Widths that leave every column on an 80-column screen's share; long titles are cut.
WIDTHS = (1, 38, 12, 8, 11, 8, 20)  # room for the sort's arrow
PENDING = "…"
# The pane "Across articles" is redrawn at most this often, and spends at most this share
# of the time redrawing: a library of thousands finishes articles faster than a list of
# thousands of rows can be laid out after each.
REFRESH_INTERVAL = 0.25
REFRESH_SHARE = 0.1


@dataclass
class Article:
    source: Source
    document: Document | None = None
    error: str = ""
    analysis: Analysis | None = None
    read: bool = False
    # What it turned out to be, when that is not an article: a feed, whose items are
    # listed as articles of their own.
    note: str = ""

    @property
    def title(self) -> str:
        if self.document is not None:
            return self.document.title
        return self.source.title if isinstance(self.source, FeedItem) else ""

    @property
    def origin(self) -> str:
        """Where it comes from, in a few words: the file's name, or the feed's title."""
        if isinstance(self.source, FeedItem):
            return self.source.feed
        return source_name(self.source).rsplit("/", 1)[-1]

    @property
    def key(self) -> str:
        """What its read mark is kept under: a feed item's id, else its page's address
        or its file's absolute path."""
        source = self.source
        if isinstance(source, FeedItem):
            return source.key
        if isinstance(source, Document):
            return source.source or source.title
        return source if source == "-" or is_url(source) else os.path.abspath(source)

    def entry(self) -> Entry:
        feed = self.source.feed if isinstance(self.source, FeedItem) else ""
        date = self.document.date if self.document is not None else ""
        if isinstance(self.source, FeedItem):
            date = date or self.source.date
        return Entry(self.key, feed=feed, title=self.title, date=date)

    @property
    def fetched(self) -> bool:
        """Whether loading it means waiting on the network."""
        if isinstance(self.source, FeedItem):
            return bool(self.source.link)
        return isinstance(self.source, str) and is_url(self.source)


class LibraryScreen(Screen[None]):
    CSS_PATH = stylesheet("library")
    BINDINGS = [
        Binding("o", "sort_next", "Sort", id="sort", tooltip="Sort by the next column"),
        Binding("O", "sort_reverse", "Reverse", id="sort_reverse", tooltip="Reverse the sort"),
        Binding(
            "slash",
            "filter",
            "Filter",
            id="library_filter",
            tooltip="Filter by title or source, or person:, country:, speaker:",
        ),
        Binding("escape", "close_filter", "Close filter", show=False),
        Binding("m", "toggle_read", "Read", id="toggle_read", tooltip="Mark read, or unread again"),
        Binding("R", "refresh_feeds", "Refresh", id="refresh", tooltip="Fetch the feeds again"),
        Binding(
            "M",
            "mark_shown_read",
            "All read",
            show=False,
            id="mark_shown_read",
            tooltip="Mark every article in the list read",
        ),
    ]

    @dataclass
    class Loaded(Message):
        index: int

    @dataclass
    class Analysed(Message):
        index: int
        analysis: Analysis | None  # None: the analysis failed (the reason is on the row)

    @dataclass
    class FeedListed(Message):
        """A web address in the list was a feed: its items are now articles too."""

        feed: Feed
        added: range  # their places in `articles`

    def __init__(
        self,
        sources: Sequence[Source],
        analyst: Analyst,
        config: Config,
        title: str = "",
        marks: ReadMarks | None = None,
        feeds: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.marks = marks or ReadMarks()
        self.feeds = list(feeds)  # where the items came from, for R to fetch again
        self.articles = [Article(source) for source in sources]
        self.heading = title  # a feed's title; else the number of articles says it
        self.analyst = analyst
        self._jobs: list[Job] = []  # analyses started, ended if the screen goes
        self._closing = False
        self.config = config  # handed on to each reading screen
        # A feed's items in the feed's order (newest first, as feeds list them) until
        # another is chosen; a folder's articles by title. None: the order given.
        self.sort_column: int | None = None if title else COLUMNS.index("Title")
        self.sort_reverse = False
        self.recurring = Recurring()
        self._documents = 0  # articles read
        self._analysed = 0
        self._finished = 0  # analysed, or marked with why not
        self._recurring_due = False  # a redraw of the pane is scheduled
        self._recurring_shown = 0  # articles counted in the pane as drawn
        self._next_refresh = 0.0  # time.monotonic() before which the pane is not redrawn
        self._reading: int | None = None  # the article open over the library
        # Pages fetched at once, however many threads fetch them (a feed found among the
        # articles brings threads of its own for its items).
        self._connections = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self._adding = threading.Lock()  # two feeds found at once add their items in turn

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="library"):
            with Vertical(id="library-main"):
                yield Input(
                    placeholder="filter: words, person:Name, country:TUR, speaker:Name…",
                    id="library-filter",
                )
                yield DataTable(id="articles", cursor_type="row", zebra_stripes=True)
            with Vertical(id="recurring"):
                yield Label("Across articles", classes="pane-title")
                yield OptionList(id="recurring-list")
        yield Static(id="library-status")
        yield Footer()

    def on_mount(self) -> None:
        count = counted(len(self.articles), "article")
        self.title = f"{visible(self.heading)} — {count}" if self.heading else count
        table = self.query_one(DataTable)
        read = self.marks.read(article.key for article in self.articles)
        for article in self.articles:
            article.read = article.key in read
        for name, label, width in zip(COLUMNS, LABELS, WIDTHS, strict=True):
            table.add_column(label, key=name, width=width)
        self._show_sort()
        self._fill()
        table.focus()
        self._report_marks()
        # Reading the files (and fetching web addresses) happens in the worker too: a slow
        # server must not keep the table, or the keys, waiting.
        self.call_after_refresh(self.load_and_analyse)

    # -- the table ----------------------------------------------------------------------

    def _row(self, article: Article) -> tuple[Text, ...]:
        unread = not article.read and not article.note
        mark = Text(UNREAD if unread else " ", style="bold")
        document = article.document
        analysis = article.analysis
        if document is None:
            if article.error:
                heading = Text(f"⚠ {visible(article.error)}", style="italic")
            elif article.note:
                heading = Text(visible(article.note), style="italic")
            elif article.title:  # a feed's item: its title is known before its page
                heading = Text(visible(article.title))
            else:
                heading = Text("loading…", style="italic")
            date = article.source.date if isinstance(article.source, FeedItem) else ""
            counts = ["", "", ""]
        else:
            heading = Text(visible(document.title))
            date = visible(document.date)
            found = (
                (analysis.people, analysis.countries, analysis.quotes) if analysis else ([],) * 3
            )
            counts = [PENDING if analysis is None else str(len(items)) for items in found]
        if unread:
            heading.stylize("bold")
        return (
            mark,
            _fitted(heading, WIDTHS[1]),
            Text(date),
            *(Text(count.rjust(width)) for count, width in zip(counts, WIDTHS[3:6], strict=True)),
            _fitted(Text(visible(article.origin)), WIDTHS[6]),
        )

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        wanted = LibraryFilter.parse(self.query_one("#library-filter", Input).value)
        current = table.cursor_row
        table.clear()
        for index in self._order():
            article = self.articles[index]
            haystack = f"{article.title} {source_name(article.source)} {article.origin}"
            if wanted.matches(haystack, article.analysis):
                table.add_row(*self._row(article), key=str(index))
        if table.row_count:
            table.move_cursor(row=min(current, table.row_count - 1))
        if wanted:
            self._say(
                f"Showing {table.row_count} of {len(self.articles)}: {wanted.describe()}"
                " — Esc shows them all"
            )

    def _order(self) -> list[int]:
        column = self.sort_column
        if column is None:
            given = list(range(len(self.articles)))
            return given[::-1] if self.sort_reverse else given

        def key(index: int) -> tuple[int, object]:
            if COLUMNS[column] == "Unread":
                return (0, self.articles[index].read)  # the unread first
            cells = self._row(self.articles[index])
            value = cells[column].plain.strip()
            if COLUMNS[column] in NUMBERS:
                return (0, int(value)) if value.isdigit() else (1, 0)
            return (0, value.casefold())

        return sorted(range(len(self.articles)), key=key, reverse=self.sort_reverse)

    def action_sort_next(self) -> None:
        column = -1 if self.sort_column is None else self.sort_column
        self.sort_column = (column + 1) % len(COLUMNS)
        self._sorted()

    def action_sort_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self._sorted()

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        column = COLUMNS.index(str(event.column_key.value))
        self.sort_reverse = not self.sort_reverse if column == self.sort_column else False
        self.sort_column = column
        self._sorted()

    def _sorted(self) -> None:
        direction = "descending" if self.sort_reverse else "ascending"
        if self.sort_column is None:
            order = "In the feed's order" + (", reversed" if self.sort_reverse else "")
        else:
            order = f"Sorted by {COLUMNS[self.sort_column].lower()}, {direction}"
        self.query_one("#library-status", Static).update(Text(order))
        self._show_sort()
        self._fill()

    def _show_sort(self) -> None:
        """An arrow in the header of the column the list is sorted by."""
        table = self.query_one(DataTable)
        arrow = "▼" if self.sort_reverse else "▲"
        for number, (name, label, width) in enumerate(zip(COLUMNS, LABELS, WIDTHS, strict=True)):
            shown = f"{label} {arrow}" if number == self.sort_column else label
            # Numbers and their headings to the right, as in a spreadsheet.
            shown = shown.rjust(width) if name in NUMBERS else shown
            table.columns[ColumnKey(name)].label = Text(shown)
        table.refresh()

    def action_filter(self) -> None:
        field = self.query_one("#library-filter", Input)
        field.add_class("-open")
        field.focus()

    def action_close_filter(self) -> None:
        field = self.query_one("#library-filter", Input)
        field.value = ""
        field.remove_class("-open")
        self.query_one(DataTable).focus()

    @on(OptionList.OptionSelected, "#recurring-list")
    def _recurring_chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter on a person or country across articles: the articles that have them."""
        key = event.option.id or ""
        row = next((row for row in self.recurring.rows() if row.key == key), None)
        if row is None:
            return
        field = key.partition(":")[0]
        value = key.partition(":")[2].upper() if field == "country" else row.label
        search = self.query_one("#library-filter", Input)
        search.value = quoted(field, value)
        search.add_class("-open")
        self._fill()
        self.query_one(DataTable).focus()

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#library-filter")
    def _filter_done(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        if self.app.screen is not self:
            return  # a second Enter while the first article is still opening
        self._read(int(str(event.row_key.value)))

    def _read(self, index: int) -> None:
        """Article `index` over the library (in place of the one being read, if any)."""
        from .main import MainScreen

        document = self.articles[index].document
        if document is None:
            return
        screen = MainScreen(document, self.analyst, library=self, config=self.config)
        if self._reading is None:
            self.app.push_screen(screen)
        else:
            self.app.switch_screen(screen)
        self._reading = index
        if not self.articles[index].read:
            self._mark([index], read=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "refresh_feeds":
            return bool(self.feeds)  # a folder has nothing to fetch again
        return True

    @dataclass
    class Refresh(Message):
        """To the app: fetch these feeds again, and list their items in place of these."""

        feeds: list[str]
        title: str

    def action_refresh_feeds(self) -> None:
        self.post_message(self.Refresh(self.feeds, self.heading))

    def action_toggle_read(self) -> None:
        index = self._under_cursor()
        if index is None:
            self._say("No article here to mark")
            return
        read = not self.articles[index].read
        self._mark([index], read)
        self._say(f"Marked {'read' if read else 'unread'}")

    def action_mark_shown_read(self) -> None:
        shown = [index for index in self._shown() if not self.articles[index].read]
        self._mark(shown, read=True)
        self._say(f"Marked {counted(len(shown), 'article')} read")

    def _mark(self, indices: list[int], read: bool) -> None:
        """Read marks set here at once, and kept in the database (a toast says when they
        cannot be: they then last as long as the screen)."""
        for index in indices:
            self.articles[index].read = read
            self._update_row(index)
        before = self.marks.problem
        self.marks.mark((self.articles[index].entry() for index in indices), read)
        if self.marks.problem != before:
            self._report_marks()

    def _report_marks(self) -> None:
        """A toast when the read marks cannot be kept (or their database was set aside)."""
        if self.marks.problem:
            self.notify(
                visible(self.marks.problem), title="Read marks", severity="warning", markup=False
            )

    def _under_cursor(self) -> int | None:
        table = self.query_one(DataTable)
        return self._article_at(table.cursor_row) if table.row_count else None

    def _shown(self) -> list[int]:
        return [self._article_at(row) for row in range(self.query_one(DataTable).row_count)]

    def _article_at(self, row: int) -> int:
        """The index in `articles` of the table's row `row`."""
        cell = self.query_one(DataTable).coordinate_to_cell_key(Coordinate(row, 0))
        return int(str(cell.row_key.value))

    def _say(self, text: str) -> None:
        self.query_one("#library-status", Static).update(Text(text))

    def on_main_screen_step_article(self, message: MainScreen.StepArticle) -> None:
        """`]` or `[` in the article being read: the next or previous one in the table's
        order, or why there is none."""
        if message.reading is not self.app.screen:
            return  # a key held down: this screen was already replaced by the next
        order = self.openable()
        if self._reading not in order:
            message.reading.say("This article is no longer in the library's list (is a filter on?)")
            return
        position = order.index(self._reading) + message.delta
        if not 0 <= position < len(order):
            end = "last" if message.delta > 0 else "first"
            message.reading.say(f"This is the {end} article of the library (l goes back to it)")
            return
        self._read(order[position])

    def on_screen_resume(self) -> None:
        """Back from reading: the cursor on the article read last."""
        if self._reading is None:
            return
        table = self.query_one(DataTable)
        with suppress(RowDoesNotExist):
            table.move_cursor(row=table.get_row_index(str(self._reading)))
        self._reading = None

    @property
    def settled(self) -> bool:
        """Every article analysed, or marked with why it could not be."""
        return self._finished == len(self.articles)

    @property
    def recurring_shown(self) -> bool:
        """The pane "Across articles" counts every article analysed so far."""
        return self._recurring_shown == self.recurring.articles

    def openable(self) -> list[int]:
        """Articles in the order the table shows them, leaving out those that failed."""
        return [index for index in self._shown() if self.articles[index].document is not None]

    # -- analysis -----------------------------------------------------------------------

    def on_unmount(self) -> None:
        self.marks.close()
        self._closing = True
        for job in list(self._jobs):
            job.cancel()

    @work(thread=True, exclusive=True, exit_on_error=False, group="library")
    def load_and_analyse(self) -> None:
        """Load every article, and analyse each as soon as it is loaded, as many at once
        as there are cores (each in a worker process of the analyst's).

        Files are read here, in order; web pages (a feed's items among them) are fetched
        by MAX_CONNECTIONS threads, in the table's order, so that a slow or silent server
        holds up neither the other articles nor the quit (each fetch gives up at its
        deadline, or as soon as the screen's work is cancelled, and the threads are
        daemons that never keep the process alive), and a feed of 500 items opens no more
        connections at once than a browser would.
        """
        worker = get_current_worker()
        loaded: queue.SimpleQueue[int] = queue.SimpleQueue()
        given = list(enumerate(self.articles))  # a feed among them adds its items later
        self._start_fetching(
            [index for index, article in given if article.fetched],
            lambda: worker.is_cancelled,
            loaded,
        )
        for index, article in given:
            if worker.is_cancelled:
                break
            if not article.fetched:
                self._load(index, lambda: worker.is_cancelled, loaded)
        with ThreadPoolExecutor(usable_cores(), thread_name_prefix="reader-analysis") as pool:
            for _ in self.articles:
                ready = self._next_loaded(loaded, lambda: worker.is_cancelled)
                if ready is None or self._closing:
                    pool.shutdown(cancel_futures=True)
                    return
                document = self.articles[ready].document
                if document is not None:
                    job = self.analyst.job(document)
                    self._jobs.append(job)
                    pool.submit(self._analyse, ready, job)

    def _analyse(self, index: int, job: Job) -> None:
        outcome = job.run()
        if outcome is None:
            return  # cancelled: the screen is going
        if outcome.failure:
            self.articles[index].error = visible(f"analysis failed: {outcome.failure}")
        self.post_message(self.Analysed(index, outcome.analysis))

    def _fetch_each(
        self,
        to_fetch: queue.SimpleQueue[int],
        is_cancelled: Callable[[], bool],
        loaded: queue.SimpleQueue[int],
    ) -> None:
        while (index := to_fetch.get()) >= 0 and not is_cancelled():
            with self._connections:
                self._load(index, is_cancelled, loaded)

    def _start_fetching(
        self,
        indices: Sequence[int],
        is_cancelled: Callable[[], bool],
        loaded: queue.SimpleQueue[int],
    ) -> None:
        """Threads that load these articles, a few at a time, as daemons (see
        load_and_analyse)."""
        to_fetch: queue.SimpleQueue[int] = queue.SimpleQueue()
        for index in indices:
            to_fetch.put(index)
        for number in range(min(MAX_CONNECTIONS, len(indices))):
            to_fetch.put(-1)  # one end mark for each thread
            threading.Thread(
                target=self._fetch_each,
                args=(to_fetch, is_cancelled, loaded),
                name=f"reader-library-fetch-{number}",
                daemon=True,
            ).start()

    def _load(
        self, index: int, is_cancelled: Callable[[], bool], loaded: queue.SimpleQueue[int]
    ) -> None:
        article = self.articles[index]
        try:
            if isinstance(article.source, str) and is_url(article.source):
                found = open_argument(article.source, is_cancelled=is_cancelled)
                if isinstance(found, Feed):
                    self._list_feed(index, found, is_cancelled, loaded)
                else:
                    article.document = found
            else:
                article.document = load_source(article.source, is_cancelled=is_cancelled)
        except FetchCancelled:
            return
        except LoadError as error:
            article.error = error.reason
        except Exception as error:  # the row says so; the other articles go on
            article.error = LoadError(source_name(article.source), repr(error)).reason
        self.post_message(self.Loaded(index))
        loaded.put(index)

    def _list_feed(
        self,
        index: int,
        feed: Feed,
        is_cancelled: Callable[[], bool],
        loaded: queue.SimpleQueue[int],
    ) -> None:
        """The feed's items as articles of their own, loaded and analysed as the others
        are; its row says where they went. They are added before this row counts as
        loaded, so the analysis, which waits for as many as there are articles, waits
        for them too."""
        with self._adding:
            first = len(self.articles)
            self.articles.extend(Article(item) for item in feed.items)
            added = range(first, len(self.articles))
        items = counted(len(added), "item")
        self.articles[index].note = f"{feed.title}: a news feed, its {items} listed here"
        self.post_message(self.FeedListed(feed, added))
        self._start_fetching(added, is_cancelled, loaded)

    @on(FeedListed)
    def _on_feed_listed(self, message: FeedListed) -> None:
        added = [self.articles[index] for index in message.added]
        read = self.marks.read(article.key for article in added)
        for article in added:
            article.read = article.key in read
        count = counted(len(self.articles), "article")
        self.title = f"{visible(self.heading)} — {count}" if self.heading else count
        self._fill()
        say_if_offline(self, message.feed)

    @staticmethod
    def _next_loaded(
        loaded: queue.SimpleQueue[int], is_cancelled: Callable[[], bool]
    ) -> int | None:
        """The next article loaded, or None once the work is cancelled."""
        while not is_cancelled():
            try:
                return loaded.get(timeout=0.1)
            except queue.Empty:
                continue
        return None

    @on(Loaded)
    def _on_loaded(self, message: Loaded) -> None:
        if self.articles[message.index].document is None:
            self._finished += 1
        else:
            self._documents += 1
        self._update_row(message.index)

    @on(Analysed)
    def _on_analysed(self, message: Analysed) -> None:
        article = self.articles[message.index]
        article.analysis = message.analysis
        self._finished += 1
        if message.analysis is None:
            self.notify(
                article.error,
                title=visible(source_name(article.source)),
                severity="error",
                markup=False,
            )
        else:
            self._analysed += 1
            self.recurring.add(message.analysis)
            self._schedule_recurring()
        self._update_row(message.index)
        finished = " — Enter opens one" if self.settled else ""
        self.query_one("#library-status", Static).update(
            Text(f"Analysed {self._analysed} of {self._documents} articles{finished}")
        )

    def _update_row(self, index: int) -> None:
        table = self.query_one(DataTable)
        row_key = str(index)
        if row_key in table.rows:
            for column, cell in zip(COLUMNS, self._row(self.articles[index]), strict=True):
                table.update_cell(row_key, column, cell)

    def _schedule_recurring(self) -> None:
        if not self._recurring_due:
            self._recurring_due = True
            delay = self._next_refresh - time.monotonic()
            if delay > 0:
                self.set_timer(delay, self._show_recurring)
            else:
                self.call_later(self._show_recurring)

    def _show_recurring(self) -> None:
        """Redraw the pane from the counts, keeping the row under the cursor."""
        started = time.monotonic()
        self._recurring_due = False
        self._recurring_shown = self.recurring.articles
        option_list = self.query_one("#recurring-list", OptionList)
        current = option_list.highlighted_option
        keep = current.id if current is not None else None
        scroll = option_list.scroll_y
        rows = self.recurring.rows()
        if not rows:
            option_list.set_options([Option(Text("nobody yet", style="italic"), disabled=True)])
        else:
            option_list.set_options(
                Option(
                    # The count is of articles, not of mentions.
                    Text.assemble(visible(row.label), (f"  in {row.articles}", "dim")),
                    id=row.key,
                )
                for row in rows
            )
        option_list.scroll_to(y=scroll, animate=False, immediate=True)
        if keep is not None:
            with suppress(OptionDoesNotExist):
                option_list.highlighted = option_list.get_option_index(keep)
        # The next redraw, whenever an article is next counted, comes no sooner than this.
        spent = time.monotonic() - started
        self._next_refresh = started + max(REFRESH_INTERVAL, spent / REFRESH_SHARE)


def _fitted(text: Text, width: int) -> Text:
    """Cut to `width` cells with an ellipsis, at a word's end where there is one."""
    if text.cell_len <= width:
        return text
    fitted = text.copy()
    fitted.truncate(width - 1)  # by cells: a wide character counts two
    space = fitted.plain.rfind(" ")
    if space > width // 2:
        fitted = fitted[:space]
    fitted.rstrip()
    fitted.append("…")
    return fitted


def say_if_offline(screen: Screen[None], feed: Feed) -> None:
    """A toast when `feed` is listed from its last copy, saying from when and why."""
    if feed.stale:
        screen.app.notify(
            f"{visible(feed.title)}: {visible(feed.stale)}",
            title="Feed listed offline",
            severity="warning",
            markup=False,
            timeout=10,
        )
