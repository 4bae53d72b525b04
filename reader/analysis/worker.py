"""Analysis in a process of its own, beside the interface rather than inside it.

spaCy holds the interpreter's lock for most of a parse, so an analysis in a thread of the
app's process makes scrolling and keys wait for it. Here a child process imports spaCy and
loads the pipeline as soon as it is started (the app starts one as it opens, so that this
second of work runs on another core while the article is painted), then analyses each
article it is sent, telling the share done as it goes.

The child is a fresh interpreter (`python -m reader.analysis.worker`), never a fork, so it
is the same on every platform and safe however many threads the app runs. It imports spaCy
at once, and is told which pipeline to load as its first message: the command line starts
it before it has read the preferences that may name one. It is started
with a lower priority than the app, so keys are answered first when the cores are
busy; its output goes nowhere, so nothing it prints reaches the app's terminal. Stopping
it ends the work at once: the process is killed, not asked.

    worker = AnalysisWorker()            # starts importing spaCy now
    worker.load(model)                   # then loads this pipeline (None: the default)
    analysis = worker.analyse(document, on_progress=print)
    worker.stop()
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cancel import AnalysisCancelled
from .nlp import ModelError

if TYPE_CHECKING:
    from ..document import Document
    from .model import Analysis

# How much lower than the app the child runs (see `nice`): the app's keys come first on a
# busy machine, and the analysis still has a core to itself on an idle one.
NICENESS = 5
ORPHAN_CHECK_SECONDS = 1.0  # how often the child looks whether the app is still there
# An article this long (about 30,000 words) is parsed on every core at once.
SPLIT_CHARACTERS = 200_000


class WorkerEnded(Exception):
    """The child ended before it answered: killed, out of memory, or a crash of its own."""


class AnalysisWorker:
    """One child process that analyses articles one at a time, with the pipeline named
    by `load`."""

    def __init__(self) -> None:
        # The child runs in the root folder, which cannot vanish under it (the app's
        # folder can), and imports this very package, installed or not.
        package_home = str(Path(__file__).resolve().parents[2])
        python_path = os.pathsep.join(filter(None, [package_home, os.environ.get("PYTHONPATH")]))
        ours, theirs = socket.socketpair()
        with theirs:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "reader.analysis.worker", str(theirs.fileno())],
                pass_fds=(theirs.fileno(),),
                cwd=os.path.abspath(os.sep),
                env={**os.environ, "PYTHONPATH": python_path},
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                # Its own session: a Ctrl-C or a hang-up meant for the app's terminal
                # is the app's to act on, not the child's.
                start_new_session=True,
            )
        self._connection = _Channel(ours)
        self._stopped = threading.Event()
        self._reading = False  # a thread waits in `analyse` for the child's answer
        self._loading = False  # told which pipeline to load

    def load(self, model: str | None) -> None:
        """Have the child load pipeline `model` (None: the installed default), once spaCy
        is imported; before any `analyse`."""
        if model and os.path.isdir(model):
            model = os.path.abspath(model)  # a pipeline in a folder, named from the app's
        self._loading = True
        # A child already ended is found out by `analyse`, which says how it ended.
        with contextlib.suppress(OSError):
            self._connection.send(model)

    @property
    def pid(self) -> int:
        return self._process.pid

    @property
    def alive(self) -> bool:
        return not self._stopped.is_set() and self._process.poll() is None

    def analyse(
        self, document: Document, on_progress: Callable[[float], object] | None = None
    ) -> Analysis:
        """The article's analysis. Raises ModelError when the pipeline cannot be loaded,
        AnalysisCancelled once `stop` is called, WorkerEnded if the child dies."""
        if not self._loading:
            raise RuntimeError("no pipeline named: `load` comes before `analyse`")
        self._reading = True
        try:
            self._connection.send(document)
            while True:
                kind, value = self._connection.recv()
                if kind == "progress":
                    if on_progress is not None:
                        on_progress(value)
                elif kind == "done":
                    analysis: Analysis = value
                    return analysis
                elif kind == "model":
                    raise ModelError(value)
                else:
                    raise WorkerEnded(value)
        except (EOFError, OSError) as error:
            self._connection.close()
            if self._stopped.is_set():
                raise AnalysisCancelled from error
            raise WorkerEnded(self._how_it_ended()) from error
        finally:
            self._reading = False

    def stop(self) -> None:
        """End the child now, whatever it is doing; an `analyse` under way is cancelled."""
        self._stopped.set()
        if self._process.poll() is None:
            # Its whole process group: the worker leads a session of its own, and the
            # processes spaCy forks to parse a book with it are in that group, holding
            # a copy of this socket, which would otherwise never reach its end.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self._process.pid, signal.SIGKILL)
            self._process.kill()
        self._process.wait()  # a killed process ends at once; this only reaps it
        if not self._reading:
            # Else the waiting thread closes it, once the child's end has gone: closing a
            # socket another thread is reading leaves that thread waiting.
            self._connection.close()

    def _how_it_ended(self) -> str:
        try:
            code = self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return "the analysis process stopped answering"
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:  # a real-time signal, which has no name
                name = f"signal {-code}"
            return f"the analysis process was ended by {name}"
        return f"the analysis process ended with status {code}"


class _Channel:
    """Whole pickled objects over a socket, each after its length: the little of
    multiprocessing.connection this needs, without the 20 ms its import costs before the
    app's first frame."""

    _HEADER = struct.Struct("!Q")

    def __init__(self, sock: socket.socket) -> None:
        self._socket = sock

    def send(self, value: object) -> None:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._socket.sendall(self._HEADER.pack(len(data)) + data)

    def recv(self) -> Any:
        (length,) = self._HEADER.unpack(self._exactly(self._HEADER.size))
        return pickle.loads(self._exactly(length))

    def close(self) -> None:
        self._socket.close()

    def _exactly(self, count: int) -> bytes:
        chunks = []
        while count:
            chunk = self._socket.recv(min(count, 1 << 20))
            if not chunk:
                raise EOFError("the other end has gone")
            chunks.append(chunk)
            count -= len(chunk)
        return b"".join(chunks)


