"""Command palette: "go to" any person, country or quote of the article."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from ..document import visible

if TYPE_CHECKING:
    from .screens.main import MainScreen


class GoToEntity(Provider):
    def _targets(self) -> list[tuple[str, str, str]]:
        from .screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen) or screen.analysis is None:
            return []
        analysis = screen.analysis
        targets = [
            (f"Go to person: {p.name}", p.id, f"{len(p.mentions)} mentions")
            for p in analysis.people
        ]
        targets += [
            (f"Go to country: {c.name}", c.id, f"{len(c.mentions)} mentions")
            for c in analysis.countries
        ]
        for quote in analysis.quotes:
            words = " ".join(quote.text.split()[:8])
            who = quote.speaker_name or "unattributed"
            targets.append((f"Go to quote: {who} — “{words}…”", quote.id, ""))
        # Article text in a label is text: brackets ("[sic]", "[/b]") must not be markup.
        return [
            (escape(visible(label)), entity_id, help_text)
            for label, entity_id, help_text in targets
        ]

    def _go(self, entity_id: str) -> None:
        screen: MainScreen = self.screen  # type: ignore[assignment]
        screen.select_entity(entity_id)

    async def discover(self) -> Hits:
        for label, entity_id, help_text in self._targets():
            yield DiscoveryHit(label, partial(self._go, entity_id), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, entity_id, help_text in self._targets():
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(label), partial(self._go, entity_id), help=help_text
                )
