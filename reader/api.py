"""Article in, JSON document out: what `reader --json` prints, callable from Python."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .analysis import Analysis, AnalysisCache
from .document import Document, Format, LoadError, load_document


def document_json(document: Document, analysis: Analysis) -> dict[str, Any]:
    """The analysis's JSON, with how the file was decoded (offsets index that text)."""
    data = analysis.to_json()
    data["encoding"] = document.encoding
    if document.format is Format.WEB or document.path is None:
        # Extracted from a page, or read from a pipe: the offsets index this text, which
        # the reader of the JSON has no file to read back from.
        data["source"] = document.source or "stdin"
        data["text"] = document.text
    elif document.source:
        data["source"] = document.source  # a file's front matter says where it came from
    if document.date:
        data["date"] = document.date
    return data


def json_for_path(
    path: Path | str,
    model: str | None = None,
    cache: AnalysisCache | None = None,
    max_words: int | None = None,
) -> dict[str, Any]:
    """Raises LoadError for a file that is not an article (or one longer than `max_words`
    words), ModelError without a pipeline."""
    from .analysis import analyze

    document = _article(path, max_words)
    return document_json(document, analyze(document, model=model, cache=cache))


def json_for_paths(
    paths: list[str],
    model: str | None = None,
    cache: AnalysisCache | None = None,
    max_words: int | None = None,
) -> list[dict[str, Any] | LoadError]:
    """What `json_for_path` gives for each path, or the LoadError it raises, the articles
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
        document_json(document, next(analyses)) if isinstance(document, Document) else document
        for document in found
    ]


def _article(path: Path | str, max_words: int | None) -> Document:
    from .analysis.budget import analysed_words

    document = load_document(path)
    if max_words is not None:
        words = analysed_words(document)
        if words > max_words:
            raise LoadError(path, f"{words:,} words, more than --max-words {max_words:,}")
    return document
