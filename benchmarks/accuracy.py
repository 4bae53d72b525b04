"""Accuracy benchmark: the reader's `--json` analysis scored against hand-made gold files.

The metric is the one defined in the evaluation set's README (people, countries, mentions,
quotes, speaker accuracy, attributed recall; totals micro-averaged over articles). Where the
README leaves room for reading, this module decides as follows.

Matching gold strings in the text (the expected mention spans)
    * Every gold person form, gold country form and `ignore` string is searched in the whole
      article text (front matter included: the gold files were made that way, which is why
      one of them ignores a URL slug). Matching is case-sensitive, because the gold lists
      the forms as the article spells them and "US" must not match the pronoun "us".
    * Whole words: a match may neither start right after nor end right before a word
      character (`\\w`), so "Iran" never matches inside "Iranian", while "Turkish" does
      match in "Turkish-backed" and "U.S." matches before a space.
    * Longest first, without overlaps: all strings are taken in order of decreasing length
      (a counted form before an `ignore` string of the same length, then alphabetically);
      each occurrence is kept unless it overlaps one already kept. "Free Syrian Army" thus
      hides the "Syrian" inside it.
    * A leading "the " (any case, any run of whitespace) is disregarded on both sides: it is
      dropped from gold strings before searching, and from each predicted span before the
      spans are compared, so a predicted "the Netherlands" equals an expected "Netherlands".

Mentions
    * Predicted spans are the union, as a set, of people's and countries' mention spans.
    * A predicted span equal to an expected person or country span is a true positive;
      expected spans left over are false negatives.
    * Any other predicted span that overlaps an `ignore` span, and no counted expected span,
      counts neither way: it lies on an ignored string, whether it marks it exactly, part of
      it ("Hagia Sophia" in "Hagia Sophia Museum") or a little more ("Mahan's"). Everything
      else is a false positive.

People
    * A predicted person matches the gold person whose forms (plus the gold `name`) include
      its `name`, case-insensitively. Failing that, its mention texts vote: the gold person
      named by most of them wins, ties going to the one named first.
    * The first predicted person matched to a gold person is a true positive; every later
      one is a false positive; unmatched predicted people are false positives; gold people
      never matched are false negatives. `ignore` strings play no part here.

Countries
    * Sets of ISO codes. A predicted code listed in the gold `ignore_codes` counts neither
      way (the README's gold format has the key; the metric text does not spell it out).

Quotes
    * Texts are compared after folding typographic quotes/apostrophes to ASCII and runs of
      whitespace to one space, so a quote spanning a line break still contains its `start`;
      the comparison is otherwise exact (case-sensitive).
    * A gold quote is found when its `start` lies inside some predicted quote's `text`.
      Found quotes are true positives, the rest false negatives. A predicted quote that
      contains no gold `start` and no `ignore_quotes` text is a false positive; one that
      contains several gold starts is not penalised, nor are two predicted quotes that
      contain the same start.

Speakers
    * For a found gold quote, the predicted quote judged is the one in which its `start`
      appears earliest (first in the list on a tie).
    * If that quote's `speaker` is the id of a predicted person, the speaker is right when
      that person matches the gold speaker by the people rule above (a duplicate entry of
      the right person is still the right person). Otherwise `speaker_name` is right when
      it is one of the gold speaker's forms or name, case-insensitively.
    * Speaker accuracy = right speakers / gold quotes found; attributed recall = right
      speakers / all gold quotes.

Ratios with a zero denominator are 1.0 (nothing claimed, nothing wrong; nothing to find,
nothing missed); F1 is 0.0 when precision and recall are both 0. The table prints "-" for
such undefined figures.

Command line
    `python -m benchmarks.accuracy [--json-dir DIR] [--model NAME] [--format table|json]
    [ARTICLE...]` scores every `eval/*.gold.json` (or the articles, or gold files, named).
    Predictions come from `DIR/<stem>.json`, else from `reader.api.json_for_path` in this
    process (spaCy loads once), else from `python -m reader --json`. The exit status is 0
    whatever the scores; it is 1 only when the reader could not analyse an article, which
    is then reported on stderr and scored as an empty analysis.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

JsonDict = dict[str, Any]
Predict = Callable[[Path], JsonDict]
SpanKind = Literal["person", "country", "ignore"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = Path(__file__).resolve().parent / "eval"
GOLD_SUFFIX = ".gold.json"
ARTICLE_SUFFIXES = (".md", ".txt")

_LEADING_THE = re.compile(r"the\s+(?=\S)", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")
_QUOTE_FOLD = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"'})


# --- counts and figures -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Counts:
    people_tp: int = 0
    people_fp: int = 0
    people_fn: int = 0
    countries_tp: int = 0
    countries_fp: int = 0
    countries_fn: int = 0
    mentions_tp: int = 0
    mentions_fp: int = 0
    mentions_fn: int = 0
    quotes_tp: int = 0
    quotes_fp: int = 0
    quotes_fn: int = 0
    speakers_correct: int = 0
    quotes_found: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(Counts)}
        )

    @property
    def gold_quotes(self) -> int:
        return self.quotes_tp + self.quotes_fn


def total(counts: Iterable[Counts]) -> Counts:
    """Micro-average: the totals row is scored from summed counts, not averaged figures."""
    return sum(counts, Counts())


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float


def prf(tp: int, fp: int, fn: int) -> PRF:
    precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)


@dataclass(frozen=True, slots=True)
class Scores:
    people: PRF
    countries: PRF
    mentions: PRF
    quotes: PRF
    speaker_accuracy: float
    attributed_recall: float

    @classmethod
    def from_counts(cls, c: Counts) -> Scores:
        return cls(
            people=prf(c.people_tp, c.people_fp, c.people_fn),
            countries=prf(c.countries_tp, c.countries_fp, c.countries_fn),
            mentions=prf(c.mentions_tp, c.mentions_fp, c.mentions_fn),
            quotes=prf(c.quotes_tp, c.quotes_fp, c.quotes_fn),
            speaker_accuracy=ratio(c.speakers_correct, c.quotes_found),
            attributed_recall=ratio(c.speakers_correct, c.gold_quotes),
        )


# --- expected spans -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExpectedSpan:
    start: int
    end: int
    text: str
    kind: SpanKind
    entity: int  # index into the gold "people" or "countries" list; -1 for ignore

    @property
    def key(self) -> tuple[int, int]:
        return (self.start, self.end)


def strip_the(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without a leading "the ", which the metric disregards on both sides."""
    found = _LEADING_THE.match(text, start, end)
    return (found.end(), end) if found else (start, end)


