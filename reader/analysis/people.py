"""People: PERSON entities cleaned, merged into one entry per person, slips corrected."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import country_names
from .lexicon import (
    NAME_SUFFIXES,
    NOT_PEOPLE,
    ORGANISATION_WORDS,
    ROLE_WORDS,
    TITLE_MODIFIERS,
    VESSEL_PREFIXES,
)
from .name_boundaries import extend_left, name_in, name_word_or_particle
from .names import (
    PARTICLE_BEFORE,
    NameParts,
    compatible,
    is_particle,
    is_title,
    name_parts,
    strip_possessive,
)
from .pos import upos
from .spans import SpanIndex
from .speakers import SPEECH_VERBS
from .text import AnalysisText, fold

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

# Labels the small model gives surnames by mistake ("Lavrov" as ORG, "Erdogan" as GPE).
_SLIP_LABELS = frozenset(
    {"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "LANGUAGE", "EVENT", "LAW"}
)
# "the EastMed", "the Poseidon": a person's name does not take the article.
_ARTICLE_BEFORE = re.compile(r"(?<![\w])the\s+$")
_DETERMINER_BEFORE = re.compile(r"(?<![\w])(?:the|The|a|an)\s+$")
# Evidence weights: a name with an article before it is a thing, almost always.
_ARTICLE_WEIGHT = 2


@dataclass
class PersonCluster:
    mentions: list[tuple[int, int]] = field(default_factory=list)
    forms: Counter[str] = field(default_factory=Counter)
    parts: NameParts = field(default_factory=lambda: NameParts((), ""))
    # How often the model called this name a person, and how often the text says it is
    # something else (another label, the first words of a longer name, "the" before it).
    person_votes: int = 0
    other_votes: int = 0
    # Title and role words written before the name ("minister" in "Foreign Minister
    # Sergei Lavrov"), so that "the minister said" can find the one person who fits.
    titles: set[str] = field(default_factory=set)
    modifier_votes: int = 0

    @property
    def first(self) -> int:
        return min(start for start, _ in self.mentions)

    @property
    def name(self) -> str:
        return max(self.forms, key=lambda form: (len(form.split()), self.forms[form], len(form)))

    def add(self, start: int, end: int, form: str) -> None:
        self.mentions.append((start, end))
        self.forms[form] += 1
        parts = name_parts(form)
        if not self.parts.surname or len(parts.tokens) > len(self.parts.tokens):
            self.parts = parts

    @property
    def is_person(self) -> bool:
        if fold(self.name).casefold() in NOT_PEOPLE:
            return False
        if not self.parts.given and self.modifier_votes >= self.person_votes:
            return False
        return self.person_votes >= self.other_votes


def find_people(at: AnalysisText, quotations: SpanIndex[None] | None = None) -> list[PersonCluster]:
    """People named in the text; `quotations` are the spans inside quotation marks."""
    quotations = quotations or SpanIndex()
    candidates = _person_candidates(at)
    clusters: list[PersonCluster] = []
    # Full names first, so that a bare surname has someone to belong to.
    for start, end, form, votes in sorted(candidates, key=lambda c: (-len(c[2].split()), c[0])):
        cluster = _assign(clusters, start, end, form)
        cluster.person_votes += votes
        if _is_thing(at.text, start, end) or _classified_as_thing(at, start, form):
            cluster.other_votes += _ARTICLE_WEIGHT
        elif _ARTICLE_BEFORE.search(at.text, max(0, start - 8), start) and len(form.split()) == 1:
            # "the Gukurahundi massacres", "the Poseidon pipeline": a lone word used as a
            # modifier after "the" names a thing, unless the rest of the article says
            # otherwise ("the Trump administration" beside "Donald Trump said").
            cluster.modifier_votes += 1
    _sweep(at, clusters)
    _extend_left(at, clusters)
    _drop_overlapping(at.text, clusters)
    for cluster in clusters:
        _merge_adjacent(at.text, cluster)
        cluster.titles = _titles_before(at, cluster.mentions)
    clusters = _merge_spelling_variants(clusters)
    return [
        cluster
        for cluster in clusters
        if cluster.mentions and cluster.is_person and _named_as_a_person(at, cluster, quotations)
    ]


def _named_as_a_person(
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
        if token is not None and (_in_speaking_subject(token) or _in_apposition(token)):
            return True
    return False


def _in_apposition(token: Token) -> bool:
    """'his mother, Amara,' / 'Amara, a teacher,': a name beside a common noun for it."""
    if token.dep_ == "appos" and upos(token.head) == "NOUN":
        return True
    return any(child.dep_ == "appos" and upos(child) == "NOUN" for child in token.children)


def _person_candidates(at: AnalysisText) -> list[tuple[int, int, str, int]]:
    found = []
    for _start, _end, entity in at.entities():
        tokens = list(entity) if entity.label_ == "PERSON" else _speaking_name(entity)
        cleaned = name_in(at, tokens) if tokens else None
        if cleaned:
            found.append((*cleaned, 1))
    taken = SpanIndex((start, end, None) for start, end, _, _ in found)
    for passage in at.passages:
        for tokens in _introduced_names(passage.doc):
            cleaned = name_in(at, tokens)
            if cleaned and not taken.touches(cleaned[0], cleaned[1]):
                found.append((*cleaned, 1))
                taken.add(cleaned[0], cleaned[1], None)
    return found


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
        role = token.tag_ in ("NN", "NNS") and token.text.islower() and not _kind_of(doc, token)
        if not (capital_title or role):
            continue
        run = _name_run(doc, index)
        if not run or _office_or_body(doc, run):
            continue
        if len(run) >= 2 or (capital_title and token.lower_ not in TITLE_MODIFIERS):
            yield run
            index = run[-1].i + 1
            # "Presidents Ola Brandt of Kestria and Ines Kogo of Varn": the title covers both.
            following = _conjoined_run(doc, run[-1].i + 1)
            if following:
                yield following
                index = following[-1].i + 1


def _name_run(doc: Doc, index: int) -> list[Token]:
    run: list[Token] = []
    while index < len(doc) and len(run) < 5:
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
    """'Carlotta Weibl said', 'the United Nations Nikki Haley wrote': a personal name that
    the model tagged ORG, alone or run together with the body before it.

    Organisations speak too ("Human Rights Watch said"), so only the last two or three
    name-like words, after the last word that organisations' names are made of.
    """
    root = entity.root
    if entity.label_ not in _SLIP_LABELS or not _in_speaking_subject(root):
        return []
    if _kind_before(entity.doc, entity.start):
        return []
    tail: list[Token] = []
    for token in reversed(entity):
        if upos(token) != "PROPN" or token.lower_ in ORGANISATION_WORDS:
            break
        tail.insert(0, token)
    if not 2 <= len(tail) <= 3 or (len(tail) < len(entity) and root not in tail):
        return []
    return tail


def _kind_before(doc: Doc, index: int) -> bool:
    """'the Florida company Ridgeback Labs', 'another supergroup Blue River': a common
    noun with an article before a name says what kind of thing the name is."""
    if index < 1:
        return False
    noun = doc[index - 1]
    return noun.tag_ in ("NN", "NNS") and noun.text.islower() and _kind_of(doc, noun)


_AGENT_NOUN = re.compile(r"(?:ist|ee|eer|ian|er|or|ant|ent|ess)s?$")
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
    while position >= 0 and (
        doc[position].text[:1].isupper() or upos(doc[position]) in ("ADJ", "NOUN")
    ):
        if doc[position].is_sent_start:
            break
        position -= 1
    return position >= 0 and doc[position].lower_ in _DETERMINERS


def _in_speaking_subject(token: Token) -> bool:
    """Whether the token is in the subject of a speech verb ("X said", "Y of Z wrote")."""
    for _ in range(6):
        if token.dep_ in ("nsubj", "nsubjpass"):
            return token.head.lower_ in SPEECH_VERBS
        if token.head is token or upos(token) in ("VERB", "AUX"):
            return False
        token = token.head
    return False


def _assign(clusters: list[PersonCluster], start: int, end: int, form: str) -> PersonCluster:
    parts = name_parts(form)
    cluster = _match(clusters, parts, start)
    if cluster is None:
        cluster = PersonCluster()
        clusters.append(cluster)
    cluster.add(start, end, form)
    return cluster


def _match(clusters: list[PersonCluster], parts: NameParts, position: int) -> PersonCluster | None:
    if parts.given:
        for cluster in clusters:
            if cluster.parts.given and compatible(cluster.parts, parts):
                return cluster
        # A full name whose surname was seen alone first ("Lavrov" ... "Sergei Lavrov").
        lone = [c for c in clusters if not c.parts.given and c.parts.surname == parts.surname]
        return lone[0] if lone else None
    by_surname = [c for c in clusters if c.parts.surname == parts.surname]
    if by_surname:
        return _first_introduced(by_surname)
    # A first surname alone: "Ana Ruiz Soto" is "Ruiz" in Spanish usage, and a middle
    # name alone is the same person too ("Fitzgerald" for "John Fitzgerald Hale").
    by_middle = [c for c in clusters if parts.surname in c.parts.given[1:]]
    if len(by_middle) == 1:
        return by_middle[0]
    # A first name alone ("Bashar") names the one person who has it, if only one does.
    by_given = [c for c in clusters if c.parts.given and c.parts.given[0] == parts.surname]
    return by_given[0] if len(by_given) == 1 else None


def _first_introduced(clusters: list[PersonCluster]) -> PersonCluster:
    """Of several people sharing a surname, a bare surname means the one the article
    introduced first, its subject: "Amos Dube died ... his wife Ruth Dube ... Dube was
    buried" is Amos. The article names the other one in full, or by first name."""
    return min(clusters, key=lambda cluster: cluster.first)


