"""Who said each quote: the attribution beside it, pronouns resolved, news carry-over."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .names import is_title
from .pos import upos
from .quotes import QuoteSpan
from .spans import SpanIndex
from .text import AnalysisText, fold

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
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
# Verbs that introduce a quote here but that people.py does not read as a sign of a
# person (papers and broadcasters report): kept apart so that list stays as it is.
_MORE_SPEECH_VERBS = frozenset(
    """
    report reports reported reporting recount recounted recounts joke joked jokes quip
    quipped quips boast boasted lament lamented testify testified testifies exclaim
    exclaimed shout shouted yell yelled answer answered answers counter countered retort
    retorted reiterate reiterated reiterates caution cautioned conclude concluded
    concludes plead pleaded recalled scoff scoffed muse mused sigh sighed whisper
    whispered read reads quoting citing
    """.split()
)
PERSONAL_PRONOUNS = frozenset({"he", "she"})
_PRONOUN_GENDER = {
    **dict.fromkeys(("he", "him", "his", "himself"), "m"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "f"),
}
# Titles that say whether the person after them is a man or a woman ("Ms. Kim", "Sir Tom").
_GENDERED_TITLE = re.compile(
    r"(?:\b(?P<m>Mr|Mister|Sir|Lord|King|Prince|Duke)|\b(?P<f>Mrs|Ms|Miss|Mme|Mlle|Madame|"
    r"Dame|Lady|Queen|Princess|Duchess))\.?\s+$"
)
_PRONOUN_LOOKAHEAD = 30  # tokens after a mention in which its pronoun is sought
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A verb with a clause of its own after it reports that clause, not the quote before it:
# "The agency said a new name would need its approval".
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})
_PRONOUN_WINDOW = 1500  # characters back in which "he" or "she" finds their person
# A speech verb this many words after a quote is the quote's; further on, only when its
# subject opens those words ('"…," a spokesman for the ministry of health said').
_VERB_REACH = 8
_SUBJECT_TO_VERB = 3  # words at most between a long subject's end and its verb
_LEAD_IN = 40  # characters before an opening mark read for "said:", "that", a comma
_PARTY_TAG_REACH = 8  # characters after a name in which ", (D-Ohio)" is sought
_PARSE_STEPS = 8  # heads climbed from a quote's first word to find who says it
# "Mr"/"Ms" just before a mention (characters back) outweighs the pronouns: one title
# counts as much as this many "he"s.
_TITLE_REACH = 10
_TITLE_VOTES = 3


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
    genders: dict[int, str]  # person → "m" or "f", where the article says so
    roles: dict[int, set[str]]  # person → nouns the parse ties to their name

    names: dict[str, set[int]] | None = None  # full names and surnames, folded, lower case

    def in_quote(self, position: int) -> bool:
        return self.inside.touches(position, position + 1)

    def by_name(self, words: str) -> int | None:
        """The one person written with these words ("Ana Ruiz", "RUIZ"), if only one.
        The index is built on first use, once."""
        if self.names is None:
            self.names = {}
            for start, end, person in self.people.index.between(0, len(self.at.text)):
                form = self.at.folded[start:end].lower().split()
                for key in {" ".join(form), form[-1] if form else ""} - {""}:
                    self.names.setdefault(key, set()).add(person)
        found = self.names.get(" ".join(fold(words).lower().split()), set())
        return next(iter(found)) if len(found) == 1 else None


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
        {},
        {},
    )
    context.genders = _genders(context, person_mentions)
    context.roles = _roles(at, person_mentions)
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
        if found is None:
            found = _speaker_of_paragraph_before(context, quote, lower)
        result = found or NO_ATTRIBUTION
        results.append(result)
        previous, previous_quote = result, quote
    return results


def _attribution(context: _Context, quote: QuoteSpan, lower: int, upper: int) -> Attribution | None:
    at = context.at
    before = _window_before(at, quote.open_mark, lower)
    after = _window_after(at, quote.close_mark + 1, upper)
    before_verbs = [t for p, t in reversed(before) if _speech_verb(t) and not context.in_quote(p)]
    # 'Tom Hale commented — which the paper described as rare — "…"': a verb in an aside
    # (a relative clause) is the quote's only when no other verb is.
    before_verbs.sort(key=_in_aside)
    # '"…," Ruiz said adding …' attributes the quote; '"… ." The agency said a new …'
    # starts a new sentence that reports something else.
    # "…a commoner[.]": an editor's brackets around the full stop still end the sentence.
    ends_sentence = at.text[quote.start : quote.end].rstrip("'’\"” []")[-1:] in (".", "!", "?")
    after_verbs = [
        t
        for n, (p, t) in enumerate(after)
        if _speech_verb(t)
        and (n < _VERB_REACH or _right_after_its_subject(t, after))
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
        # 'Hale stressed that he would be "more than glad …"', 'X spoke out against
        # the attack, calling it "…"': the subject of the clause the quote sits in.
        return _clause_subject(context, before[-1][1], quote)
    return _previous_sentence_subject(context, quote, lower)


def _signature(context: _Context, span: tuple[int, int]) -> Attribution:
    """A credit line or a transcript label: the person it names, else its words."""
    named = context.people.at(*span)
    if named is not None:
        return Attribution(named[2], "", (named[0], named[1]))
    words = " ".join(context.at.text[span[0] : span[1]].split())
    person = context.by_name(words)
    return Attribution(person, "" if person is not None else words, span)


def _speech_verb(token: Token) -> bool:
    if token.i > 0 and token.doc[token.i - 1].lower_ == "as":
        return False  # 'X said — as reported by a paper — "…"': the paper only carried it
    if token.lower_ in _PHRASAL and upos(token) == "VERB":
        # 'pointed out', 'cried out': speech only with the particle.
        return any(child.dep_ == "prt" and child.lower_ == "out" for child in token.children)
    return (
        (token.lower_ in SPEECH_VERBS or token.lower_ in _MORE_SPEECH_VERBS)
        and upos(token) in ("VERB", "AUX")
    ) or token.lower_ == "according"


_PHRASAL = frozenset(
    "point points pointed pointing cry cries cried lash lashes lashed spell spells spelled "
    "spelt".split()
)


def _in_aside(verb: Token) -> bool:
    """A relative clause ('which the paper noted as rare'), or words set off by dashes or
    brackets before the quote."""
    if verb.dep_ == "relcl" or any(child.tag_ in ("WDT", "WP") for child in verb.children):
        return True
    doc = verb.doc
    opened = next(
        (t.text for t in reversed(doc[verb.sent.start : verb.i]) if t.text in _ASIDE_PAIRS),
        None,
    )
    if opened is None:
        return False
    closing = _ASIDE_PAIRS[opened]
    return any(t.text == closing for t in doc[verb.i + 1 : verb.sent.end])


_ASIDE_PAIRS = {"—": "—", "–": "–", "(": ")"}


def _right_after_its_subject(verb: Token, after: list[tuple[int, Token]]) -> bool:
    """'"…," Dana Kim, chief strategist at a bank in Boston, said': however long the
    description, the verb is the quote's when its subject opens the words after it."""
    first = next((t for _, t in after if not t.is_punct), None)
    return first is not None and any(
        child.dep_ in _SUBJECT_DEPS
        and child.left_edge.i <= first.i
        and verb.i - child.right_edge.i <= _SUBJECT_TO_VERB
        for child in verb.children
    )


