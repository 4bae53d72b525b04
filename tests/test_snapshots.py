"""How the screen looks. Each SVG under __snapshots__ was looked at before it was committed.

Every snapshot reads its analysis from a store made once per session (the `analyses`
fixture) and waits for what it shows to be on screen (the panes filled, the selection
made) before it is taken, so a busy machine makes it slower, never different.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from reader.analysis.analyst import Job
from reader.document import load_document
from reader.ui.app import ReaderApp, make_app
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.main import MainScreen

from .conftest import ROOT, SEED
from .ui import analysed, press, selected, status, until

SIZE = (120, 36)

Step = Callable[[Pilot[Any]], Awaitable[None]]


def seed_app(analyses: Any, theme: str | None = None) -> ReaderApp:
    document = load_document(SEED)
    app = make_app(document, cache=analyses(document))
    app.animation_level = "none"
    if theme is not None:
        app.config.theme = theme
    return app


def after(*steps: Step) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await analysed(pilot)
        for step in steps:
            await step(pilot)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    return run_before


def choose(pane_key: str, entity_id: str, downs: int) -> Step:
    """Go to a pane with its number key, then down to an entry."""

    async def step(pilot: Pilot[Any]) -> None:
        await press(pilot, pane_key, lambda: selected(pilot) is not None, f"pane {pane_key}")
        for _ in range(downs):
            before = selected(pilot)
            await press(pilot, "down", lambda b=before: selected(pilot) != b, "the next entry")
        assert selected(pilot) == entity_id

    return step


def key(name: str, done: Callable[[Pilot[Any]], object]) -> Step:
    async def step(pilot: Pilot[Any]) -> None:
        await press(pilot, name, lambda: done(pilot), f"{name} to take effect")

    return step


def test_start_screen(snap_compare, analyses) -> None:
    assert snap_compare(seed_app(analyses), terminal_size=SIZE, run_before=after())


def test_person_selected(snap_compare, analyses) -> None:
    # Recep Tayyip Erdogan: a mention inside a quote, one in brackets, one possessive.
    step = choose("1", "p4", 3)
    assert snap_compare(seed_app(analyses), terminal_size=SIZE, run_before=after(step))


def test_country_selected(snap_compare, analyses) -> None:
    step = choose("2", "c3", 2)
    assert snap_compare(seed_app(analyses), terminal_size=SIZE, run_before=after(step))


def test_country_selected_light(snap_compare, analyses) -> None:
    """The same in a light theme: tints and text that read on a pale page."""
    step = choose("2", "c3", 2)
    app = seed_app(analyses, theme="textual-light")
    assert snap_compare(app, terminal_size=SIZE, run_before=after(step))


def test_quote_selected(snap_compare, analyses) -> None:
    step = choose("3", "q3", 2)
    assert snap_compare(seed_app(analyses), terminal_size=SIZE, run_before=after(step))


def test_help(snap_compare, analyses) -> None:
    step = key("question_mark", lambda pilot: isinstance(pilot.app.screen, HelpScreen))
    assert snap_compare(seed_app(analyses), terminal_size=SIZE, run_before=after(step))


def test_search(snap_compare, analyses) -> None:
    """f, a word typed: every match tinted, the current one solid, the count below."""

    async def search(pilot: Pilot[Any]) -> None:
        await pilot.press("f", *"syria")
        await until(pilot, lambda: "match 1 of" in status(pilot), "the matches")
        article = pilot.app.screen.query_one("#article")
        await press(pilot, "enter", lambda: article.has_focus, "Enter to keep the search")
        await press(pilot, "full_stop", lambda: "match 2 of" in status(pilot), ".")

    assert snap_compare(seed_app(analyses), terminal_size=SIZE, run_before=after(search))


WIDE = (200, 40)


def test_wide_terminal(snap_compare, analyses) -> None:
    """At 200 columns the text keeps its measure, centred between the edge and the panes."""
    step = choose("1", "p3", 2)
    assert snap_compare(seed_app(analyses), terminal_size=WIDE, run_before=after(step))


def test_wide_terminal_light(snap_compare, analyses) -> None:
    step = choose("1", "p3", 2)
    app = seed_app(analyses, theme="textual-light")
    assert snap_compare(app, terminal_size=WIDE, run_before=after(step))


def test_small_terminal(snap_compare, analyses) -> None:
    steps = (
        choose("1", "p1", 0),
        key("n", lambda pilot: pilot.app.screen.current == 1),
    )
    assert snap_compare(seed_app(analyses), terminal_size=(80, 24), run_before=after(*steps))


async def test_the_wait_holds_until_the_panes_are_filled(
    analyses: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a busy machine the analysis worker may start well after the app is first idle;
    the snapshots' wait must hold until the panes show the analysis all the same."""
    started = asyncio.Event()
    run_analysis = MainScreen.run_analysis

    def late(screen: MainScreen, job: Job) -> None:
        async def start() -> None:
            await started.wait()
            run_analysis(screen, job)

        screen.run_worker(start())

    monkeypatch.setattr(MainScreen, "run_analysis", late)
    app = seed_app(analyses)
    async with app.run_test(size=SIZE) as pilot:
        waiting = asyncio.ensure_future(analysed(pilot))
        # The status line is mounted after the first frame, and says so then.
        await until(
            pilot,
            lambda: pilot.app.screen.query("#status") and status(pilot) == "Analysing…",
            "the analysis to be under way",
        )
        assert not waiting.done()
        started.set()
        screen = await waiting
        assert screen.analysis is not None
        assert status(pilot).startswith("5 people")


def test_readme_screenshot(snap_compare, analyses) -> None:
    """The picture at the top of the README: Mevlut Cavusoglu selected."""
    step = choose("1", "p2", 1)
    assert snap_compare(seed_app(analyses), terminal_size=SIZE, run_before=after(step))


def test_the_readme_shows_the_current_screen() -> None:
    """docs/screenshot.svg is the snapshot above, copied by `make snapshots-update`."""
    snapshot = Path(__file__).parent / "__snapshots__/test_snapshots/test_readme_screenshot.svg"
    readme_picture = ROOT / "docs" / "screenshot.svg"
    assert readme_picture.read_bytes() == snapshot.read_bytes()


def test_inbox_with_read_and_unread_items(snap_compare, tmp_path: Path) -> None:
    from reader.analysis import AnalysisCache
    from reader.document import Feed, open_argument
    from reader.readmarks import Entry, ReadMarks
    from reader.ui.screens.library import LibraryScreen

    from .test_readmarks import INBOX

    feed = open_argument(str(INBOX))
    assert isinstance(feed, Feed)
    ReadMarks().mark([Entry("harbour-2")])  # read before: the middle item
    app = make_app(
        None, cache=AnalysisCache(tmp_path / "cache"), library=list(feed.items), title=feed.title
    )

    async def run_before(pilot: Pilot[Any]) -> None:
        def settled() -> bool:
            screen = pilot.app.screen
            return isinstance(screen, LibraryScreen) and screen.settled and screen.recurring_shown

        await until(pilot, settled, "every item analysed and counted")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
