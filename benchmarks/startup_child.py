"""Run by benchmarks/performance.py in a fresh process: open an article, report first paint.

`reader ARTICLE` as the user runs it (its command line, headless), or (with
--baseline) a minimal Textual app showing the same file's text in one widget. Prints one
JSON line: seconds from the parent's timestamp to the first frame that contains the
article's text, and whether spaCy had been imported by then.
"""

from __future__ import annotations

import json
import sys
import time


def main() -> None:
    started = float(sys.argv[1])
    path = sys.argv[2]
    baseline = "--baseline" in sys.argv
    from textual.app import App

    if baseline:
        from rich.text import Text
        from textual.app import ComposeResult
        from textual.widgets import Static

        class Minimal(App[None]):
            def compose(self) -> ComposeResult:
                with open(path, encoding="utf-8") as stream:
                    yield Static(Text(stream.read()))

        app: App[None] = Minimal()
        body_type: type = Static
    else:
        app = None  # made by the command line itself, below
        body_type = None

    original = App._display
    result: dict[str, object] = {}

    def display(self: App[None], screen: object, renderable: object) -> None:
        original(self, screen, renderable)
        if result or renderable is None:
            return
        if any(isinstance(widget, body_type) for widget in self.screen.walk_children()):
            result["seconds"] = time.time() - started
            result["spacy_imported"] = "spacy" in sys.modules
            self.exit()

    App._display = display  # type: ignore[method-assign]
    if app is not None:
        app.run(headless=True, size=(120, 40))
    else:
        # `reader ARTICLE` exactly as typed, the terminal swapped for a headless one.
        original_run = App.run

        def run_headless(self: App[None], *args: object, **kwargs: object) -> object:
            nonlocal body_type
            from reader.ui.widgets.article_view import ArticleView

            body_type = ArticleView
            return original_run(self, headless=True, size=(120, 40))

        App.run = run_headless  # type: ignore[method-assign]
        from reader.cli import main as reader_main

        reader_main([path])
    print(json.dumps(result))


if __name__ == "__main__":
    main()
