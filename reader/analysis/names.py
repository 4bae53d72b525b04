"""Person names as the article writes them: titles off, possessives off, name parts compared."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import fold

# Words that introduce a name without being part of it. Lower-case, compared folded.
TITLE_WORDS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "madam",
        "monsieur",
        "herr",
        "president",
        "presidents",
        "vice",
        "prime",
        "minister",
        "ministers",
        "foreign",
        "secretary",
        "state",
        "chancellor",
        "premier",
        "king",
        "queen",
        "prince",
        "princess",
        "crown",
        "emir",
        "sheikh",
        "sultan",
        "pope",
        "cardinal",
        "archbishop",
        "bishop",
        "rev",
        "reverend",
        "father",
        "imam",
        "ayatollah",
        "rabbi",
        "general",
        "gen",
        "lt",
        "lieutenant",
        "colonel",
        "col",
        "major",
        "maj",
        "captain",
        "capt",
        "admiral",
        "adm",
        "commander",
        "sergeant",
        "sgt",
        "marshal",
        "field",
        "senator",
        "sen",
        "representative",
        "rep",
        "congressman",
        "congresswoman",
        "governor",
        "gov",
        "mayor",
        "ambassador",
        "envoy",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "judge",
        "justice",
        "chief",
        "director",
        "leader",
        "chairman",
        "chairwoman",
        "chair",
        "ceo",
        "founder",
        "former",
        "late",
        "deputy",
        "acting",
        "interim",
        "defence",
        "defense",
        "interior",
        "economy",
        "finance",
        "trade",
        "health",
        "justice",
        "speaker",
        "first",
        "opposition",
        "party",
        "secretary-general",
        "attorney",
        "counsel",
        "officer",
        "agent",
        "inspector",
        "detective",
        "superintendent",
        "chief-of-staff",
        "activist",
        "fiancée",
        "fiancee",
        "wife",
        "husband",
        "son",
        "daughter",
        "brother",
        "sister",
        "mother",
        "father",
        "uncle",
        "aunt",
        "cde",
        "comrade",
        "shahid",
        "martyr",
        "widow",
        "journalist",
        "columnist",
        "correspondent",
        "editor",
        "analyst",
        "saint",
        "st",
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "mrs.",
        "mr.",
        "dr.",
        "gen.",
        "lt.",
        "col.",
        "sen.",
        "rep.",
        "gov.",
        "st.",
        "prof.",
        "capt.",
        "sgt.",
        "adm.",
    ]
)
# Platforms and news agencies that every article cites and the small model often tags
# PERSON ("wrote on Twitter"). Compared case-folded, diacritics removed.
NOT_PEOPLE = frozenset(
    """
    twitter facebook instagram youtube telegram whatsapp tiktok snapchat linkedin reddit
    weibo wechat google reuters afp ap bloomberg xinhua tass interfax anadolu
    """.split()
)
# Lower-case words that stand before a person's name to say who they are ("lawyer Amal
# Clooney"); with TITLE_WORDS they tell a person's name from a thing's ("daily Kathimerini").
ROLE_WORDS = frozenset(
    """
    lawyer attorney rapper singer musician actor actress artist player striker coach
    footballer author writer poet novelist scientist researcher doctor nurse teacher student
    farmer businessman businesswoman billionaire tycoon blogger photographer reporter anchor
    host pilot soldier officer cleric preacher priest monk nun dissident opponent rival
    candidate challenger incumbent lawmaker legislator politician diplomat economist expert
    envoy adviser advisor aide chief official spokesman spokeswoman spokesperson colleague
    friend partner fiancée fiancee wife husband son daughter brother sister mother father
    president minister premier senator governor mayor ambassador judge prosecutor
    investigator rapporteur negotiator mediator delegate leader founder owner director
    manager executive chairman prisoner hostage detainee victim survivor witness suspect
    defendant refugee migrant protester activist campaigner journalist columnist editor
    correspondent commentator analyst historian philosopher designer architect engineer
    entrepreneur investor banker filmmaker director producer comedian dancer athlete
    cyclist runner swimmer boxer champion veteran late former deputy fellow compatriot
    counterpart predecessor successor
    """.split()
)
# Words that organisations' names are made of: an entity with one is not a person.
ORGANISATION_WORDS = frozenset(
    """
    watch group council ministry army party office house agency union nations bank
    foundation institute committee court forces front movement association organisation
    organization company corp inc ltd news times post daily press radio tv network media
    university college school department government administration commission parliament
    assembly congress senate guard police service services brigade brigades league club
    airlines airways air fund trust centre center observatory alliance coalition forum
    summit conference board authority bureau chamber initiative project programme program
    mission federation confederation society corporation holdings energy petroleum oil gas
    tower hall street square airport bridge stadium palace museum mosque church cathedral
    hospital avenue road prize award doctrine plan act law treaty accord
    """.split()
)
# Particles that start a surname ("al-Assad", "bin Salman", "van der Leyen").
_SURNAME_PREFIX = re.compile(r"^(?:al|el|ad|as|an|ar|at|az|ash|ibn|bin|ben|abu)[-‐‑]", re.I)
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
    return fold(word).lower().rstrip(".") in TITLE_WORDS or fold(word).lower() in TITLE_WORDS


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
    lowered = word.lower()
    return lowered in {
        "al",
        "el",
        "bin",
        "ibn",
        "de",
        "da",
        "di",
        "del",
        "der",
        "van",
        "von",
        "la",
        "le",
        "du",
        "dos",
        "das",
        "y",
        "ben",
        "abu",
    } or bool(_SURNAME_PREFIX.match(word))


def compatible(a: NameParts, b: NameParts) -> bool:
    """Whether two names can be one person: same surname, given names that do not clash.

    "Tayyip Erdogan" ~ "Recep Tayyip Erdogan"; "John R. Bolton" ~ "John Bolton";
    "Alan Kurdi" and "Abdullah Kurdi" are two people.
    """
    if a.surname != b.surname:
        return False
    if not a.given or not b.given:
        return True
    full_a = {g for g in a.given if len(g) > 1}
    full_b = {g for g in b.given if len(g) > 1}
    if full_a and full_b and not (full_a <= full_b or full_b <= full_a):
        return False
    initials_a = {g[0] for g in a.given}
    initials_b = {g[0] for g in b.given}
    return a.given[0][0] == b.given[0][0] or bool(initials_a & initials_b)
