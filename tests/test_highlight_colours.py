"""Highlights that read in every theme and stay distinct in every terminal.

The contrast is computed from what the article view actually draws: every character on
screen, with a person's mentions lit, the current one, a quote and its speaker, the byline,
a link, the title and a heading, in each of Textual's built-in themes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from rich.terminal_theme import TerminalTheme
from textual import constants
from textual.color import Color
from textual.theme import BUILTIN_THEMES

from reader.document import load_document
from reader.ui.app import ReaderApp, make_app
from reader.ui.contrast import AA, contrast
from reader.ui.widgets.article_view import ArticleView

from .ui import analysed, drawn_runs, press, until

SIZE = (110, 40)

# Invented: a byline from front matter, a link, a heading, a person named four times, a
# quotation with its speaker.
ARTICLE = """---
title: Harbour talks resume in Valmora
date: 2024-03-05
source: https://example.org/harbour-talks
---

Marta Kowalczyk arrived in [the port city](https://example.org/valmora) on Monday, and
Kowalczyk met officials from France and Spain within the hour.

"We will not leave without an agreement on the harbour," Kowalczyk said.

## Reaction

The talks were useful, said the Spanish envoy. Kowalczyk agreed and left for Madrid.
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "harbour.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def app_for(path: Path, analyses: Any) -> ReaderApp:
    document = load_document(path)
    return make_app(document, cache=analyses(document))


def palette(app: ReaderApp) -> TerminalTheme:
    """The sixteen colours an ansi theme's text is drawn in: the terminal's, for which
    Textual's own stand-in palettes are the best guess a test can make."""
    return app.ansi_theme_dark if app.current_theme.dark else app.ansi_theme_light


def opaque(color: RichColor | None, terminal: TerminalTheme, foreground: bool) -> Color:
    if color is None:
        color = RichColor.default()
    return Color(*color.get_truecolor(terminal, foreground=foreground))


def seen_colours(segment: Segment, terminal: TerminalTheme) -> tuple[Color, Color]:
    style = segment.style or Style()
    ink = opaque(style.color, terminal, True)
    page = opaque(style.bgcolor, terminal, False)
    return (page, ink) if style.reverse else (ink, page)


def unreadable(view: ArticleView, terminal: TerminalTheme) -> list[str]:
    found = []
    for y in range(view.scrollable_content_region.height):
        for segment in view.render_line(y):
            if not segment.text.strip():
                continue
            ink, page = seen_colours(segment, terminal)
            ratio = contrast(ink, page)
            if ratio < AA:
                found.append(f"{segment.text.strip()!r} {ratio:.2f}:1 ({ink.hex} on {page.hex})")
    return found


@pytest.mark.slow
async def test_every_part_of_the_article_reads_at_aa(article: Path, analyses: Any) -> None:
    """Every built-in theme, one after the other in one app, as a user switching themes."""
    app = app_for(article, analyses)
    problems: dict[str, list[str]] = {}
    async with app.run_test(size=SIZE) as pilot:
        screen = await analysed(pilot)
        view = screen.query_one(ArticleView)
        person = next(p for p in screen.analysis.people if p.name == "Marta Kowalczyk")
        quote = screen.analysis.quotes[0]
        for theme in sorted(BUILTIN_THEMES):
            app.theme = theme
            screen.action_clear()
            await pilot.pause()
            terminal = palette(app)
            screen.select_entity(person.id)
            await until(pilot, lambda: drawn_runs(view, "article--current"), "the mention")
            assert drawn_runs(view, "article--mention")  # the other mentions are drawn too
            problems[f"{theme}: person"] = unreadable(view, terminal)
            await press(pilot, "n", lambda: screen.current == 1, "n")
            problems[f"{theme}: next mention"] = unreadable(view, terminal)
            screen.select_entity(quote.id)
            await until(pilot, lambda: drawn_runs(view, "article--quote"), "the quote")
            assert drawn_runs(view, "article--speaker") == ["Kowalczyk"]
            problems[f"{theme}: quote"] = unreadable(view, terminal)
            screen.select_entity(person.id)
            screen.search_for("harbour")  # over the mentions and the quote's text
            await until(pilot, lambda: drawn_runs(view, "article--match-current"), "a match")
            assert drawn_runs(view, "article--match")  # the other matches are drawn too
            problems[f"{theme}: search"] = unreadable(view, terminal)
            screen.search_for("")
    assert {where: found for where, found in problems.items() if found} == {}


def signature(style: Style, system: ColorSystem) -> tuple[object, ...]:
    """What a terminal of that colour system shows of a style, boldness left out."""

    def shown(color: RichColor | None) -> object:
        return color.downgrade(system).name if color is not None else None

    return (shown(style.color), shown(style.bgcolor), bool(style.underline), bool(style.reverse))


@pytest.mark.parametrize("system", ["256", "standard"])
@pytest.mark.slow
async def test_the_current_mention_stands_out_in_few_colours(
    system: str, article: Path, analyses: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TEXTUAL_COLOR_SYSTEM=256 or =standard (16 colours): in every theme the page, a
    mention and the current mention each look different, and not by boldness alone."""
    monkeypatch.setattr(constants, "COLOR_SYSTEM", system)
    app = app_for(article, analyses)
    color_system = ColorSystem.EIGHT_BIT if system == "256" else ColorSystem.STANDARD
    alike: dict[str, tuple[object, ...]] = {}
    async with app.run_test(size=SIZE) as pilot:
        screen = await analysed(pilot)
        assert app.console.color_system == system
        view = screen.query_one(ArticleView)
        for theme in sorted(BUILTIN_THEMES):
            app.theme = theme
            screen.action_clear()
            await pilot.pause()
            screen.select_entity(screen.analysis.people[0].id)
            await until(pilot, lambda: drawn_runs(view, "article--current"), "the mention")
            page = signature(view.base_style, color_system)
            mention = signature(view.base_style + view._style("article--mention"), color_system)
            current = signature(view.base_style + view._style("article--current"), color_system)
            if len({page, mention, current}) != 3:
                alike[theme] = (page, mention, current)
    assert alike == {}
