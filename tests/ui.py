"""Driving the app in tests: wait for what a user would wait for, read what is drawn.

A test waits on a condition it can see (the analysis shown, the selection made), never
on a worker that may not have started yet or a fixed pause: on a busy machine either
loses the race.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from time import monotonic
from typing import Any

from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import Static

from reader.ui.screens.main import MainScreen
from reader.ui.widgets.article_view import ArticleView

# A bound on waiting, for a test that would otherwise hang; generous, because a machine
# running other work beside the suite is slow, not wrong.
PATIENCE = 180.0


async def until(pilot: Pilot[Any], condition: Callable[[], object], what: str) -> None:
    deadline = monotonic() + PATIENCE
    while not condition():
        if monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        await pilot.pause(0.02)


async def analysed(pilot: Pilot[Any]) -> MainScreen:
    """The reading screen once its panes show the analysis (or its failure)."""

    def shown() -> bool:
        screen = pilot.app.screen
        return isinstance(screen, MainScreen) and screen.analysis_done

    await until(pilot, shown, "the analysis to be shown")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def press(pilot: Pilot[Any], key: str, condition: Callable[[], object], what: str) -> None:
    """Press a key, then wait until it has done what it is for."""
    await pilot.press(key)
    await until(pilot, condition, what)


async def palette_choose(pilot: Pilot[Any], query: str, offered: str) -> None:
    """Open the command palette, type a query, wait for `offered` to be the first
    suggestion, and take it."""
    screen = pilot.app.screen
    await pilot.press("ctrl+p")
    await until(pilot, lambda: pilot.app.screen is not screen, "the command palette")
    await pilot.press(*query)

    def first() -> str:
        found = pilot.app.screen.query(CommandList)
        if not found or found.first().option_count == 0:
            return ""
        return str(found.first().get_option_at_index(0).prompt)

    await until(pilot, lambda: offered in first(), f"the palette to offer {offered!r}")
    await press(pilot, "enter", lambda: pilot.app.screen is screen, "the palette to close")


def status(pilot_or_app: Any) -> str:
    app = getattr(pilot_or_app, "app", pilot_or_app)
    return str(app.screen.query_one("#status", Static).render())


def selected(pilot: Pilot[Any]) -> str | None:
    screen = pilot.app.screen
    selection = getattr(screen, "selection", None)
    return selection.id if selection is not None else None


def drawn_runs(view: ArticleView, part: str, rows: range | None = None) -> list[str]:
    """The runs of text drawn on screen in a part's colours ("article--current"), read
    back from the lines the view renders: what the user sees, not the view's state."""
    style = view._style(part)
    runs: list[str] = []
    for y in rows if rows is not None else range(view.scrollable_content_region.height):
        segments = list(view.render_line(y))
        for lit, group in groupby(
            segments,
            key=lambda s: (
                s.style is not None
                and s.style.bgcolor == style.bgcolor
                and s.style.color == style.color
                and bool(s.style.underline) == bool(style.underline)
            ),
        ):
            if lit:
                text = "".join(segment.text for segment in group).strip()
                if text:
                    runs.append(text)
    return runs


async def drawn_throughout(pilot: Pilot[Any], view: ArticleView, part: str) -> list[str]:
    """The runs drawn in a part's colours from the article's first line to its last, read
    page by page as a reader scrolling down sees them; the view is put back after."""
    height = view.scrollable_content_region.height
    back = view.scroll_offset.y
    runs: list[str] = []
    shown = 0  # article lines read so far
    while True:
        top = min(shown, view.max_scroll_y)
        view.scroll_to(y=top, animate=False)
        await until(pilot, lambda y=top: view.scroll_offset.y == y, f"the article at line {top}")
        runs += drawn_runs(view, part, range(shown - top, height))
        shown = top + height
        if top >= view.max_scroll_y:
            break
    view.scroll_to(y=back, animate=False)
    await until(pilot, lambda: view.scroll_offset.y == back, "the article back where it was")
    return runs
