"""Article in, JSON document out: what `reader --json` prints, callable from Python."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .analysis import analyze
from .document import load_document


def json_for_path(path: Path | str, model: str | None = None) -> dict[str, Any]:
    """Raises LoadError for a file that is not an article, ModelError without a pipeline."""
    document = load_document(path)
    return analyze(document, model=model).to_json()
