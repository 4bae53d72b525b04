"""The article body: laid out once per width, drawn line by line, re-styled where it changes.

Only visible lines are rendered (Textual's line API), and a selection re-styles only
the lines that hold its spans, so a keypress costs the same on a book as on a brief.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len, get_character_cell_size
from rich.color import ColorSystem
from rich.console import COLOR_SYSTEMS
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.color import Color
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...document import NO_SOURCE, Block, BlockKind, Document, Mark
from ..contrast import readable_on, survives
from ..search import Match
from .layout import Line, layout_block

if TYPE_CHECKING:
    from ...analysis import Span

READING_WIDTH = 84
# Below this many columns the text would wrap a word or two to a line; it scrolls
# sideways instead.
NARROWEST_TEXT = 20
# Drawn lines kept for a redraw: a few screens of the tallest terminals, a small share of
# a book, so that scrolling back and forth draws nothing again.
STRIPS_KEPT = 1024

_MARK_CLASSES = {
    Mark.STRONG: "article--strong",
    Mark.EM: "article--em",
    Mark.CODE: "article--code",
    Mark.LINK: "article--link",
    Mark.IMAGE: "article--image",
}


@dataclass(frozen=True, slots=True)
class _Highlight:
    """What is lit up: spans in text order drawn as `kind`, the current one among them,
    and where a quote's speaker is named."""

    spans: tuple[Span, ...] = ()
    current: Span | None = None
    speaker: tuple[Span, ...] = ()
    kind: str = "mention"  # "mention" (a person's or country's), or "quote"

    def touches(self, start: int, end: int) -> bool:
        if self.current is not None and self.current.start < end and start < self.current.end:
            return True
        return bool(_overlapping(self.spans, start, end) or _overlapping(self.speaker, start, end))

    def layers(self) -> tuple[tuple[str, Sequence[Span]], ...]:
        """Component class and spans, in the order they are laid on (the last wins)."""
        return (
            ("article--speaker", self.speaker),
            (f"article--{self.kind}", self.spans),
            ("article--current", (self.current,) if self.current else ()),
        )


def _overlapping(spans: Sequence[Span], start: int, end: int) -> list[Span]:
    """Spans (sorted by start, not overlapping each other) that touch [start, end)."""
    index = bisect_right(spans, end - 1, key=lambda span: span.start) - 1
    found = []
    while index >= 0 and spans[index].end > start:
        found.append(spans[index])
        index -= 1
    return found


