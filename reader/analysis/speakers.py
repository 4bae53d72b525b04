"""Who said each quote: the attribution beside it, pronouns resolved, news carry-over."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .pos import upos
from .quotes import QuoteSpan
from .spans import SpanIndex
from .text import AnalysisText

if TYPE_CHECKING:
    from spacy.tokens import Token

# Inflected forms, since the pipeline runs without its lemmatizer.
SPEECH_VERBS = frozenset(
    """
    say says said saying tell tells told telling add adds added adding continue continues
    continued continuing write writes wrote writing written state states stated ask asks
    asked note notes noted explain explains explained warn warns warned claim claims claimed
    insist insists insisted argue argues argued reply replies replied respond responds
    responded remark remarks remarked declare declares declared announce announces announced
    tweet tweets tweeted post posts posted comment comments commented stress stresses
    stressed emphasise emphasised emphasize emphasized urge urges urged acknowledge
    acknowledged admit admits admitted allege alleges alleged confirm confirms confirmed deny
    denies denied describe described vow vows vowed promise promised suggest suggests
    suggested predict predicted recall recalls recalled observe observed concede conceded
    assert asserted maintain maintained according quote quoted cite cited complain
    complained speak speaks spoke speaking agree agreed agrees threaten threatened
    criticise criticised criticize criticized
    """.split()
)
PERSONAL_PRONOUNS = frozenset({"he", "she"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A verb with a clause of its own after it reports that clause, not the quote before it:
# "UNESCO said a change of name would require approval".
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})
_PRONOUN_WINDOW = 1500  # characters back in which "he" or "she" finds their person


@dataclass(frozen=True, slots=True)
class Attribution:
    person: int | None  # index of the person (cluster) who said it
    words: str  # the attribution's own words when no person fits ("a UN spokesperson")
    span: tuple[int, int] | None  # where the speaker is named, analysis coordinates


NO_ATTRIBUTION = Attribution(None, "", None)


class _People:
    """Person mentions in text order, to answer 'who is named here' and 'who came last'."""

    def __init__(self, mentions: list[tuple[int, int, int]]) -> None:
        self.index: SpanIndex[int] = SpanIndex(mentions)

    def at(self, start: int, end: int) -> tuple[int, int, int] | None:
        found = self.index.overlapping(start, end)
        return found[0] if found else None

    def between(self, start: int, end: int) -> set[int]:
        return {person for _, _, person in self.index.between(start, end)}

    def named_before(self, position: int) -> set[int]:
        return {person for _, _, person in self.index.before(position)}

    def preceding(self, position: int, floor: int) -> Iterator[tuple[int, int, int]]:
        return self.index.preceding(position, floor)


@dataclass
class _Context:
    at: AnalysisText
    people: _People
    inside: SpanIndex[None]  # every quotation, marks included
    titles: dict[int, set[str]]  # person → title and role words written before their name

    def in_quote(self, position: int) -> bool:
        return self.inside.touches(position, position + 1)


def attribute(
    at: AnalysisText,
    quotes: list[QuoteSpan],
    person_mentions: list[tuple[int, int, int]],
    titles: dict[int, set[str]] | None = None,
) -> list[Attribution]:
    context = _Context(
        at,
        _People(person_mentions),
        SpanIndex((q.open_mark, q.close_mark + 1, None) for q in quotes),
        titles or {},
    )
    results: list[Attribution] = []
    previous: Attribution = NO_ATTRIBUTION
    previous_quote: QuoteSpan | None = None
    for index, quote in enumerate(quotes):
        lower = quotes[index - 1].close_mark + 1 if index else 0
        upper = quotes[index + 1].open_mark if index + 1 < len(quotes) else len(at.text)
        found = (
            _signature(context, quote.attribution)
            if quote.attribution
            else _attribution(context, quote, lower, upper)
        )
        if (
            found is None
            and previous.person is not None
            and previous_quote is not None
            and _continues(context, previous_quote, quote, previous.person)
        ):
            found = Attribution(previous.person, "", None)
        result = found or NO_ATTRIBUTION
        results.append(result)
        previous, previous_quote = result, quote
    return results


def _attribution(context: _Context, quote: QuoteSpan, lower: int, upper: int) -> Attribution | None:
    at = context.at
    before = _window_before(at, quote.open_mark, lower)
    after = _window_after(at, quote.close_mark + 1, upper)
    before_verbs = [t for p, t in reversed(before) if _speech_verb(t) and not context.in_quote(p)]
    # '"…," Cavusoglu said adding …' attributes the quote; '"… ." UNESCO said a change …'
    # starts a new sentence that reports something else.
    ends_sentence = at.text[quote.start : quote.end].rstrip("'’\"” ")[-1:] in (".", "!", "?")
    after_verbs = [
        t
        for p, t in after[:8]
        if _speech_verb(t)
        and not context.in_quote(p)
        and not (ends_sentence and _reports_clause(t))
    ]
    # 'he said: "…"' and 'X wrote on Twitter, "…"' introduce the quote that follows them.
    introduced = _introduces(at.text, quote.open_mark, lower)
    ordered = before_verbs + after_verbs if introduced else after_verbs + before_verbs
    for verb in ordered:
        found = _speaker_of(context, verb, quote)
        if found is not None:
            return found
    if before:
        # 'Mitsotakis underlined that he would be "very-very happy …"', 'X spoke out against
        # the attack, calling it "…"': the subject of the clause the quote sits in.
        return _clause_subject(context, before[-1][1], quote)
    return _previous_sentence_subject(context, quote, lower)


def _signature(context: _Context, span: tuple[int, int]) -> Attribution:
    named = context.people.at(*span)
    if named is not None:
        return Attribution(named[2], "", (named[0], named[1]))
    words = context.at.text[span[0] : span[1]]
    return Attribution(None, " ".join(words.split()), span)


def _speech_verb(token: Token) -> bool:
    return (
        token.lower_ in SPEECH_VERBS and upos(token) in ("VERB", "AUX")
    ) or token.lower_ == "according"


def _reports_clause(verb: Token) -> bool:
    return any(child.dep_ in _CLAUSE_DEPS and child.i > verb.i for child in verb.children)


def _introduces(text: str, open_mark: int, lower: int) -> bool:
    lead = text[max(lower, open_mark - 40) : open_mark].rstrip()
    return lead.endswith((",", ":", "—")) or lead.split()[-1:] in (["that"], ["said"], ["says"])


def _continues(context: _Context, before: QuoteSpan, quote: QuoteSpan, speaker: int) -> bool:
    """A quote with no attribution of its own, in the same or the next paragraph as the
    last attributed one, with nothing but a few words (and no one else) in between, is the
    same speaker's."""
    at = context.at
    between = at.text[before.close_mark + 1 : quote.open_mark]
    gap_passages = at.passage_index(quote.open_mark) - at.passage_index(before.close_mark)
    others = context.people.between(before.close_mark + 1, quote.open_mark) - {speaker}
    return gap_passages <= 1 and len(between.split()) <= 12 and not others


