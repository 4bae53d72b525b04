"""Who said each quote: the attribution beside it, pronouns resolved, news carry-over."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .quotes import QuoteSpan
from .text import AnalysisText

if TYPE_CHECKING:
    from spacy.tokens import Token

SPEECH_VERBS = frozenset(
    [
        "say",
        "says",
        "said",
        "saying",
        "tell",
        "tells",
        "told",
        "telling",
        "add",
        "adds",
        "added",
        "adding",
        "continue",
        "continues",
        "continued",
        "write",
        "writes",
        "wrote",
        "state",
        "states",
        "stated",
        "ask",
        "asks",
        "asked",
        "note",
        "notes",
        "noted",
        "explain",
        "explains",
        "explained",
        "warn",
        "warns",
        "warned",
        "claim",
        "claims",
        "claimed",
        "insist",
        "insists",
        "insisted",
        "argue",
        "argues",
        "argued",
        "reply",
        "replies",
        "replied",
        "respond",
        "responds",
        "responded",
        "remark",
        "remarks",
        "remarked",
        "declare",
        "declares",
        "declared",
        "announce",
        "announces",
        "announced",
        "tweet",
        "tweets",
        "tweeted",
        "post",
        "posts",
        "posted",
        "comment",
        "comments",
        "commented",
        "stress",
        "stresses",
        "stressed",
        "emphasise",
        "emphasised",
        "emphasize",
        "emphasized",
        "urge",
        "urges",
        "urged",
        "acknowledge",
        "acknowledged",
        "admit",
        "admits",
        "admitted",
        "allege",
        "alleges",
        "alleged",
        "confirm",
        "confirms",
        "confirmed",
        "deny",
        "denies",
        "denied",
        "describe",
        "described",
        "vow",
        "vows",
        "vowed",
        "promise",
        "promised",
        "suggest",
        "suggests",
        "suggested",
        "predict",
        "predicted",
        "recall",
        "recalls",
        "recalled",
        "observe",
        "observed",
        "concede",
        "conceded",
        "assert",
        "asserted",
        "maintain",
        "maintained",
        "accord",
        "according",
        "quote",
        "quoted",
        "cite",
        "cited",
        "tell",
        "wrote",
        "complain",
        "complained",
    ]
)
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class Attribution:
    person: int | None  # index of the person (cluster) who said it
    words: str  # the attribution's own words when no person fits ("a UN spokesperson")
    span: tuple[int, int] | None  # where the speaker is named, analysis coordinates


NO_ATTRIBUTION = Attribution(None, "", None)


class _People:
    """Person mentions in text order, to answer 'who is named here' and 'who came last'."""

    def __init__(self, mentions: list[tuple[int, int, int]]) -> None:
        self.mentions = sorted(mentions)
        self.starts = [start for start, _, _ in self.mentions]

    def at(self, start: int, end: int) -> tuple[int, int, int] | None:
        index = bisect_right(self.starts, end - 1) - 1
        while index >= 0:
            s, e, person = self.mentions[index]
            if s < end and start < e:
                return s, e, person
            if e <= start and s < start - 200:
                break
            index -= 1
        return None

    def before(self, position: int) -> list[tuple[int, int, int]]:
        return self.mentions[: bisect_right(self.starts, position - 1)]


def attribute(
    at: AnalysisText, quotes: list[QuoteSpan], person_mentions: list[tuple[int, int, int]]
) -> list[Attribution]:
    people = _People(person_mentions)
    inside = [(q.open_mark, q.close_mark + 1) for q in quotes]
    results: list[Attribution] = []
    previous: Attribution = NO_ATTRIBUTION
    previous_quote: QuoteSpan | None = None
    for index, quote in enumerate(quotes):
        lower = quotes[index - 1].close_mark + 1 if index else 0
        upper = quotes[index + 1].open_mark if index + 1 < len(quotes) else len(at.text)
        found = _from_verbs(at, quote, people, inside, lower, upper)
        if (
            found is None
            and previous.person is not None
            and previous_quote is not None
            and _continues(at, previous_quote, quote)
        ):
            found = Attribution(previous.person, "", None)
        result = found or NO_ATTRIBUTION
        results.append(result)
        previous, previous_quote = result, quote
    return results


def _continues(at: AnalysisText, before: QuoteSpan, quote: QuoteSpan) -> bool:
    """A quote with no attribution of its own, in the same or the next paragraph as the
    last attributed one, with no other sentence in between, is the same speaker's."""
    between = at.text[before.close_mark + 1 : quote.open_mark]
    gap_passages = at.passage_index(quote.open_mark) - at.passage_index(before.close_mark)
    return gap_passages <= 1 and len(between.split()) <= 12


def _from_verbs(
    at: AnalysisText,
    quote: QuoteSpan,
    people: _People,
    inside: list[tuple[int, int]],
    lower: int,
    upper: int,
) -> Attribution | None:
    for verb in _speech_verbs(at, quote, inside, lower, upper):
        found = _speaker_of(at, verb, quote, people, inside)
        if found is not None:
            return found
    return None


