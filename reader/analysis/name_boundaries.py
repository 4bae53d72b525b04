"""Where a person's name starts and ends in the text.

The model's PERSON entities often take in the words that describe the person
("Marin County Sheriff Jane Doe", "Broadcaster Tom Smith") and sometimes stop short of the
name ("Dana" without "McAllen"). A name is read here as whitespace-separated words, so
that a hyphenated given name ("Ka-wai") or a particle ("al-Rashid") is one word, and it is
the run of name-like words at the end: lower-case words, titles, organisation words and
country names before that run describe the person and are not part of the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import country_names
from .lexicon import NAME_SUFFIXES, ORGANISATION_WORDS, ROLE_WORDS
from .names import PARTICLE_BEFORE, is_particle, is_title, looks_like_name, without_particle
from .pos import upos

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .text import AnalysisText

_ACRONYM = re.compile(r"^[A-Z0-9.&-]+$")
_INITIAL = re.compile(r"^[A-Z]\.$")
_POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’"})
# A capital inside a word ("NorthLink", "PayPal") marks a brand, except after the prefixes
# that Gaelic and Romance surnames have ("McAllen", "MacArthur", "DeSantis", "DiCaprio").
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")
_SURNAME_PREFIXES = re.compile(r"^(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von|Fitz)[A-Z]")
# 'Saving', 'Ending' read as verbs; 'King', 'Ewing' and 'Sterling' are names.
_SHORTEST_GERUND = 6


@dataclass(frozen=True, slots=True)
class _Word:
    """Tokens written together, with no space between them ("Ka", "-", "wai")."""

    tokens: tuple[Token, ...]

    @property
    def text(self) -> str:
        return "".join(token.text_with_ws for token in self.tokens).strip()


# An editor's brackets inside a quoted name ("side with [Omar al] Rashid") are not
# part of it: they separate words as a space does.
_EDITORIAL = frozenset({"[", "]"})
_EDITORIAL_MARKS = re.compile(r"[\[\]]")


def _words(tokens: list[Token]) -> list[_Word]:
    words: list[list[Token]] = []
    joined = False
    for token in tokens:
        if token.text in _EDITORIAL:
            joined = False
            continue
        if words and joined:
            words[-1].append(token)
        else:
            words.append([token])
        joined = not token.whitespace_
    return [_Word(tuple(group)) for group in words]


def name_in(at: AnalysisText, tokens: list[Token]) -> tuple[int, int, str] | None:
    """The person's name in the tokens of an entity, as (start, end, form) in analysis
    coordinates; None when no name is left.

    "charity spokesperson Ana Ruiz" → "Ana Ruiz"; "Omar al-Rashid" keeps its particle;
    "Queen Elizabeth II" → "Elizabeth II"; possessives and punctuation come off the end.
    """
    while tokens and (tokens[-1].is_punct or tokens[-1].text in _POSSESSIVE_TOKENS):
        tokens = tokens[:-1]
    words = _words(tokens)
    if not words:
        return None
    start = _name_start(words)
    if start is None:
        return None
    words = words[start:]
    # A lone particle before a lower-case word is the start of a phrase, not of a name.
    while len(words) > 1 and is_particle(words[0].text) and not words[1].text[:1].isupper():
        words = words[1:]
    kept = [token for word in words for token in word.tokens]
    while kept and (kept[-1].is_punct or kept[-1].text in _POSSESSIVE_TOKENS):
        kept.pop()
    if not kept or kept[-1].lower_ in ORGANISATION_WORDS or _verb_first(kept):
        # "Karl Marx Avenue", "the Ana Ruiz Foundation": named after a person; "Ending
        # Child Hunger": a campaign's name starts with a verb, a person's never does.
        return None
    _extend_right(kept)
    doc = kept[0].doc
    passage = at.passage_of(doc)
    local_start = kept[0].idx
    local_end = kept[-1].idx + len(kept[-1].text)
    begin = with_particle(at.text, passage.start + local_start)
    end = passage.start + local_end
    form = form_at(at.text, begin, end)
    if not plausible_name(form):
        return None
    return begin, end, form


def form_at(text: str, start: int, end: int) -> str:
    """The name written in text[start:end], one space between words, brackets out."""
    return " ".join(_EDITORIAL_MARKS.sub(" ", text[start:end]).split())


def _verb_first(tokens: list[Token]) -> bool:
    """'Ending Child Hunger', 'Saving Grace': a name that starts with a verb is a
    campaign's or a title's, not a person's."""
    first = tokens[0]
    return len(tokens) > 1 and (
        first.tag_.startswith("VB")
        or (len(first.text) >= _SHORTEST_GERUND and first.text.endswith("ing"))
    )


