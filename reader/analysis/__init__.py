"""The analysis: an article in, its people, countries and quotes out, with file offsets.

A plain library: it imports neither Textual nor the UI. `analyze(document)` is the one
entry point; the app and `reader --json` both show what it returns. The pipeline behind
it is imported on first use, so that the app can show an article before paying for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .cache import AnalysisCache
from .model import Analysis, Country, Person, Quote, Span
from .nlp import ModelError, choose_model
from .text import AnalysisCancelled

if TYPE_CHECKING:
    from .pipeline import analyze

__all__ = [
    "Analysis",
    "AnalysisCache",
    "AnalysisCancelled",
    "Country",
    "ModelError",
    "Person",
    "Quote",
    "Span",
    "analyze",
    "choose_model",
]


def __getattr__(name: str) -> Any:
    if name == "analyze":
        from .pipeline import analyze

        return analyze
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