def _strip_the_form(form: str) -> str:
    form = form.strip()
    found = _LEADING_THE.match(form)
    return form[found.end() :] if found else form


def find_whole_words(text: str, needle: str) -> Iterator[tuple[int, int]]:
    """Occurrences not glued to a word character on either side, overlapping ones included."""
    if not needle:
        return
    pattern = re.compile(rf"(?<!\w)(?={re.escape(needle)}(?!\w))")
    for found in pattern.finditer(text):
        yield found.start(), found.start() + len(needle)


def expected_spans(text: str, gold: Mapping[str, Any]) -> list[ExpectedSpan]:
    """Gold forms and ignore strings found in the text: longest first, whole words, disjoint."""
    candidates: dict[str, tuple[SpanKind, int]] = {}
    # Counted forms are registered first so that, should the gold list a string both as a
    # form and as ignored, the form wins: ignoring is the exception, not the rule.
    for kind, key in (("person", "people"), ("country", "countries")):
        for index, entity in enumerate(gold.get(key, [])):
            for form in entity.get("forms", []):
                candidates.setdefault(_strip_the_form(form), (kind, index))
    for form in gold.get("ignore", []):
        candidates.setdefault(_strip_the_form(form), ("ignore", -1))

    def order(item: tuple[str, tuple[SpanKind, int]]) -> tuple[int, bool, str]:
        form, (kind, _) = item
        return (-len(form), kind == "ignore", form)

    taken: list[ExpectedSpan] = []
    occupied = bytearray(len(text))
    for form, (kind, index) in sorted(candidates.items(), key=order):
        for start, end in find_whole_words(text, form):
            if any(occupied[start:end]):
                continue
            occupied[start:end] = b"\x01" * (end - start)
            taken.append(ExpectedSpan(start, end, text[start:end], kind, index))
    taken.sort(key=lambda span: span.key)
    return taken


