"""Analysis as the screens run it, in a worker thread: an analysis, or one line saying why
there is none. The reading screen and the library share it, so an article that cannot be
analysed says so the same way in both and stays readable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..analysis import Analysis, AnalysisCache
    from ..document import Document


@dataclass(frozen=True, slots=True)
class Outcome:
    analysis: Analysis | None
    failure: str = ""  # why there is no analysis, in one line


def analyse(
    document: Document,
    model: str | None,
    cache: AnalysisCache | None,
    is_cancelled: Callable[[], bool],
    on_progress: Callable[[float], object] | None = None,
) -> Outcome | None:
    """None once the work is cancelled (the screen is gone or has moved on)."""
    # Imported here, in the worker: a screen is drawn before the analysis is loaded.
    from ..analysis import AnalysisCancelled, ModelError, analyze

    try:
        analysis = analyze(
            document, model, is_cancelled=is_cancelled, on_progress=on_progress, cache=cache
        )
    except AnalysisCancelled:
        return None
    except ModelError as error:
        return Outcome(None, str(error))
    except Exception as error:  # a defect of ours: said, and the text stays readable
        return Outcome(None, f"{type(error).__name__}: {error}")
    return Outcome(analysis)