def _name_start(words: list[_Word]) -> int | None:
    """Index of the first word of the name: back from the last word while words are
    name-like. The last word stays even when it is also a title ("Carole King")."""
    last = len(words) - 1
    while last > 0 and words[last].text in NAME_SUFFIXES:
        last -= 1
    if not without_particle(words[last].text)[:1].isupper():
        return None
    start = last
    while start > 0 and _inside_name(words[start - 1].text):
        start -= 1
    return start


def _inside_name(text: str) -> bool:
    if is_particle(text) or _INITIAL.match(text) or text in NAME_SUFFIXES:
        return True
    if not text[:1].isupper() or is_title(text) or text.lower() in ROLE_WORDS:
        return False
    if text.lower() in ORGANISATION_WORDS:
        return False
    code = country_names.lookup(text)
    return code is None or text.lower() in country_names.AMBIGUOUS_FORMS


def _extend_right(tokens: list[Token]) -> None:
    """'Dana' tagged PERSON and 'McAllen' left out: the surname is the next word; so is a
    regnal number or a suffix ("Elizabeth II", "King Jr.")."""
    doc = tokens[0].doc
    while tokens[-1].i + 1 < len(doc):
        following = doc[tokens[-1].i + 1]
        if following.idx - (tokens[-1].idx + len(tokens[-1].text)) != 1:
            break
        if not (name_word(following) or following.text in NAME_SUFFIXES):
            break
        tokens.append(following)


def with_particle(text: str, start: int) -> int:
    """'al-Rashid' when the model saw only 'Rashid'."""
    found = PARTICLE_BEFORE.search(text, max(0, start - 5), start)
    return found.start() if found else start


def plausible_name(form: str) -> bool:
    if not looks_like_name(form) or _ACRONYM.match(form.replace(" ", "")):
        return False
    for word in form.split():
        if _INNER_CAPITAL.search(word) and not _SURNAME_PREFIXES.match(word):
            return False
    return country_names.lookup(form) is None


def name_word(token: Token) -> bool:
    """A token that can be one word of a person's name the model did not include."""
    text = token.text
    return (
        token.ent_type_ in ("", "PERSON", "ORG")
        and upos(token) == "PROPN"
        and text[:1].isupper()
        and not is_title(text)
        and token.lower_ not in ORGANISATION_WORDS
        and token.lower_ not in ROLE_WORDS
        and looks_like_name(text)
        and country_names.lookup(text) is None
        and not _ACRONYM.match(text)
    )


def name_word_or_particle(token: Token) -> bool:
    """A word of a name whatever the model's label: "al" and "bin" included."""
    text = token.text
    if is_particle(text) or _INITIAL.match(text):
        return True
    return (
        upos(token) == "PROPN"
        and without_particle(text)[:1].isupper()
        and not is_title(text)
        and token.lower_ not in ORGANISATION_WORDS
        and looks_like_name(text)
        and country_names.lookup(text) is None
        and not _ACRONYM.match(text)
    )


def extend_left(at: AnalysisText, start: int) -> int:
    """'(Ana Maria Ruiz's)': the model saw 'Maria Ruiz'; the name starts earlier.

    Not over a word the model put in an entity of another kind: in "the Governor of
    Northland Mara Vell" the place it tagged on its own is not her first name.
    """
    token = at.token_at(start)
    while token is not None and token.i > 0:
        previous = token.doc[token.i - 1]
        gap = token.idx - (previous.idx + len(previous.text))
        if gap != 1 or not name_word(previous) or previous.ent_type_ not in ("", "PERSON"):
            break
        start -= token.idx - previous.idx
        token = previous
    return start
