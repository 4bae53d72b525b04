"""The analysis pipeline: parse once, then people → countries → quotes → speakers."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..document import Document
from . import country_names
from .cache import AnalysisCache
from .countries import find_countries
from .model import Analysis, Country, Person, Quote, Span
from .nlp import choose_model, installed_model_label, load_pipeline, model_label
from .people import find_people
from .person_candidates import missed_names
from .person_cluster import PersonCluster
from .quotes import find_quotes
from .spans import SpanIndex
from .speakers import attribute
from .text import AnalysisText

if TYPE_CHECKING:
    from spacy.language import Language


def analyze(
    document: Document,
    model: str | None = None,
    is_cancelled: Callable[[], bool] = lambda: False,
    on_progress: Callable[[float], object] | None = None,
    cache: AnalysisCache | None = None,
) -> Analysis:
    """Raises ModelError when no spaCy pipeline can be loaded, AnalysisCancelled if asked.

    With a cache, an article analysed before with the same pipeline is read back without
    loading spaCy at all.
    """
    name = choose_model(model)
    key, cached = cached_analysis(document, name, cache)
    if cached is not None:
        return cached
    analysis = analyze_with(document, load_pipeline(name), is_cancelled, on_progress)
    if cache is not None:
        cache.store(key, analysis)
    return analysis


def cached_analysis(
    document: Document, name: str, cache: AnalysisCache | None
) -> tuple[str, Analysis | None]:
    """The cache's key for the article analysed by pipeline `name`, and the analysis
    stored under it if there is one; neither loads spaCy."""
    if cache is None:
        return "", None
    key = AnalysisCache.key_for(document, installed_model_label(name))
    return key, cache.load(key, document)


def analyze_many(
    documents: list[Document], model: str | None = None, cache: AnalysisCache | None = None
) -> Iterator[Analysis]:
    """What `analyze` gives for each document, in order, the documents parsed together
    (see `AnalysisText.parse_many`): for many short articles at once. Raises ModelError."""
    name = choose_model(model)
    label = installed_model_label(name) if cache else ""
    keys = [AnalysisCache.key_for(document, label) if cache else "" for document in documents]
    found = [
        cache.load(key, document) if cache else None
        for key, document in zip(keys, documents, strict=True)
    ]
    unread = [
        document for document, analysis in zip(documents, found, strict=True) if analysis is None
    ]
    # The pipeline is loaded only if something is not in the cache.
    nlp = load_pipeline(name) if unread else None
    parsed = AnalysisText.parse_many(unread, nlp) if nlp else iter(())
    pipeline = model_label(nlp) if nlp else ""
    for key, analysis in zip(keys, found, strict=True):
        if analysis is None:
            analysis = _analysis(next(parsed), pipeline)
            if cache is not None:
                cache.store(key, analysis)
        yield analysis


def analyze_with(
    document: Document,
    nlp: Language,
    is_cancelled: Callable[[], bool] = lambda: False,
    on_progress: Callable[[float], object] | None = None,
    processes: int = 1,
) -> Analysis:
    """The analysis by a pipeline already loaded (see worker.py), without the cache;
    `processes` parse at once (see AnalysisText.parse_many)."""
    at = AnalysisText.parse(document, nlp, is_cancelled, on_progress, processes, find=missed_names)
    return _analysis(at, model_label(nlp))


def _analysis(at: AnalysisText, model: str) -> Analysis:
    """The people, countries and quotes of a parsed text; `model` labels the pipeline."""
    document = at.document
    quote_spans = find_quotes(at)
    quotations: SpanIndex[None] = SpanIndex((q.start, q.end, None) for q in quote_spans)
    clusters = find_people(at, quotations)
    people, person_ids = _people(at, clusters)
    mentions = [
        (start, end, index) for index, c in enumerate(clusters) for start, end in c.mentions
    ]
    countries = _countries(at, find_countries(at, [(s, e) for s, e, _ in mentions]))
    titles = {index: cluster.titles for index, cluster in enumerate(clusters)}
    attributions = attribute(at, quote_spans, mentions, titles)
    quotes = []
    for number, (span, who) in enumerate(zip(quote_spans, attributions, strict=True), 1):
        source = at.to_source(span.start, span.end)
        if source is None:
            continue
        person = people[person_ids[who.person]] if who.person in person_ids else None
        speaker_span = at.to_source(*who.span) if who.span else None
        quotes.append(
            Quote(
                id=f"q{number}",
                text=source.text,
                start=source.start,
                end=source.end,
                speaker=person.id if person else None,
                speaker_name=person.name if person else who.words,
                speaker_span=speaker_span,
            )
        )
    return Analysis(
        title=document.title,
        people=tuple(people),
        countries=tuple(countries),
        quotes=tuple(quotes),
        model=model,
    )


def _people(
    at: AnalysisText, clusters: list[PersonCluster]
) -> tuple[list[Person], dict[int | None, int]]:
    """People in the order a reader meets them, each with their mentions in text order."""
    order = sorted(range(len(clusters)), key=lambda i: clusters[i].first)
    people: list[Person] = []
    ids: dict[int | None, int] = {}
    for index in order:
        cluster = clusters[index]
        spans = _spans(at, cluster.mentions)
        if not spans:
            continue
        ids[index] = len(people)
        people.append(Person(id=f"p{len(people) + 1}", name=cluster.name, mentions=spans))
    return people, ids


def _countries(at: AnalysisText, found: dict[str, list[tuple[int, int]]]) -> list[Country]:
    countries: list[Country] = []
    for code, spans in sorted(found.items(), key=lambda item: item[1][0]):
        mentions = _spans(at, spans)
        if mentions:
            countries.append(
                Country(
                    id=f"c{len(countries) + 1}",
                    code=code,
                    name=country_names.display_name(code),
                    mentions=mentions,
                )
            )
    return countries


def _spans(at: AnalysisText, spans: Sequence[tuple[int, int]]) -> tuple[Span, ...]:
    converted = (at.to_source(start, end) for start, end in sorted(spans))
    return tuple(span for span in converted if span is not None)
