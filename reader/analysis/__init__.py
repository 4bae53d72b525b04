"""The analysis: an article in, its people, countries and quotes out, with file offsets.

A plain library: it imports neither Textual nor the UI. `analyze(document)` is the one
entry point (`analyze_many` the same for many short articles at once); the app and
`reader --json` both show what it returns. Every name here is imported on first use
(PEP 562), so that the command line can choose a model and the app can show an article
before any of the pipeline is loaded. Measured on a busy 2-core machine: this face
imports in about 17 ms; all its names at once would add about 80 ms (the lexicons, the
country names, the pipeline's modules, not yet spaCy) before the first frame, where a
bare Textual app takes about 190 ms to its first frame.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cache import AnalysisCache
    from .cancel import AnalysisCancelled
    from .model import Analysis, Country, Person, Quote, Span
    from .nlp import ModelError, choose_model
    from .pipeline import analyze, analyze_many

_WHERE = {
    "Analysis": "model",
    "Country": "model",
    "Person": "model",
    "Quote": "model",
    "Span": "model",
    "AnalysisCache": "cache",
    "ModelError": "nlp",
    "choose_model": "nlp",
    "AnalysisCancelled": "cancel",
    "analyze": "pipeline",
    "analyze_many": "pipeline",
}

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
    "analyze_many",
    "choose_model",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
