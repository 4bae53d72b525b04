"""One person under two names: a stage or pen name and the name they were born with.

"Dusty Vane was born Mary Ellen Vane", "Mary Ellen Vane, better known as Dusty Vane",
"Dusty Vane's real name was Mary Ellen Vane", "Dusty Vane (born Mary Ellen Vane)",
"When Vane was young, she was Mary Ellen Vane": the People pane lists one person, under
the name the article uses for them, with the other name among their mentions.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .person_cluster import PersonCluster
    from .text import AnalysisText

_NAME_WORDS = r"(?:real|birth|given|full|original|legal|maiden)\s+name"

# What stands between the name the article uses (first) and the other name (second).
_KNOWN_THEN_OTHER = re.compile(
    r"\s*(?:,\s*)?(?:who\s+)?(?:was|is)\s+born\s+"  # "X was born Y" (not "born in")
    r"|\s*[,(]\s*(?:born|n[ée]e)\s+"  # "X, born Y", "X (née Y)"
    rf"|['’]s\s+{_NAME_WORDS}\s+(?:was|is)\s+"  # "X's real name was Y"
    rf"|\s*,\s*whose\s+{_NAME_WORDS}\s+(?:was|is)\s+",  # "X, whose birth name is Y"
    re.IGNORECASE,
)
# "Y, better known as X": the other name first.
_OTHER_THEN_KNOWN = re.compile(
    r"\s*,?\s*\(?\s*(?:also|better|more\s+commonly|formerly|professionally|popularly|widely)?"
    r"\s*known\s+as\s+[\"“‘']?",
    re.IGNORECASE,
)
# "When Vane was young, she was Mary Ellen Vane": a pronoun, then a full name.
_PRONOUN_WAS = re.compile(r"\b(?:she|he)\s+(?:was|is)\s+$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?\b")
_BETWEEN = 40  # characters: the links above are short
_LOOK_BACK = 12  # characters before a name for "she was "


def merge_aliases(at: AnalysisText, clusters: list[PersonCluster]) -> list[PersonCluster]:
    """The clusters, with each birth or stage name merged into the person it names."""
    mentions = sorted(
        (start, end, index)
        for index, cluster in enumerate(clusters)
        for start, end in cluster.mentions
    )
    owner = list(range(len(clusters)))  # union-find over cluster indices

    def root(index: int) -> int:
        while owner[index] != index:
            owner[index] = owner[owner[index]]
            index = owner[index]
        return index

    def link(known: int, other: int) -> None:
        known, other = root(known), root(other)
        if known != other and clusters[other].parts.given:
            clusters[known].chosen = clusters[known].name
            owner[other] = known

    text = at.text
    for (_, end, first), (start, _, second) in pairwise(mentions):
        if first == second or start - end > _BETWEEN:
            continue
        between = text[end:start]
        if _KNOWN_THEN_OTHER.fullmatch(between):
            link(first, second)
        elif _OTHER_THEN_KNOWN.fullmatch(between):
            link(second, first)
    for position, (start, end, index) in enumerate(mentions):
        if _POSSESSIVE.match(text, end):
            continue  # "she was Ana Ruiz's deputy" is someone else
        if position and _PRONOUN_WAS.search(text, max(0, start - _LOOK_BACK), start):
            antecedent = _earlier_in_sentence(at, mentions, position)
            if antecedent is not None:
                link(antecedent, index)
    if all(root(index) == index for index in range(len(clusters))):
        return clusters
    for index, cluster in enumerate(clusters):
        target = clusters[root(index)]
        if target is not cluster:
            target.mentions.extend(cluster.mentions)
            target.forms.update(cluster.forms)
            target.person_votes += cluster.person_votes
            target.other_votes += cluster.other_votes
            target.titles |= cluster.titles
    return [cluster for index, cluster in enumerate(clusters) if root(index) == index]


def _earlier_in_sentence(
    at: AnalysisText, mentions: list[tuple[int, int, int]], position: int
) -> int | None:
    """The person named last before mention `position` in its sentence, if another's."""
    start, _, index = mentions[position]
    token = at.token_at(start)
    if token is None:
        return None
    sentence = at.sentence_of(token)
    for earlier_start, _, earlier in reversed(mentions[:position]):
        before = at.token_at(earlier_start)
        if before is None or before.doc is not token.doc or at.sentence_of(before) != sentence:
            return None
        if earlier != index:
            return earlier
    return None
