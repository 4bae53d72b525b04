"""Run by benchmarks/performance.py in a fresh process: open an article, report first paint.

`reader ARTICLE` as the user runs it (its command line, headless), or (with
--baseline) a minimal Textual app showing the same file's text in one widget. Prints one
JSON line: seconds from the parent's timestamp to the first frame that shows the article's
text (its first words of prose, read back from the frame), and whether spaCy had been
imported by then.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import io
import json
import re
import sys
import time
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from rich.console import Console

result: dict[str, object] = {}


def first_words(path: str) -> str:
    """The first words of the article's prose: what any frame that shows its text shows."""
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            if match := re.match(r"[A-Z][\w’']*(?:,? [\w’']+){3}", line.strip()):
                return match.group()
    raise SystemExit(f"{path}: no line of prose to look for on screen")


def frame_text(renderable: object) -> str:
    console = Console(file=io.StringIO(), width=400, record=True, force_terminal=True)
    console.print(renderable)
    return console.export_text()


def watch_first_paint(app_class: Any, started: float, words: str) -> None:
    """Make `app_class` note the first frame that shows the article's first words, and exit.

    The time is taken as the frame is written, before it is read back to check it.
    """
    original = app_class._display
    frames: list[float] = []

    def display(self: Any, screen: object, renderable: object) -> None:
        original(self, screen, renderable)
        if result or renderable is None:
            return
        seconds = time.time() - started
        frames.append(seconds)
        if words in frame_text(renderable):
            result["seconds"] = seconds
            result["spacy_imported"] = "spacy" in sys.modules
            self.exit()
        elif len(frames) >= 200:  # the text never showed: say so rather than run on
            result["error"] = f"{words!r} not seen in {len(frames)} frames"
            self.exit()

    app_class._display = display


class _WhenTextualLoads(importlib.abc.MetaPathFinder):
    """Patches textual.app as the reader imports it, so that the reader's own order of
    imports (and whatever it does while Textual loads) is what is measured."""

    def __init__(self, started: float, words: str) -> None:
        self.started = started
        self.words = words

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if name != "textual.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.loader is not None
        load = spec.loader.exec_module
        started, words = self.started, self.words

        def exec_module(module: ModuleType) -> None:
            load(module)
            app_class = module.App
            run = app_class.run

            def run_headless(self: Any, *args: object, **kwargs: object) -> object:
                return run(self, headless=True, size=(120, 40))

            app_class.run = run_headless
            watch_first_paint(app_class, started, words)

        spec.loader.exec_module = exec_module
        return spec


def main() -> None:
    started = float(sys.argv[1])
    path = sys.argv[2]
    words = first_words(path)
    if "--baseline" in sys.argv:
        from rich.text import Text
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        class Minimal(App[None]):
            def compose(self) -> ComposeResult:
                with open(path, encoding="utf-8") as stream:
                    yield Static(Text(stream.read()))

        watch_first_paint(App, started, words)
        Minimal().run(headless=True, size=(120, 40))
    else:
        # `reader ARTICLE` exactly as typed, the terminal swapped for a headless one.
        sys.meta_path.insert(0, _WhenTextualLoads(started, words))
        from reader.cli import main as reader_main

        reader_main([path])
    print(json.dumps(result))


if __name__ == "__main__":
    main()
