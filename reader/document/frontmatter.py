"""YAML-style front matter (title, date, source, licence) at the top of a Markdown file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_FENCE = re.compile(r"\A(?:\ufeff)?---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
# The value runs to the end of the line and its trailing blanks are stripped in Python: a
# lazy value followed by `[ \t]*$` would try every blank in a long run as the end of it.
_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class FieldValue:
    value: str
    start: int  # index of the value in the file text


@dataclass(frozen=True, slots=True)
class FrontMatter:
    fields: dict[str, FieldValue] = field(default_factory=dict)
    end: int = 0  # where the body begins

    def get(self, key: str) -> str:
        found = self.fields.get(key)
        return found.value if found else ""


def parse_front_matter(text: str) -> FrontMatter:
    """Read `key: value` lines between `---` fences; no YAML library needed for flat fields."""
    opening = _FENCE.match(text)
    if not opening:
        return FrontMatter()
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        return FrontMatter()
    fields: dict[str, FieldValue] = {}
    for line in _LINE.finditer(text, opening.end(), closing.start()):
        value, start = line.group(2).rstrip(" \t"), line.start(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value, start = value[1:-1], start + 1
        fields[line.group(1).lower()] = FieldValue(value, start)
    end = closing.end() + 1 if closing.end() < len(text) else closing.end()
    return FrontMatter(fields=fields, end=end)