def _reports_clause(verb: Token) -> bool:
    return any(child.dep_ in _CLAUSE_DEPS and child.i > verb.i for child in verb.children)


def _introduces(text: str, open_mark: int, lower: int) -> bool:
    lead = text[max(lower, open_mark - _LEAD_IN) : open_mark].rstrip()
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
    # 'he was told by Fire Chief Dana Kim of "…"': the agent of a passive verb spoke.
    subjects = _agents(verb) + [child for child in verb.children if child.dep_ in _SUBJECT_DEPS]
    # '"…," the statement said, quoting Dana Kim': the one quoted, not the statement.
    quoting = [verb] if verb.lower_ in _QUOTING else []
    quoting += [child for child in verb.children if child.lower_ in _QUOTING]
    subjects = [t for q in quoting for t in q.children if t.dep_ == "dobj"] + subjects
    if verb.lower_ == "according":
        subjects = [
            grandchild
            for child in verb.children
            if child.lower_ == "to"
            for grandchild in child.children
            if grandchild.dep_ == "pobj"
        ]
    if not subjects and verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i != verb.i:
        # "…, adding", "and added": the subject is the main verb's; when that verb is in
        # the quote ('said the use of cash "costs millions," further saying'), the one
        # outside it.
        head = verb.head
        for _ in range(4):
            if not context.in_quote(_position(context, head)) or head.dep_ == "ROOT":
                break
            head = head.head
        subjects = [child for child in head.children if child.dep_ in _SUBJECT_DEPS]
    if not subjects:
        subjects = _adjacent_names(context, verb)
    # "Ruritania's president Dana Kim said": a person among the subjects before any words.
    for allow_words in (False, True):
        for subject in subjects:
            found = _resolve_subject(context, subject, quote, allow_words=allow_words)
            if found is not None:
                return found
    return None


