"""Analysis as the app runs it: from the cache when it has the article, otherwise in
worker processes (see worker.py), as many at once as the machine has cores.

The reading screen and the library both analyse through an `Analyst`, so an article that
cannot be analysed says so the same way in both and stays readable. Each analysis is a
`Job`, run in a thread of the app's (which only waits on the worker's answers) and
cancelled by ending its worker, so that leaving an article or quitting never waits for
spaCy to notice.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .cancel import AnalysisCancelled
from .nlp import ModelError, choose_model
from .worker import AnalysisWorker, WorkerEnded, a_core_is_free

if TYPE_CHECKING:
    from ..document import Document
    from .cache import AnalysisCache
    from .model import Analysis


@dataclass(frozen=True, slots=True)
class Outcome:
    analysis: Analysis | None
    failure: str = ""  # why there is no analysis, in one line


class Analyst:
    """Analyses articles with the `model` pipeline, reading and filling `cache`.

    With `choose_later`, the pipeline and the cache are given later (`choose`), and a
    worker started meanwhile (`warm_up`) imports spaCy while they are found: the command
    line starts one before it reads the preferences that may name a pipeline."""

    def __init__(
        self,
        model: str | None = None,
        cache: AnalysisCache | None = None,
        *,
        choose_later: bool = False,
    ) -> None:
        self.model = model
        self.cache = cache
        self._chosen = not choose_later
        self._idle: list[AnalysisWorker] = []  # started, the pipeline loaded or loading
        self._started: list[AnalysisWorker] = []  # every worker, idle or busy, for close
        self._lock = threading.Lock()
        self._closed = False

    def warm_up(self) -> None:
        """Start a worker now, so that spaCy loads on a free core while the app opens;
        unused if the article is in the cache.

        On a machine with no core to spare (as many others ready to run as cores),
        spaCy's second of loading would be taken from the app's first frame (1.6× a bare
        Textual app's time to the text, against 1.15× with the worker started once the
        frame is out), so then it is not started here: the analysis starts one when it is
        wanted, after the first frame.
        """
        if not a_core_is_free():
            return
        with self._lock:
            if not self._closed and not self._idle:
                # No process to be had now (a limit on processes, no memory): the job
                # tries again and says why if it still cannot.
                with contextlib.suppress(OSError):
                    self._idle.append(self._new_worker())

    def choose(self, model: str | None, cache: AnalysisCache | None) -> None:
        """The pipeline and the cache, for an analyst made with `choose_later`; a worker
        started already is told to load the pipeline."""
        with self._lock:
            self.model, self.cache, self._chosen = model, cache, True
            for worker in self._started:
                worker.load(self._pipeline())

    def job(self, document: Document) -> Job:
        if not self._chosen:
            raise RuntimeError("no pipeline chosen: `choose` comes before a job")
        return Job(self, document)

    def close(self) -> None:
        """End every worker, idle or busy, without waiting for its work."""
        with self._lock:
            self._closed = True
            started, self._started, self._idle = self._started, [], []
        for worker in started:
            worker.stop()

    def _take(self) -> AnalysisWorker | None:
        with self._lock:
            if self._closed:
                return None
            while self._idle:
                worker = self._idle.pop()
                if worker.alive:
                    return worker
            return self._new_worker()

    def _new_worker(self) -> AnalysisWorker:
        worker = AnalysisWorker()
        if self._chosen:
            worker.load(self._pipeline())
        self._started = [known for known in self._started if known.alive]
        self._started.append(worker)
        return worker

    def _pipeline(self) -> str | None:
        # The name chosen here, where a relative path or $READER_MODEL mean what the
        # user meant; a model that is not installed is the job's to report.
        try:
            return choose_model(self.model)
        except ModelError:
            return self.model

    def _give_back(self, worker: AnalysisWorker) -> None:
        with self._lock:
            if not self._closed and worker.alive:
                self._idle.append(worker)
                return
        worker.stop()


class Job:
    """One article's analysis: `run` in a thread, `cancel` from anywhere."""

    def __init__(self, analyst: Analyst, document: Document) -> None:
        self._analyst = analyst
        self._document = document
        self._worker: AnalysisWorker | None = None
        self._cancelled = threading.Event()
        self._lock = threading.Lock()

    def run(self, on_progress: Callable[[float], object] | None = None) -> Outcome | None:
        """The analysis, or why there is none; None once cancelled."""
        # Imported here: the cache's key needs only the pipeline's name and version.
        from .pipeline import cached_analysis

        analyst = self._analyst
        try:
            name = choose_model(analyst.model)
            key, cached = cached_analysis(self._document, name, analyst.cache)
        except ModelError as error:
            return Outcome(None, str(error))
        if cached is not None:
            return Outcome(cached)
        with self._lock:
            try:
                worker = None if self._cancelled.is_set() else analyst._take()
            except OSError as error:
                return Outcome(None, f"the analysis process could not be started ({error})")
            self._worker = worker
        if worker is None:
            return None
        try:
            analysis = worker.analyse(self._document, on_progress)
        except AnalysisCancelled:
            return None
        except ModelError as error:
            self._done_with(worker)
            return Outcome(None, str(error))
        except Exception as error:  # it died, or a defect of ours: said, never a hang
            with self._lock:
                self._worker = None
            worker.stop()
            if self._cancelled.is_set():
                return None
            reason = str(error) if isinstance(error, WorkerEnded) else repr(error)
            return Outcome(None, reason)
        self._done_with(worker)
        if analyst.cache is not None:
            analyst.cache.store(key, analysis)
        return Outcome(analysis)

    def _done_with(self, worker: AnalysisWorker) -> None:
        with self._lock:
            self._worker = None  # no longer this job's to end
        self._analyst._give_back(worker)

    def cancel(self) -> None:
        """End the analysis now: its worker is killed, and `run` returns None."""
        with self._lock:  # held, so that a worker given back meanwhile is not ended
            self._cancelled.set()
            if self._worker is not None:
                self._worker.stop()
