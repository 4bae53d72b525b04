"""Article in, JSON document out: what `reader --json` prints, callable from Python."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .analysis import Analysis, AnalysisCache
from .document import Document, load_document


def document_json(document: Document, analysis: Analysis) -> dict[str, Any]:
    """The analysis's JSON, with how the file was decoded (offsets index that text)."""
    data = analysis.to_json()
    data["encoding"] = document.encoding
    return data


def json_for_path(
    path: Path | str, model: str | None = None, cache: AnalysisCache | None = None
) -> dict[str, Any]:
    """Raises LoadError for a file that is not an article, ModelError without a pipeline."""
    from .analysis import analyze

    document = load_document(path)
    return document_json(document, analyze(document, model=model, cache=cache))
