"""People: one entry per person named in the article, with every mention of them.

The stages, each in its own module: candidates (person_candidates.py: the model's PERSON
entities and the names it missed), where each name starts and ends (name_boundaries.py),
clustering the forms of one person here ("Ana Ruiz", "Ruiz", "Ana"), and the votes that
decide whether a name is a person's (person_votes.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from .lexicon import ARTICLES, ROLE_WORDS
from .name_boundaries import extend_left, form_at
from .name_search import NameSearch
from .names import (
    PARTICLE_BEFORE,
    NameParts,
    compatible,
    is_particle,
    is_title,
    name_parts,
)
from .person_aliases import merge_aliases
from .person_candidates import person_candidates
from .person_cluster import Mention, PersonCluster
from .person_votes import (
    ARTICLE_BEFORE,
    ARTICLE_WEIGHT,
    WORD_AFTER,
    Occurrence,
    classified_as_thing,
    is_thing,
    named_as_a_person,
    occurrence,
)
from .spans import SpanIndex
from .text import AnalysisText, fold

# A lone surname this long that is one letter from a known person's is a misspelling of
# it ('Kowalcyzk'); shorter names one letter apart are often two people ('Kim', 'Lim').
_SPELLING_SLIP_LENGTH = 6


def find_people(at: AnalysisText, quotations: SpanIndex[None] | None = None) -> list[PersonCluster]:
    """People named in the text; `quotations` are the spans inside quotation marks."""
    quotations = quotations or SpanIndex()
    candidates = person_candidates(at)
    clusters = _Clusters()
    # Full names first, so that a bare surname has someone to belong to.
    for start, end, form, votes in sorted(candidates, key=lambda c: (-len(c[2].split()), c[0])):
        cluster = _assign(clusters, start, end, form)
        cluster.person_votes += votes
        if is_thing(at.text, start, end) or classified_as_thing(at, start, form):
            cluster.other_votes += ARTICLE_WEIGHT
        elif ARTICLE_BEFORE.search(at.text, max(0, start - 8), start) and len(form.split()) == 1:
            # "the Varnak massacres", "the Nordlys pipeline": a lone word used as a
            # modifier after "the" names a thing, unless the rest of the article says
            # otherwise ("the Trump administration" beside "Donald Trump said").
            cluster.modifier_votes += 1
    _sweep(at, clusters)
    _extend_left(at, clusters)
    _drop_overlapping(at.text, clusters)
    for cluster in clusters:
        _merge_adjacent(at.text, cluster)
        cluster.titles = _titles_before(at, cluster.mentions)
    merged = merge_aliases(at, _merge_spelling_variants(clusters))
    return [
        cluster
        for cluster in merged
        if cluster.mentions and cluster.is_person and named_as_a_person(at, cluster, quotations)
    ]


class _Clusters(list[PersonCluster]):
    """The people found so far, in the order they were found, with an index by each word
    of their names: finding who a name belongs to costs the people who share a word with
    it, not everyone named before (an article can name thousands)."""

    def __init__(self) -> None:
        super().__init__()
        self._order: dict[int, int] = {}
        self._by_surname: dict[str, dict[int, PersonCluster]] = {}
        self._by_given: dict[str, dict[int, PersonCluster]] = {}

    def append(self, cluster: PersonCluster) -> None:
        self._order[id(cluster)] = len(self)
        super().append(cluster)

    def note(self, cluster: PersonCluster) -> None:
        """Index the cluster under its name's words as they are now."""
        self._by_surname.setdefault(cluster.parts.surname, {})[id(cluster)] = cluster
        for word in cluster.parts.given:
            self._by_given.setdefault(word, {})[id(cluster)] = cluster

    def with_surname(self, surname: str) -> list[PersonCluster]:
        return self._in_order(
            self._by_surname.get(surname, {}), lambda c: c.parts.surname == surname
        )

    def with_given(self, word: str) -> list[PersonCluster]:
        return self._in_order(self._by_given.get(word, {}), lambda c: word in c.parts.given)

    def _in_order(
        self, found: dict[int, PersonCluster], still: Callable[[PersonCluster], bool]
    ) -> list[PersonCluster]:
        # Entries made under a name's earlier, shorter form are checked against its parts.
        return sorted(
            (cluster for cluster in found.values() if still(cluster)),
            key=lambda cluster: self._order[id(cluster)],
        )


def _assign(clusters: _Clusters, start: int, end: int, form: str) -> PersonCluster:
    parts = name_parts(form)
    cluster = _match(clusters, parts, start)
    if cluster is None:
        cluster = PersonCluster()
        clusters.append(cluster)
    cluster.add(start, end, form)
    clusters.note(cluster)
    return cluster


def _match(clusters: _Clusters, parts: NameParts, position: int) -> PersonCluster | None:
    if parts.given:
        # Same surname, or one of two surnames ("Ana Ruiz" ~ "Ana M. Ruiz Soto").
        near = {
            id(c): c
            for c in (
                *clusters.with_surname(parts.surname),
                *clusters.with_given(parts.surname),
                *clusters.with_surname(parts.given[-1]),
            )
        }
        for cluster in clusters._in_order(near, lambda c: True):
            if cluster.parts.given and compatible(cluster.parts, parts):
                return cluster
        # A full name whose surname was seen alone first ("Ruiz" ... "Ana Ruiz").
        lone = [c for c in clusters.with_surname(parts.surname) if not c.parts.given]
        return lone[0] if lone else None
    by_surname = clusters.with_surname(parts.surname)
    if by_surname:
        return _first_introduced(by_surname)
    # A first surname alone: "Ana Ruiz Soto" is "Ruiz" in Spanish usage, and a middle
    # name alone is the same person too ("Fitzgerald" for "John Fitzgerald Hale").
    named = clusters.with_given(parts.surname)
    by_middle = [c for c in named if parts.surname in c.parts.given[1:]]
    if len(by_middle) == 1:
        return by_middle[0]
    # A first name alone ("Bashar") names the one person who has it, if only one does.
    by_given = [c for c in named if c.parts.given[0] == parts.surname]
    return by_given[0] if len(by_given) == 1 else None


