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
    from .analysis.budget import analysed_words

    document = load_document(path)
    if max_words is not None:
        words = analysed_words(document)
        if words > max_words:
            raise LoadError(path, f"{words:,} words, more than --max-words {max_words:,}")
    return document_json(document, analyze(document, model=model, cache=cache))