def _sweep_forms(clusters: list[PersonCluster]) -> set[str]:
    """Every form to look for: names as written, surnames (the first of two too), and
    unshared first names."""
    forms: set[str] = set()
    given_counts = Counter(c.parts.given[0] for c in clusters if c.parts.given)
    surnames = {c.parts.surname for c in clusters}
    for cluster in clusters:
        for form in cluster.forms:
            words = form.split()
            forms.add(fold(form))
            if len(words) > 1 and (words[-1][:1].isupper() or is_particle(words[-1])):
                forms.add(fold(words[-1]))
                tail = PARTICLE_BEFORE.sub("", words[-1] + "-")[:-1]
                if tail != words[-1] and tail[:1].isupper():
                    forms.add(fold(tail))
            first = cluster.parts.given[0] if cluster.parts.given else ""
            if (
                len(words) > 1
                and len(first) > 2
                and given_counts[first] == 1
                and first not in surnames
                and fold(words[0]).lower() == first
            ):
                forms.add(fold(words[0]))
            if len(words) > 2 and len(words[-2]) > 2 and words[-2][:1].isupper():
                forms.add(fold(words[-2]))  # "Ruiz" of "Ana Ruiz Soto"
    return forms


def _sweep(at: AnalysisText, clusters: list[PersonCluster]) -> None:
    """Find the forms of known people that the model missed or labelled as something else."""
    taken: SpanIndex[None] = SpanIndex(
        (s, e, None) for cluster in clusters for s, e in cluster.mentions
    )
    entities: SpanIndex[str] = SpanIndex((s, e, ent.label_) for s, e, ent in at.entities())
    forms = sorted(_sweep_forms(clusters), key=len, reverse=True)
    if not forms:
        return
    # One pass over the text for every form: alternatives longest first, so that a full
    # name wins over the surname inside it.
    pattern = re.compile(r"(?<![\w\-‐‑])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w\-‐‑])")
    folded = at.folded
    match = pattern.search(folded)
    while match is not None:
        start = match.start()
        # Every form that fits here, longest first: when "Jamal Khashoggi" cannot be
        # taken, "Jamal" still can; and the shorter forms inside a rejected one
        # ("Sophia" in "Hagia Sophia Museum") are looked at too.
        accepted = next(
            (
                start + len(form)
                for form in forms
                if folded.startswith(form, start)
                and not _WORD_AFTER.match(folded, start + len(form))
                and _sweep_one(at, clusters, taken, entities, start, start + len(form))
            ),
            None,
        )
        match = pattern.search(folded, accepted if accepted is not None else start + 1)