def _window_after(at: AnalysisText, start: int, upper: int) -> list[tuple[int, Token]]:
    passage = at.passage_at(start) or at.passage_at(start - 1)
    if passage is None:
        return []
    doc = passage.doc
    first_index = at.first_token_from(passage, start - passage.start)
    if first_index >= len(doc):
        return []
    # The attribution's sentence: where the first word after the mark belongs. Small
    # models often end a sentence at the closing mark, so its next sentence counts too.
    first = doc[first_index]
    while first.is_punct and first.i + 1 < len(doc):
        first = doc[first.i + 1]
    window = []
    for index in range(first_index, at.sentence_of(first)[1]):
        position = passage.start + doc[index].idx
        if position >= upper:
            break
        window.append((position, doc[index]))
    return window


def _window_before(at: AnalysisText, end: int, lower: int) -> list[tuple[int, Token]]:
    passage = at.passage_at(end)
    if passage is None:
        return []
    doc = passage.doc
    last_index = at.first_token_from(passage, end - passage.start) - 1
    if last_index < 0:
        return []
    window = []
    for index in range(at.sentence_of(doc[last_index])[0], last_index + 1):
        position = passage.start + doc[index].idx
        if position >= lower:
            window.append((position, doc[index]))
    return window


def _speaker_of(context: _Context, verb: Token, quote: QuoteSpan) -> Attribution | None:
    subjects = [child for child in verb.children if child.dep_ in _SUBJECT_DEPS]
    if verb.lower_ == "according":
        subjects = [
            grandchild
            for child in verb.children
            if child.lower_ == "to"
            for grandchild in child.children
            if grandchild.dep_ == "pobj"
        ]
    if not subjects and verb.dep_ in ("advcl", "conj", "xcomp") and verb.head is not verb:
        # "…, adding", "and added": the subject is the main verb's.
        subjects = [child for child in verb.head.children if child.dep_ in _SUBJECT_DEPS]
    if not subjects:
        subjects = _adjacent_names(context, verb)
    for subject in subjects:
        found = _resolve_subject(context, subject, quote, allow_words=True)
        if found is not None:
            return found
    return None