def _first_introduced(clusters: list[PersonCluster]) -> PersonCluster:
    """Of several people sharing a surname, a bare surname means the one the article
    introduced first, its subject: "Amos Dube died ... his wife Ruth Dube ... Dube was
    buried" is Amos. The article names the other one in full, or by first name."""
    return min(clusters, key=lambda cluster: cluster.first_seen)


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


def _sweep(at: AnalysisText, clusters: _Clusters) -> None:
    """Find the forms of known people that the model missed or labelled as something else."""
    taken: SpanIndex[None] = SpanIndex(
        (s, e, None) for cluster in clusters for s, e in cluster.mentions
    )
    entities: SpanIndex[str] = SpanIndex((s, e, ent.label_) for s, e, ent in at.entities())
    known = _sweep_forms(clusters)
    # One pass over the text for every form, the longest found at each place, so that a
    # full name wins over the surname inside it.
    search = NameSearch(known)
    folded = at.folded
    match = search.search(folded)
    while match is not None:
        start, end = match
        # Every form that fits here, longest first: when "Omar Haddad" cannot be
        # taken, "Jamal" still can; and the shorter forms inside a rejected one
        # ("Maria" in "Santa Maria Museum") are looked at too.
        accepted = next(
            (
                start + len(form)
                for form in _forms_at(folded[start:end], known)
                if not WORD_AFTER.match(folded, start + len(form))
                and _sweep_one(at, clusters, taken, entities, start, start + len(form))
            ),
            None,
        )
        match = search.search(folded, accepted if accepted is not None else start + 1)


def _forms_at(matched: str, known: set[str]) -> list[str]:
    """The known forms that start where `matched` (the longest) was found, longest first:
    the words it begins with, not every form of every person (there can be thousands)."""
    found = [matched]
    cut = len(matched)
    while (cut := matched.rfind(" ", 0, cut)) > 0:
        if matched[:cut] in known:
            found.append(matched[:cut])
    return found


def _sweep_one(
    at: AnalysisText,
    clusters: _Clusters,
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
    verdict = occurrence(at, entities, start, end)
    if verdict is Occurrence.OTHER_NAME:
        # "Kestrel Air": a lone word that starts the names of things is one of them;
        # "the Trump administration" says little about Donald Trump.
        cluster.other_votes += 1 if cluster.parts.given else ARTICLE_WEIGHT
        return False
    if verdict is Occurrence.THING:
        cluster.other_votes += ARTICLE_WEIGHT
        return False
    cluster.add(start, end, form_text)
    clusters.note(cluster)
    taken.add(start, end, None)
    return True


def _extend_left(at: AnalysisText, clusters: list[PersonCluster]) -> None:
    """Mentions the model began too late ('Maria Ruiz' in 'Ana Maria Ruiz')."""
    for cluster in clusters:
        updated = [Mention(extend_left(at, start), end) for start, end in cluster.mentions]
        cluster.mentions = updated
        cluster.forms = Counter(form_at(at.text, s, e) for s, e in updated)
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
    kept: list[list[Mention]] = [[] for _ in clusters]
    reached = -1
    for start, end, index in spans:
        if start < reached:
            continue
        kept[index].append(Mention(start, end))
        reached = end
    for cluster, mentions in zip(clusters, kept, strict=True):
        if mentions != sorted(cluster.mentions):
            cluster.mentions = mentions
            cluster.forms = Counter(form_at(text, s, e) for s, e in mentions)


def _titles_before(at: AnalysisText, mentions: Sequence[tuple[int, int]]) -> set[str]:
    titles: set[str] = set()
    for start, _end in mentions:
        token = at.token_at(start)
        while token is not None and token.i > 0:
            token = token.doc[token.i - 1]
            word = token.lower_
            if not (is_title(word) or word in ROLE_WORDS) or word in ARTICLES:
                break
            titles.add(word)
    return titles


def _merge_adjacent(text: str, cluster: PersonCluster) -> None:
    """'Omar' + 'Haddad' found apart by the sweep are one mention, 'Omar Haddad'."""
    spans = sorted(set(cluster.mentions))
    merged: list[Mention] = []
    for start, end in spans:
        if merged and text[merged[-1][1] : start] == " ":
            merged[-1] = Mention(merged[-1].start, end)
        else:
            merged.append(Mention(start, end))
    if merged != spans:
        cluster.mentions = merged
        cluster.forms = Counter(form_at(text, s, e) for s, e in merged)


def _merge_spelling_variants(clusters: list[PersonCluster]) -> list[PersonCluster]:
    """'Mahmoudi' and 'Mahmudi': one transliterated name spelt two ways in one article.

    Only a lone surname is merged, into the one person whose surname is one letter away.
    """
    kept: list[PersonCluster] = []
    for cluster in clusters:
        target = None
        if not cluster.parts.given and len(cluster.parts.surname) >= _SPELLING_SLIP_LENGTH:
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
