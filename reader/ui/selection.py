"""What is selected in the panes, and the spans of the article it lights up."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from ..document import visible

if TYPE_CHECKING:
    from ..analysis import Analysis, Country, Person, Span


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
            return Selection(Kind.QUOTE, quote.id, quote.credit, (quote.span,), named)
    return None


def entity_at(analysis: Analysis, offset: int) -> tuple[str, int] | None:
    """The entity whose mention holds file offset `offset`, and which of its mentions it
    is: a person's or a country's name first (a name inside a quotation is the name's),
    else the quotation itself (its mention 0). None if the offset is in neither.

    A binary search in each entity's mentions: a click costs the number of entities,
    not the length of the article."""
    entities: list[Person | Country] = [*analysis.people, *analysis.countries]
    for entity in entities:
        index = _holding(entity.mentions, offset)
        if index is not None:
            return entity.id, index
    for quote in analysis.quotes:
        if quote.start <= offset < quote.end:
            return quote.id, 0
    return None


def _holding(spans: Sequence[Span], offset: int) -> int | None:
    """The index of the span (sorted by start, not overlapping) that holds `offset`."""
    index = bisect_right(spans, offset, key=lambda span: span.start) - 1
    if index >= 0 and offset < spans[index].end:
        return index
    return None


QUOTE_PREVIEW_WORDS = 8  # enough to recognise a quote in a pane a third of the screen wide


def quote_preview(text: str) -> str:
    """The quote's first words, in the form a terminal shows literally."""
    words = visible(text).split()
    cut = len(words) > QUOTE_PREVIEW_WORDS
    return " ".join(words[:QUOTE_PREVIEW_WORDS]) + ("…" if cut else "")
