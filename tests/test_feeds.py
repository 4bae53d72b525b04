"""News feeds: RSS, Atom and JSON Feed opened as a list of items, each analysed.

Every feed and page here is served on the loopback interface by a server the test starts
(the items' pages among them: one that is an article, one that 404s, one that never
finishes sending), and every fetch is bounded by READER_FETCH_TIMEOUT, so nothing here
waits on the network or on a clock.
"""

from __future__ import annotations

import http.server
import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from textual.widgets import DataTable

from reader.analysis import AnalysisCache
from reader.document import Feed, FeedItem, LoadError, load_source, open_argument
from reader.document.feed import looks_like_feed, parse_feed
from reader.document.sources import MAX_CONNECTIONS
from reader.ui.app import make_app
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.main import MainScreen

from .conftest import ReaderRun, run_reader
from .loopback import answer, serving
from .trickle import trickling_server
from .ui import analysed, until

PAGE = Path(__file__).parent / "pages" / "ankara-talks.html"
SIZE = (140, 36)
FALLBACK_TEXT = (
    "Officials from both countries met in the capital on Monday. "
    '"We will keep talking until there is a deal," said Marta Ilves, the envoy.'
)


def rss(base: str, slow: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!-- an invented feed -->
<rss version="2.0"><channel>
<title>Harbour \x1b[31mDaily [b]News[/b]</title>
<link>{base}/</link>
<item>
  <title>Talks in Ankara</title><link>{base}/article.html</link><guid>talks-1</guid>
  <pubDate>Tue, 03 Jun 2025 09:39:21 GMT</pubDate>
  <description>A short summary.</description>
</item>
<item>
  <title>Envoy says talks go on</title><link>{base}/gone.html</link><guid>envoy-2</guid>
  <pubDate>Mon, 02 Jun 2025 08:00:00 GMT</pubDate>
  <description>&lt;p&gt;{FALLBACK_TEXT}&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description>
</item>
<item>
  <title>A page that never ends</title><link>{slow}</link><guid>slow-3</guid>
  <description>{FALLBACK_TEXT}</description>
</item>
</channel></rss>
""".encode()


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Wire</title>
  <entry>
    <title>Talks in Ankara</title><id>tag:wire,2025:1</id>
    <link href="/article.html"/>
    <updated>2025-06-03T09:00:00Z</updated>
    <summary>A short summary.</summary>
  </entry>
</feed>
"""

JSON_FEED = json.dumps(
    {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON Wire",
        "home_page_url": "http://127.0.0.1/",
        "items": [
            {
                "id": "j1",
                "url": "/article.html",
                "title": "Talks in Ankara",
                "date_published": "2025-06-03T10:00:00+02:00",
                "content_text": FALLBACK_TEXT,
            }
        ],
    }
).encode()


class _Server(http.server.BaseHTTPRequestHandler):
    slow = ""  # the address of a page that never finishes (set by the fixture)
    # Requests for /big/N pages under way at once, and the most there ever were.
    lock = threading.Lock()
    busy = 0
    most: ClassVar[list[int]] = [0]

    def do_GET(self) -> None:
        base = f"http://{self.headers['Host']}"
        if self.path == "/article.html":
            self._send(PAGE.read_bytes(), "text/html; charset=utf-8")
        elif self.path == "/rss.xml":
            self._send(rss(base, self.slow), "application/rss+xml")
        elif self.path == "/feed":  # a feed whose address says nothing of what it is
            self._send(ATOM.replace(b'href="/', f'href="{base}/'.encode()), "text/xml")
        elif self.path == "/feed.json":
            self._send(JSON_FEED.replace(b"http://127.0.0.1/", f"{base}/".encode()), "")
        elif self.path == "/to-feed":
            self.send_response(302)
            self.send_header("Location", "/rss.xml")
            self.end_headers()
        elif self.path == "/broken.xml":
            self._send(b'<?xml version="1.0"?><rss><channel><title>Bro', "text/xml")
        elif self.path == "/big.xml":
            items = "".join(
                f"<item><title>Item {n}</title><link>{base}/big/{n}</link></item>"
                for n in range(500)
            )
            self._send(f"<rss><channel><title>Big</title>{items}</channel></rss>".encode(), "")
        elif self.path.startswith("/big/"):
            with self.lock:
                type(self).busy += 1
                self.most[0] = max(self.most[0], self.busy)
            try:
                time.sleep(0.05)  # long enough for the reader's fetches to overlap
                self._send(PAGE.read_bytes(), "text/html")
            finally:
                with self.lock:
                    type(self).busy -= 1
        else:
            self.send_error(404, "Not Found")

    def _send(self, body: bytes, kind: str) -> None:
        answer(self, body, kind)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with trickling_server() as trickle:
        _Server.slow = f"{trickle}/body"
        with serving(_Server) as base:
            yield base


@pytest.fixture(autouse=True)
def _quick_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_FETCH_TIMEOUT", "2")


# -- reading feeds ----------------------------------------------------------------------


def test_rss_atom_and_json_feed_give_the_same_item() -> None:
    base = "http://example.test"
    feeds = [
        parse_feed(f"{base}/rss.xml", rss(base, f"{base}/slow")),
        parse_feed(f"{base}/atom", ATOM),
        parse_feed(
            f"{base}/feed.json", JSON_FEED.replace(b"http://127.0.0.1/", b"http://example.test/")
        ),
    ]
    for feed in feeds:
        item = feed.items[0]
        assert (item.title, item.link) == ("Talks in Ankara", f"{base}/article.html")
        assert item.date == "2025-06-03"
    assert [feed.title for feed in feeds[1:]] == ["Atom Wire", "JSON Wire"]
    assert feeds[2].items[0].text == FALLBACK_TEXT
    # The feed's HTML becomes plain text: no tags, nothing of the script.
    envoy = feeds[0].items[1]
    assert envoy.text == FALLBACK_TEXT


@pytest.mark.parametrize(
    ("name", "data", "feed"),
    [
        ("news.txt", b"The rss of the feed <rss> is not at the start.", False),
        ("page.html", b"<!doctype html><html><body><p>Hi</p></body></html>", False),
        (
            "saved",
            b"\xef\xbb\xbf  <?xml version='1.0'?>\n<!-- c -->\n<rdf:RDF xmlns:rdf='x'>",
            True,
        ),
        ("saved.xml", b"<?xml version='1.0'?><!DOCTYPE feed><feed xmlns='x'>", True),
        ("saved", b'{"version": "https://jsonfeed.org/version/1", "items": []}', True),
        ("data.json", b'{"version": "1.0", "items": []}', False),
        ("list.rss", b"", True),  # called a feed: read as one, to say why it is not
    ],
)
def test_a_feed_is_known_by_what_it_starts_with(name: str, data: bytes, feed: bool) -> None:
    assert looks_like_feed(Path(name), data) is feed


def test_a_long_run_of_comments_is_sniffed_in_one_pass() -> None:
    # Each comment is skipped to its end once: a head of unclosed comments is not a feed,
    # and answering that does not depend on how they could be split.
    assert not looks_like_feed(Path("x"), b"<!--" + b"-- -->" * 2000)
    assert not looks_like_feed(Path("x"), b"<!-- " * 3000)


def test_a_broken_feed_is_one_line(server: str, tmp_path: Path) -> None:
    saved = tmp_path / "broken.rss"
    saved.write_bytes(b"<rss><channel><title>Broken</title></channel")
    for argument in (str(saved), f"{server}/broken.xml"):
        result = run_reader("--json", argument)
        assert result.returncode == 2, result.stderr
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"reader: {argument}: is a feed")


def test_json_prints_a_line_per_item_with_its_source_date_and_text(
    server: str, reader_here: ReaderRun
) -> None:
    result = reader_here("--json", f"{server}/rss.xml")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["source"] for line in lines] == [
        f"{server}/article.html",
        f"{server}/gone.html",
        _Server.slow,
    ]
    page, gone, slow = lines
    assert page["title"] == "Talks in Ankara" and page["date"] == "2025-06-03"
    assert "note" not in page
    assert "Putin" in page["text"]
    # The page that 404s and the one that never ends: the feed's own text, said so.
    assert gone["note"] == ("The feed's own text of this item: its page HTTP 404 Not Found.")
    assert "was not fetched within 2 seconds" in slow["note"]
    for line in (gone, slow):
        assert FALLBACK_TEXT.split(".")[0] in line["text"]
        assert "alert" not in line["text"]
        speakers = {quote["speaker_name"] for quote in line["quotes"]}
        assert speakers == {"Marta Ilves"}
        for person in line["people"]:
            for mention in person["mentions"]:
                assert line["text"][mention["start"] : mention["end"]] == mention["text"]


