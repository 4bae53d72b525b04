"""Article in, analysis or JSON document out: what `reader --json` does, callable from
Python."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .analysis import Analysis, AnalysisCache
from .document import Document, LoadError, load_document


def analyse_path(
    path: Path | str,
    model: str | None = None,
    cache: AnalysisCache | None = None,
    max_words: int | None = None,
) -> tuple[Document, Analysis]:
    """The article at `path` (a file, a web address, or "-" for standard input) and its
    analysis. Raises LoadError for one that is not an article (or is longer than
    `max_words` words), ModelError without a pipeline."""
    from .analysis import analyze
    from .analysis.budget import analysed_words

    document = load_document(path)
    if max_words is not None:
        words = analysed_words(document)
        if words > max_words:
            raise LoadError(path, f"{words:,} words, more than --max-words {max_words:,}")
    return document, analyze(document, model=model, cache=cache)


def json_for_path(
    path: Path | str,
    model: str | None = None,
    cache: AnalysisCache | None = None,
    max_words: int | None = None,
) -> dict[str, Any]:
    """The document `reader --json PATH` prints, as Python data."""
    from .export import article_json

    return article_json(*analyse_path(path, model, cache, max_words))
