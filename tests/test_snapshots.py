"""How the screen looks. Each SVG under __snapshots__ was looked at before it was committed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable

from textual.pilot import Pilot

from reader.document import load_document
from reader.ui.app import ReaderApp, make_app

from .conftest import SEED

SIZE = (120, 36)


def seed_app() -> ReaderApp:
    app = make_app(load_document(SEED))
    app.animation_level = "none"
    return app


def after(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.app.screen.workers.wait_for_complete()
        await pilot.pause()
        await _press(pilot, keys)

    return run_before


async def _press(pilot: Pilot[None], keys: Iterable[str]) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def test_start_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seed_app(), terminal_size=SIZE, run_before=after())


def test_person_selected(snap_compare) -> None:  # type: ignore[no-untyped-def]
    # Recep Tayyip Erdogan: a mention inside a quote, one in brackets, one possessive.
    keys = ("1", "down", "down", "down")
    assert snap_compare(seed_app(), terminal_size=SIZE, run_before=after(*keys))


def test_country_selected(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seed_app(), terminal_size=SIZE, run_before=after("2", "down", "down"))


def test_quote_selected(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seed_app(), terminal_size=SIZE, run_before=after("3", "down", "down"))


def test_help(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seed_app(), terminal_size=SIZE, run_before=after("question_mark"))


def test_small_terminal(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seed_app(), terminal_size=(80, 24), run_before=after("1", "n"))