_QUOTING = frozenset({"quoting", "citing"})


def _position(context: _Context, token: Token) -> int:
    return context.at.passage_of(token.doc).start + token.idx


def _agents(verb: Token) -> list[Token]:
    return [
        grandchild
        for child in verb.children
        if child.dep_ == "agent"
        for grandchild in child.children
        if grandchild.dep_ == "pobj"
    ]


def _source_of(noun: Token) -> Token | None:
    """'a statement from the king', 'the letter signed by the mayor': who it is from."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            objects = [t for t in child.children if t.dep_ == "pobj"]
            if objects:
                return objects[0]
        if child.dep_ == "acl":
            agents = _agents(child)
            if agents:
                return agents[0]
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
    source = _organisation(subject)
    if source is not None and (named is None or _inside(named, source, base)):
        # '"…," CNN reported', 'the Tom Hale Show said': the organisation is the source,
        # never a person whose name the show or paper carries.
        return Attribution(None, source.text, (base + source.start_char, base + source.end_char))
    if named is not None:
        return Attribution(named[2], "", (named[0], named[1]))
    noun_source = _source_of(subject) if upos(subject) == "NOUN" else None
    if noun_source is not None:
        found = _resolve_subject(context, noun_source, quote, allow_words=False)
        if found is not None:
            return found
    if subject.lower_ in PERSONAL_PRONOUNS:
        person = _resolve_pronoun(context, quote, _PRONOUN_GENDER[subject.lower_])
        return Attribution(person, "", None) if person is not None else None
    titled = _one_with_title(context, subject, quote)
    if titled is not None:
        return Attribution(titled, "", None)
    if allow_words and upos(subject) in ("NOUN", "PROPN"):
        left = _name_start(subject)
        words = " ".join(context.at.text[base + left.idx : start + len(subject.text)].split())
        where = (base + left.idx, start + len(subject.text))
        # A name the people stage did not mark here but lists elsewhere is that person.
        person = context.by_name(words) if upos(subject) == "PROPN" else None
        if person is not None:
            return Attribution(person, "", where)
        return Attribution(None, words, where)
    return None


# Entities that speak as a body: broadcasters, papers, agencies, shows.
_ORGANISATION_LABELS = frozenset({"ORG", "WORK_OF_ART", "PRODUCT", "FAC"})


def _organisation(subject: Token) -> SpacySpan | None:
    """The organisation entity the subject heads, if it is one."""
    if subject.ent_type_ not in _ORGANISATION_LABELS:
        return None
    entity = next((e for e in subject.doc.ents if e.start <= subject.i < e.end), None)
    return entity if entity is not None and entity.root.i == subject.i else None


def _inside(named: tuple[int, int, int], entity: SpacySpan, base: int) -> bool:
    """A person mention strictly inside the entity ("Tom Hale" in "the Tom Hale Show")."""
    start, end = base + entity.start_char, base + entity.end_char
    return start <= named[0] and named[1] <= end and (named[0], named[1]) != (start, end)


def _name_start(subject: Token) -> Token:
    """Where the speaker's words start: 'an attendee Ravi Kumar' is Ravi Kumar, the proper
    nouns after the description; 'the Daily Mail' and 'a UN spokesperson' stay whole."""
    left = subject.left_edge
    if upos(subject) != "PROPN":
        return left
    first = subject
    while first.i > left.i and upos(first.doc[first.i - 1]) == "PROPN":
        first = first.doc[first.i - 1]
    described = any(
        t.is_lower and upos(t) not in ("DET", "PUNCT") for t in first.doc[left.i : first.i]
    )
    start = first if described else left
    # 'Cardinal Jane Roe said': the title is not the name; nor is a quotation mark the
    # parse hung on it ('"…," Roe, 54, said').
    while start.i < subject.i and (
        is_title(start.text) or upos(start) in ("DET", "PUNCT") or start.is_punct
    ):
        start = start.doc[start.i + 1]
    return start


def _roles(at: AnalysisText, mentions: list[tuple[int, int, int]]) -> dict[int, set[str]]:
    """The common nouns the parse ties to each person's name: 'trade commissioner Dana
    Kim' (a compound before it), 'the bank's president, Dana Kim' (an apposition either
    way round). One look at each mention's head."""
    roles: dict[int, set[str]] = {}
    for start, end, person in mentions:
        head = at.token_at(end - 1)
        if head is None:
            continue
        words = roles.setdefault(person, set())
        related = [t for t in head.children if t.dep_ in ("compound", "appos", "amod")]
        if head.dep_ == "appos" or (head.dep_ == "compound" and head.i < head.head.i):
            related.append(head.head)
        for token in related:
            if upos(token) == "NOUN" and token.is_lower:
                words.add(token.lower_)
            elif (token.dep_ == "appos" or head.dep_ == "appos") and any(
                t.lower_ in ("a", "an") for t in token.lefts
            ):
                # 'Sen. Tom Hale, a Texas Republican,': later 'the Republican said'.
                words.add(token.lower_)
        # 'the trade and industry commissioner Dana Kim', however the parse joined them.
        first = at.token_at(start)
        if first is not None:
            for token in reversed(first.doc[max(0, first.i - 5) : first.i]):
                if not token.is_lower or upos(token) not in ("NOUN", "ADJ", "CCONJ"):
                    break
                if upos(token) == "NOUN":
                    words.add(token.lower_)
        party = _PARTY_TAG.match(at.text, end, end + _PARTY_TAG_REACH)
        if party is not None:
            words.add(_PARTIES[party.group(1)])
    return roles


