"""Subscriptions: a list people can edit, OPML in and out, and the inbox of them all."""

from __future__ import annotations

import json
from pathlib import Path

from reader import subscriptions
from reader.analysis import AnalysisCache
from reader.subscriptions import Subscription
from reader.ui.app import make_app
from reader.ui.screens.library import LibraryScreen

from .conftest import ReaderRun
from .test_feeds import (
    server,  # noqa: F401 - the loopback server, a fixture
    titles,
)
from .ui import until

OPML = b"""<?xml version="1.0"?>
<opml version="1.0"><head><title>Mine</title></head><body>
  <outline text="World">
    <outline text="Harbour &amp; Sea" title="Harbour &amp; Sea" type="rss" xmlUrl="https://example.org/harbour.xml"/>
    <outline text="No feed here" htmlUrl="https://example.org/"/>
  </outline>
  <outline text="Wire" type="rss" xmlUrl="https://example.org/wire.atom"/>
</body></opml>
"""


def test_the_list_keeps_what_a_person_wrote(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text("# my feeds\nhttps://a.example/rss\tA  feed\n\n# old ones\n")
    assert subscriptions.load(path) == [Subscription("https://a.example/rss", "A feed")]
    added = subscriptions.subscribe(
        [Subscription("https://b.example/atom"), Subscription("https://a.example/rss")], path
    )
    assert added == [Subscription("https://b.example/atom")]
    assert subscriptions.unsubscribe("https://a.example/rss", path)
    assert not subscriptions.unsubscribe("https://a.example/rss", path)
    assert path.read_text() == "# my feeds\n\n# old ones\nhttps://b.example/atom\n"


def test_opml_in_and_out(tmp_path: Path) -> None:
    found = subscriptions.from_opml(OPML)
    assert found == [
        Subscription("https://example.org/harbour.xml", "Harbour & Sea"),
        Subscription("https://example.org/wire.atom", "Wire"),
    ]
    assert subscriptions.from_opml(subscriptions.to_opml(found).encode()) == found


def test_the_command_line_manages_them(reader_here: ReaderRun, tmp_path: Path) -> None:
    opml = tmp_path / "mine.opml"
    opml.write_bytes(OPML)
    assert reader_here("--subscribe", "https://example.org/wire.atom").stdout == (
        "Subscribed to https://example.org/wire.atom\n"
    )
    imported = reader_here("--import-opml", str(opml))
    assert imported.stdout == f"Imported 1 feed from {opml} (1 already subscribed)\n"
    exported = reader_here("--export-opml")
    assert exported.returncode == 0
    assert [s.address for s in subscriptions.from_opml(exported.stdout.encode())] == [
        "https://example.org/wire.atom",
        "https://example.org/harbour.xml",
    ]
    missing = reader_here("--unsubscribe", "https://nowhere.example/")
    assert missing.returncode == 2 and missing.stderr.startswith("reader: https://nowhere")
    refused = reader_here("--subscribe", "ftp://example.org/feed")
    assert refused.returncode == 2 and refused.stdout == ""
    not_opml = reader_here("--import-opml", str(Path(__file__)))
    assert not_opml.returncode == 2 and "is not OPML" in not_opml.stderr


def test_with_nothing_subscribed_no_argument_says_what_to_do(reader_here: ReaderRun) -> None:
    result = reader_here()
    assert result.returncode == 2
    assert "no feeds subscribed (reader --subscribe URL adds one)" in result.stderr


def test_json_with_no_argument_prints_every_subscribed_feeds_items(
    server: str,  # noqa: F811 - the fixture
    reader_here: ReaderRun,
) -> None:
    subscriptions.subscribe([Subscription(f"{server}/feed"), Subscription(f"{server}/feed.json")])
    result = reader_here("--json")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["title"] for line in lines] == ["Talks in Ankara", "Talks in Ankara"]


async def test_the_inbox_lists_every_feeds_items_newest_first_and_refreshes(
    server: str,  # noqa: F811 - the fixture
    tmp_path: Path,
) -> None:
    feeds = [f"{server}/feed", f"{server}/rss.xml", f"{server}/broken.xml"]
    app = make_app(None, cache=AnalysisCache(tmp_path), feeds=feeds)
    async with app.run_test(size=(140, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the inbox")
        inbox = app.screen
        assert isinstance(inbox, LibraryScreen)
        await until(pilot, lambda: inbox.title, "the inbox's title")
        assert inbox.title == "Inbox — 4 articles"
        # Newest first across the feeds; the item with no date last.
        assert titles(inbox) == [
            "Talks in Ankara",
            "Talks in Ankara",
            "Envoy says talks go on",
            "A page that never ends",
        ]
        assert any("broken.xml" in str(toast.message) for toast in app._notifications)
        await pilot.press("R")
        await until(
            pilot,
            lambda: isinstance(app.screen, LibraryScreen) and app.screen is not inbox,
            "the refreshed inbox",
        )
        await until(pilot, lambda: len(titles(app.screen)) == 4, "the items again")
