"""What the analysis finds, with character offsets into the article's file text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

JSON_SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    mentions: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Country:
    id: str
    code: str  # ISO 3166-1 alpha-3
    name: str
    mentions: tuple[Span, ...]


UNATTRIBUTED = "unattributed"


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    text: str
    start: int
    end: int
    speaker: str | None  # a Person id
    speaker_name: str  # the person's name, or the attribution's words ("officials")
    speaker_span: Span | None = None  # where the attribution names the speaker

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.text)

    @property
    def credit(self) -> str:
        """Who the quote is credited to wherever it is shown: the speaker's name, or
        "unattributed"."""
        return self.speaker_name or UNATTRIBUTED


@dataclass(frozen=True, slots=True)
class Analysis:
    title: str
    people: tuple[Person, ...] = ()
    countries: tuple[Country, ...] = ()
    quotes: tuple[Quote, ...] = ()
    model: str = ""

    def person(self, person_id: str | None) -> Person | None:
        return next((person for person in self.people if person.id == person_id), None)

    def to_json(self) -> dict[str, Any]:
        """The document `reader --json` prints; the schema is fixed by the eval README."""
        return {
            "schema": JSON_SCHEMA_VERSION,
            "title": self.title,
            "model": self.model,
            "people": [
                {
                    "id": person.id,
                    "name": person.name,
                    "mentions": [mention.to_json() for mention in person.mentions],
                }
                for person in self.people
            ],
            "countries": [
                {
                    "id": country.id,
                    "code": country.code,
                    "name": country.name,
                    "mentions": [mention.to_json() for mention in country.mentions],
                }
                for country in self.countries
            ],
            "quotes": [
                {
                    "id": quote.id,
                    "text": quote.text,
                    "start": quote.start,
                    "end": quote.end,
                    "speaker": quote.speaker,
                    "speaker_name": quote.speaker_name,
                    "speaker_span": quote.speaker_span.to_json() if quote.speaker_span else None,
                }
                for quote in self.quotes
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Analysis:
        """The inverse of to_json (for the cache). Raises KeyError/TypeError/ValueError
        on a document that is not one."""
        if data.get("schema") != JSON_SCHEMA_VERSION:
            raise ValueError(f"unknown schema {data.get('schema')!r}")

        def spans(items: list[dict[str, Any]]) -> tuple[Span, ...]:
            return tuple(Span(int(m["start"]), int(m["end"]), str(m["text"])) for m in items)

        quotes = []
        for quote in data["quotes"]:
            where = quote.get("speaker_span")
            quotes.append(
                Quote(
                    id=str(quote["id"]),
                    text=str(quote["text"]),
                    start=int(quote["start"]),
                    end=int(quote["end"]),
                    speaker=quote["speaker"],
                    speaker_name=str(quote["speaker_name"]),
                    speaker_span=spans([where])[0] if where else None,
                )
            )
        return cls(
            title=str(data["title"]),
            people=tuple(
                Person(str(p["id"]), str(p["name"]), spans(p["mentions"])) for p in data["people"]
            ),
            countries=tuple(
                Country(str(c["id"]), str(c["code"]), str(c["name"]), spans(c["mentions"]))
                for c in data["countries"]
            ),
            quotes=tuple(quotes),
            model=str(data.get("model", "")),
        )