def test_a_feed_behind_a_redirect_or_an_address_that_names_no_kind(
    server: str, reader_here: ReaderRun
) -> None:
    redirected = reader_here("--json", f"{server}/to-feed")
    assert redirected.returncode == 0, redirected.stderr
    assert len(redirected.stdout.splitlines()) == 3
    atom = reader_here("--json", f"{server}/feed")
    assert atom.returncode == 0, atom.stderr
    (line,) = [json.loads(text) for text in atom.stdout.splitlines()]
    assert line["source"] == f"{server}/article.html"


def test_an_item_with_no_page_and_no_text_says_so() -> None:
    item = FeedItem(feed="Wire", title="Nothing here", link="", key="k")
    with pytest.raises(LoadError, match="the feed links to no page for it, and the feed has"):
        load_source(item)


# -- the app ----------------------------------------------------------------------------


def titles(library: LibraryScreen) -> list[str]:
    table = library.query_one(DataTable)
    return [str(table.get_cell(row, "Title")) for row in table.rows]


async def test_the_app_lists_a_feeds_items_and_reads_each(server: str, tmp_path: Path) -> None:
    found = open_argument(f"{server}/rss.xml")
    assert isinstance(found, Feed)
    app = make_app(
        None, cache=AnalysisCache(tmp_path), library=list(found.items), title=found.title
    )
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        library = app.screen
        assert isinstance(library, LibraryScreen)
        # The titles are the feed's, shown before any page has come.
        assert titles(library) == [
            "Talks in Ankara",
            "Envoy says talks go on",
            "A page that never ends",
        ]
        # Escape sequences and markup in the feed's title are shown, not obeyed.
        assert library.title == "Harbour ^[[31mDaily [b]News[/b] — 3 articles"
        await until(pilot, lambda: library.settled, "every item analysed")
        table = library.query_one(DataTable)
        assert str(table.get_cell("1", "Quotes")).strip() == "1"
        table.move_cursor(row=1)
        await pilot.press("enter")
        screen = await analysed(pilot)
        assert screen.document.note.startswith("The feed's own text of this item")
        assert any("The feed's own text" in str(toast.message) for toast in app._notifications)
        await pilot.press("q")  # back to the feed, on the item just read
        await until(pilot, lambda: app.screen is library, "the library")
        await until(pilot, lambda: table.cursor_row == 1, "the cursor on the item read")
        await pilot.press("enter")
        await analysed(pilot)
        await pilot.press("escape")  # nothing selected: Esc goes back too
        await until(pilot, lambda: app.screen is library, "the library after Esc")
        await pilot.press("Q")
        await until(pilot, lambda: not app.is_running, "Q to quit")


