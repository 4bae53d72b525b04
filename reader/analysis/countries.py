"""Countries: place and nationality words resolved to ISO 3166-1 countries."""

from __future__ import annotations

import re
from collections import defaultdict

from . import country_names
from .spans import SpanIndex
from .text import AnalysisText

# Entities that are names in their own right: a country word inside one ("Free Syrian
# Army", "Turkish Airlines") is part of that name, not a mention of the country.
_PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})
# Capitalised words, and the few lower-case words that occur inside country names
# ("Republic of the Congo", "Bosnia and Herzegovina", "Trinidad and Tobago").
_WORD = re.compile(r"[A-Z][\w’'.]*|\b(?:of|the|and)\b")
_JOINER = re.compile(r"[ \t]+|[-‐‑]")
_CONNECTORS = frozenset({"of", "the", "and"})
_MAX_WORDS = 6
_DIRECTIONS = frozenset(
    """
    north south east west northern southern eastern western central northeast northwest
    southeast southwest northeastern northwestern southeastern southwestern upper lower
    """.split()
)
# Names that are a country alone and a continent with a word before them ("Latin America",
# "South American"): inside a longer place name they are not the country.
_CONTINENTAL = frozenset({"america", "american", "americans"})


def find_countries(
    at: AnalysisText, people_spans: list[tuple[int, int]]
) -> dict[str, list[tuple[int, int]]]:
    """ISO alpha-3 code → mention spans (analysis coordinates), in text order."""
    entities: SpanIndex[str] = SpanIndex((s, e, ent.label_) for s, e, ent in at.entities())
    people = SpanIndex((s, e, None) for s, e in people_spans)
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for start, end, code in _matches(at.text):
        if people.touches(start, end):
            continue
        if _belongs_to_other_name(at.text, entities, start, end, code):
            continue
        if at.text[start:end].lower() in country_names.AMBIGUOUS_FORMS and not _labelled_place(
            entities, start, end
        ):
            continue
        found[code].append((start, end))
    return _without_homonym_states(at.text, dict(found))


def _without_homonym_states(
    text: str, found: dict[str, list[tuple[int, int]]]
) -> dict[str, list[tuple[int, int]]]:
    """'Atlanta, Georgia' in an article about the United States is the state: a country
    named only by a word that is also a state of another country in the article, and
    never by its demonym or another name, is that state."""
    kept = dict(found)
    for code, spans in found.items():
        forms = {text[s:e] for s, e in spans}
        if not all(form.lower() in country_names.AMBIGUOUS_FORMS for form in forms):
            continue
        if any(country_names.states_named(form) & set(found) for form in forms):
            del kept[code]
    return kept


def _matches(text: str) -> list[tuple[int, int, str]]:
    """Longest country names, left to right, in every run of capitalised words."""
    words = [m.span() for m in _WORD.finditer(text)]
    matches: list[tuple[int, int, str]] = []
    index = 0
    while index < len(words):
        start = words[index][0]
        if text[start : words[index][1]] in _CONNECTORS and text[start] != "t":
            index += 1
            continue
        hit = None
        last = index
        while last + 1 < len(words) and last - index + 1 < _MAX_WORDS:
            if not _JOINER.fullmatch(text[words[last][1] : words[last + 1][0]]):
                break
            last += 1
        for stop in range(last, index - 1, -1):
            if text[words[stop][0] : words[stop][1]] in _CONNECTORS:
                continue
            span = _trim(text, start, words[stop][1])
            code = _lookup(text, *span)
            if code is not None:
                hit = (*span, code, stop)
                break
        if hit is None:
            index += 1
            continue
        s, e, code, stop = hit
        if text[s : s + 4].lower() == "the ":
            s += 4
        matches.append((s, e, code))
        index = stop + 1
    return matches


def _lookup(text: str, start: int, end: int) -> str | None:
    surface = text[start:end]
    if surface.lower() in ("the", "of", "and") or (
        not surface[:1].isupper() and not (surface.lower().startswith("the "))
    ):
        return None
    return country_names.lookup(surface)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop possessives and sentence punctuation, keeping the dot of 'U.S.'."""
    surface = text[start:end]
    for suffix in ("'s", "’s"):
        if surface.endswith(suffix):
            surface = surface[: -len(suffix)]
    surface = surface.rstrip("'’")
    if surface.endswith(".") and not re.search(r"(?:^|\.)[A-Z]\.$", surface):
        surface = surface.rstrip(".")
    return start, start + len(surface)


def _belongs_to_other_name(
    text: str, entities: SpanIndex[str], start: int, end: int, code: str
) -> bool:
    """Whether the country word is part of a longer name that is not about the country.

    "Free Syrian Army" and "New Mexico" are names of their own; "northern Syria",
    "Istanbul, Turkey", "Turkish-Libyan" and "Federal Aviation Office of Germany" still
    mention the country.
    """
    for entity_start, entity_end, label in entities.overlapping(start, end):
        if not (entity_start <= start and end <= entity_end) or (
            entity_start == start and entity_end == end
        ):
            continue
        inner = text[entity_start:entity_end]
        if inner.lower().removeprefix("the ") == text[start:end].lower():
            continue
        before = text[entity_start:start]
        after = text[end:entity_end]
        attached = _attached_words(before, after)
        if label not in _PLACE_LABELS:
            # "... Office of Germany", "Democratic Rally in Cyprus": a body of that country;
            # "Crete and Cyprus" tagged ORG by the small model: a list of places.
            if re.search(r"\b(?:of|in) (?:the )?$", before) and not after.strip(" .,'’s"):
                continue
            if not attached:
                continue
            return True
        if text[start:end].lower() in _CONTINENTAL and attached:
            return True
        if any(
            word.lower() not in _DIRECTIONS and country_names.lookup(word) is None
            for word in attached
        ):
            return True
    return False


def _attached_words(before: str, after: str) -> list[str]:
    """Capitalised words joined to the match, not split off by a comma or 'and'."""
    head = re.split(r",|\band\b", before)[-1]
    tail = re.split(r",|\band\b", after)[0]
    words = re.findall(r"[A-Za-z][\w’'.]*", head + " " + tail)
    return [w for w in words if w[:1].isupper() and w.lower() not in ("the", "'s", "s")]


def _labelled_place(entities: SpanIndex[str], start: int, end: int) -> bool:
    return any(
        label in _PLACE_LABELS and s <= start and end <= e
        for s, e, label in entities.overlapping(start, end)
    )
