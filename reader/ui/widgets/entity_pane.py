"""A side pane: a titled, filterable list of people, countries or quotes."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist


@dataclass(frozen=True, slots=True)
class Entry:
    """One row: an entity id, the text to show, and the words the filter searches."""

    id: str
    prompt: Text
    search: str


class EntityList(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, waiting_text: str, *, classes: str) -> None:
        super().__init__(classes=classes)
        self.waiting_text = waiting_text
        self._measured_width = -1  # the width the entries' heights were measured at

    def _update_lines(self) -> None:
        # OptionList internals (textual is pinned exactly): where it measures entries.
        measured = len(self._line_cache.heights)
        super()._update_lines()
        if len(self._line_cache.heights) != measured:  # entries measured, at this width
            self._measured_width = self.scrollable_content_region.width

    @on(events.Resize)
    def _keep_heights(self, event: events.Resize) -> None:
        # OptionList's own handler (called after this one, unless prevented) measures
        # every entry's height again on any resize, but only a new width changes them.
        # A list filled while hidden under its "Finding…" line gets its first resize
        # once shown: a book's 900 quotes were measured twice, a tenth of a second,
        # before the panes were drawn.
        if self.scrollable_content_region.width == self._measured_width:
            event.prevent_default()
            self.refresh()

    def get_loading_widget(self) -> Widget:
        return Static(self.waiting_text, classes="pane-waiting")

    def on_focus(self) -> None:
        """Arriving in a pane (Tab, a click) shows the cursor, the first entry at first,
        but selects nothing: only moving within the list, or 1 2 3, changes the selection."""
        if self.highlighted is None and self.option_count:
            with self.prevent(OptionList.OptionHighlighted):
                self.highlighted = 0

    def choose_highlighted(self) -> None:
        """Select the entry under the cursor, as moving onto it does."""
        if self.highlighted is None:
            self.action_first()
        elif (option := self.highlighted_option) is not None:
            self.post_message(self.OptionHighlighted(self, option, self.highlighted))


class EntityPane(Vertical):
    """Posts `EntityPane.Chosen` when the cursor moves onto an entry, or one is clicked."""

    BINDINGS = [Binding("escape", "close_filter", "Close filter", show=False)]

    @dataclass
    class Chosen(Message):
        pane: EntityPane
        entity_id: str

    def __init__(
        self,
        title: str,
        empty_text: str,
        *,
        markable: bool = False,
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id, classes="entity-pane")
        self.title = title
        self.empty_text = empty_text
        self.markable = markable  # rows keep room for a ▶ mark
        self._entries: list[Entry] = []
        self._by_id: dict[str, Entry] = {}
        self._marked: set[str] = set()
        self._prompts: dict[tuple[str, bool], Text] = {}

    def compose(self) -> ComposeResult:
        yield Label(self.title, classes="pane-title")
        yield Input(placeholder="filter…", classes="pane-filter")
        yield EntityList(f"Finding {self.title.lower()}…", classes="pane-list")

    def set_loading(self, loading: bool) -> None:
        """While the analysis runs, the list is covered and the title stays: one still
        line says what is coming. The status line already shows the analysis moving;
        Textual's animated indicator, redrawn in three panes sixteen times a second,
        took a sixth of a core from the analysis of a book."""
        self.option_list.set_loading(loading)

    @property
    def option_list(self) -> EntityList:
        return self.query_one(EntityList)

    @property
    def filter_input(self) -> Input:
        return self.query_one(Input)

    def set_entries(self, entries: list[Entry], *, order: str = "") -> None:
        """Show `entries`; `order`, if given, says in the title how they are ordered
        ("People · by mentions", in place of the count, so that it fits at 80 columns).

        Entries already shown that are shown again (the same list reordered) keep the
        cursor: it stays on the same entry, wherever that is now."""
        self._entries = entries
        self._by_id = {entry.id: entry for entry in entries}
        self._prompts = {}
        title = f"{self.title} · {order}" if order else f"{self.title} ({len(entries)})"
        self.query_one(".pane-title", Label).update(Text(title))
        self._show(self.filter_input.value, keep_cursor=True)

    def set_marked(self, ids: set[str]) -> None:
        """Entries to flag (a selected person's quotes), redrawn in place.

        A mark takes the two columns every row keeps for it, so no row changes height and
        the list is not laid out again: the cost is the changed rows that are on screen,
        not the list, however many quotes the article has.
        """
        changed = ids ^ self._marked
        self._marked = ids
        if not changed:
            return
        option_list = self.option_list
        # Option._set_prompt, the render cache and the line index are OptionList
        # internals (textual is pinned exactly); replace_option_prompt would re-measure
        # every row of the list for each changed one.
        changed_options = set()
        index_to_line, heights = option_list._index_to_line, option_list._heights
        top = option_list.scroll_offset.y
        bottom = top + option_list.scrollable_content_region.height
        for entity_id in changed:
            entry = self._by_id.get(entity_id)
            try:
                index = option_list.get_option_index(entity_id)
            except OptionDoesNotExist:
                continue  # filtered out; drawn with its mark when the filter shows it
            option = option_list.get_option_at_index(index)
            if entry is not None:
                option._set_prompt(self._prompt(entry))
                changed_options.add(option)
                line = index_to_line.get(index)
                if line is not None and line < bottom and line + heights[index] > top:
                    option_list.refresh_lines(line, heights[index])
        cache = option_list._option_render_cache
        stale = [key for key in cache.keys() if key[0] in changed_options]  # noqa: SIM118 (no __iter__)
        for key in stale:
            cache.discard(key)

    def _show(self, query: str, keep_cursor: bool = False) -> None:
        option_list = self.option_list
        previous = option_list.highlighted_option.id if option_list.highlighted_option else None
        words = query.casefold().split()
        shown = [e for e in self._entries if all(w in e.search for w in words)]
        with self.app.batch_update():
            option_list.clear_options()
            if not shown:
                message = "no match" if self._entries else self.empty_text
                option_list.add_option(Option(Text(message, style="italic"), disabled=True))
                return
            option_list.add_options(Option(self._prompt(entry), id=entry.id) for entry in shown)
            if keep_cursor and previous is not None:
                index = next((i for i, e in enumerate(shown) if e.id == previous), None)
                if index is not None:
                    with option_list.prevent(OptionList.OptionHighlighted):
                        option_list.highlighted = index

    def _prompt(self, entry: Entry) -> Text:
        if not self.markable:
            return entry.prompt
        marked = entry.id in self._marked
        # Kept: a person's quotes are marked and unmarked again each time they are picked.
        prompt = self._prompts.get((entry.id, marked))
        if prompt is None:
            marker = ("▶ ", "bold") if marked else ("  ", "")
            prompt = self._prompts[entry.id, marked] = Text.assemble(marker, entry.prompt)
        return prompt

    def select_id(self, entity_id: str) -> None:
        """Move the cursor onto an entity without announcing it again."""
        option_list = self.option_list
        try:
            index = option_list.get_option_index(entity_id)
        except OptionDoesNotExist:
            return  # filtered out of the list
        with option_list.prevent(OptionList.OptionHighlighted):
            option_list.highlighted = index

    def open_filter(self) -> None:
        self.filter_input.add_class("-open")
        self.filter_input.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Without an open filter, Esc belongs to the screen (it clears the selection).
        if action == "close_filter":
            return self.filter_input.has_class("-open")
        return True

    def action_close_filter(self) -> None:
        self.filter_input.value = ""
        self.filter_input.remove_class("-open")
        self.option_list.focus()

    @on(Input.Changed, ".pane-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show(event.value)

    @on(Input.Submitted, ".pane-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.option_list.focus()

    @on(OptionList.OptionHighlighted)
    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionHighlighted | OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None and self.option_list.has_focus:
            self.post_message(self.Chosen(self, event.option.id))
