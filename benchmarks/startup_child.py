"""Run by benchmarks/performance.py in a fresh process: open an article, report first paint.

`reader ARTICLE` as the user runs it (its command line, headless), or (with
--baseline) a minimal Textual app showing the same file's text in one widget. Prints one
JSON line: seconds from the parent's timestamp to the first frame that contains the
article's text, and whether spaCy had been imported by then.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import json
import sys
import time
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

result: dict[str, object] = {}


def watch_first_paint(app_class: Any, started: float, body_type: Callable[[], type]) -> None:
    """Make `app_class` note the first frame holding a `body_type()` widget, and exit."""
    original = app_class._display

    def display(self: Any, screen: object, renderable: object) -> None:
        original(self, screen, renderable)
        if result or renderable is None:
            return
        body = body_type()
        if any(isinstance(widget, body) for widget in self.screen.walk_children()):
            result["seconds"] = time.time() - started
            result["spacy_imported"] = "spacy" in sys.modules
            self.exit()

    app_class._display = display


class _WhenTextualLoads(importlib.abc.MetaPathFinder):
    """Patches textual.app as the reader imports it, so that the reader's own order of
    imports (and whatever it does while Textual loads) is what is measured."""

    def __init__(self, started: float) -> None:
        self.started = started

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if name != "textual.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.loader is not None
        load = spec.loader.exec_module
        started = self.started

        def exec_module(module: ModuleType) -> None:
            load(module)
            app_class = module.App
            run = app_class.run

            def run_headless(self: Any, *args: object, **kwargs: object) -> object:
                return run(self, headless=True, size=(120, 40))

            app_class.run = run_headless

            def article_view() -> type:
                from reader.ui.widgets.article_view import ArticleView

                return ArticleView

            watch_first_paint(app_class, started, article_view)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def main() -> None:
    started = float(sys.argv[1])
    path = sys.argv[2]
    if "--baseline" in sys.argv:
        from rich.text import Text
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        class Minimal(App[None]):
            def compose(self) -> ComposeResult:
                with open(path, encoding="utf-8") as stream:
                    yield Static(Text(stream.read()))

        watch_first_paint(App, started, lambda: Static)
        Minimal().run(headless=True, size=(120, 40))
    else:
        # `reader ARTICLE` exactly as typed, the terminal swapped for a headless one.
        sys.meta_path.insert(0, _WhenTextualLoads(started))
        from reader.cli import main as reader_main

        reader_main([path])
    print(json.dumps(result))


if __name__ == "__main__":
    main()