def _one_with_title(context: _Context, subject: Token, quote: QuoteSpan) -> int | None:
    """'the minister said': the one person named so far with that title, if only one."""
    if upos(subject) not in ("NOUN", "PROPN") or not any(
        t.lower_ in ("the", "this") or t.dep_ == "poss" for t in subject.lefts
    ):
        return None
    word = subject.lower_
    forms = {word, *_SHORT_TITLES.get(word, ())}

    def fits(person: int) -> bool:
        words = context.titles.get(person, set()) | context.roles.get(person, set())
        return any(w.rstrip(".") in forms for w in words)

    # The latest one named with it nearby ("the senator" after two senators is the last).
    for _start, _end, person in context.people.preceding(
        quote.open_mark, quote.open_mark - _TITLE_WINDOW
    ):
        if fits(person):
            return person
    found = [p for p in context.people.named_before(quote.open_mark) if fits(p)]
    return found[0] if len(found) == 1 else None


# 'Sen. Tom Hale' is 'the senator' later; 'Rep. Jane Roe' is 'the congresswoman'.
_SHORT_TITLES = {
    "senator": ("sen",),
    "representative": ("rep",),
    "congressman": ("rep",),
    "congresswoman": ("rep",),
    "lawmaker": ("sen", "rep"),
    "governor": ("gov",),
    "president": ("pres",),
    "secretary": ("sec",),
    "general": ("gen",),
    "lieutenant": ("lt",),
    "colonel": ("col",),
    "professor": ("prof",),
    "doctor": ("dr",),
    "superintendent": ("supt",),
}
_TITLE_WINDOW = 4000  # characters back in which "the senator" looks for the last senator
# 'Sen. Tom Hale, R-Texas', 'Rep. Jane Roe (D-Wis.)': later 'the Texas Republican'.
_PARTY_TAG = re.compile(r",? \(?([RDI])-[A-Z]")
_PARTIES = {"R": "republican", "D": "democrat", "I": "independent"}


