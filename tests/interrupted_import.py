"""`reader --json --no-cache ARTICLE` with a Ctrl-C that lands inside spaCy's import, in a
weak reference's callback, where the import system's own callbacks can meet it: Python
prints an exception raised there and carries on, so an interrupt raised there is lost.

Run as a script by tests/test_stopping.py: `python interrupted_import.py ARTICLE`.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import weakref
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType


class _Collected:
    pass


class CtrlCInsideSpacysImport:
    """A finder that finds nothing; it only sends the Ctrl-C when spaCy's import reaches
    its schemas (pydantic models, built by compiled code)."""

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name == "spacy.schemas":
            sys.meta_path.remove(self)
            collected = _Collected()
            _reference = weakref.ref(collected, lambda _: os.kill(os.getpid(), signal.SIGINT))
            del collected
            gc.collect()
        return None


if __name__ == "__main__":
    sys.meta_path.insert(0, CtrlCInsideSpacysImport())
    from reader.cli import run

    sys.argv = ["reader", "--json", "--no-cache", sys.argv[1]]
    run()
