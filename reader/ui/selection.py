"""What is selected in the panes, and the spans of the article it lights up."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..analysis import Analysis, Span


class Kind(StrEnum):
    PERSON = "person"
    COUNTRY = "country"
    QUOTE = "quote"


@dataclass(frozen=True, slots=True)
class Selection:
    kind: Kind
    id: str
    label: str
    spans: tuple[Span, ...]  # the mentions (or the quote), in text order
    speaker: tuple[Span, ...] = ()  # where a quote's speaker is named, marked beside it

    def status(self, current: int) -> str:
        if not self.spans:
            return f"{self.label} — not found in the text"
        if self.kind is Kind.QUOTE:
            return f"Quote — {self.label}"
        return f"{self.label} — mention {current + 1} of {len(self.spans)}"


def select(analysis: Analysis, entity_id: str) -> Selection | None:
    """The selection for a person, country or quote id (p1, c2, q3)."""
    for person in analysis.people:
        if person.id == entity_id:
            return Selection(Kind.PERSON, person.id, person.name, person.mentions)
    for country in analysis.countries:
        if country.id == entity_id:
            return Selection(Kind.COUNTRY, country.id, country.name, country.mentions)
    for quote in analysis.quotes:
        if quote.id == entity_id:
            speaker = analysis.person(quote.speaker)
            named: tuple[Span, ...] = ()
            if quote.speaker_span is not None:
                named = (quote.speaker_span,)
            elif speaker is not None:
                # "he said": mark where the speaker was last named before the quote.
                before = [m for m in speaker.mentions if m.start < quote.start]
                named = (before[-1],) if before else speaker.mentions[:1]
            label = quote.speaker_name or "unattributed"
            return Selection(Kind.QUOTE, quote.id, label, (quote.span,), named)
    return None