def _speech_verbs(
    at: AnalysisText, quote: QuoteSpan, inside: list[tuple[int, int]], lower: int, upper: int
) -> list[tuple[int, Token]]:
    """Speech verbs in the sentence(s) around the quote, nearest first, after before before."""
    after = _window_after(at, quote.close_mark + 1, upper)
    before = _window_before(at, quote.open_mark, lower)
    ordered = after + list(reversed(before))
    return [
        (position, token)
        for position, token in ordered
        if token.lower_ in SPEECH_VERBS and not _in_any(inside, position)
    ]


def _window_after(at: AnalysisText, start: int, upper: int) -> list[tuple[int, Token]]:
    passage = at.passage_at(start) or at.passage_at(start - 1)
    if passage is None:
        return []
    doc = passage.doc
    tokens = [t for t in doc if t.idx >= start - passage.start]
    if not tokens:
        return []
    # The attribution's sentence: where the first word after the mark belongs. Small
    # models often end a sentence at the closing mark, so take the next one too if the
    # quote ended the sentence.
    first = tokens[0]
    while first.is_punct and first.i + 1 < len(doc):
        first = doc[first.i + 1]
    sentence_end = first.sent.end
    return [
        (passage.start + t.idx, t)
        for t in tokens
        if t.i < sentence_end and passage.start + t.idx < upper
    ]


def _window_before(at: AnalysisText, end: int, lower: int) -> list[tuple[int, Token]]:
    passage = at.passage_at(end)
    if passage is None:
        return []
    local = end - passage.start
    tokens = [t for t in passage.doc if t.idx < local]
    if not tokens:
        return []
    sentence_start = tokens[-1].sent.start
    return [
        (passage.start + t.idx, t)
        for t in tokens
        if t.i >= sentence_start and passage.start + t.idx >= lower
    ]


def _speaker_of(
    at: AnalysisText,
    verb_at: tuple[int, Token],
    quote: QuoteSpan,
    people: _People,
    inside: list[tuple[int, int]],
) -> Attribution | None:
    position, verb = verb_at
    base = position - verb.idx
    subjects = [child for child in verb.children if child.dep_ in _SUBJECT_DEPS]
    if verb.lower_ == "according":
        subjects = [
            grandchild
            for child in verb.children
            if child.lower_ == "to"
            for grandchild in child.children
            if grandchild.dep_ == "pobj"
        ]
    if not subjects:
        subjects = _adjacent_names(verb, people, base)
    for subject in subjects:
        start = base + subject.idx
        if _in_any(inside, start):
            continue
        named = people.at(start, start + len(subject.text))
        if named is None:
            named = _named_in_phrase(subject, people, base, inside)
        if named is not None:
            return Attribution(named[2], "", (named[0], named[1]))
        if subject.lower_ in PERSONAL_PRONOUNS:
            person = _resolve_pronoun(at, people, quote, inside)
            if person is not None:
                return Attribution(person, "", None)
            continue
        if subject.pos_ in ("NOUN", "PROPN"):
            left = subject.left_edge
            words = subject.doc.text[left.idx : subject.idx + len(subject.text)]
            return Attribution(
                None, " ".join(words.split()), (base + left.idx, start + len(subject.text))
            )
    return None


def _adjacent_names(verb: Token, people: _People, base: int) -> list[Token]:
    """'said X' / 'X said' when the parse gave the verb no subject."""
    doc = verb.doc
    neighbours = []
    if verb.i + 1 < len(doc):
        neighbours.append(doc[verb.i + 1])
    if verb.i > 0:
        neighbours.append(doc[verb.i - 1])
    return [t for t in neighbours if people.at(base + t.idx, base + t.idx + len(t.text))]


def _named_in_phrase(
    subject: Token, people: _People, base: int, inside: list[tuple[int, int]]
) -> tuple[int, int, int] | None:
    """'the foreign minister, Mevlut Cavusoglu,' — the name is an apposition of the head."""
    for token in subject.subtree:
        start = base + token.idx
        if _in_any(inside, start):
            continue
        named = people.at(start, start + len(token.text))
        if named is not None:
            return named
    return None


def _resolve_pronoun(
    at: AnalysisText, people: _People, quote: QuoteSpan, inside: list[tuple[int, int]]
) -> int | None:
    """'he said': the last person named outside quotations, preferring a subject."""
    candidates = [m for m in people.before(quote.open_mark) if not _in_any(inside, m[0])]
    if not candidates:
        return None
    window = [m for m in candidates if m[0] >= quote.open_mark - 1500]
    for start, _end, person in reversed(window):
        token = at.token_at(start)
        if token is not None and _is_subject(token):
            return person
    return candidates[-1][2]


def _is_subject(token: Token) -> bool:
    while token.dep_ == "compound" and token.head is not token:
        token = token.head
    return token.dep_ in _SUBJECT_DEPS


def _in_any(spans: list[tuple[int, int]], position: int) -> bool:
    return any(s <= position < e for s, e in spans)