def _serve(connection: _Channel) -> None:
    """The child: import spaCy, load the pipeline it is told, then answer each article
    sent until the app goes."""
    # Imported here: the parent imports this module without wanting any of the pipeline.
    from .nlp import choose_model, import_spacy, load_pipeline
    from .pipeline import analyze_with
    from .split_parse import FORKING

    import_spacy()  # the most of the second it takes to load a pipeline, whichever it is
    try:
        model: str | None = connection.recv()
    except (EOFError, OSError):
        return  # the app has gone before it knew which pipeline it wanted
    try:
        nlp = load_pipeline(choose_model(model))
        problem = ""
    except ModelError as error:
        nlp, problem = None, str(error)
    while True:
        try:
            document = connection.recv()
        except (EOFError, OSError):
            return  # the app has gone
        if nlp is None:
            connection.send(("model", problem))
            continue
        # A book is parsed on every core: starting the processes costs a fraction of a
        # second, which an article of a few thousand words would not win back.
        long = FORKING and len(document.text) >= SPLIT_CHARACTERS
        processes = usable_cores() if long else 1
        try:
            analysis = analyze_with(
                document,
                nlp,
                on_progress=lambda share: connection.send(("progress", share)),
                processes=processes,
            )
        except Exception as error:  # a defect of ours: said in the app's status line
            connection.send(("failed", f"{type(error).__name__}: {error}"))
            continue
        connection.send(("done", analysis))


def usable_cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than
    the machine has)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def a_core_is_free() -> bool:
    """Whether another process could run beside this one now, without taking its turns:
    fewer others are ready to run than the cores this process may run on."""
    return others_running() < usable_cores()


def others_running() -> float:
    """Processes other than this one ready to run now, as Linux counts them
    (/proc/loadavg); elsewhere the last minute's load average."""
    try:
        with open("/proc/loadavg", encoding="ascii") as stream:
            running = stream.read().split()[3].split("/")[0]
        return int(running) - 1  # this process is one of them
    except (OSError, IndexError, ValueError):
        pass
    try:
        return os.getloadavg()[0]
    except OSError:  # no load to be had: taken as idle
        return 0.0


def _end_with(parent: int) -> None:
    """End this process soon after the app's: an app killed outright cannot end its
    worker, which would otherwise analyse a book for no one."""
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_SECONDS)
    os.killpg(0, signal.SIGKILL)  # with the processes parsing a book for it


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the app decides when this ends
    os.nice(NICENESS)
    threading.Thread(target=_end_with, args=(os.getppid(),), daemon=True).start()
    _serve(_Channel(socket.socket(fileno=int(sys.argv[1]))))


if __name__ == "__main__":
    main()