async def test_a_feeds_address_opens_in_the_library(server: str, tmp_path: Path) -> None:
    app = make_app(None, cache=AnalysisCache(tmp_path), address=f"{server}/feed.json")
    async with app.run_test(size=SIZE) as pilot:
        await until(
            pilot,
            lambda: isinstance(app.screen, LibraryScreen) and app.screen.title,
            "the feed's items",
        )
        assert app.screen.title == "JSON Wire — 1 article"
        assert titles(app.screen) == ["Talks in Ankara"]


async def test_a_500_item_feed_lists_at_once_and_fetches_a_few_pages_at_a_time(
    server: str, tmp_path: Path
) -> None:
    found = open_argument(f"{server}/big.xml")
    assert isinstance(found, Feed) and len(found.items) == 500
    _Server.most[0] = 0
    app = make_app(None, cache=AnalysisCache(tmp_path), library=list(found.items))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        library = app.screen
        assert isinstance(library, LibraryScreen)
        assert len(titles(library)) == 500
        await until(pilot, lambda: library._documents >= 2 * MAX_CONNECTIONS, "some pages")
    assert 1 < _Server.most[0] <= MAX_CONNECTIONS


async def test_q_in_an_article_opened_alone_quits(tmp_path: Path) -> None:
    from reader.document import load_document

    from .conftest import SEED

    app = make_app(load_document(SEED), cache=AnalysisCache(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "the article")
        await pilot.press("q")
        await until(pilot, lambda: not app.is_running, "q to quit")


# -- hostile feeds ----------------------------------------------------------------------


def test_a_feed_of_a_hundred_thousand_items_is_cut_to_its_first_thousand() -> None:
    from reader.document.feed import MAX_ITEMS

    item = b"<item><title>x</title><description>y</description></item>"
    feed = parse_feed(
        "big", b"<rss><channel><title>t</title>" + item * 100_000 + b"</channel></rss>"
    )
    assert len(feed.items) == MAX_ITEMS


def test_titles_are_lines_not_pages() -> None:
    from reader.document.feed import MAX_TITLE

    data = b"<rss><channel><title>" + b"word " * 100_000 + b"</title><item><title>"
    data += b"x" * 1_000_000 + b"</title><description>y</description></item></channel></rss>"
    feed = parse_feed("long", data)
    assert len(feed.title) == len(feed.items[0].title) == MAX_TITLE
    assert feed.items[0].title.endswith("…")


def test_entities_that_multiply_are_not_expanded() -> None:
    entities = b"".join(
        b'<!ENTITY %c "%s">' % (98 + i, (b"&%c;" % (97 + i)) * 10) for i in range(9)
    )
    data = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">' + entities + b"]>"
        b"<rss><channel><title>&j;</title><item><title>&j;</title><description>x"
        b"</description></item></channel></rss>"
    )
    feed = parse_feed("laughs", data)
    assert len(feed.title) < 100 and len(feed.items[0].title) < 100


