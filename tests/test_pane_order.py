"""People and Countries in the order that matters to the reader: as they first appear in
the article, or most mentioned first. One key goes from one order to the other, the
panes' titles say which is in use, and the order is kept in the preferences."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Label

from reader.analysis.analyst import Job
from reader.config import Config
from reader.document import document_from_text
from reader.ui.app import ReaderApp, make_app
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.entity_pane import EntityPane

from .ui import analysed, press, selected, status, until

# Invented: the person named first is named least, the country named last most.
ARTICLE = """\
Ministers meet in Vienna

Anna Kowalczyk, a trade envoy, arrived in Austria on Monday. Later Tomasz Brenner and
Marta Lindqvist joined the talks, which Brenner said went well. Brenner met envoys from
Chile, and Lindqvist thanked Brenner. Ministers from Chile, Peru and Chile again signed.
"""


def app_for(analyses: Any, config: Config | None = None) -> ReaderApp:
    document = document_from_text(ARTICLE)
    return make_app(document, cache=analyses(document), config=config)


def title(pane: EntityPane) -> str:
    return str(pane.query_one(".pane-title", Label).render())


def rows(pane: EntityPane) -> list[str]:
    """The names drawn in a pane, top to bottom (each row is a name and its count)."""
    option_list = pane.option_list
    drawn = []
    for y in range(option_list.scrollable_content_region.height):
        text = "".join(segment.text for segment in option_list.render_line(y)).strip()
        if text:
            drawn.append(text.rsplit(maxsplit=1)[0])
    return drawn


async def test_r_orders_people_and_countries_by_mentions_and_back(analyses: Any) -> None:
    app = app_for(analyses)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await analysed(pilot)
        people = screen.query_one("#people", EntityPane)
        countries = screen.query_one("#countries", EntityPane)
        assert title(people) == "People · by appearance"
        assert title(countries) == "Countries · by appearance"
        assert rows(people) == ["Anna Kowalczyk", "Tomasz Brenner", "Marta Lindqvist"]
        assert rows(countries) == ["Austria", "Chile", "Peru"]

        await press(pilot, "r", lambda: title(people) == "People · by mentions", "r")
        assert title(countries) == "Countries · by mentions"
        assert rows(people) == ["Tomasz Brenner", "Marta Lindqvist", "Anna Kowalczyk"]
        assert rows(countries) == ["Chile", "Austria", "Peru"]

        await press(pilot, "r", lambda: title(people) == "People · by appearance", "r again")
        assert rows(people) == ["Anna Kowalczyk", "Tomasz Brenner", "Marta Lindqvist"]


async def test_the_selection_stays_on_the_same_person_when_the_order_changes(
    analyses: Any,
) -> None:
    app = app_for(analyses)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await analysed(pilot)
        people = screen.query_one("#people", EntityPane)
        await press(pilot, "1", lambda: selected(pilot) is not None, "1")
        await press(pilot, "down", lambda: status(pilot).startswith("Tomasz"), "down")
        brenner = selected(pilot)
        await press(pilot, "r", lambda: title(people) == "People · by mentions", "r")
        await pilot.pause()
        # Brenner is now first in the list: the cursor went with him, the selection and
        # the status line did not move.
        option_list = people.option_list
        assert option_list.highlighted == 0
        assert option_list.highlighted_option is not None
        assert option_list.highlighted_option.id == brenner
        assert selected(pilot) == brenner
        assert status(pilot).startswith("Tomasz Brenner — mention 1 of")
        # Down goes on from him in the new order.
        await press(pilot, "down", lambda: status(pilot).startswith("Marta"), "down")


async def test_the_order_is_kept_in_the_preferences(analyses: Any, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('# mine\ntheme = "nord"\n\n[keys]\ncopy_quote = "y"\n', encoding="utf-8")
    app = app_for(analyses, Config.load(path))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await analysed(pilot)
        people = screen.query_one("#people", EntityPane)
        await press(pilot, "r", lambda: title(people) == "People · by mentions", "r")
    assert path.read_text(encoding="utf-8") == (
        'pane_order = "mentions"\n# mine\ntheme = "nord"\n\n[keys]\ncopy_quote = "y"\n'
    )

    again = app_for(analyses, Config.load(path))
    async with again.run_test(size=(120, 36)) as pilot:
        screen = await analysed(pilot)
        people = screen.query_one("#people", EntityPane)
        assert title(people) == "People · by mentions"
        assert rows(people) == ["Tomasz Brenner", "Marta Lindqvist", "Anna Kowalczyk"]


async def test_before_the_analysis_the_order_key_says_why_it_waits(
    analyses: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The analysis held back until r has been answered, so that r surely comes first."""
    answered = asyncio.Event()
    run_analysis = MainScreen.run_analysis

    def held(screen: MainScreen, job: Job) -> None:
        async def start() -> None:
            await answered.wait()
            run_analysis(screen, job)

        screen.run_worker(start())

    monkeypatch.setattr(MainScreen, "run_analysis", held)
    app = app_for(analyses)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(
            pilot,
            lambda: app.screen.query("#status") and status(pilot) == "Analysing…",
            "the status line",
        )
        await press(pilot, "r", lambda: "can be ordered once" in status(pilot), "r")
        answered.set()
        screen = await analysed(pilot)
        assert title(screen.query_one("#people", EntityPane)) == "People · by appearance"


async def test_help_lists_the_order_key(analyses: Any) -> None:
    from .test_help import open_help
    from .test_help import rows as help_rows

    app = app_for(analyses)
    async with app.run_test(size=(120, 36)) as pilot:
        await analysed(pilot)
        keys = help_rows(await open_help(pilot))
        assert keys["Order People and Countries by mentions or by first appearance"] == "`r`"
