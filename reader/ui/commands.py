"""Command palette: "go to" any person, country or quote of the article."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from ..document import visible
from ..wording import counted
from .selection import quote_preview


class GoToEntity(Provider):
    def _targets(self) -> list[tuple[str, str, str]]:
        from .screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen) or screen.analysis is None:
            return []
        analysis = screen.analysis
        targets = [
            (f"Go to person: {p.name}", p.id, _mentions(len(p.mentions))) for p in analysis.people
        ]
        targets += [
            (f"Go to country: {c.name}", c.id, _mentions(len(c.mentions)))
            for c in analysis.countries
        ]
        for quote in analysis.quotes:
            targets.append(
                (f"Go to quote: {quote.credit} — “{quote_preview(quote.text)}”", quote.id, "")
            )
        return [(visible(label), entity_id, help_text) for label, entity_id, help_text in targets]

    def _go(self, entity_id: str) -> None:
        from .screens.main import MainScreen

        if isinstance(self.screen, MainScreen):
            self.screen.select_entity(entity_id)

    # Article text in a label is text, never markup: "[sic]", "[/b]" and "[Stari Most]"
    # are shown as written, so labels are Content, not strings (which would be parsed).

    async def discover(self) -> Hits:
        for label, entity_id, help_text in self._targets():
            yield DiscoveryHit(
                Content(label), partial(self._go, entity_id), text=label, help=help_text
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, entity_id, help_text in self._targets():
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    _highlighted(matcher, label),
                    partial(self._go, entity_id),
                    text=label,
                    help=help_text,
                )


def _highlighted(matcher: Matcher, label: str) -> Content:
    """The label with the letters the query matched marked, as Matcher.highlight does,
    but from plain text (Matcher.highlight parses its argument as markup)."""
    content = Content(label)
    _, offsets = matcher.fuzzy_search.match(matcher.query, label)
    for offset in offsets:
        if not label[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _mentions(count: int) -> str:
    return counted(count, "mention")
