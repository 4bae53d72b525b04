"""Countries: place and nationality words resolved to ISO 3166-1 countries."""

from __future__ import annotations

import re
from collections import defaultdict

from . import country_names
from .text import AnalysisText

# Entities that are names in their own right: a country word inside one ("Free Syrian
# Army", "Turkish Airlines") is part of that name, not a mention of the country.
_NAME_LABELS = frozenset({"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "PERSON"})
_PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})
# Up to four capitalised words (with dots for U.S./U.K.), the longest country names in use.
_WORD = r"[A-Z][\w’'.]*(?:-[A-Z][\w’'.]*)*"
_CANDIDATE = re.compile(
    rf"(?<!\w)(?:the\s+)?{_WORD}(?:\s+(?:of\s+(?:the\s+)?|and\s+)?{_WORD}){{0,4}}"
)


def find_countries(
    at: AnalysisText, people_spans: list[tuple[int, int]]
) -> dict[str, list[tuple[int, int]]]:
    """ISO alpha-3 code → mention spans (analysis coordinates), in text order."""
    labelled: dict[tuple[int, int], str] = {}
    names: list[tuple[int, int]] = []
    for start, end, entity in at.entities():
        if entity.label_ in _PLACE_LABELS:
            labelled[(start, end)] = entity.label_
        elif entity.label_ in _NAME_LABELS:
            names.append((start, end))
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    taken: list[tuple[int, int]] = list(people_spans)
    for start, end in _candidates(at):
        if _overlaps(taken, start, end):
            continue
        match = _longest_country(at, start, end, labelled, names)
        if match is None:
            continue
        code, m_start, m_end = match
        found[code].append((m_start, m_end))
        taken.append((m_start, m_end))
    return {code: sorted(spans) for code, spans in found.items()}


def _candidates(at: AnalysisText) -> list[tuple[int, int]]:
    return [match.span() for match in _CANDIDATE.finditer(at.text)]


def _longest_country(
    at: AnalysisText,
    start: int,
    end: int,
    labelled: dict[tuple[int, int], str],
    names: list[tuple[int, int]],
) -> tuple[str, int, int] | None:
    """The longest run of words in [start, end) that names a country, and its code."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", at.text[start:end])]
    for size in range(len(words), 0, -1):
        for first in range(len(words) - size + 1):
            s, e = words[first][0], words[first + size - 1][1]
            surface = _trim(at.text[s:e])
            e = s + len(surface)
            if surface.lower().startswith("the "):
                s, surface = s + 4, surface[4:]
            code = country_names.lookup(surface)
            if code is None or e <= s:
                continue
            if _inside_name(names, s, e):
                continue
            if surface.lower() in country_names.AMBIGUOUS_FORMS and not _labelled_place(
                labelled, s, e
            ):
                continue
            return code, s, e
    return None


def _trim(surface: str) -> str:
    """Drop sentence punctuation and possessives, keeping the dot of 'U.S.'."""
    surface = surface.rstrip(",;:!?)\"”’'")
    if surface.endswith(("'s", "’s")):
        surface = surface[:-2]
    if surface.endswith(".") and not re.search(r"(?:^|\.)[A-Z]\.$", surface):
        surface = surface[:-1]
    return surface


def _inside_name(names: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e and (s, e) != (start, end) for s, e in names) or any(
        s < end and start < e and not (s <= start and end <= e) for s, e in names
    )


def _labelled_place(labelled: dict[tuple[int, int], str], start: int, end: int) -> bool:
    return any(s <= start and end <= e for (s, e) in labelled)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
