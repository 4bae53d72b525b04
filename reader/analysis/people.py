"""People: PERSON entities cleaned, merged into one entry per person, slips corrected."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import country_names
from .forms import FormFinder
from .name_index import NameIndex
from .names import (
    NOT_PEOPLE,
    ORGANISATION_WORDS,
    ROLE_WORDS,
    NameParts,
    compatible,
    is_particle,
    is_title,
    looks_like_name,
    name_parts,
    strip_possessive,
)
from .pos import upos
from .spans import SpanIndex
from .speakers import SPEECH_VERBS
from .text import AnalysisText, fold

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

# Labels the small model gives surnames by mistake ("Lavrov" as ORG, "Erdogan" as GPE).
_SLIP_LABELS = frozenset(
    {"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "LANGUAGE", "EVENT", "LAW"}
)
_ACRONYM = re.compile(r"^[A-Z0-9.&-]+$")
_PARTICLE_BEFORE = re.compile(r"(?<![\w])(?:al|el|ad|as|an|ar|at|az|ash)[-‐‑]$", re.IGNORECASE)
_HYPHENS = frozenset("-‐‑")
# "the EastMed", "the Poseidon": a person's name does not take the article.
_ARTICLE_BEFORE = re.compile(r"(?<![\w])the\s+$")
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


def find_people(at: AnalysisText) -> list[PersonCluster]:
    candidates = _person_candidates(at)
    clusters: list[PersonCluster] = []
    index: NameIndex[PersonCluster] = NameIndex()
    # Full names first, so that a bare surname has someone to belong to.
    for start, end, form, votes in sorted(candidates, key=lambda c: (-len(c[2].split()), c[0])):
        cluster = _assign(clusters, index, start, end, form)
        cluster.person_votes += votes
        if _is_thing(at.text, start, end) or _classified_as_thing(at, start):
            cluster.other_votes += _ARTICLE_WEIGHT
        elif _ARTICLE_BEFORE.search(at.text, max(0, start - 8), start) and len(form.split()) == 1:
            # "the Gukurahundi massacres", "the Poseidon pipeline": a lone word used as a
            # modifier after "the" names a thing, unless the rest of the article says
            # otherwise ("the Trump administration" beside "Donald Trump said").
            cluster.modifier_votes += 1
    _sweep(at, clusters, index)
    _extend_left(at, clusters)
    _drop_overlapping(at.text, clusters)
    for cluster in clusters:
        _merge_adjacent(at.text, cluster)
        cluster.titles = _titles_before(at, cluster.mentions)
    clusters = _merge_spelling_variants(clusters)
    return [cluster for cluster in clusters if cluster.mentions and cluster.is_person]


def _person_candidates(at: AnalysisText) -> list[tuple[int, int, str, int]]:
    found = []
    for _start, _end, entity in at.entities():
        tokens = list(entity) if entity.label_ == "PERSON" else _speaking_name(entity)
        cleaned = _clean(at, tokens) if tokens else None
        if cleaned:
            found.append((*cleaned, 1))
    return found


def _speaking_name(entity: SpacySpan) -> list[Token]:
    """'Carlotta Weibl said', 'the United Nations Nikki Haley wrote': a personal name that
    the model tagged ORG, alone or run together with the body before it.

    Organisations speak too ("Human Rights Watch said"), so only the last two or three
    name-like words, after the last word that organisations' names are made of.
    """
    root = entity.root
    if entity.label_ not in _SLIP_LABELS or not _in_speaking_subject(root):
        return []
    tail: list[Token] = []
    for token in reversed(entity):
        if upos(token) != "PROPN" or token.lower_ in ORGANISATION_WORDS:
            break
        tail.insert(0, token)
    if not 2 <= len(tail) <= 3 or (len(tail) < len(entity) and root not in tail):
        return []
    return tail


def _in_speaking_subject(token: Token) -> bool:
    """Whether the token is in the subject of a speech verb ("X said", "Y of Z wrote")."""
    for _ in range(6):
        if token.dep_ in ("nsubj", "nsubjpass"):
            return token.head.lower_ in SPEECH_VERBS
        if token.head is token or upos(token) in ("VERB", "AUX"):
            return False
        token = token.head
    return False


def _clean(at: AnalysisText, tokens: list[Token]) -> tuple[int, int, str] | None:
    """The name at the end of an entity: titles, roles and demonyms before it dropped.

    "Sea-Eye spokesperson Carlotta Weibl" → "Carlotta Weibl"; "Bashar al-Assad" keeps its
    particle; possessives and punctuation come off the end.
    """
    cut = 0
    for index, token in enumerate(tokens):
        if not _inside_name(token):
            cut = index + 1
    tokens = tokens[cut:]
    while (
        tokens
        and (tokens[0].text in _HYPHENS or is_particle(tokens[0].text))
        and len(tokens) > 1
        and not tokens[1].text[:1].isupper()
        and tokens[1].text not in _HYPHENS
    ):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].text in {"'s", "’s", "'", "’"}):
        tokens = tokens[:-1]
    if not tokens:
        return None
    doc = tokens[0].doc
    # "Brett" tagged PERSON and "McGurk" left out: the surname is the next word.
    while tokens[-1].i + 1 < len(doc):
        following = doc[tokens[-1].i + 1]
        if following.idx - (tokens[-1].idx + len(tokens[-1].text)) != 1:
            break
        if not _name_word(following):
            break
        tokens.append(following)
    passage = at.passage_of(doc)
    local_start = tokens[0].idx
    local_end = tokens[-1].idx + len(tokens[-1].text)
    form = strip_possessive(at.text[passage.start + local_start : passage.start + local_end])
    start = passage.start + local_start
    end = start + len(form)
    start = _with_particle(at.text, start)
    form = " ".join(at.text[start:end].split())
    if not _plausible_name(form):
        return None
    return start, end, form


def _inside_name(token: Token) -> bool:
    text = token.text
    if text in _HYPHENS or is_particle(text) or text in {"'s", "’s", ".", "'", "’"}:
        return True
    if is_title(text) or text.lower() in ROLE_WORDS or not text[:1].isupper():
        return False
    code = country_names.lookup(text)
    return code is None or text.lower() in country_names.AMBIGUOUS_FORMS


def _with_particle(text: str, start: int) -> int:
    """'al-Muhandis' when the model saw only 'Muhandis'."""
    found = _PARTICLE_BEFORE.search(text, max(0, start - 5), start)
    return found.start() if found else start


# A capital inside a word ("EastMed", "PayPal") marks a brand, except after the prefixes
# that surnames have ("McGurk", "MacArthur", "DeSantis", "LeBron", "DiCaprio").
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")
_SURNAME_PREFIXES = re.compile(r"^(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von|Fitz)[A-Z]")


def _plausible_name(form: str) -> bool:
    if not looks_like_name(form) or _ACRONYM.match(form.replace(" ", "")):
        return False
    for word in form.split():
        if _INNER_CAPITAL.search(word) and not _SURNAME_PREFIXES.match(word):
            return False
    return country_names.lookup(form) is None


def _assign(
    clusters: list[PersonCluster], index: NameIndex[PersonCluster], start: int, end: int, form: str
) -> PersonCluster:
    parts = name_parts(form)
    cluster = _match(index, parts, start)
    if cluster is None:
        cluster = PersonCluster()
        clusters.append(cluster)
    _add(index, cluster, start, end, form)
    return cluster


def _add(
    index: NameIndex[PersonCluster], cluster: PersonCluster, start: int, end: int, form: str
) -> None:
    cluster.add(start, end, form)
    index.add(cluster, cluster.parts, start)


def _match(
    index: NameIndex[PersonCluster], parts: NameParts, position: int
) -> PersonCluster | None:
    # Only people with the same surname can be compatible; the index keeps them in the
    # order they were found.
    same_surname = index.with_surname(parts.surname)
    if parts.given:
        for cluster in same_surname:
            if cluster.parts.given and compatible(cluster.parts, parts):
                return cluster
        # A full name whose surname was seen alone first ("Lavrov" ... "Sergei Lavrov").
        lone = [c for c in same_surname if not c.parts.given]
        return lone[0] if lone else None
    if same_surname:
        return _most_recent(index, same_surname, position)
    # A first name alone ("Bashar") names the one person who has it, if only one does.
    by_given = index.with_given(parts.surname)
    return by_given[0] if len(by_given) == 1 else None


def _most_recent(
    index: NameIndex[PersonCluster], clusters: list[PersonCluster], position: int
) -> PersonCluster:
    """Of several people sharing a surname, a bare surname means the one last named."""
    if len(clusters) == 1:
        return clusters[0]
    return max(
        clusters,
        key=lambda cluster: (
            index.last_start_before(cluster, position),
            -index.first_start(cluster),
        ),
    )


def _sweep_forms(clusters: list[PersonCluster]) -> set[str]:
    """Every form to look for: names as written, surnames, and unshared first names."""
    forms: set[str] = set()
    given_counts = Counter(c.parts.given[0] for c in clusters if c.parts.given)
    surnames = {c.parts.surname for c in clusters}
    for cluster in clusters:
        for form in cluster.forms:
            words = form.split()
            forms.add(fold(form))
            if len(words) > 1 and (words[-1][:1].isupper() or is_particle(words[-1])):
                forms.add(fold(words[-1]))
                tail = _PARTICLE_BEFORE.sub("", words[-1] + "-")[:-1]
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
    return forms


def _sweep(
    at: AnalysisText, clusters: list[PersonCluster], index: NameIndex[PersonCluster]
) -> None:
    """Find the forms of known people that the model missed or labelled as something else."""
    taken: SpanIndex[None] = SpanIndex(
        (s, e, None) for cluster in clusters for s, e in cluster.mentions
    )
    entities: SpanIndex[str] = SpanIndex((s, e, ent.label_) for s, e, ent in at.entities())
    # One pass over the text for every form, looked up by the words found there.
    finder = FormFinder(_sweep_forms(clusters))
    resume = 0
    for start, forms in finder.occurrences(at.folded):
        if start < resume:
            continue
        # Every form that fits here, longest first, so that a full name wins over the
        # surname inside it: when "Jamal Khashoggi" cannot be taken, "Jamal" still can;
        # and the shorter forms inside a rejected one ("Sophia" in "Hagia Sophia
        # Museum") are looked at too.
        accepted = next(
            (
                start + len(form)
                for form in forms
                if _sweep_one(at, index, taken, entities, start, start + len(form))
            ),
            None,
        )
        if accepted is not None:
            resume = accepted


def _sweep_one(
    at: AnalysisText,
    index: NameIndex[PersonCluster],
    taken: SpanIndex[None],
    entities: SpanIndex[str],
    start: int,
    end: int,
) -> bool:
    """Take one occurrence of a known form as a mention, or count it against the name."""
    if taken.touches(start, end):
        return False
    form_text = at.text[start:end]
    cluster = _match(index, name_parts(form_text), start)
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
    _add(index, cluster, start, end, form_text)
    taken.add(start, end, None)
    return True


def _is_thing(text: str, start: int, end: int) -> bool:
    """'the EastMed' is a thing; 'the Trump administration' uses a person's name as a modifier."""
    if not _ARTICLE_BEFORE.search(text, max(0, start - 8), start):
        return False
    return not _LOWER_WORD_AFTER.match(text, end)