def _adjacent_names(context: _Context, verb: Token) -> list[Token]:
    """'said X' / 'X said' when the parse gave the verb no subject."""
    doc = verb.doc
    base = context.at.passage_of(doc).start
    neighbours = []
    if verb.i + 1 < len(doc):
        neighbours.append(doc[verb.i + 1])
    if verb.i > 0:
        neighbours.append(doc[verb.i - 1])
    found = [t for t in neighbours if context.people.at(base + t.idx, base + t.idx + len(t.text))]
    if found:
        return found
    # 'Calling it "a disgrace", Dana Kim of the support group, a charity, told Reuters "…"':
    # the parse hung the name elsewhere; the nearest person before the verb in its
    # sentence, not an object, is its speaker.
    for index in range(verb.i - 1, verb.sent.start - 1, -1):
        token = doc[index]
        start = base + token.idx
        if token.dep_ in ("pobj", "dobj", "poss") or context.in_quote(start):
            continue
        if context.people.at(start, start + len(token.text)):
            return [token]
    return []


_ON_BEHALF = frozenset({"for", "to"})


def _named_in_phrase(context: _Context, subject: Token, base: int) -> tuple[int, int, int] | None:
    """'Angela Merkel's spokesperson, Steffen Seibert,': the apposition names the speaker,
    not the possessor."""
    children = list(subject.children)
    ordered = [child for child in children if child.dep_ == "appos"]
    ordered += [child for child in children if child.dep_ in ("compound", "conj")]
    # "a post by Kestria's Foreign Minister Ana Ruiz"; a possessor is never the speaker,
    # nor the one a spokesman speaks for ("a spokesman for Tom Hale", "an aide to him"),
    # where a title's phrase names its holder ("Ambassador to Kestria Ana Ruiz").
    on_behalf = subject.is_lower
    ordered += [
        child
        for child in children
        if child not in ordered
        and child.dep_ != "poss"
        and not (on_behalf and child.dep_ == "prep" and child.lower_ in _ON_BEHALF)
    ]
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
    while seen < _PARSE_STEPS:
        # 'released this message from the mayor: "…"', 'was told by X of "…"'
        sources = _agents(token) + [
            source
            for child in token.children
            if child.dep_ in ("dobj", "attr") and (source := _source_of(child)) is not None
        ]
        for source in sources:
            found = _resolve_subject(context, source, quote, allow_words=False)
            if found is not None:
                return found
        for child in token.children:
            if child.dep_ in _SUBJECT_DEPS:
                return _resolve_subject(context, child, quote, allow_words=False)
        if token.head.i == token.i:
            # 'Tom Hale's answer: "…"': no verb; the one whose words they are.
            owners = [c for c in token.children if c.dep_ == "poss"]
            if upos(token) == "NOUN" and owners:
                return _resolve_subject(context, owners[0], quote, allow_words=False)
            return None
        token = token.head
        seen += 1
    return None