# --- scoring ------------------------------------------------------------------------------


def _fold(name: str) -> str:
    return _WHITESPACE.sub(" ", name).strip().casefold()


def _gold_forms(gold: Mapping[str, Any]) -> list[set[str]]:
    return [
        {_fold(form) for form in person.get("forms", [])} | {_fold(person.get("name", ""))}
        for person in gold.get("people", [])
    ]


def match_person(person: Mapping[str, Any], forms: Sequence[set[str]]) -> int | None:
    """The gold person (index) a predicted person stands for, by name or else by mentions."""
    name = _fold(person.get("name") or "")
    for index, names in enumerate(forms):
        if name and name in names:
            return index
    votes: Counter[int] = Counter()
    first_vote: dict[int, int] = {}
    for position, mention in enumerate(person.get("mentions", [])):
        said = _fold(mention.get("text") or "")
        for index, names in enumerate(forms):
            if said and said in names:
                votes[index] += 1
                first_vote.setdefault(index, position)
    if not votes:
        return None
    return max(votes, key=lambda index: (votes[index], -first_vote[index]))


def _score_people(
    gold: Mapping[str, Any], predicted: Mapping[str, Any]
) -> tuple[int, int, int, dict[str, int | None]]:
    forms = _gold_forms(gold)
    matched: set[int] = set()
    tp = fp = 0
    by_id: dict[str, int | None] = {}
    for person in predicted.get("people", []):
        index = match_person(person, forms)
        if person.get("id") is not None:
            by_id[str(person["id"])] = index
        if index is None or index in matched:
            fp += 1
        else:
            matched.add(index)
            tp += 1
    return tp, fp, len(forms) - len(matched), by_id


