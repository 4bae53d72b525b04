"""Whether a name is a person's: the article's evidence for and against.

"the NorthLink" and "daily Vestnik" name things, a lone word in a results list is a team,
"Pope Leo" and "his mother, Amara," are people. Votes are counted per occurrence; a name
is listed when the person votes hold.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import country_names
from .lexicon import ROLE_WORDS, VESSEL_PREFIXES
from .names import is_title, strip_possessive
from .person_candidates import SLIP_LABELS, in_speaking_subject, kind_before
from .pos import upos

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .person_cluster import PersonCluster
    from .spans import SpanIndex
    from .text import AnalysisText

# "the NorthLink", "the Nordlys": a person's name does not take the article.
ARTICLE_BEFORE = re.compile(r"(?<![\w])the\s+$")

_DETERMINER_BEFORE = re.compile(r"(?<![\w])(?:the|The|a|an)\s+$")

# Evidence weights: a name with an article before it is a thing, almost always.
ARTICLE_WEIGHT = 2


def is_thing(text: str, start: int, end: int) -> bool:
    """'the NorthLink', 'a Total Disgrace' are things; 'the Trump administration' uses a
    person's name as a modifier."""
    if not _DETERMINER_BEFORE.search(text, max(0, start - 8), start):
        return False
    return not _LOWER_WORD_AFTER.match(text, end)


def classified_as_thing(at: AnalysisText, start: int, form: str) -> bool:
    """'daily Vestnik', 'ethnic Varna': a lower-case adjective before a lone word
    says what kind of thing it names.

    A noun there is a role ("drummer Rowe"), and before a full name any word is taken as
    describing a person ("mountaineer Reinhold Messner"): when unsure, keep the person.
    """
    token = at.token_at(start)
    if token is None or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    # "the rescue ship MV Professor Anna Berger": named after a person, title and all.
    walk = before
    while walk.i > 0 and is_title(walk.text):
        walk = walk.doc[walk.i - 1]
    if walk.text in VESSEL_PREFIXES or kind_before(token.doc, token.i):
        return True
    if len(form.split()) > 1:
        return False
    return (
        upos(before) in ("ADJ", "ADV")
        and before.text.islower()
        and not is_title(before.text)
        and before.lower_ not in ROLE_WORDS
        and country_names.lookup(before.text) is None
    )


WORD_AFTER = re.compile(r"[\w\-‐‑]")

_LOWER_WORD_AFTER = re.compile(r"(?:['’]s)?\s+[a-z]")


class Occurrence:
    PLAIN = "plain"  # untagged: the model missed it
    SLIP = "slip"  # tagged as something else, exactly this name
    OTHER_NAME = "other-name"  # part of a longer name: "Kestrel Air", "Ruiz Foundation"
    THING = "thing"  # "the NorthLink"


def occurrence(at: AnalysisText, entities: SpanIndex[str], start: int, end: int) -> str:
    if is_thing(at.text, start, end):
        return Occurrence.THING
    verdict = Occurrence.PLAIN
    for s, e, label in entities.overlapping(start, end):
        if label == "PERSON":
            continue
        if label not in SLIP_LABELS:
            return Occurrence.OTHER_NAME
        inner = strip_possessive(at.text[s:e]).removeprefix("the ").strip()
        if inner != at.text[start:end]:
            return Occurrence.OTHER_NAME
        verdict = Occurrence.SLIP
    return verdict


def named_as_a_person(
    at: AnalysisText, cluster: PersonCluster, quotations: SpanIndex[None]
) -> bool:
    """A lone word the model took for a name is kept when the article treats it as a
    person's: named twice outside quotations, with a title or role ("Pope Leo"), in an
    apposition ("the boy's mother, Amara,"), or saying something. A team in a results
    list ("Eastport lost to Millbrook"), a paper, a word shouted in a quote is not.
    A full name is a person's unless the votes said otherwise."""
    if cluster.parts.given:
        return True
    outside = [m for m in cluster.mentions if not quotations.touches(m[0], m[0] + 1)]
    if len(outside) >= 2 or cluster.titles:
        return True
    for start, _end in outside:
        token = at.token_at(start)
        if token is not None and (in_speaking_subject(token) or _in_apposition(token)):
            return True
    return False


def _in_apposition(token: Token) -> bool:
    """'his mother, Amara,' / 'Amara, a teacher,': a name beside a common noun for it."""
    if token.dep_ == "appos" and upos(token.head) == "NOUN":
        return True
    return any(child.dep_ == "appos" and upos(child) == "NOUN" for child in token.children)