class ArticleView(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {
        "article--title",
        "article--heading",
        "article--meta",
        "article--code-block",
        "article--quote-bar",
        "article--rule",
        "article--strong",
        "article--em",
        "article--code",
        "article--link",
        "article--image",
        "article--mention",
        "article--current",
        "article--quote",
        "article--speaker",
        "article--empty",
        "article--match",
        "article--match-current",
    }
    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False),
        Binding("k,up", "scroll_up", "Up", show=False),
        Binding("space,pagedown", "page_down", "Page down", show=False),
        Binding("b,pageup", "page_up", "Page up", show=False),
        Binding("g,home", "scroll_home", "Top", show=False),
        Binding("G,end", "scroll_end", "Bottom", show=False),
    ]

    @dataclass
    class LinkClicked(Message):
        href: str

    @dataclass
    class TextClicked(Message):
        """A click on the article's text (not a link): `offset` is the clicked
        character's index in the file text."""

        offset: int

    def on_click(self, event: events.Click) -> None:
        """A click on a link asks for it to be opened, a click on other text says which
        character of the file it was on (the screen decides what either does)."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        clicked = self.character_at(int(self.scroll_offset.x) + offset.x, offset.y)
        if clicked is None:
            return
        block, index = clicked
        for run in block.marks:
            if run.mark is Mark.LINK and run.href and run.start <= index < run.end:
                self.post_message(self.LinkClicked(run.href))
                return
        if block.offsets[index] != NO_SOURCE:
            self.post_message(self.TextClicked(block.offsets[index]))

    def character_at(self, x: int, y: int) -> tuple[Block, int] | None:
        """The block and the index in its text of the character drawn at cell `x` of the
        line `y` rows below the top of the view; None off the text (a prefix, a margin,
        a blank line). Measured in cells, so wide characters are found where drawn."""
        number = int(self.scroll_offset.y) + y
        if not 0 <= number < len(self._lines):
            return None
        line = self._lines[number]
        if line.block < 0:
            return None
        block = self.document.blocks[line.block]
        left = cell_len(line.prefix)
        if x < left:
            return None
        for index in range(line.start, line.end):
            left += get_character_cell_size(block.text[index])
            if x < left:
                return block, index
        return None

    def __init__(self, document: Document, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.document = document
        self._lines: list[Line] = []
        self._block_lines: list[tuple[int, int]] = []  # first line, end line per block
        self._layout_width = 0
        # Finished lines, cut to the width and horizontal scroll they were drawn for.
        self._strips: LRUCache[int, Strip] = LRUCache(STRIPS_KEPT)
        self._strip_window = (0, 0)  # (scroll_x, width) of the cached strips
        self._base_style: Style | None = None
        self._styles: dict[str, Style] = {}  # resolved part styles, until the theme changes
        self._highlight = _Highlight()
        self._source_starts: list[int] | None = None
        # Search matches, by block: (index among all matches, match); and the current one.
        self._matches: dict[int, list[tuple[int, Match]]] = {}
        self._match_current: int | None = None

    # -- layout ----------------------------------------------------------------------

    @property
    def text_width(self) -> int:
        return max(NARROWEST_TEXT, min(READING_WIDTH, self.scrollable_content_region.width))

    def on_resize(self) -> None:
        self._relayout()
        # The text wraps anew at another width: the mention being read stays in view.
        if self._highlight.current is not None:
            self.scroll_to_span(self._highlight.current)

    def render_lines(self, crop: Region) -> list[Strip]:
        # The first frame is drawn before the Resize event that lays the text out is
        # handled: laying it out here puts the text in that frame, not the next one.
        if not self._lines and self.scrollable_content_region.width:
            self._relayout()
        return super().render_lines(crop)

    def _relayout(self) -> None:
        width = self.text_width
        if width == self._layout_width and self._lines:
            return
        self._layout_width = width
        lines: list[Line] = []
        self._block_lines = []
        for index, block in enumerate(self.document.blocks):
            if lines:
                lines.append(Line(-1))
            first = len(lines)
            lines.extend(layout_block(index, block, width))
            self._block_lines.append((first, len(lines)))
        if not lines:
            lines.append(Line(-2))
        self._lines = lines
        self._strips.clear()
        self.virtual_size = Size(width, len(lines))
        self.refresh()

    # -- highlighting ----------------------------------------------------------------

    def set_highlights(
        self,
        spans: Sequence[Span],
        current: Span | None = None,
        speaker: Sequence[Span] = (),
        *,
        kind: str = "mention",
    ) -> None:
        """Light up spans of the file text (mentions, or a quote); `current` gets its own
        stronger style, and `speaker` marks who said a quote.

        Nothing is computed for the whole document here: each line finds its spans with a
        binary search when drawn, and only drawn lines that show a changed span are
        drawn again. A keypress costs the same on a book as on a brief.
        """
        old = self._highlight
        new = _Highlight(tuple(spans), current, tuple(speaker), kind)
        if new == old:
            return
        self._highlight = new
        if (new.spans, new.speaker, new.kind) == (old.spans, old.speaker, old.kind):
            # Only the current mention moved: redraw where it was and where it is. `N`,
            # and `n` wrapping round, move it backwards, and the lookup wants text order.
            moved = sorted((s for s in (old.current, new.current) if s), key=lambda s: s.start)
            self._restyle(_Highlight(tuple(moved)))
        else:
            self._restyle(old, new)

    def _restyle(self, *highlights: _Highlight) -> None:
        """Redraw the visible lines that show a changed span; forget the others.

        Lines off screen are simply dropped from the cache (drawn again if scrolled to),
        so the work is a screenful whatever was read before.
        """
        scroll_y = int(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        for number in list(self._strips.keys()):
            if not scroll_y <= number < scroll_y + height:
                self._strips.discard(number)
                continue
            start, end = self._line_source_range(number)
            if any(h.touches(start, end) for h in highlights):
                self._strips.discard(number)
                self.refresh_lines(number)

    def _line_source_range(self, number: int) -> tuple[int, int]:
        line = self._lines[number]
        if line.block < 0 or line.end <= line.start:
            return (0, 0)
        offsets = self.document.blocks[line.block].offsets
        first = next(
            (offsets[i] for i in range(line.start, line.end) if offsets[i] != NO_SOURCE), None
        )
        last = next(
            (
                offsets[i]
                for i in range(line.end - 1, line.start - 1, -1)
                if offsets[i] != NO_SOURCE
            ),
            None,
        )
        return (first, last + 1) if first is not None and last is not None else (0, 0)

    def _blocks_for(self, start: int, end: int) -> list[int]:
        """Blocks that show some of file characters [start, end)."""
        starts = self._block_source_starts
        index = max(0, bisect_right(starts, start) - 1)
        found = []
        blocks = self.document.blocks
        while index < len(blocks):
            block = blocks[index]
            if block.source_start >= end and block.source_start != NO_SOURCE:
                break
            if block.source_end > start:
                found.append(index)
            index += 1
        return found

    @property
    def _block_source_starts(self) -> list[int]:
        if self._source_starts is None:
            running = 0
            starts = []
            for block in self.document.blocks:
                running = max(running, block.source_start)
                starts.append(running)
            self._source_starts = starts
        return self._source_starts

    def line_of(self, span: Span) -> int | None:
        """The screen line (in the whole article) where a span of the file text begins."""
        for index in self._blocks_for(span.start, span.end):
            shown = self.document.blocks[index].display_range(span.start, span.end)
            if shown is None:
                continue
            first, end = self._block_lines[index]
            for number in range(first, end):
                line = self._lines[number]
                if line.start <= shown[0] < max(line.end, line.start + 1):
                    return number
            return first
        return None

    def scroll_to_span(self, span: Span, animate: bool = False) -> None:
        line = self.line_of(span)
        if line is not None:
            self._scroll_to_line(line, animate)

    # -- search ----------------------------------------------------------------------

    def set_matches(self, matches: Sequence[Match], current: int | None) -> None:
        """Mark search matches (in the blocks' shown text); `current` is an index into
        `matches`, drawn in its own style and scrolled into view."""
        by_block: dict[int, list[tuple[int, Match]]] = {}
        for index, match in enumerate(matches):
            by_block.setdefault(match.block, []).append((index, match))
        self._matches = by_block
        self._match_current = current
        self._strips.clear()
        self.refresh()
        if current is not None:
            match = matches[current]
            first, end = self._block_lines[match.block]
            line = next((n for n in range(first, end) if self._lines[n].end > match.start), first)
            self._scroll_to_line(line)

    def _scroll_to_line(self, line: int, animate: bool = False) -> None:
        height = self.scrollable_content_region.height
        top, bottom = self.scroll_offset.y, self.scroll_offset.y + height
        if top + 1 <= line < bottom - 1:
            return
        self.scroll_to(y=max(0, line - height // 3), animate=animate)

    # -- drawing ---------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_style = None
        self._styles.clear()
        self._strips.clear()

    @property
    def base_style(self) -> Style:
        # `rich_style` walks the ancestors on every call; a scroll asks for it on every line.
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        number = y + scroll_y
        width = self.scrollable_content_region.width
        if number >= len(self._lines):
            return Strip.blank(width, self.base_style)
        if self._strip_window != (scroll_x, width):
            self._strip_window = (scroll_x, width)
            self._strips.clear()
        strip = self._strips.get(number)
        if strip is None:
            strip = self._render_line(number).crop_extend(
                scroll_x, scroll_x + width, self.base_style
            )
            self._strips[number] = strip
        return strip

    def _render_line(self, number: int) -> Strip:
        line = self._lines[number]
        if line.block == -1:
            return Strip([])
        if line.block == -2:
            text = Text(
                "This article is empty.", style=self.base_style + self._style("article--empty")
            )
            return self._strip(text)
        block = self.document.blocks[line.block]
        if block.kind is BlockKind.RULE:
            return Strip([Segment("─" * self._layout_width, self._style("article--rule"))])
        base = self.base_style
        text = Text(no_wrap=True, end="")
        if line.prefix:
            text.append(line.prefix, style=base + self._style("article--quote-bar"))
        offset = len(line.prefix) - line.start
        text.append(block.text[line.start : line.end], style=base + self._block_style(block))
        for run in block.marks:
            if run.end > line.start and run.start < line.end:
                text.stylize(
                    self._style(_MARK_CLASSES[run.mark]),
                    max(run.start, line.start) + offset,
                    min(run.end, line.end) + offset,
                )
        source_start, source_end = self._line_source_range(number)
        for name, spans in self._highlight.layers():
            style = self._style(name)
            for span in _overlapping(spans, source_start, source_end):
                shown = block.display_range(span.start, span.end)
                if shown and shown[1] > line.start and shown[0] < line.end:
                    text.stylize(
                        style,
                        max(shown[0], line.start) + offset,
                        min(shown[1], line.end) + offset,
                    )
        for index, match in self._matches.get(line.block, ()):
            if match.end > line.start and match.start < line.end:
                name = "article--match"
                if index == self._match_current:
                    name = "article--match-current"
                text.stylize(
                    self._style(name),
                    max(match.start, line.start) + offset,
                    min(match.end, line.end) + offset,
                )
        return self._strip(text)

    def _strip(self, text: Text) -> Strip:
        segments = list(text.render(self.app.console, end=""))
        return Strip(segments)

    def _block_style(self, block: Block) -> Style:
        if block.kind is BlockKind.TITLE or (block.kind is BlockKind.HEADING and block.level == 1):
            return self._style("article--title")
        if block.kind is BlockKind.HEADING:
            return self._style("article--heading")
        if block.kind is BlockKind.META:
            return self._style("article--meta")
        if block.kind is BlockKind.CODE:
            return self._style("article--code-block")
        return Style()

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self._resolve(name)
        return style

    def _resolve(self, name: str) -> Style:
        """A part's style as it will be seen: its colours laid over the page, and its text
        made readable (AA) on them whatever the theme.

        Textual's own partial component style drops a colour's alpha ("$warning 30%"
        becomes full $warning) and leaves "auto" colours unresolved, so the colours are
        composed here from the part's rules.
        """
        rules = self.get_component_styles(name)
        text_style = Style() + rules.text_style
        if not rules.has_rule("color") and not rules.has_rule("background"):
            return text_style  # bold, italic: the colours stay those of what is beneath
        base = self.base_style
        page = Color.from_rich_color(base.bgcolor) if base.bgcolor else Color(0, 0, 0)
        ink = Color.from_rich_color(base.color) if base.color else page.get_contrast_text()
        if page.ansi is not None or (
            rules.has_rule("background") and rules.background.ansi is not None
        ):
            # A terminal's own palette (the ansi themes): its colours are the user's, and
            # the stylesheet pairs them for contrast.
            return rules.partial_rich_style
        background = page
        if rules.has_rule("background"):
            background = survives(page, rules.background, self._color_system)
        color = ink
        if rules.has_rule("color"):
            color = rules.color
            color = background.get_contrast_text(color.a) if color.auto else color
            color = background + color
        color = readable_on(background, color)
        return text_style + Style(
            color=color.rich_color,
            bgcolor=background.rich_color if rules.has_rule("background") else None,
        )

    @property
    def _color_system(self) -> ColorSystem | None:
        return COLOR_SYSTEMS.get(self.app.console.color_system or "")
