"""o opens the article's web address, a click on a link opens the link: in the browser
the standard library's webbrowser chooses. The tests register a browser of their own
with webbrowser.register, the module's own way of adding one, which records what it is
asked to open."""

from __future__ import annotations

import webbrowser
from pathlib import Path
from typing import Any

import pytest

from reader.document import load_document
from reader.ui.app import make_app
from reader.ui.widgets.article_view import ArticleView

from .ui import analysed, press, status, until

ARTICLE = """\
---
title: Ferry timetable changes
source: https://news.example/ferry-timetable
---

The new timetable is on [the port's site](https://port.example/timetable) from Monday.
"""


class RecordingBrowser(webbrowser.BaseBrowser):
    def __init__(self) -> None:
        super().__init__("recording")
        self.opened: list[str] = []

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.opened.append(url)
        return True


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> RecordingBrowser:
    monkeypatch.delenv("BROWSER", raising=False)
    webbrowser.register_standard_browsers()
    monkeypatch.setattr(webbrowser, "_tryorder", list(webbrowser._tryorder or []))
    monkeypatch.setattr(webbrowser, "_browsers", dict(webbrowser._browsers))
    recording = RecordingBrowser()
    webbrowser.register("recording", None, recording, preferred=True)
    return recording


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "ferry.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


async def test_o_opens_the_articles_source(
    article: Path, analyses: Any, browser: RecordingBrowser
) -> None:
    document = load_document(article)
    app = make_app(document, cache=analyses(document))
    async with app.run_test(size=(100, 30)) as pilot:
        await analysed(pilot)
        await press(pilot, "o", lambda: browser.opened, "o")
        assert browser.opened == ["https://news.example/ferry-timetable"]
        await until(pilot, lambda: status(app).startswith("Opened"), "the status line")


async def test_a_click_on_a_link_opens_it(
    article: Path, analyses: Any, browser: RecordingBrowser
) -> None:
    document = load_document(article)
    app = make_app(document, cache=analyses(document))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await analysed(pilot)
        view = screen.query_one(ArticleView)
        block = next(i for i, b in enumerate(document.blocks) if "port's site" in b.text)
        (line,) = [n for n, ln in enumerate(view._lines) if ln.block == block][:1]
        column = document.blocks[block].text.index("port's site") - view._lines[line].start
        # The content starts after the article's left bar and padding.
        region = view.content_region
        x = region.x - view.region.x + column
        y = region.y - view.region.y + line
        await pilot.click(ArticleView, offset=(x, y))
        await until(pilot, lambda: browser.opened, "the link opened")
        assert browser.opened == ["https://port.example/timetable"]


async def test_no_browser_is_a_toast(
    article: Path, analyses: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BROWSER", raising=False)
    webbrowser.register_standard_browsers()
    monkeypatch.setattr(webbrowser, "_tryorder", [])  # a machine with no browser at all
    document = load_document(article)
    app = make_app(document, cache=analyses(document))
    async with app.run_test(size=(100, 30)) as pilot:
        await analysed(pilot)
        await pilot.press("o")
        await until(
            pilot,
            lambda: any(n.title == "No browser" for n in app._notifications),
            "the toast",
        )
        assert app.is_running
