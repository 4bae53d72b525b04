"""Article in, analysis or JSON document out: what `reader --json` does, callable from
Python."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .analysis import Analysis, AnalysisCache
from .document import Document, LoadError, Source, load_source


def analyse_path(
    path: Path | Source,
    model: str | None = None,
    cache: AnalysisCache | None = None,
    max_words: int | None = None,
) -> tuple[Document, Analysis]:
    """The article at `path` (a file, a web address, or "-" for standard input; or an
    item of a feed) and its analysis. Raises LoadError for one that is not an article
    (or is longer than `max_words` words), ModelError without a pipeline."""
    from .analysis import analyze

    document = _article(path, max_words)
    return document, analyze(document, model=model, cache=cache)


def analyse_paths(
    paths: list[Source],
    model: str | None = None,
    cache: AnalysisCache | None = None,
    max_words: int | None = None,
) -> list[tuple[Document, Analysis] | LoadError]:
    """What `analyse_path` gives for each path, or the LoadError it raises, the articles
    analysed together (see `analyze_many`); raises ModelError without a pipeline."""
    from .analysis import analyze_many

    found: list[Document | LoadError] = []
    for path in paths:
        try:
            found.append(_article(path, max_words))
        except LoadError as error:
            found.append(error)
    documents = [document for document in found if isinstance(document, Document)]
    analyses = analyze_many(documents, model, cache)
    return [
        (document, next(analyses)) if isinstance(document, Document) else document
        for document in found
    ]


def json_for_path(
    path: Path | str,
    model: str | None = None,
    cache: AnalysisCache | None = None,
    max_words: int | None = None,
) -> dict[str, Any]:
    """The document `reader --json PATH` prints, as Python data."""
    from .export import article_json

    return article_json(*analyse_path(path, model, cache, max_words))


def _article(path: Path | Source, max_words: int | None) -> Document:
    from .analysis.budget import analysed_words

    document = load_source(str(path) if isinstance(path, Path) else path)
    if max_words is not None:
        words = analysed_words(document)
        if words > max_words:
            from .document.sources import source_name

            name = path if isinstance(path, Path) else source_name(path)
            raise LoadError(name, f"{words:,} words, more than --max-words {max_words:,}")
    return document