def _score_countries(gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> tuple[int, int, int]:
    expected = {str(country["code"]).upper() for country in gold.get("countries", [])}
    ignored = {str(code).upper() for code in gold.get("ignore_codes", [])} - expected
    found = {str(country.get("code", "")).upper() for country in predicted.get("countries", [])}
    found -= ignored
    return len(found & expected), len(found - expected), len(expected - found)


def predicted_spans(text: str, predicted: Mapping[str, Any]) -> set[tuple[int, int]]:
    spans: set[tuple[int, int]] = set()
    for key in ("people", "countries"):
        for entity in predicted.get(key, []):
            for mention in entity.get("mentions", []):
                spans.add(strip_the(text, int(mention["start"]), int(mention["end"])))
    return spans


def _score_mentions(
    text: str, gold: Mapping[str, Any], predicted: Mapping[str, Any]
) -> tuple[int, int, int]:
    spans = expected_spans(text, gold)
    counted = {span.key for span in spans if span.kind != "ignore"}
    ignored = [span.key for span in spans if span.kind == "ignore"]
    found = predicted_spans(text, predicted)

    def overlaps(span: tuple[int, int], other: tuple[int, int]) -> bool:
        return span[0] < other[1] and other[0] < span[1]

    fp = 0
    for span in found - counted:
        on_ignored = any(overlaps(span, other) for other in ignored)
        if not (on_ignored and not any(overlaps(span, other) for other in counted)):
            fp += 1
    tp = len(found & counted)
    return tp, fp, len(counted) - tp


def _quote_fold(text: str) -> str:
    return _WHITESPACE.sub(" ", text.translate(_QUOTE_FOLD)).strip()


def _gold_speaker(
    speaker: str, gold: Mapping[str, Any], forms: Sequence[set[str]]
) -> tuple[int | None, set[str]]:
    """A gold quote's speaker: the gold person (index) of that name, and their forms."""
    wanted = _fold(speaker)
    for index, person in enumerate(gold.get("people", [])):
        if _fold(person.get("name", "")) == wanted:
            return index, forms[index]
    for index, names in enumerate(forms):
        if wanted in names:
            return index, names
    return None, {wanted}


def _score_quotes(
    text: str,
    gold: Mapping[str, Any],
    predicted: Mapping[str, Any],
    person_of: Mapping[str, int | None],
) -> tuple[int, int, int, int]:
    forms = _gold_forms(gold)
    quotes = [
        (quote, _quote_fold(quote.get("text") or _quote_text(text, quote)))
        for quote in predicted.get("quotes", [])
    ]
    starts = [_quote_fold(quote["start"]) for quote in gold.get("quotes", [])]
    ignored = [_quote_fold(words) for words in gold.get("ignore_quotes", [])]

    found = correct = 0
    for gold_quote, start in zip(gold.get("quotes", []), starts, strict=True):
        holders = [(said.find(start), n) for n, (_, said) in enumerate(quotes) if start in said]
        if not holders:
            continue
        found += 1
        quote = quotes[min(holders)[1]][0]
        if _speaker_is(quote, *_gold_speaker(gold_quote["speaker"], gold, forms), person_of):
            correct += 1
    fp = sum(
        1
        for _, said in quotes
        if not any(start in said for start in starts)
        and not any(words and words in said for words in ignored)
    )
    return found, fp, len(starts) - found, correct


def _quote_text(text: str, quote: Mapping[str, Any]) -> str:
    if "start" in quote and "end" in quote:
        return text[int(quote["start"]) : int(quote["end"])]
    return ""


def _speaker_is(
    quote: Mapping[str, Any],
    wanted: int | None,
    names: set[str],
    person_of: Mapping[str, int | None],
) -> bool:
    speaker = quote.get("speaker")
    if speaker is not None and str(speaker) in person_of:
        index = person_of[str(speaker)]
        return index is not None and index == wanted
    said = _fold(quote.get("speaker_name") or "")
    return bool(said) and said in names


def score_article(text: str, gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> Counts:
    """Counts for one article; `text` is the file as `Path.read_text(encoding="utf-8")`."""
    people_tp, people_fp, people_fn, person_of = _score_people(gold, predicted)
    countries_tp, countries_fp, countries_fn = _score_countries(gold, predicted)
    mentions_tp, mentions_fp, mentions_fn = _score_mentions(text, gold, predicted)
    quotes_tp, quotes_fp, quotes_fn, speakers = _score_quotes(text, gold, predicted, person_of)
    return Counts(
        people_tp=people_tp,
        people_fp=people_fp,
        people_fn=people_fn,
        countries_tp=countries_tp,
        countries_fp=countries_fp,
        countries_fn=countries_fn,
        mentions_tp=mentions_tp,
        mentions_fp=mentions_fp,
        mentions_fn=mentions_fn,
        quotes_tp=quotes_tp,
        quotes_fp=quotes_fp,
        quotes_fn=quotes_fn,
        speakers_correct=speakers,
        quotes_found=quotes_tp,
    )


@dataclass(frozen=True, slots=True)
class Miss:
    """One thing the analysis got wrong, for a person reading the benchmark's output."""

    kind: str  # "person missed", "mention extra", "speaker wrong", ...
    detail: str


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    before = " ".join(text[max(0, start - width) : start].split())
    after = " ".join(text[end : end + width].split())
    return f"…{before} [{' '.join(text[start:end].split())}] {after}…"


def misses(text: str, gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> list[Miss]:
    """Every miss behind an article's counts, by kind, in the order a reader meets them."""
    found: list[Miss] = []
    forms = _gold_forms(gold)
    names = [person.get("name", "") for person in gold.get("people", [])]
    matched: set[int] = set()
    person_of: dict[str, int | None] = {}
    for person in predicted.get("people", []):
        index = match_person(person, forms)
        person_of[str(person.get("id"))] = index
        said = ", ".join(sorted({m["text"] for m in person.get("mentions", [])}))
        if index is None:
            found.append(Miss("person extra", f"{person.get('name')} ({said})"))
        elif index in matched:
            found.append(Miss("person twice", f"{person.get('name')} as {names[index]}"))
        matched.add(index if index is not None else -1)
    for index, name in enumerate(names):
        if index not in matched:
            found.append(Miss("person missed", name))
    expected = {str(c["code"]).upper() for c in gold.get("countries", [])}
    ignored_codes = {str(code).upper() for code in gold.get("ignore_codes", [])}
    codes = {str(c.get("code", "")).upper() for c in predicted.get("countries", [])}
    found += [Miss("country missed", code) for code in sorted(expected - codes)]
    found += [Miss("country extra", code) for code in sorted(codes - expected - ignored_codes)]

    spans = expected_spans(text, gold)
    counted = {span.key for span in spans if span.kind != "ignore"}
    ignored = [span.key for span in spans if span.kind == "ignore"]
    taken = predicted_spans(text, predicted)
    for start, end in sorted(counted - taken):
        found.append(Miss("mention missed", _context(text, start, end)))
    for start, end in sorted(taken - counted):
        on_ignored = any(start < e and s < end for s, e in ignored)
        on_counted = any(start < e and s < end for s, e in counted)
        if not on_ignored or on_counted:
            found.append(Miss("mention extra", _context(text, start, end)))

    quotes = [
        (quote, _quote_fold(quote.get("text") or _quote_text(text, quote)))
        for quote in predicted.get("quotes", [])
    ]
    starts = [_quote_fold(q["start"]) for q in gold.get("quotes", [])]
    ignored_quotes = [_quote_fold(words) for words in gold.get("ignore_quotes", [])]
    for gold_quote, start in zip(gold.get("quotes", []), starts, strict=True):
        holders = [(said.find(start), n) for n, (_, said) in enumerate(quotes) if start in said]
        if not holders:
            found.append(Miss("quote missed", f"“{start}…” ({gold_quote['speaker']})"))
            continue
        quote = quotes[min(holders)[1]][0]
        wanted = _gold_speaker(gold_quote["speaker"], gold, forms)
        if not _speaker_is(quote, *wanted, person_of):
            given = quote.get("speaker_name") or "nobody"
            found.append(Miss("speaker wrong", f"“{start}…”: {given}, not {gold_quote['speaker']}"))
    for _, said in quotes:
        if not any(start in said for start in starts) and not any(
            words and words in said for words in ignored_quotes
        ):
            found.append(Miss("quote extra", f"“{said[:60]}…”"))
    return found


# --- running over the evaluation set ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleResult:
    name: str
    counts: Counts
    error: str | None = None  # why no prediction could be had (then scored as empty)
    group: str = ""  # the folder of the evaluation set it comes from ("articles", "dev")
    misses: tuple[Miss, ...] = ()

    @property
    def scores(self) -> Scores:
        return Scores.from_counts(self.counts)


@dataclass(frozen=True, slots=True)
class Report:
    articles: list[ArticleResult] = field(default_factory=list)

    @property
    def total(self) -> Counts:
        return total(result.counts for result in self.articles)

    @property
    def scores(self) -> Scores:
        return Scores.from_counts(self.total)

    def to_json(self) -> JsonDict:
        def entry(name: str, counts: Counts, error: str | None = None) -> JsonDict:
            data: JsonDict = {
                "article": name,
                "counts": asdict(counts),
                "scores": asdict(Scores.from_counts(counts)),
            }
            if error:
                data["error"] = error
            return data

        return {
            "articles": [entry(r.name, r.counts, r.error) for r in self.articles],
            "total": entry("TOTAL", self.total),
        }

    def groups(self) -> dict[str, Counts]:
        """Totals per folder of the evaluation set, in the order the folders come."""
        found: dict[str, Counts] = {}
        for result in self.articles:
            found[result.group] = found.get(result.group, Counts()) + result.counts
        return found

    def table(self) -> str:
        """Aligned plain text: one row per article, the totals of each folder, then the
        micro-averaged TOTAL."""
        rows = [
            _row(f"{r.name} (no analysis)" if r.error else r.name, r.counts) for r in self.articles
        ]
        groups = self.groups()
        subtotals = [_row(f"total {name}/", c) for name, c in groups.items() if name]
        if len(subtotals) < 2:
            subtotals = []
        rows += subtotals
        rows.append(_row("TOTAL", self.total))
        header = ["article", *("P", "R", "F") * 4, "accuracy", "recall"]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        widths[-1] = max(widths[-1], len("attributed"))

        def line(row: Sequence[str]) -> str:
            cells = [row[0].ljust(widths[0])]
            cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
            return "  ".join(cells).rstrip()

        # Group titles sit over their columns: three P/R/F columns each, then one apiece.
        titles = [" " * widths[0]]
        column = 1
        for title, span in (
            ("people", 3),
            ("countries", 3),
            ("mentions", 3),
            ("quotes", 3),
            ("speaker", 1),
            ("attributed", 1),
        ):
            width = sum(widths[column : column + span]) + 2 * (span - 1)
            titles.append(title.center(width) if span > 1 else title.rjust(width))
            column += span
        lines = ["  ".join(titles).rstrip(), line(header)]
        rule = "-" * max(len(text) for text in lines)
        body = rows[: len(rows) - len(subtotals) - 1]
        lines += [rule, *(line(row) for row in body), rule]
        lines += [line(row) for row in subtotals] + [line(rows[-1])]
        legend = (
            "P/R/F: precision, recall and F1 over people, ISO codes, mention spans and quotes.\n"
            "speaker accuracy: right speakers among gold quotes found; attributed recall: "
            "right speakers among all gold quotes.\n"
            "TOTAL adds the counts of all articles (micro-average); - marks a figure with "
            "nothing to score."
        )
        return "\n".join([*lines, "", legend])

    def misses_by_kind(self) -> str:
        """Every miss, grouped by kind, each with its article: where the errors are."""
        kinds: dict[str, list[str]] = {}
        for result in self.articles:
            for miss in result.misses:
                kinds.setdefault(miss.kind, []).append(f"  {result.name[:24]:24}  {miss.detail}")
        lines = []
        for kind in sorted(kinds, key=lambda k: (-len(kinds[k]), k)):
            lines.append(f"{kind} ({len(kinds[kind])})")
            lines += kinds[kind]
        return "\n".join(lines) if lines else "no misses"


def _row(name: str, c: Counts) -> list[str]:
    s = Scores.from_counts(c)
    cells = [name]
    for figures, (tp, fp, fn) in (
        (s.people, (c.people_tp, c.people_fp, c.people_fn)),
        (s.countries, (c.countries_tp, c.countries_fp, c.countries_fn)),
        (s.mentions, (c.mentions_tp, c.mentions_fp, c.mentions_fn)),
        (s.quotes, (c.quotes_tp, c.quotes_fp, c.quotes_fn)),
    ):
        cells += [
            _cell(figures.precision, tp + fp),
            _cell(figures.recall, tp + fn),
            _cell(figures.f1, tp + fp + fn),
        ]
    cells += [_cell(s.speaker_accuracy, c.quotes_found), _cell(s.attributed_recall, c.gold_quotes)]
    return cells


def _cell(value: float, denominator: int) -> str:
    return f"{value:.2f}" if denominator else "-"


def gold_path(article: Path) -> Path:
    return article.with_name(article.stem + GOLD_SUFFIX)


def article_path(gold: Path) -> Path:
    stem = gold.name.removesuffix(GOLD_SUFFIX)
    for suffix in ARTICLE_SUFFIXES:
        candidate = gold.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"no article beside {gold}")


def default_articles() -> list[Path]:
    return [article_path(gold) for gold in sorted(EVAL_DIR.glob("*/*" + GOLD_SUFFIX))]


def run(articles: list[Path], predict: Predict) -> Report:
    """Score `predict(article)` for every article against the gold file beside it."""
    results = []
    for article in articles:
        text = article.read_text(encoding="utf-8")
        gold = json.loads(gold_path(article).read_text(encoding="utf-8"))
        predicted = predict(article)
        group = article.parent.name if article.parent.parent == EVAL_DIR else ""
        results.append(
            ArticleResult(
                article.stem,
                score_article(text, gold, predicted),
                group=group,
                misses=tuple(misses(text, gold, predicted)),
            )
        )
    return Report(results)


# --- predictions --------------------------------------------------------------------------


class PredictionError(RuntimeError):
    pass


def subprocess_predictor(model: str | None = None) -> Predict:
    """The reader's own command line, exactly as a user would run it."""

    def predict(article: Path) -> JsonDict:
        command = [sys.executable, "-m", "reader", "--json", str(article)]
        if model:
            command += ["--model", model]
        done = subprocess.run(
            command, cwd=PROJECT_ROOT, capture_output=True, text=True, encoding="utf-8"
        )
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
            raise PredictionError(lines[-1])
        return json.loads(done.stdout)

    return predict


def in_process_predictor(model: str | None = None) -> Predict | None:
    """`reader.api.json_for_path`, which loads spaCy once for all articles; None if absent."""
    try:
        from reader import api
    except ImportError:
        return None
    json_for_path = getattr(api, "json_for_path", None)
    if not callable(json_for_path):
        return None
    return lambda article: json_for_path(article, model=model)


def json_dir_predictor(directory: Path) -> Predict:
    def predict(article: Path) -> JsonDict:
        return json.loads((directory / f"{article.stem}.json").read_text(encoding="utf-8"))

    return predict


def _resolve(paths: Sequence[Path]) -> list[Path]:
    """Articles named on the command line; a gold file stands for the article beside it."""
    return [article_path(p) if p.name.endswith(GOLD_SUFFIX) else p for p in paths]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.accuracy",
        description="Score the reader's analysis against the gold files of the evaluation set.",
    )
    parser.add_argument(
        "articles", nargs="*", type=Path, metavar="ARTICLE", help="default: benchmarks/eval"
    )
    parser.add_argument(
        "--json-dir", type=Path, metavar="DIR", help="read DIR/<article stem>.json instead"
    )
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline passed to the reader")
    parser.add_argument("--format", choices=["table", "json"], default="table")
    parser.add_argument("--quiet", action="store_true", help="the table without the misses")
    args = parser.parse_args(argv)

    articles = _resolve(args.articles) if args.articles else default_articles()
    if args.json_dir:
        predict = json_dir_predictor(args.json_dir)
    else:
        predict = in_process_predictor(args.model) or subprocess_predictor(args.model)

    failures: dict[str, str] = {}

    def guarded(article: Path) -> JsonDict:
        # One article the reader cannot analyse should not hide the scores of the others;
        # it is scored as an empty analysis and reported, and the exit status says so.
        try:
            return predict(article)
        except Exception as error:
            failures[article.stem] = f"{type(error).__name__}: {error}"
            print(f"accuracy: {article}: {failures[article.stem]}", file=sys.stderr)
            return {}

    report = run(articles, guarded)
    report = Report(
        [
            ArticleResult(r.name, r.counts, failures.get(r.name), r.group, r.misses)
            for r in report.articles
        ]
    )
    if args.format == "json":
        json.dump(report.to_json(), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print(report.table())
        if not args.quiet:
            print("\nMisses by kind\n" + report.misses_by_kind())
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
