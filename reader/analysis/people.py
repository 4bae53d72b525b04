"""People: PERSON entities cleaned, merged into one entry per person, slips corrected."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import country_names
from .names import NameParts, compatible, is_title, looks_like_name, name_parts, strip_possessive
from .text import AnalysisText, fold

if TYPE_CHECKING:
    from spacy.tokens import Token

# Labels the small model gives surnames by mistake ("Lavrov" as ORG, "Erdogan" as GPE).
_SLIP_LABELS = frozenset(
    {"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "LANGUAGE", "EVENT", "LAW"}
)
_ACRONYM = re.compile(r"^[A-Z0-9.&-]+$")


@dataclass
class PersonCluster:
    mentions: list[tuple[int, int]] = field(default_factory=list)
    forms: Counter[str] = field(default_factory=Counter)
    parts: NameParts = field(default_factory=lambda: NameParts((), ""))

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


def find_people(at: AnalysisText) -> list[PersonCluster]:
    candidates = _person_candidates(at)
    clusters: list[PersonCluster] = []
    # Full names first, so that a bare surname has someone to belong to.
    for start, end, form in sorted(candidates, key=lambda c: (-len(c[2].split()), c[0])):
        _assign(clusters, start, end, form)
    _sweep(at, clusters)
    _extend_left(at, clusters)
    return [cluster for cluster in clusters if cluster.mentions]


def _person_candidates(at: AnalysisText) -> list[tuple[int, int, str]]:
    found = []
    for _start, _end, entity in at.entities():
        if entity.label_ != "PERSON":
            continue
        cleaned = _clean(at, list(entity))
        if cleaned:
            found.append(cleaned)
    return found


def _clean(at: AnalysisText, tokens: list[Token]) -> tuple[int, int, str] | None:
    """Take titles, demonyms, possessives and punctuation off a name's edges."""
    while tokens and (
        is_title(tokens[0].text)
        or not tokens[0].text[:1].isupper()
        or country_names.lookup(tokens[0].text) is not None
    ):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].text in {"'s", "’s", "'", "’"}):
        tokens = tokens[:-1]
    if not tokens:
        return None
    doc = tokens[0].doc
    passage = at.passage_of(doc)
    local_start = tokens[0].idx
    local_end = tokens[-1].idx + len(tokens[-1].text)
    form = strip_possessive(doc.text[local_start:local_end])
    local_end = local_start + len(form)
    if not _plausible_name(form):
        return None
    return passage.start + local_start, passage.start + local_end, " ".join(form.split())


def _plausible_name(form: str) -> bool:
    if not looks_like_name(form) or _ACRONYM.match(form.replace(" ", "")):
        return False
    return country_names.lookup(form) is None


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
        return _most_recent(by_surname, position)
    # A first name alone ("Bashar") names the one person who has it, if only one does.
    by_given = [c for c in clusters if c.parts.given and c.parts.given[0] == parts.surname]
    return by_given[0] if len(by_given) == 1 else None


def _most_recent(clusters: list[PersonCluster], position: int) -> PersonCluster:
    """Of several people sharing a surname, a bare surname means the one last named."""

    def last_before(cluster: PersonCluster) -> int:
        before = [s for s, _ in cluster.mentions if s < position]
        return max(before) if before else -1

    return max(clusters, key=lambda cluster: (last_before(cluster), -cluster.first))


def _sweep(at: AnalysisText, clusters: list[PersonCluster]) -> None:
    """Find the forms of known people that the model missed or labelled as something else."""
    taken = _taken(clusters)
    entities = [(s, e, ent) for s, e, ent in at.entities()]
    forms: set[str] = set()
    for cluster in clusters:
        for form in cluster.forms:
            forms.add(fold(form))
            last = form.split()[-1]
            if len(form.split()) > 1 and last[:1].isupper():
                forms.add(fold(last))
    for form in sorted(forms, key=len, reverse=True):
        pattern = re.compile(r"(?<![\w\-‐‑])" + re.escape(form) + r"(?![\w\-‐‑])")
        for match in pattern.finditer(at.folded):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            if not _free_of_other_names(at, entities, start, end):
                continue
            form_text = at.text[start:end]
            cluster = _match(clusters, name_parts(form_text), start)
            if cluster is None:
                continue
            cluster.add(start, end, form_text)
            taken.append((start, end))


def _taken(clusters: list[PersonCluster]) -> list[tuple[int, int]]:
    return [span for cluster in clusters for span in cluster.mentions]


def _free_of_other_names(
    at: AnalysisText, entities: list[tuple[int, int, object]], start: int, end: int
) -> bool:
    """An occurrence inside a longer name ("the Erdogan Foundation") is not the person."""
    for s, e, entity in entities:
        if s < end and start < e:
            label = getattr(entity, "label_", "")
            if label == "PERSON":
                continue
            if label not in _SLIP_LABELS:
                return False
            inner = strip_possessive(at.text[s:e]).removeprefix("the ").strip()
            if inner != at.text[start:end]:
                return False
    return True


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


def _name_word(token: Token) -> bool:
    text = token.text
    return (
        token.ent_type_ in ("", "PERSON")
        and token.pos_ == "PROPN"
        and text[:1].isupper()
        and not is_title(text)
        and looks_like_name(text)
        and country_names.lookup(text) is None
        and not _ACRONYM.match(text)
    )