def _resolve_subject(
    context: _Context, subject: Token, quote: QuoteSpan, allow_words: bool
) -> Attribution | None:
    base = context.at.passage_of(subject.doc).start
    start = base + subject.idx
    if context.in_quote(start):
        return None
    named = context.people.at(start, start + len(subject.text)) or _named_in_phrase(
        context, subject, base
    )
    if named is not None:
        return Attribution(named[2], "", (named[0], named[1]))
    if subject.lower_ in PERSONAL_PRONOUNS:
        person = _resolve_pronoun(context, quote)
        return Attribution(person, "", None) if person is not None else None
    titled = _one_with_title(context, subject, quote)
    if titled is not None:
        return Attribution(titled, "", None)
    if allow_words and upos(subject) in ("NOUN", "PROPN"):
        left = subject.left_edge
        words = context.at.text[base + left.idx : start + len(subject.text)]
        return Attribution(
            None, " ".join(words.split()), (base + left.idx, start + len(subject.text))
        )
    return None


def _one_with_title(context: _Context, subject: Token, quote: QuoteSpan) -> int | None:
    """'the minister said': the one person named so far with that title, if only one."""
    if upos(subject) != "NOUN" or not any(t.lower_ in ("the", "this") for t in subject.lefts):
        return None
    named_before = context.people.named_before(quote.open_mark)
    fits = [
        p for p, words in context.titles.items() if subject.lower_ in words and p in named_before
    ]
    return fits[0] if len(fits) == 1 else None


def _adjacent_names(context: _Context, verb: Token) -> list[Token]:
    """'said X' / 'X said' when the parse gave the verb no subject."""
    doc = verb.doc
    base = context.at.passage_of(doc).start
    neighbours = []
    if verb.i + 1 < len(doc):
        neighbours.append(doc[verb.i + 1])
    if verb.i > 0:
        neighbours.append(doc[verb.i - 1])
    return [t for t in neighbours if context.people.at(base + t.idx, base + t.idx + len(t.text))]


def _named_in_phrase(context: _Context, subject: Token, base: int) -> tuple[int, int, int] | None:
    """'Angela Merkel's spokesperson, Steffen Seibert,': the apposition names the speaker,
    not the possessor."""
    children = list(subject.children)
    ordered = [child for child in children if child.dep_ == "appos"]
    ordered += [child for child in children if child.dep_ in ("compound", "conj")]
    # "a tweet by US Secretary of State Mike Pompeo"; a possessor is never the speaker.
    ordered += [child for child in children if child not in ordered and child.dep_ != "poss"]
    for head in ordered:
        for token in head.subtree:
            start = base + token.idx
            if context.in_quote(start):
                continue
            named = context.people.at(start, start + len(token.text))
            if named is not None:
                return named
    return None


def _clause_subject(context: _Context, token: Token, quote: QuoteSpan) -> Attribution | None:
    """The nearest subject up the parse from where the quote begins, if it is a person."""
    seen = 0
    while seen < 8:
        for child in token.children:
            if child.dep_ in _SUBJECT_DEPS:
                return _resolve_subject(context, child, quote, allow_words=False)
        if token.head is token:
            return None
        token = token.head
        seen += 1
    return None


def _previous_sentence_subject(
    context: _Context, quote: QuoteSpan, lower: int
) -> Attribution | None:
    """'McGurk also criticized the decision via Twitter. "The statement …"': a quote that
    opens a sentence right after one whose subject is a person is that person's."""
    at = context.at
    passage = at.passage_at(quote.open_mark)
    if passage is None:
        return None
    last_index = at.first_token_from(passage, quote.open_mark - passage.start) - 1
    if last_index < 0 or passage.start + passage.doc[last_index].idx < lower:
        return None
    root = at.root_of_sentence(passage.doc[last_index])
    for child in root.children:
        if child.dep_ in _SUBJECT_DEPS:
            return _resolve_subject(context, child, quote, allow_words=False)
    return None


def _resolve_pronoun(context: _Context, quote: QuoteSpan) -> int | None:
    """'he said': the person last named outside quotations, preferring the subject of a
    main clause ("Mugabe agreed to a deal in which Tsvangirai became …": Mugabe)."""
    at = context.at
    candidates = [
        m
        for m in context.people.preceding(quote.open_mark, quote.open_mark - _PRONOUN_WINDOW)
        if not context.in_quote(m[0])
    ]
    if not candidates:
        return None
    # Sentence by sentence backwards; in each, a main-clause subject beats a subordinate one.
    sentence_key: tuple[int, int] | None = None
    subordinate: int | None = None
    for start, _end, person in candidates:
        token = at.token_at(start)
        if token is None:
            continue
        key = (id(token.doc), at.sentence_of(token)[0])
        if key != sentence_key:
            if subordinate is not None:
                return subordinate
            sentence_key = key
        role = _subject_role(token)
        if role == "main":
            return person
        if role == "subject" and subordinate is None:
            subordinate = person
    return subordinate if subordinate is not None else candidates[0][2]


def _subject_role(token: Token) -> str:
    while token.dep_ in ("compound", "flat") and token.head is not token:
        token = token.head
    if token.dep_ not in _SUBJECT_DEPS:
        return ""
    verb = token.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return "main" if verb.dep_ == "ROOT" else "subject"