def test_a_feed_too_large_is_one_line(tmp_path: Path) -> None:
    from reader.document.feed import MAX_FEED_BYTES

    saved = tmp_path / "huge.rss"
    saved.write_bytes(b"<rss>" + b" " * MAX_FEED_BYTES + b"</rss>")
    with pytest.raises(LoadError, match=r"is too large to be a news feed \(more than 8 MB\)"):
        open_argument(str(saved))


# -- refreshing -------------------------------------------------------------------------


class _Validating(http.server.BaseHTTPRequestHandler):
    """A feed with an ETag: 304 Not Modified to a request that sends it back."""

    asked: ClassVar[list[str]] = []  # each request's If-None-Match ("" for none)
    answered: ClassVar[list[int]] = []

    def do_GET(self) -> None:
        sent = self.headers.get("If-None-Match", "")
        self.asked.append(sent)
        if sent == '"v1"':
            self.answered.append(304)
            self.send_response(304)
            self.end_headers()
            return
        self.answered.append(200)
        answer(self, ATOM, ETag='"v1"')

    def log_message(self, *args: object) -> None:
        pass


def test_an_unchanged_feed_costs_one_small_request_and_an_unreachable_one_its_copy() -> None:
    with serving(_Validating) as base:
        address = f"{base}/feed"
        first = open_argument(address)
        again = open_argument(address)
    assert _Validating.asked == ["", '"v1"'] and _Validating.answered == [200, 304]
    assert isinstance(first, Feed) and isinstance(again, Feed)
    assert again.items == first.items and not again.stale
    gone = open_argument(address)  # the server is no more: its copy, saying so
    assert isinstance(gone, Feed) and gone.items == first.items
    assert gone.stale.startswith("the copy fetched ")
    assert "could not be fetched" in gone.stale


# -- offline ----------------------------------------------------------------------------


