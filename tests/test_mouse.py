"""The mouse: a click on an entry of a pane selects it, a click on a mention in the text
selects its person or country with that mention current, a click inside a quotation the
quote. Where to click is read off the lines as drawn, so the tests follow the layout."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual.geometry import Offset

from reader.document import document_from_text, load_document
from reader.ui.app import ReaderApp, make_app
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.entity_pane import EntityPane

from .conftest import SEED
from .ui import analysed, drawn_runs, selected, status, until

# Invented. Okafor is named three times, the third time inside his own quotation.
ARTICLE = """\
Harbour talks resume

Chidi Okafor, the port's director, met envoys from Norway on Tuesday. Okafor said
the new quay would open in spring.

"We have waited long enough for this," Okafor told the envoys from Norway.
"""


def app_for(analyses: Any, text: str = ARTICLE) -> ReaderApp:
    document = document_from_text(text)
    return make_app(document, cache=analyses(document))


def places(article: ArticleView, words: str) -> list[Offset]:
    """Where each drawn occurrence of `words` starts, as an offset from the article's top
    left corner (what pilot.click takes), found in the lines the article renders."""
    content = article.scrollable_content_region
    inside = Offset(content.x - article.region.x, content.y - article.region.y)
    found = []
    for y in range(content.height):
        text = article.render_line(y).text
        x = text.find(words)
        while x >= 0:
            found.append(inside + Offset(cell_len(text[:x]), y))  # cells, as drawn
            x = text.find(words, x + 1)
    return found


def row_of(pane: EntityPane, name: str) -> Offset:
    """Where a pane's row for `name` is drawn, as an offset from the list's corner."""
    option_list = pane.option_list
    for y in range(option_list.scrollable_content_region.height):
        text = "".join(segment.text for segment in option_list.render_line(y))
        if text.strip().startswith(name):
            return Offset(1, y)
    raise AssertionError(f"{name!r} is not drawn in the pane")


def drawn_style_at(article: ArticleView, place: Offset) -> str:
    """The highlight the character at `place` is drawn in: current, mention or none."""
    content = article.scrollable_content_region
    x, y = place.x - (content.x - article.region.x), place.y - (content.y - article.region.y)
    column = 0
    for segment in article.render_line(y):
        if column <= x < column + cell_len(segment.text):
            for part in ("article--current", "article--mention", "article--quote"):
                style = article._style(part)
                if segment.style is not None and segment.style.bgcolor == style.bgcolor:
                    return part
            return ""
        column += cell_len(segment.text)
    return ""


async def test_a_click_on_a_mention_selects_its_person_with_that_mention_current(
    analyses: Any,
) -> None:
    app = app_for(analyses)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await analysed(pilot)
        article = screen.query_one(ArticleView)
        assert selected(pilot) is None
        first, second, third = places(article, "Okafor")
        # The second one, on the second letter: the mention is the whole name.
        await pilot.click(ArticleView, offset=second + Offset(1, 0))
        await until(pilot, lambda: selected(pilot) is not None, "the click to select")
        assert status(pilot) == "Chidi Okafor — mention 2 of 3"
        assert drawn_style_at(article, second) == "article--current"
        assert drawn_style_at(article, first) == "article--mention"
        # The People pane's cursor is on him too.
        people = screen.query_one("#people", EntityPane).option_list
        assert people.highlighted_option is not None
        assert people.highlighted_option.id == selected(pilot)
        # A click on his name inside the quotation is his mention, not the quote.
        await pilot.click(ArticleView, offset=third)
        await until(pilot, lambda: "mention 3 of 3" in status(pilot), "mention 3 current")
        assert drawn_runs(article, "article--current") == ["Okafor"]


async def test_a_click_on_a_country_selects_it(analyses: Any) -> None:
    app = app_for(analyses)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await analysed(pilot)
        article = screen.query_one(ArticleView)
        await pilot.click(ArticleView, offset=places(article, "Norway")[-1])
        await until(pilot, lambda: status(pilot) == "Norway — mention 2 of 2", "Norway")
        countries = screen.query_one("#countries", EntityPane).option_list
        assert countries.highlighted_option is not None
        assert countries.highlighted_option.id == selected(pilot)


async def test_a_click_inside_a_quotation_selects_the_quote(analyses: Any) -> None:
    app = app_for(analyses)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await analysed(pilot)
        article = screen.query_one(ArticleView)
        (waited,) = places(article, "waited")
        await pilot.click(ArticleView, offset=waited)
        await until(pilot, lambda: status(pilot).startswith("Quote — "), "the quote")
        assert status(pilot) == "Quote — Chidi Okafor"
        assert drawn_style_at(article, waited) == "article--quote"


async def test_a_click_on_plain_text_leaves_the_selection(analyses: Any) -> None:
    app = app_for(analyses)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await analysed(pilot)
        article = screen.query_one(ArticleView)
        await pilot.click(ArticleView, offset=places(article, "Norway")[0])
        await until(pilot, lambda: status(pilot) == "Norway — mention 1 of 2", "Norway")
        (quay,) = places(article, "quay")
        await pilot.click(ArticleView, offset=quay)
        await pilot.pause()
        assert status(pilot) == "Norway — mention 1 of 2"


async def test_a_click_on_an_entry_selects_it(analyses: Any) -> None:
    document = load_document(SEED)
    app = make_app(document, cache=analyses(document))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await analysed(pilot)
        people = screen.query_one("#people", EntityPane)
        await pilot.click(people.option_list, offset=row_of(people, "Bashar al-Assad"))
        await until(pilot, lambda: status(pilot).startswith("Bashar al-Assad"), "Assad")
        countries = screen.query_one("#countries", EntityPane)
        await pilot.click(countries.option_list, offset=row_of(countries, "Russia"))
        await until(pilot, lambda: status(pilot).startswith("Russia"), "Russia")
        assert drawn_runs(screen.query_one(ArticleView), "article--current") == ["Russia"]


async def test_a_click_finds_the_mention_after_wide_characters(analyses: Any) -> None:
    """Cells, not characters: after two-cell characters a name is drawn further right
    than its index in the text, and the click still lands on it."""
    text = ARTICLE.replace("met envoys", "met 港口 envoys")
    app = app_for(analyses, text)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await analysed(pilot)
        article = screen.query_one(ArticleView)
        norway = places(article, "Norway")[0]
        # Its last letter: counted in characters, the click would be two past it.
        await pilot.click(ArticleView, offset=norway + Offset(len("Norwa"), 0))
        await until(pilot, lambda: status(pilot) == "Norway — mention 1 of 2", "Norway")
