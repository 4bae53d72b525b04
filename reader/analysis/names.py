"""Person names as the article writes them: titles off, possessives off, name parts compared."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import HYPHENATED_PARTICLES, PARTICLES, TITLE_WORDS
from .text import fold

HYPHENS = "-‐‑"
# A particle joined to the surname by a hyphen ("al-Rashid").
_SURNAME_PREFIX = re.compile(rf"^(?:{'|'.join(HYPHENATED_PARTICLES)})[{HYPHENS}]", re.I)
# The same particle just before a name the model saw without it ("al-" before "Rashid").
PARTICLE_BEFORE = re.compile(
    rf"(?<![\w])(?:{'|'.join(HYPHENATED_PARTICLES)})[{HYPHENS}]$", re.IGNORECASE
)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’.\-‐‑]*$")


@dataclass(frozen=True, slots=True)
class NameParts:
    given: tuple[str, ...]  # folded, lower-case, initials without their dot
    surname: str  # folded, lower-case, particle removed ("assad")

    @property
    def tokens(self) -> tuple[str, ...]:
        return (*self.given, self.surname)


def name_parts(name: str) -> NameParts:
    words = [_key(word) for word in name.split()]
    words = [word for word in words if word]
    if not words:
        return NameParts((), "")
    return NameParts(tuple(words[:-1]), _SURNAME_PREFIX.sub("", words[-1]))


def _key(word: str) -> str:
    return fold(word).lower().strip(".,")


def is_title(word: str) -> bool:
    """ "Minister", "Gen.", "Presidents": a word that introduces a name."""
    key = fold(word).lower()
    if key in TITLE_WORDS or key.rstrip(".") in TITLE_WORDS:
        return True
    return len(key) > 3 and key.endswith("s") and key[:-1] in TITLE_WORDS


def without_particle(word: str) -> str:
    """'al-Rashid' → 'Rashid'."""
    return _SURNAME_PREFIX.sub("", word)


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text)


def looks_like_name(text: str) -> bool:
    """Every word capitalised (particles like 'al-', 'bin', 'de' allowed), no digits."""
    words = text.split()
    if not words or not _SURNAME_PREFIX.sub("", words[-1])[:1].isupper():
        return False
    for word in words:
        if not _NAME_TOKEN.match(word):
            return False
        if not word[:1].isupper() and not is_particle(word):
            return False
    return True


def is_particle(word: str) -> bool:
    return word.lower() in PARTICLES or bool(_SURNAME_PREFIX.match(word))


def _first_of_two_surnames(short: NameParts, long: NameParts) -> bool:
    return (
        len(long.given) >= 2
        and bool(short.given)
        and short.surname == long.given[-1]
        and short.given[0] == long.given[0]
    )


def compatible(a: NameParts, b: NameParts) -> bool:
    """Whether two names can be one person: same surname, given names that do not clash.

    "Maria Ruiz" ~ "Ana Maria Ruiz"; "John R. Hale" ~ "John Hale";
    "Omar Haddad" and "Samir Haddad" are two people. With two surnames, as Spanish and
    Portuguese names have, the first alone is the same person: "Ana Ruiz" ~ "Ana M. Ruiz
    Soto".
    """
    if a.surname != b.surname:
        return _first_of_two_surnames(a, b) or _first_of_two_surnames(b, a)
    if not a.given or not b.given:
        return True
    full_a = {g for g in a.given if len(g) > 1}
    full_b = {g for g in b.given if len(g) > 1}
    if full_a and full_b and not (full_a <= full_b or full_b <= full_a):
        return False
    initials_a = {g[0] for g in a.given}
    initials_b = {g[0] for g in b.given}
    return a.given[0][0] == b.given[0][0] or bool(initials_a & initials_b)
