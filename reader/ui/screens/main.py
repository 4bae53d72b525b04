"""The reading screen: the article on the left, People, Countries and Quotes on the right."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widget import MountError, Widget
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from ...analysis.analyst import Analyst, Job
from ...analysis.budget import PATIENCE, duration, expected_seconds
from ...config import Config
from ...document import Document, visible
from ..browser import is_web_address, open_in_browser
from ..messages import AnalysisFailed, AnalysisProgress, AnalysisReady, FirstFrame
from ..pane_order import LABELS, next_order, ordered
from ..search import Match, find
from ..selection import Kind, Selection, entity_at, quote_preview, select
from ..widgets.article_view import ArticleView
from ..widgets.entity_pane import EntityPane, Entry

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from ...analysis import Analysis, Quote

# Once this share of the analysis is done, the time it took predicts the rest better
# than the estimate from the article's length.
MEASURED_SHARE = 0.05

MENTION = Binding.Group("Mention")
PANES = Binding.Group("Panes")
ARTICLE = Binding.Group("Article")


class MainScreen(Screen[None]):
    # Each binding has an id, the name a [keys] line in the preferences file uses.
    # Keys that go together share one label in the footer ("n N Mention"), so that at 80
    # columns Quit and Help, which the app adds last, are still in view.
    BINDINGS = [
        Binding(
            "n",
            "next_mention",
            "Next",
            id="next_mention",
            group=MENTION,
            tooltip="Next mention of the selection",
        ),
        Binding(
            "N",
            "previous_mention",
            "Previous",
            id="previous_mention",
            group=MENTION,
            tooltip="Previous mention of the selection",
        ),
        Binding(
            "0",
            "focus_article",
            "Article",
            id="article",
            group=PANES,
            tooltip="Go to the article (to scroll it with the keys)",
        ),
        Binding(
            "1",
            "focus_pane('people')",
            "People",
            id="people",
            group=PANES,
            tooltip="Go to the People pane",
        ),
        Binding(
            "2",
            "focus_pane('countries')",
            "Countries",
            id="countries",
            group=PANES,
            tooltip="Go to the Countries pane",
        ),
        Binding(
            "3",
            "focus_pane('quotes')",
            "Quotes",
            id="quotes",
            group=PANES,
            tooltip="Go to the Quotes pane",
        ),
        Binding("slash", "filter", "Filter", id="filter", tooltip="Filter the focused pane"),
        Binding(
            "c",
            "copy_quote",
            "Copy quote",
            show=False,
            id="copy_quote",
            tooltip="Copy the selected quote, its speaker and its source",
        ),
        Binding(
            "escape",
            "clear",
            "Clear",
            show=False,
            id="clear",
            tooltip="Clear the selection (or close the filter)",
        ),
        Binding(
            "r",
            "cycle_pane_order",
            "Order",
            show=False,
            id="pane_order",
            tooltip="Order People and Countries by mentions or by first appearance",
        ),
        Binding(
            "right_square_bracket",
            "step_article(1)",
            "Next article",
            id="next_article",
            group=ARTICLE,
            tooltip="Next article of the library",
        ),
        Binding(
            "left_square_bracket",
            "step_article(-1)",
            "Prev. article",
            id="previous_article",
            group=ARTICLE,
            tooltip="Previous article of the library",
        ),
        Binding("l", "library", "Library", show=False, id="library", tooltip="Back to the library"),
        # Opened from the library, q goes back to it, as in newsboat; Q quits from anywhere.
        Binding("q", "library", "Library", id="back", tooltip="Back to the library"),
        Binding(
            "o",
            "open_source",
            "Open",
            show=False,
            id="open_source",
            tooltip="Open the article's web address in the browser",
        ),
        Binding(
            "f,ctrl+f",
            "search",
            "Find",
            show=False,
            id="search",
            tooltip="Find words in the article (case and accents do not matter)",
        ),
        Binding(
            "full_stop",
            "next_match",
            "Next match",
            show=False,
            id="next_match",
            tooltip="Next match of the search",
        ),
        Binding(
            "comma",
            "previous_match",
            "Previous match",
            show=False,
            id="previous_match",
            tooltip="Previous match of the search",
        ),
    ]

    # Focus is given after the first frame (see _after_first_paint): each change of focus
    # before it would re-style the article, fifteen component classes and all, again.
    AUTO_FOCUS = ""  # None would mean the app's, which focuses the first focusable widget

    # `var`, not `reactive`: the watchers redraw just the lines and rows that change, and
    # a reactive would also repaint the whole screen on every keypress.
    selection: var[Selection | None] = var(None, init=False)
    current: var[int] = var(0, init=False)

    def __init__(
        self,
        document: Document,
        analyst: Analyst,
        library: MessagePump | None = None,
        config: Config | None = None,
    ) -> None:
        super().__init__()
        self.document = document
        self.analyst = analyst
        self._job: Job | None = None  # the analysis under way, ended if the screen goes
        # The preferences, for the order of the panes, which `o` changes and saves.
        self.config = config or Config()
        self.library = library  # the library screen it was opened from, which steps on
        self.analysis: Analysis | None = None
        self.analysis_done = False  # the panes show the analysis, or why there is none
        self.search_query = ""
        self.matches: list[Match] = []
        self.match_current: int | None = None
        self._expected = 0.0  # seconds the analysis should take
        self._started = 0.0  # time.monotonic() when it started
        self._filled_in = False  # its status line, footer and panes are mounted

    def compose(self) -> ComposeResult:
        # The article's text is what the reader opened the app for, so the first frame
        # holds the text and its title: the status line, the footer and the panes are
        # mounted just after it (see _after_first_paint), into places kept for them so
        # that nothing moves when they arrive. Measured in a pseudo-terminal
        # (benchmarks/terminal_start.py): mounted with the text, the first paint took
        # 1.77–1.89× a bare Textual app's; after it, 1.39–1.42× on a busy machine.
        yield Header()
        with Horizontal(id="main"):
            yield ArticleView(self.document, id="article")
            yield Vertical(id="sidebar")
        yield Container(id="footer-bar")

    def on_mount(self) -> None:
        self.title = visible(self.document.title)  # a title or a file name can hold escapes
        self.sub_title = visible(self.document.path.name) if self.document.path else ""
        if self.document.encoding.lower() not in ("utf-8", "utf8"):
            self.notify(
                f"The file is not UTF-8; it was read as {self.document.encoding}.",
                title="Encoding",
                markup=False,
            )
        if self.document.note:
            self.notify(visible(self.document.note), title="Not the article's page", markup=False)
        if getattr(self.app, "first_frame_shown", True):
            self.call_after_refresh(self._after_first_paint)
        # Otherwise the app is still mounting: FirstFrame comes when it is done.

    def on_unmount(self) -> None:
        if self._job is not None:
            self._job.cancel()  # the worker is ended: closing never waits for spaCy

    def on_first_frame(self, message: FirstFrame) -> None:
        message.stop()
        self.refresh()  # laid out in the app's mount batch, never shown: show it now
        self.call_after_refresh(self._after_first_paint)

    async def _after_first_paint(self) -> None:
        panes = [
            EntityPane("People", "no people named", id="people"),
            EntityPane("Countries", "no countries named", id="countries"),
            EntityPane("Quotes", "no direct quotations", markable=True, id="quotes"),
        ]
        try:
            await self.query_one("#footer-bar").mount_all(
                [
                    Input(placeholder="find in the article…", id="search"),
                    Static(id="status"),
                    Footer(),
                ]
            )
            await self.query_one("#sidebar").mount_all(panes)
        except (MountError, NoMatches):
            return  # closed (quit, or the next article) before its first frame was followed up
        if not all(pane.is_attached for pane in panes):
            return  # closing: mounting quietly did nothing
        self._filled_in = True
        self.query_one(ArticleView).focus()
        self.refresh_bindings()  # a footer mounted after focus has not seen the keys yet
        self._expected = expected_seconds(self.document)
        self._started = time.monotonic()
        if self._expected > PATIENCE:
            self._set_status(
                Text(
                    f"Analysing in the background: {duration(self._expected)} for an article "
                    "this long — read on meanwhile"
                )
            )
        else:
            self._set_status(Text("Analysing…"))
        for pane in panes:
            pane.loading = True
        # The analysis itself runs in a worker process (usually started as the app
        # opened, its spaCy loaded by now); a thread of ours waits for its answers.
        self._job = self.analyst.job(self.document)
        self.run_analysis(self._job)

    # -- analysis --------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis")
    def run_analysis(self, job: Job) -> None:
        worker = get_current_worker()
        outcome = job.run(
            on_progress=lambda fraction: self.post_message(AnalysisProgress(fraction))
        )
        if outcome is None or worker.is_cancelled:
            return
        if outcome.analysis is None:
            self.post_message(AnalysisFailed(outcome.failure))
        else:
            self.post_message(AnalysisReady(outcome.analysis))

    @on(AnalysisReady)
    def _analysis_ready(self, message: AnalysisReady) -> None:
        analysis = self.analysis = message.analysis
        self._fill_ordered_panes()
        self.query_one("#quotes", EntityPane).set_entries(
            [_quote_entry(quote) for quote in analysis.quotes]
        )
        for pane in self.query(EntityPane):
            pane.loading = False
        self.analysis_done = True
        self._set_status(
            Text(
                f"{len(analysis.people)} people · {len(analysis.countries)} countries · "
                f"{len(analysis.quotes)} quotes — pick one to light it up"
            )
        )

    def _fill_ordered_panes(self) -> None:
        """People and Countries in the order of the preferences; the cursor of each stays
        on the entry it was on."""
        if self.analysis is None:
            return
        order = self.config.pane_order
        label = LABELS.get(order, "")
        self.query_one("#people", EntityPane).set_entries(
            [
                _entry(person.id, person.name, len(person.mentions), person.name)
                for person in ordered(self.analysis.people, order)
            ],
            order=label,
        )
        self.query_one("#countries", EntityPane).set_entries(
            [
                _entry(c.id, c.name, len(c.mentions), f"{c.name} {c.code}")
                for c in ordered(self.analysis.countries, order)
            ],
            order=label,
        )

    @on(AnalysisProgress)
    def _analysis_progress(self, message: AnalysisProgress) -> None:
        if self.analysis is None:
            self._set_status(Text(self._progress(message.fraction)))

    def _progress(self, fraction: float) -> str:
        done = f"Analysing… {fraction:.0%}"
        if self._expected <= PATIENCE:
            return done
        # Once a little is done, the time it took says more than the estimate did.
        elapsed = time.monotonic() - self._started
        left = (
            elapsed * (1 - fraction) / fraction
            if fraction >= MEASURED_SHARE
            else self._expected * (1 - fraction)
        )
        return f"{done} — {duration(left)} left"

    @on(AnalysisFailed)
    def _analysis_failed(self, message: AnalysisFailed) -> None:
        for pane in self.query(EntityPane):
            pane.loading = False
            pane.set_entries([])
        self.analysis_done = True
        self._set_status(Text(f"Analysis failed: {message.reason}"))
        self.notify(message.reason, title="No analysis", severity="error", markup=False)

    # -- selection -------------------------------------------------------------------

    @on(EntityPane.Chosen)
    def _chosen(self, message: EntityPane.Chosen) -> None:
        self.select_entity(message.entity_id)

    @on(ArticleView.TextClicked)
    def _text_clicked(self, message: ArticleView.TextClicked) -> None:
        """A click on a mention selects its person or country, that mention the current
        one; a click elsewhere in a quotation selects the quote."""
        if self.analysis is None:
            return
        found = entity_at(self.analysis, message.offset)
        if found is not None:
            self.select_entity(*found)

    def select_entity(self, entity_id: str, mention: int = 0) -> None:
        """Select a person, country or quote, its mention number `mention` the current."""
        if self.analysis is None:
            return
        selection = select(self.analysis, entity_id)
        if selection is None:
            return
        # Set without its watcher, which would draw the old selection's mention `mention`.
        self.set_reactive(MainScreen.current, mention if mention < len(selection.spans) else 0)
        if selection == self.selection:
            self._show_selection()  # the same entity, another of its mentions
        self.selection = selection
        pane_id = {Kind.PERSON: "people", Kind.COUNTRY: "countries", Kind.QUOTE: "quotes"}
        self.query_one(f"#{pane_id[selection.kind]}", EntityPane).select_id(entity_id)

    def watch_selection(self, selection: Selection | None) -> None:
        self._show_selection()
        quotes = self.query_one("#quotes", EntityPane)
        if selection is not None and selection.kind is Kind.PERSON and self.analysis:
            quotes.set_marked({q.id for q in self.analysis.quotes if q.speaker == selection.id})
        else:
            quotes.set_marked(set())

    def watch_current(self) -> None:
        self._show_selection()

    def _show_selection(self) -> None:
        article = self.query_one(ArticleView)
        selection = self.selection
        if selection is None:
            article.set_highlights(())
            if self.analysis is not None:
                self._set_status(Text("Nothing selected"))
            return
        current = selection.spans[self.current] if selection.spans else None
        if selection.kind is Kind.QUOTE:
            article.set_highlights(selection.spans, None, selection.speaker, kind="quote")
        else:
            article.set_highlights(selection.spans, current, selection.speaker)
        if current is not None:
            article.scroll_to_span(current)
        self._set_status(Text(visible(selection.status(self.current))))

    def _set_status(self, text: Text) -> None:
        # A key can come before the status line is mounted (just after the first frame).
        for status in self.query("#status").results(Static):
            status.update(text, layout=False)

    # -- actions ---------------------------------------------------------------------

    def action_next_mention(self) -> None:
        self._step(1)

    def action_previous_mention(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if self.selection is None or not self.selection.spans:
            self._set_status(Text(self._why_no_step()))
            return
        self.current = (self.current + delta) % len(self.selection.spans)

    def _why_no_step(self) -> str:
        if self.analysis is None:
            return "Still analysing: n and N move between mentions once the panes fill in"
        if self.selection is None:
            return "Nothing selected: pick a person, country or quote first (1 2 3)"
        return "The selection is not shown in the text"

    def action_focus_pane(self, pane_id: str) -> None:
        """1 2 3: the pane, and the entry under its cursor selected."""
        option_list = self.query_one(f"#{pane_id}", EntityPane).option_list
        option_list.focus()
        option_list.choose_highlighted()

    def action_cycle_pane_order(self) -> None:
        """The next order for People and Countries, remembered in the preferences."""
        if self.analysis is None:
            self._set_status(
                Text(
                    "Still analysing: People and Countries can be ordered once they are listed"
                    if not self.analysis_done
                    else "No analysis, so nothing to order"
                )
            )
            return
        config = self.config
        config.pane_order = next_order(config.pane_order)
        # The panes' titles say the new order; the status line keeps saying where you are.
        self._fill_ordered_panes()
        problem = config.save_pane_order()
        if problem:
            self.notify(visible(problem), title="Order not saved", severity="warning", markup=False)

    def action_focus_article(self) -> None:
        self.query_one(ArticleView).focus()

    def action_filter(self) -> None:
        pane = self.focused
        while pane is not None and not isinstance(pane, EntityPane):
            pane = pane.parent if isinstance(pane.parent, Widget) else None
        (pane or self.query_one("#people", EntityPane)).open_filter()

    def action_clear(self) -> None:
        if self.matches or self.query_one("#footer-bar").has_class("-searching"):
            self._end_search()
            return
        if self.selection is None and self.library is not None:
            self.action_library()  # nothing left to clear: back to the library
            return
        self.selection = None

    # -- the browser -----------------------------------------------------------------

    def action_open_source(self) -> None:
        source = self.document.source
        if not is_web_address(source):
            self._set_status(Text("This article has no web address to open"))
            return
        self._open(source)

    @on(ArticleView.LinkClicked)
    def _link_clicked(self, message: ArticleView.LinkClicked) -> None:
        if not is_web_address(message.href):
            self._set_status(Text(f"Only web links are opened, not {visible(message.href)}"))
            return
        self._open(message.href)

    @work(thread=True, group="browser")
    def _open(self, url: str) -> None:
        # In a thread: a browser can take a while to answer, and the reader stays usable.
        shown = visible(url)
        if open_in_browser(url):
            self.app.call_from_thread(self._set_status, Text(f"Opened {shown}"))
        else:
            self.app.call_from_thread(
                self.notify,
                f"No web browser could open {shown} (set $BROWSER to choose one).",
                title="No browser",
                severity="warning",
                markup=False,
            )

    # -- search ----------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#footer-bar").add_class("-searching")
        search = self.query_one("#search", Input)
        # Shown at once (not at the next style update), so that the keys typed right
        # after f go into the box.
        search.display = True
        search.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search_for(event.value)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one("#footer-bar").remove_class("-searching")
        self.query_one("#search", Input).display = False
        self.query_one(ArticleView).focus()

    def search_for(self, query: str) -> None:
        """Matches of `query` in the article as shown; the first one from the top of the
        view on is the current one."""
        self.search_query = query
        article = self.query_one(ArticleView)
        self.matches = find([block.text for block in self.document.blocks], query)
        self.match_current = 0 if self.matches else None
        article.set_matches(self.matches, self.match_current)
        self._show_match()

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    def _step_match(self, delta: int) -> None:
        if not self.matches:
            self._set_status(Text("No search: f finds words in the article"))
            return
        current = ((self.match_current or 0) + delta) % len(self.matches)
        self.match_current = current
        self.query_one(ArticleView).set_matches(self.matches, current)
        self._show_match()

    def _show_match(self) -> None:
        query = visible(self.search_query.strip())
        if not query:
            self._set_status(Text(""))
        elif self.match_current is None:
            self._set_status(Text(f"“{query}” — not found"))
        else:
            self._set_status(
                Text(f"“{query}” — match {self.match_current + 1} of {len(self.matches)}")
            )

    def _end_search(self) -> None:
        search = self.query_one("#search", Input)
        self.query_one("#footer-bar").remove_class("-searching")
        search.display = False
        search.value = ""
        self.search_for("")
        self.query_one(ArticleView).focus()
        self._show_selection()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The library's keys only where there is a library.
        if action in ("step_article", "library"):
            return self.library is not None
        return True

    @dataclass
    class StepArticle(Message):
        """To the library it was opened from: open the article after this one (delta 1)
        or before it (-1), in the library's order. The library answers with `say` when
        there is none."""

        reading: MainScreen
        delta: int

    def action_step_article(self, delta: int) -> None:
        if not self._filled_in:
            # A key held down: this screen is not built yet, and a screen replaced while
            # Textual still builds it can fail inside Textual. Step once it is.
            self.call_after_refresh(self.action_step_article, delta)
        elif self.library is not None:
            self.library.post_message(self.StepArticle(self, delta))

    def say(self, text: str) -> None:
        """One line in the status line, from whoever opened this screen."""
        self._set_status(Text(text))

    def action_library(self) -> None:
        self.dismiss()

    def action_copy_quote(self) -> None:
        """The selected quote, its speaker and its source, to the clipboard."""
        selection = self.selection
        quote = None
        if selection is not None and selection.kind is Kind.QUOTE and self.analysis:
            quote = next((q for q in self.analysis.quotes if q.id == selection.id), None)
        if quote is None:
            self.notify("Select a quote first (3 goes to the Quotes pane).", markup=False)
            return
        from ...export import quote_citation  # only when asked: csv and json are not needed before

        self.app.copy_to_clipboard(quote_citation(self.document, quote))
        self.notify("Copied the quote, its speaker and its source.", markup=False)


def _entry(entity_id: str, name: str, count: int, search: str) -> Entry:
    prompt = Text(no_wrap=True, overflow="ellipsis")
    prompt.append(visible(name))
    prompt.append(f"  {count}", style="dim")
    return Entry(entity_id, prompt, search.casefold())


def _quote_entry(quote: Quote) -> Entry:
    prompt = Text()
    prompt.append(visible(quote.credit), style="bold" if quote.speaker_name else "italic")
    prompt.append("\n")
    prompt.append(f"“{quote_preview(quote.text)}”", style="dim")
    return Entry(quote.id, prompt, f"{quote.speaker_name} {quote.text}".casefold())
