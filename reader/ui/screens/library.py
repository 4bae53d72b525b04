"""Several articles: a table of them, analysed in the background, and who recurs across them."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ...analysis.recurring import Recurring
from ...document import Document, LoadError, load_document, visible
from ..resources import stylesheet

if TYPE_CHECKING:
    from textual.timer import Timer

    from ...analysis import Analysis, AnalysisCache

COLUMNS = ("Title", "Date", "People", "Countries", "Quotes", "File")
# Widths that leave every column on an 80-column screen's share; long titles are cut.
WIDTHS = (44, 10, 6, 9, 6, 24)
PENDING = "…"
# The table and the list of who recurs follow the analyses twice a second, not once per
# article: a folder of small articles finishes dozens a second, and each change to the
# table redraws all of it that is on screen. When drawing them takes longer (a list of
# thousands of names, a busy machine), less often: the screen's own work stays under a
# fifth of what the analysis does meanwhile.
REFRESH_EVERY = 0.5  # seconds
SCREEN_SHARE = 0.2
LONGEST_WAIT = 2.5  # seconds: while the articles are fetched, say, and nothing is analysed


@dataclass
class Article:
    source: str
    document: Document | None = None
    error: str = ""
    analysis: Analysis | None = None


class LibraryScreen(Screen[None]):
    CSS_PATH = stylesheet("library")
    BINDINGS = [
        Binding("o", "sort_next", "Sort", id="sort"),
        Binding("O", "sort_reverse", "Reverse", id="sort_reverse"),
        Binding("slash", "filter", "Filter", id="library_filter"),
        Binding("escape", "close_filter", "Close filter", show=False),
    ]

    @dataclass
    class Loaded(Message):
        index: int

    @dataclass
    class Analysed(Message):
        index: int
        analysis: Analysis | None  # None: the analysis failed (the reason is on the row)

    def __init__(self, sources: list[str], model: str | None, cache: AnalysisCache | None):
        super().__init__()
        self.articles = [Article(source) for source in sources]
        self.model = model
        self.cache = cache
        self.sort_column = 0
        self.sort_reverse = False
        self.recurring = Recurring()
        self._loaded = 0  # articles read
        self._analysed = 0
        self._analyses_in = 0  # analysed, or failed to be
        self._settled = 0  # analysed, or failed to load or to analyse
        self._pending: set[int] = set()  # rows to update at the next refresh
        self._refreshed = 0.0  # time.monotonic() of the last refresh
        # The CPU time of the screen's thread then, and of the whole process.
        self._refreshed_cpu = (time.thread_time(), time.process_time())
        self._refresh_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="library"):
            with Vertical(id="library-main"):
                yield Input(placeholder="filter by title or file…", id="library-filter")
                yield DataTable(id="articles", cursor_type="row", zebra_stripes=True)
            with Vertical(id="recurring"):
                yield Label("Across articles", classes="pane-title")
                yield OptionList(id="recurring-list")
        yield Static(id="library-status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"{len(self.articles)} articles"
        table = self.query_one(DataTable)
        for name, width in zip(COLUMNS, WIDTHS, strict=True):
            table.add_column(name, key=name, width=width)
        self._fill()
        table.focus()
        # Reading the files (and fetching web addresses) happens in the worker too: a slow
        # server must not keep the table, or the keys, waiting.
        self.call_after_refresh(self.load_and_analyse)

    # -- the table ----------------------------------------------------------------------

    def _row(self, article: Article) -> tuple[Text, ...]:
        document = article.document
        if document is None:
            return (
                Text(f"⚠ {article.error}" if article.error else "loading…", style="italic"),
                Text(""),
                Text(""),
                Text(""),
                Text(""),
                Text(visible(article.source)),
            )
        analysis = article.analysis

        def count(items: object) -> Text:
            return Text(PENDING if analysis is None else str(len(items)), justify="right")  # type: ignore[arg-type]

        return (
            Text(document.title),
            Text(visible(document.date)),
            count(analysis.people if analysis else ()),
            count(analysis.countries if analysis else ()),
            count(analysis.quotes if analysis else ()),
            Text(visible(article.source.rsplit("/", 1)[-1])),
        )

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        words = self.query_one("#library-filter", Input).value.casefold().split()
        current = table.cursor_row
        table.clear()
        for index in self._order():
            article = self.articles[index]
            haystack = f"{article.document.title if article.document else ''} {article.source}"
            if all(word in haystack.casefold() for word in words):
                table.add_row(*self._row(article), key=str(index))
        if table.row_count:
            table.move_cursor(row=min(current, table.row_count - 1))

    def _order(self) -> list[int]:
        def key(index: int) -> tuple[int, object]:
            cells = self._row(self.articles[index])
            value = cells[self.sort_column].plain
            if 2 <= self.sort_column <= 4:
                return (0, int(value)) if value.isdigit() else (1, 0)
            return (0, value.casefold())

        return sorted(range(len(self.articles)), key=key, reverse=self.sort_reverse)

    def action_sort_next(self) -> None:
        self.sort_column = (self.sort_column + 1) % len(COLUMNS)
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
        self.query_one("#library-status", Static).update(
            Text(f"Sorted by {COLUMNS[self.sort_column].lower()}, {direction}")
        )
        self._fill()

    def action_filter(self) -> None:
        field = self.query_one("#library-filter", Input)
        field.add_class("-open")
        field.focus()

    def action_close_filter(self) -> None:
        field = self.query_one("#library-filter", Input)
        field.value = ""
        field.remove_class("-open")
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
        index = int(str(event.row_key.value))
        self.app.open_article(index)  # type: ignore[attr-defined]

    def openable(self) -> list[int]:
        """Articles in the order the table shows them, leaving out those that failed."""
        table = self.query_one(DataTable)
        rows = [
            int(str(table.coordinate_to_cell_key((r, 0)).row_key.value))
            for r in range(table.row_count)
        ]
        return [index for index in rows if self.articles[index].document is not None]

    # -- analysis -----------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="library")
    def load_and_analyse(self) -> None:
        from ...analysis import analyze

        worker = get_current_worker()
        for index, article in enumerate(self.articles):
            if worker.is_cancelled:
                return
            try:
                article.document = load_document(article.source)
            except LoadError as error:
                article.error = error.reason
            self.post_message(self.Loaded(index))
        for index, article in enumerate(self.articles):
            if worker.is_cancelled:
                return
            if article.document is None:
                continue
            try:
                analysis = analyze(
                    article.document, self.model, lambda: worker.is_cancelled, cache=self.cache
                )
            except Exception as error:
                article.error = visible(f"analysis failed: {error}")
                analysis = None
            self.post_message(self.Analysed(index, analysis))

    @on(Loaded)
    def _on_loaded(self, message: Loaded) -> None:
        if self.articles[message.index].document is None:
            self._settled += 1
        else:
            self._loaded += 1
        self._changed(message.index)

    @on(Analysed)
    def _on_analysed(self, message: Analysed) -> None:
        article = self.articles[message.index]
        article.analysis = message.analysis
        self._settled += 1
        self._analyses_in += 1
        if message.analysis is None:
            self.notify(
                article.error, title=visible(article.source), severity="error", markup=False
            )
        else:
            self._analysed += 1
            self.recurring.add(message.analysis)
        self._changed(message.index)

    def _changed(self, index: int) -> None:
        """The article's row shows what changed at the next refresh (at once, for the last
        article in)."""
        self._pending.add(index)
        if self._settled == len(self.articles):
            if self._refresh_timer is not None:
                self._refresh_timer.stop()
            self._refresh()
        elif self._refresh_timer is None:
            self._refresh_when_due()

    def _refresh_when_due(self) -> None:
        self._refresh_timer = None
        since = time.monotonic() - self._refreshed
        wait = REFRESH_EVERY - since
        screen, everything = self._refreshed_cpu
        screen = time.thread_time() - screen  # drawing the last refresh, and all since
        analysis = time.process_time() - everything - screen
        if screen > SCREEN_SHARE * analysis and since < LONGEST_WAIT:
            wait = max(wait, REFRESH_EVERY / 5)
        if wait > 0:
            self._refresh_timer = self.set_timer(wait, self._refresh_when_due)
        else:
            self._refresh()

    def _refresh(self) -> None:
        self._refresh_timer = None
        self._refreshed = time.monotonic()
        self._refreshed_cpu = (time.thread_time(), time.process_time())
        for index in sorted(self._pending):
            self._update_row(index)
        self._pending.clear()
        if not self._analyses_in:
            return  # still reading the files
        finished = " — Enter opens one" if self._settled == len(self.articles) else ""
        # One line high whatever it says: no layout to redo.
        self.query_one("#library-status", Static).update(
            Text(f"Analysed {self._analysed} of {self._loaded} articles{finished}"), layout=False
        )
        self._show_recurring()

    def _update_row(self, index: int) -> None:
        table = self.query_one(DataTable)
        row_key = str(index)
        if row_key in table.rows:
            for column, cell in zip(COLUMNS, self._row(self.articles[index]), strict=True):
                table.update_cell(row_key, column, cell)

    def _show_recurring(self) -> None:
        entries = self.recurring.entries()
        option_list = self.query_one("#recurring-list", OptionList)
        option_list.clear_options()
        if not entries:
            option_list.add_option(Option(Text("nobody yet", style="italic"), disabled=True))
        option_list.add_options(
            Option(Text.assemble(visible(label), (f"  {count}", "dim"))) for label, count in entries
        )
