"""The command palette's "go to" entries show the article's words as written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.command import CommandList

from reader.document import load_document
from reader.ui.app import make_app

from .ui import analysed, palette_choose, press, selected, until

ARTICLE = """\
Bridge to reopen

Mayor Anna Kowalczyk spoke on Monday, with the engineer Piotr Nowak beside her.

"The Old Bridge [Stari Most] will open again in May," Kowalczyk said.
"""


async def test_capitalised_brackets_are_shown_and_singular_counts(
    analyses: Any, tmp_path: Path
) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    document = load_document(path)
    app = make_app(document, cache=analyses(document))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await analysed(pilot)
        assert screen.analysis is not None and screen.analysis.quotes
        await palette_choose(pilot, "Stari Most", "The Old Bridge [Stari Most] will")
        assert selected(pilot) == screen.analysis.quotes[0].id
        person = next(p for p in screen.analysis.people if len(p.mentions) == 1)
        await press(pilot, "ctrl+p", lambda: app.screen is not screen, "the palette")
        await pilot.press(*person.name)
        await until(pilot, lambda: person.name in first_offered(app), "the person offered")
        assert first_offered(app) == f"Go to person: {person.name}\n1 mention"


def first_offered(app: Any) -> str:
    found = app.screen.query(CommandList)
    if not found or found.first().option_count == 0:
        return ""
    return str(found.first().get_option_at_index(0).prompt)