def _sweep_one(
    at: AnalysisText,
    clusters: list[PersonCluster],
    taken: SpanIndex[None],
    entities: SpanIndex[str],
    start: int,
    end: int,
) -> bool:
    """Take one occurrence of a known form as a mention, or count it against the name."""
    if taken.touches(start, end):
        return False
    form_text = at.text[start:end]
    cluster = _match(clusters, name_parts(form_text), start)
    if cluster is None:
        return False
    verdict = _occurrence(at, entities, start, end)
    if verdict is _Occurrence.OTHER_NAME:
        # "Mahan Air": a lone word that starts the names of things is one of them;
        # "the Trump administration" says little about Donald Trump.
        cluster.other_votes += 1 if cluster.parts.given else _ARTICLE_WEIGHT
        return False
    if verdict is _Occurrence.THING:
        cluster.other_votes += _ARTICLE_WEIGHT
        return False
    cluster.add(start, end, form_text)
    taken.add(start, end, None)
    return True


def _is_thing(text: str, start: int, end: int) -> bool:
    """'the EastMed', 'a Total Disgrace' are things; 'the Trump administration' uses a
    person's name as a modifier."""
    if not _DETERMINER_BEFORE.search(text, max(0, start - 8), start):
        return False
    return not _LOWER_WORD_AFTER.match(text, end)


