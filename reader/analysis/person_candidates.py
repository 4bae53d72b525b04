"""Who might be a person: the model's PERSON entities, and names it missed or mislabelled.

Each candidate is (start, end, form, votes) in analysis coordinates; whether it is a
person is weighed later (person_votes.py) with the rest of the article.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .lexicon import NAME_SUFFIXES, ORGANISATION_WORDS, ROLE_WORDS, TITLE_MODIFIERS
from .name_boundaries import name_in, name_word_or_particle
from .names import is_title
from .pos import upos
from .spans import SpanIndex
from .speakers import SPEECH_VERBS

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from .text import AnalysisText

# Labels the small model gives surnames by mistake (a surname as ORG, or as GPE).
SLIP_LABELS = frozenset(
    {"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "LANGUAGE", "EVENT", "LAW"}
)


def person_candidates(at: AnalysisText) -> list[tuple[int, int, str, int]]:
    found = []
    for _start, _end, entity in at.entities():
        tokens = list(entity) if entity.label_ == "PERSON" else _speaking_name(entity)
        cleaned = name_in(at, tokens) if tokens else None
        if cleaned:
            found.append((*cleaned, 1))
    _share_surnames(at, found)
    taken = SpanIndex((start, end, None) for start, end, _, _ in found)
    for passage in at.passages:
        doc = passage.doc
        # Found as the paragraph was parsed, where the pipeline passed `missed_names` as
        # the parse's `find` (see pipeline.py).
        missed = passage.found if passage.found is not None else missed_names(doc)
        for first, last in missed:
            cleaned = name_in(at, list(doc[first:last]))
            if cleaned and not taken.touches(cleaned[0], cleaned[1]):
                found.append((*cleaned, 1))
                taken.add(cleaned[0], cleaned[1], None)
    return found


def missed_names(doc: Doc) -> list[tuple[int, int]]:
    """The token ranges of the names the model missed in one paragraph's parse, found
    from that parse alone: a book's are found on every core as it is parsed (see
    split_parse.py)."""
    runs = [*_introduced_names(doc), *_coordinated_names(doc), *_unlabelled_speakers(doc)]
    return [(run[0].i, run[-1].i + 1) for run in runs]


def _share_surnames(at: AnalysisText, found: list[tuple[int, int, str, int]]) -> None:
    """'Piotr and Marta Kowalczyk': a lone given name joined to a full name shares its
    surname, so it is the person "Piotr Kowalczyk", named later in full, not a third
    person "Piotr" nor Marta. The candidate keeps its own span and takes the full form."""
    surnames = {
        entity[-1].text
        for _, _, entity in at.entities()
        if entity.label_ == "PERSON" and len(entity) > 1
    }
    by_span = {(start, end): index for index, (start, end, _, _) in enumerate(found)}
    for _start, _end, entity in at.entities():
        given = _given_before(entity)
        if given is None or given.text in surnames:
            continue
        cleaned = name_in(at, [given])
        if cleaned is None:
            continue
        start, end, form = cleaned
        shared = (start, end, f"{form} {entity[-1].text}", 1)
        if (start, end) in by_span:
            found[by_span[start, end]] = shared
        else:
            by_span[start, end] = len(found)
            found.append(shared)


def _given_before(entity: SpacySpan) -> Token | None:
    """The lone capitalised word X in "X and <entity>", when the entity is a full name."""
    doc = entity.doc
    if entity.label_ != "PERSON" or len(entity) < 2 or entity.start < 2:
        return None
    if doc[entity.start - 1].lower_ not in ("and", "&") or is_title(entity[0].text):
        return None
    given = doc[entity.start - 2]
    if not (given.is_alpha and given.is_title and upos(given) == "PROPN") or is_title(given.text):
        return None
    if given.ent_type_ not in ("", "PERSON") or (given.ent_type_ and given.ent_iob_ != "B"):
        return None
    if given.i + 1 < len(doc) and doc[given.i + 1].ent_iob_ == "I":
        return None  # the end of a longer name, not a lone given name
    before = doc[given.i - 1] if given.i > 0 else None
    if before is not None and before.text[:1].isupper() and not given.is_sent_start:
        return None  # "Tom Hale and Ana Ruiz": "Hale" is a surname
    return given


# Entity labels a name after a title cannot have: the model was right that it is no name.
_NOT_NAME_LABELS = frozenset(
    {"GPE", "LOC", "NORP", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
)


def _introduced_names(doc: Doc) -> Iterator[list[Token]]:
    """Names the model missed or mislabelled, found by what introduces them: a title
    ("Queen Elizabeth II", "Cardinal Ana Ruiz") or a role written without an article
    ("officers Tom Hale and Ben Ruiz", "commissioner Ana Ruiz"). "the film Blue River"
    takes an article, and names a thing.
    """
    index = 0
    while index < len(doc) - 1:
        token = doc[index]
        index += 1
        capital_title = token.text[:1].isupper() and is_title(token.text)
        role = token.tag_ in ("NN", "NNS") and token.text.islower()
        if not (capital_title or role):
            continue
        run = _name_run(doc, index)
        if not run or _office_or_body(doc, run):
            continue
        if not capital_title and _kind_of(doc, token):
            continue
        if len(run) >= 2 or (capital_title and token.lower_ not in TITLE_MODIFIERS):
            yield run
            index = run[-1].i + 1
            # "Presidents Ola Brandt of Kestria and Ines Kogo of Varn": the title covers both.
            following = _conjoined_run(doc, run[-1].i + 1)
            if following:
                yield following
                index = following[-1].i + 1


def _coordinated_names(doc: Doc) -> Iterator[list[Token]]:
    """'Tom Hale and Ana Ruiz', 'Tom Hale, Ana Ruiz and Ben Cole': a full name in a list
    with a person's is a person's, when the model saw only some of them."""
    for entity in doc.ents:
        if entity.label_ != "PERSON":
            continue
        following = _conjoined_run(doc, entity.end)
        if following:
            yield following
        if entity.start >= 3 and doc[entity.start - 1].lower_ in ("and", ","):
            run = _name_run_before(doc, entity.start - 1)
            if len(run) >= 2 and not _office_or_body(doc, run):
                yield run


def _unlabelled_speakers(doc: Doc) -> Iterator[list[Token]]:
    """'Dana Ito from the farmers' union said', 'said his spokeswoman, Ana Ruiz': a full
    name the model left unlabelled, as the subject of a speech verb or in apposition to
    it. Its proper nouns before it make the name."""
    for token in doc:
        if token.ent_type_ or token.tag_ != "NNP" or not _speaks(token):
            continue
        run = [token]
        while run[0].i > 0:
            before = doc[run[0].i - 1]
            if before.dep_ != "compound" or before.tag_ != "NNP" or before.ent_type_:
                break
            run.insert(0, before)
        if not 2 <= len(run) <= 3 or not all(name_word_or_particle(t) for t in run):
            continue
        if any(is_title(t.text) or t.lower_ in ORGANISATION_WORDS for t in run):
            continue
        yield run


def _speaks(token: Token) -> bool:
    """The subject of a speech verb, or the name in apposition to it ("his spokeswoman,
    Ana Ruiz, said")."""
    if token.dep_ == "appos" and token.head.dep_ in ("nsubj", "nsubjpass"):
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.lower_ in SPEECH_VERBS


def _name_run_before(doc: Doc, end: int) -> list[Token]:
    """The name words that end just before token `end`, at most four."""
    run: list[Token] = []
    index = end - 1
    while index >= 0 and len(run) < 4:
        token = doc[index]
        if token.ent_type_ in _NOT_NAME_LABELS or not name_word_or_particle(token):
            break
        run.insert(0, token)
        index -= 1
    if index >= 0 and doc[index].text[:1].isupper() and not doc[index].is_sent_start:
        return []  # the run goes on leftwards into words that are not a name's
    return run


def _name_run(doc: Doc, index: int) -> list[Token]:
    run: list[Token] = []
    while index < len(doc) and len(run) < _LONGEST_NAME:
        token = doc[index]
        if token.ent_type_ in _NOT_NAME_LABELS or not (
            name_word_or_particle(token) or (run and token.text in NAME_SUFFIXES)
        ):
            break
        if run and token.idx != run[-1].idx + len(run[-1].text) + len(run[-1].whitespace_):
            break
        run.append(token)
        index += 1
    return run


def _office_or_body(doc: Doc, run: list[Token]) -> bool:
    """'Deputy Emergency Situations Minister', 'Foreign Terrorist Organization': capitalised
    words followed by a title or an organisation's word are part of that name."""
    after = run[-1].i + 1
    if after >= len(doc):
        return False
    following = doc[after]
    return following.text[:1].isupper() and (
        is_title(following.text) or following.lower_ in ORGANISATION_WORDS
    )


def _conjoined_run(doc: Doc, index: int) -> list[Token]:
    """The name after "and" in "X of Kestria and Y of Varn" or "X and Y"."""
    position = index
    if position + 1 < len(doc) and doc[position].lower_ == "of":
        position += 1  # "of Kestria": the place of the first
        while position < len(doc) and doc[position].text[:1].isupper():
            position += 1
    if position >= len(doc) or doc[position].lower_ != "and":
        return []
    run = _name_run(doc, position + 1)
    return run if len(run) >= 2 and not _office_or_body(doc, run) else []


def _speaking_name(entity: SpacySpan) -> list[Token]:
    """'Ana Ruiz said', 'the World Council Tom Hale wrote': a personal name that
    the model tagged ORG, alone or run together with the body before it.

    Organisations speak too ("Human Rights Watch said"), so only the last two or three
    name-like words, after the last word that organisations' names are made of.
    """
    root = entity.root
    if entity.label_ not in SLIP_LABELS or not in_speaking_subject(root):
        return []
    if kind_before(entity.doc, entity.start):
        return []
    tail: list[Token] = []
    for token in reversed(entity):
        if upos(token) != "PROPN" or token.lower_ in ORGANISATION_WORDS:
            break
        tail.insert(0, token)
    if not 2 <= len(tail) <= 3 or (len(tail) < len(entity) and root not in tail):
        return []
    return tail


def kind_before(doc: Doc, index: int) -> bool:
    """'the Florida company Ridgeback Labs', 'another supergroup Blue River': a common
    noun with an article before a name says what kind of thing the name is."""
    if index < 1:
        return False
    noun = doc[index - 1]
    return noun.tag_ in ("NN", "NNS") and noun.text.islower() and _kind_of(doc, noun)


_AGENT_NOUN = re.compile(r"(?:ist|ee|eer|ian|er|or|ant|ent|ess)s?$")

_KIND_WORDS = 6
# A person's name is at most this many words ("Maria de los Angeles Garcia"); a longer
# run of capitals is a title or a heading.
_LONGEST_NAME = 5

_DETERMINERS = frozenset({"the", "a", "an", "another", "this", "that", "its", "their"})


def _kind_of(doc: Doc, noun: Token) -> bool:
    """Whether a noun before a name has a determiner of its own ("the British band",
    "another supergroup"), which makes it the kind of a thing rather than a person's
    role ("drummer Ana Ruiz", "officers Tom Hale and Ben Ruiz"). A known title or role
    is a person's with an article too ("the senior archbishop Ana Ruiz"), and so is a
    noun shaped like one who does something ("an attendee", "the anthropologist")."""
    if is_title(noun.text) or noun.lower_ in ROLE_WORDS or _AGENT_NOUN.search(noun.lower_):
        return False
    position = noun.i - 1
    # A determiner's phrase is a few words long ("the small British rock band"): looking
    # further back would cost a run of nouns the square of its length.
    floor = max(0, noun.i - _KIND_WORDS - 1)
    while position >= floor and (
        doc[position].text[:1].isupper() or upos(doc[position]) in ("ADJ", "NOUN")
    ):
        if doc[position].is_sent_start:
            break
        position -= 1
    return position >= floor and doc[position].lower_ in _DETERMINERS


def in_speaking_subject(token: Token) -> bool:
    """Whether the token is in the subject of a speech verb ("X said", "Y of Z wrote")."""
    for _ in range(6):
        if token.dep_ in ("nsubj", "nsubjpass"):
            return token.head.lower_ in SPEECH_VERBS
        if token.head is token or upos(token) in ("VERB", "AUX"):
            return False
        token = token.head
    return False