def _previous_sentence_subject(
    context: _Context, quote: QuoteSpan, lower: int
) -> Attribution | None:
    """'Ruiz also criticised the ruling online. "The ruling …"': a quote that
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


def _speaker_of_paragraph_before(
    context: _Context, quote: QuoteSpan, lower: int
) -> Attribution | None:
    """'Tom Hale said he would oppose the bill.' then a paragraph that is only a quote: the
    news convention gives the quote to the one the paragraph before reported speaking."""
    at = context.at
    index = at.passage_index(quote.open_mark)
    passage = at.passages[index]
    if index == 0 or not at.blank(passage.start, quote.open_mark):
        return None
    before = at.passages[index - 1]
    doc = before.doc
    if not len(doc) or before.start + doc[-1].idx < lower:
        return None
    sentence = doc[-1].sent
    for token in sentence:
        if _speech_verb(token) and not context.in_quote(before.start + token.idx):
            for child in token.children:
                if child.dep_ in _SUBJECT_DEPS:
                    found = _resolve_subject(context, child, quote, allow_words=False)
                    if found is not None and found.person is not None:
                        return found
    return None


def _genders(context: _Context, mentions: list[tuple[int, int, int]]) -> dict[int, str]:
    """Each person's gender as the article gives it: a gendered title before a mention
    ("Ms. Kim"), and the first he or she, his or her, after a mention as a subject and
    before the next subject, in the same paragraph ("Dana Kim sued. Her lawyer …").
    One pass over
    the mentions, a bounded look after each."""
    at = context.at
    votes: dict[int, Counter[str]] = {}
    subjects = []
    for start, end, person in sorted(mentions):
        title = _GENDERED_TITLE.search(at.text, max(0, start - _TITLE_REACH), start)
        tally = votes.setdefault(person, Counter())
        if title is not None:
            tally["m" if title.group("m") else "f"] += _TITLE_VOTES
        token = at.token_at(start)
        if token is not None and _subject_role(token):
            subjects.append((start, end, person))
    # A pronoun after a subject is the subject's: in "Tom Hale met Dana Kim; he asked",
    # "he" is Tom Hale, not Kim.
    for number, (_start, end, person) in enumerate(subjects):
        following = subjects[number + 1][0] if number + 1 < len(subjects) else len(at.text)
        tally = votes[person]
        gender = _first_pronoun_after(context, end, following)
        if gender:
            tally[gender] += 1
    genders = {}
    for person, tally in votes.items():
        ranked = tally.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
            genders[person] = ranked[0][0]
    return genders


def _first_pronoun_after(context: _Context, end: int, limit: int) -> str:
    at = context.at
    passage = at.passage_at(end) or at.passage_at(end - 1)
    if passage is None:
        return ""
    doc = passage.doc
    first = at.first_token_from(passage, end - passage.start)
    for token in doc[first : first + _PRONOUN_LOOKAHEAD]:
        position = passage.start + token.idx
        if position >= limit:
            break
        gender = _PRONOUN_GENDER.get(token.lower_)
        if gender and not context.in_quote(position):
            return gender
    return ""


def _resolve_pronoun(context: _Context, quote: QuoteSpan, gender: str) -> int | None:
    """'he said': the person last named outside quotations, preferring the subject of a
    main clause ("Dube agreed to a deal in which Moyo became …": Dube), and never
    one the article calls by the other pronoun or title ("she said" is not Mr. Hale)."""
    at = context.at
    candidates = [
        m
        for m in context.people.preceding(quote.open_mark, quote.open_mark - _PRONOUN_WINDOW)
        if not context.in_quote(m[0]) and context.genders.get(m[2], gender) == gender
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
    while token.dep_ in ("compound", "flat") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.head.lower_ == "according":
        return "main"  # 'According to Dana Kim, most patients …': she is the source
    if token.dep_ not in _SUBJECT_DEPS:
        return ""
    verb = token.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return "main" if verb.dep_ == "ROOT" else "subject"