def _classified_as_thing(at: AnalysisText, start: int, form: str) -> bool:
    """'daily Kathimerini', 'ethnic Ndebele': a lower-case adjective before a lone word
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
    if walk.text in VESSEL_PREFIXES or _kind_before(token.doc, token.i):
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


_WORD_AFTER = re.compile(r"[\w\-‐‑]")
_LOWER_WORD_AFTER = re.compile(r"(?:['’]s)?\s+[a-z]")


class _Occurrence:
    PLAIN = "plain"  # untagged: the model missed it
    SLIP = "slip"  # tagged as something else, exactly this name
    OTHER_NAME = "other-name"  # part of a longer name: "Mahan Air", "Erdogan Foundation"
    THING = "thing"  # "the EastMed"


def _occurrence(at: AnalysisText, entities: SpanIndex[str], start: int, end: int) -> str:
    if _is_thing(at.text, start, end):
        return _Occurrence.THING
    verdict = _Occurrence.PLAIN
    for s, e, label in entities.overlapping(start, end):
        if label == "PERSON":
            continue
        if label not in _SLIP_LABELS:
            return _Occurrence.OTHER_NAME
        inner = strip_possessive(at.text[s:e]).removeprefix("the ").strip()
        if inner != at.text[start:end]:
            return _Occurrence.OTHER_NAME
        verdict = _Occurrence.SLIP
    return verdict


def _extend_left(at: AnalysisText, clusters: list[PersonCluster]) -> None:
    """Mentions the model began too late ('Tayyip Erdogan' in 'Recep Tayyip Erdogan')."""
    for cluster in clusters:
        updated = [(extend_left(at, start), end) for start, end in cluster.mentions]
        cluster.mentions = updated
        cluster.forms = Counter(" ".join(at.text[s:e].split()) for s, e in updated)
        for form in cluster.forms:
            parts = name_parts(form)
            if not cluster.parts.surname or len(parts.tokens) > len(cluster.parts.tokens):
                cluster.parts = parts


def _drop_overlapping(text: str, clusters: list[PersonCluster]) -> None:
    """One stretch of text names one person once: where the model's spans nest ("Vladimir
    Putin" inside a longer run it also tagged) or a name extended left ran into another
    mention, the longer span stays and the one inside or across it goes."""
    spans = sorted(
        (
            (start, end, index)
            for index, cluster in enumerate(clusters)
            for start, end in cluster.mentions
        ),
        key=lambda span: (span[0], span[0] - span[1]),
    )
    kept: list[list[tuple[int, int]]] = [[] for _ in clusters]
    reached = -1
    for start, end, index in spans:
        if start < reached:
            continue
        kept[index].append((start, end))
        reached = end
    for cluster, mentions in zip(clusters, kept, strict=True):
        if mentions != sorted(cluster.mentions):
            cluster.mentions = mentions
            cluster.forms = Counter(" ".join(text[s:e].split()) for s, e in mentions)


def _titles_before(at: AnalysisText, mentions: list[tuple[int, int]]) -> set[str]:
    titles: set[str] = set()
    for start, _end in mentions:
        token = at.token_at(start)
        while token is not None and token.i > 0:
            token = token.doc[token.i - 1]
            word = token.lower_
            if not (is_title(word) or word in ROLE_WORDS) or word in _ARTICLES:
                break
            titles.add(word)
    return titles


_ARTICLES = frozenset({"the", "a", "an", "his", "her", "their", "its", "our"})


def _merge_adjacent(text: str, cluster: PersonCluster) -> None:
    """'Jamal' + 'Khashoggi' found apart by the sweep are one mention, 'Jamal Khashoggi'."""
    spans = sorted(set(cluster.mentions))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and text[merged[-1][1] : start] == " ":
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    if merged != spans:
        cluster.mentions = merged
        cluster.forms = Counter(" ".join(text[s:e].split()) for s, e in merged)


def _merge_spelling_variants(clusters: list[PersonCluster]) -> list[PersonCluster]:
    """'Soleymani' and 'Soleimani': one transliterated name spelt two ways in one article.

    Only a lone surname is merged, into the one person whose surname is one letter away.
    """
    kept: list[PersonCluster] = []
    for cluster in clusters:
        target = None
        if not cluster.parts.given and len(cluster.parts.surname) >= 6:
            near = [
                other
                for other in clusters
                if other is not cluster
                and other.parts.given
                and _one_edit(other.parts.surname, cluster.parts.surname)
            ]
            target = near[0] if len(near) == 1 else None
        if target is None:
            kept.append(cluster)
            continue
        target.mentions.extend(cluster.mentions)
        target.forms.update(cluster.forms)
        target.person_votes += cluster.person_votes
        target.other_votes += cluster.other_votes
        target.titles |= cluster.titles
    return kept


def _one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