def _classified_as_thing(at: AnalysisText, start: int) -> bool:
    """'daily Kathimerini', 'ethnic Ndebele': a common word before a name says what it is.

    Before a person that word is a role ("journalist Jamal Khashoggi"), and roles are
    listed with the titles.
    """
    token = at.token_at(start)
    if token is None or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    # "the MV Professor Albrecht Penck": a ship named after a person, title and all.
    walk = before
    while walk.i > 0 and is_title(walk.text):
        walk = walk.doc[walk.i - 1]
    if walk.text in SHIP_PREFIXES:
        return True
    return (
        upos(before) in ("NOUN", "ADJ", "ADV")
        and before.text.islower()
        and not is_title(before.text)
        and before.lower_ not in ROLE_WORDS
    )


# Prefixes of ships' names (motor vessel, steamship, His/Her Majesty's Ship, ...).
SHIP_PREFIXES = frozenset({"MV", "MS", "M/V", "SS", "HMS", "USS", "RV", "HMAS", "INS", "FV"})

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
    """'(Recep Tayyip Erdogan's)': the model saw 'Tayyip Erdogan'; the name starts earlier."""
    for cluster in clusters:
        updated: list[tuple[int, int]] = []
        cluster_forms: Counter[str] = Counter()
        for start, end in cluster.mentions:
            token = at.token_at(start)
            while token is not None and token.i > 0:
                previous = token.doc[token.i - 1]
                gap = token.idx - (previous.idx + len(previous.text))
                if gap != 1 or not _name_word(previous):
                    break
                start -= token.idx - previous.idx
                token = previous
            updated.append((start, end))
            cluster_forms[" ".join(at.text[start:end].split())] += 1
        cluster.mentions = updated
        cluster.forms = cluster_forms
        for form in cluster_forms:
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


def _name_word(token: Token) -> bool:
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