class _Pages(http.server.BaseHTTPRequestHandler):
    """An article page and a missing one, counting what is asked for."""

    asked: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.asked.append(self.path)
        if self.path != "/article.html":
            self.send_error(404, "Not Found")
            return
        answer(self, PAGE.read_bytes(), "text/html; charset=utf-8")

    def log_message(self, *args: object) -> None:
        pass


def test_an_item_read_before_opens_with_no_network_and_its_analysis_is_found_again() -> None:
    from reader.analysis import analyze
    from reader.analysis.nlp import choose_model
    from reader.analysis.pipeline import cached_analysis

    with serving(_Pages) as base:
        read = FeedItem("Wire", "Talks in Ankara", f"{base}/article.html", "talks-1")
        missing = FeedItem("Wire", "Gone", f"{base}/gone.html", "gone-2", text=FALLBACK_TEXT)
        first = load_source(read)
        assert load_source(missing).note  # the feed's own text: its page is not kept
        cache = AnalysisCache()
        analysis = analyze(first, cache=cache)
        assert load_source(read) == first  # read again from its copy, not fetched
        assert _Pages.asked == ["/article.html", "/gone.html"]
    offline = load_source(read)  # the server has gone
    assert offline == first and not offline.note
    assert "ceasefire" in offline.text  # the page's article, not the feed's summary
    assert cached_analysis(offline, choose_model(), cache)[1] == analysis
    with pytest.raises(LoadError, match="could not be fetched"):
        load_source(FeedItem("Wire", "Gone", missing.link, "gone-2"))


def test_kept_pages_are_bounded_and_a_damaged_copy_is_fetched_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.document import page_cache

    monkeypatch.setattr(page_cache, "MOST_PAGES", 2)
    for number in range(3):
        page_cache.store(f"http://example.org/{number}", f"text {number}", tmp_path)
        if number == 0:
            assert page_cache.stored("http://example.org/0", tmp_path) is not None
    # Pruned once, when the first page was kept: three now, the next process keeps two.
    assert len(list(tmp_path.glob("*.json"))) == 3
    page_cache._prune_once.cache_clear()
    old = time.time() - 3600
    for path in tmp_path.glob("*.json"):
        if "example.org/1" in path.read_text():
            os.utime(path, (old, old))  # read least recently
    page_cache.store("http://example.org/3", "text 3", tmp_path)
    assert page_cache.stored("http://example.org/1", tmp_path) is None
    assert len(list(tmp_path.glob("*.json"))) == 2
    (path,) = [p for p in tmp_path.glob("*.json") if "example.org/3" in p.read_text()]
    path.write_text('{"address": "http://example.org/3", "text"', encoding="utf-8")
    assert page_cache.stored("http://example.org/3", tmp_path) is None


async def test_feed_addresses_among_several_arguments_list_their_items(
    server: str, tmp_path: Path
) -> None:
    """`reader URL URL URL`: an address is fetched in the library, and one that is a feed
    becomes its items, each loaded and analysed like the rest; its row says so."""
    addresses = [f"{server}/feed.json", f"{server}/article.html", f"{server}/rss.xml"]
    app = make_app(None, cache=AnalysisCache(tmp_path), library=addresses)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await until(pilot, lambda: len(library.articles) == 7, "both feeds' items")
        await until(pilot, lambda: library.settled, "every article analysed")
        assert library.title == "7 articles"
        assert len(titles(library)) == 7
        assert [article.note for article in library.articles if article.note] == [
            "JSON Wire: a news feed, its 1 item listed here",
            "Harbour \x1b[31mDaily [b]News[/b]: a news feed, its 3 items listed here",
        ]
        # The feed's title as it is, shown literally: no escape sequence, no markup.
        assert "Harbour ^[[31mDaily [b]News[/b]: a…" in titles(library)
        assert sorted(article.title for article in library.articles if article.analysis) == [
            "A page that never ends",
            "Envoy says talks go on",
            "Putin and Erdogan agree on Syria ceasefire talks",
            "Talks in Ankara",
            "Talks in Ankara",
        ]
