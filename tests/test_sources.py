"""Where articles come from: saved pages, web addresses, pipes, several files, folders."""

from __future__ import annotations

import csv
import http.server
import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.document import Format, LoadError, load_document
from reader.document.web import fetch

from .conftest import ROOT, SAMPLES, SEED, ReaderRun, run_reader
from .loopback import answer, serving
from .ui import analysed, until

PAGES = Path(__file__).parent / "pages"
PAGE = PAGES / "ankara-talks.html"


def test_saved_page_is_reduced_to_its_article() -> None:
    document = load_document(PAGE)
    assert document.format is Format.WEB
    assert document.title == "Putin and Erdogan agree on Syria ceasefire talks"
    assert "agreed to push for a ceasefire in northern Syria." in " ".join(document.text.split())
    for boilerplate in ("Most read", "Celebrity news", "Copyright 2020", "Privacy"):
        assert boilerplate not in document.text
    assert "Jane Doe" in document.blocks[1].text  # the byline


def test_json_of_a_page_includes_the_text_its_offsets_index(reader_here: ReaderRun) -> None:
    result = reader_here("--json", str(PAGE))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    text = data["text"]
    names = {p["name"] for p in data["people"]}
    assert {"Vladimir Putin", "Recep Tayyip Erdogan"} <= names
    for person in data["people"]:
        for mention in person["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
    speakers = {q["text"].split()[0]: q["speaker_name"] for q in data["quotes"]}
    assert speakers == {"We": "Vladimir Putin", "Our": "Recep Tayyip Erdogan"}


class _Pages(http.server.BaseHTTPRequestHandler):
    # /slow.html and /held/article.html answer only once a test lets them (or after a
    # minute): a test sees what the reader shows while it waits, however fast the machine.
    release = threading.Event()

    def do_GET(self) -> None:
        if self.path in ("/article.html", "/held/article.html"):
            if self.path.startswith("/held/"):
                self.release.wait(60)
            answer(self, PAGE.read_bytes(), "text/html; charset=utf-8")
        elif self.path == "/menu.html":
            answer(self, b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
        elif self.path == "/evil-reason.html":
            # A reason phrase is the server's to choose, escape sequences included.
            self.send_response(404, "\x1b]0;PWNED-REASON\x07 Gone")
            self.end_headers()
        elif self.path == "/slow.html":
            self.release.wait(60)
            self.send_response(200)
            self.end_headers()
        else:
            self.send_error(404, "Not Found")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A web server on the loopback interface, for this module's tests only."""
    with serving(_Pages) as base:
        yield base


def test_web_address_is_fetched_and_extracted(server: str, reader_here: ReaderRun) -> None:
    result = reader_here("--json", f"{server}/article.html")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "Putin and Erdogan agree on Syria ceasefire talks"
    assert data["source"] == f"{server}/article.html"


def test_http_error_is_one_line(server: str) -> None:
    result = run_reader("--json", f"{server}/gone.html")
    assert result.returncode == 2
    assert result.stderr.strip() == f"reader: {server}/gone.html: HTTP 404 Not Found"


def test_page_that_is_not_an_article(server: str) -> None:
    result = run_reader("--json", f"{server}/menu.html")
    assert result.returncode == 2
    assert "is not an article" in result.stderr and "Traceback" not in result.stderr


def test_timeout_is_reported(server: str) -> None:
    with pytest.raises(LoadError, match=r"was not fetched within 0.5 seconds"):
        fetch(f"{server}/slow.html", timeout=0.5)


def test_standard_input() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "reader", "--json", "-"],
        input=SEED.read_bytes(),
        capture_output=True,
        timeout=300,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"].startswith("Attack on Turkish soldiers")
    assert data["text"] == SEED.read_text(encoding="utf-8")
    assert len(data["people"]) == 5


def test_several_files_print_json_lines_in_order(tmp_path: Path) -> None:
    paths = [str(p) for p in sorted(SAMPLES.glob("*.md"))] + [str(tmp_path / "missing.md")]
    result = run_reader("--json", *paths)
    assert result.returncode == 1  # one of them could not be read
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["title"][:20] for d in lines] == [load_document(p).title[:20] for p in paths[:-1]]
    assert result.stderr.strip() == f"reader: {tmp_path / 'missing.md'}: no such file"


def test_a_folder_is_its_articles() -> None:
    result = run_reader("--json", str(SAMPLES))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == len(list(SAMPLES.glob("*.md"))) + 1


def test_quotes_export_as_csv_and_markdown(reader_here: ReaderRun) -> None:
    result = reader_here("--quotes", "csv", str(SEED))
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["speaker"], r["quote"].split()[0]) for r in rows] == [
        ("Lavrov", "Russia"),
        ("Lavrov", "Never"),
        ("Mevlut Cavusoglu", "Our"),
        ("Mevlut Cavusoglu", "A"),
    ]
    text = SEED.read_text(encoding="utf-8")
    assert all(text[int(r["start"]) : int(r["end"])] == r["quote"] for r in rows)
    markdown = reader_here("--quotes", "markdown", str(SEED)).stdout
    assert markdown.startswith("## Attack on Turkish soldiers")
    assert "> — Mevlut Cavusoglu" in markdown


def test_a_servers_error_text_is_shown_not_obeyed(server: str) -> None:
    result = run_reader("--json", f"{server}/evil-reason.html")
    assert result.returncode == 2
    assert "\x1b" not in result.stderr
    assert "^[]0;PWNED-REASON^G Gone" in result.stderr


async def test_library_is_drawn_before_a_slow_page_arrives(server: str, tmp_path: Path) -> None:
    from textual.widgets import DataTable

    from reader.analysis import AnalysisCache
    from reader.ui.app import make_app

    app = make_app(None, cache=AnalysisCache(tmp_path), library=[str(SEED), f"{server}/slow.html"])
    _Pages.release.clear()
    async with app.run_test(size=(120, 30)) as pilot:
        # The table, and the local article read, while the server still holds back.
        await until(pilot, lambda: app.screen.articles[0].document is not None, "the seed")
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        assert not app.screen.settled
        _Pages.release.set()
        await until(pilot, lambda: app.screen.settled, "every article to be settled")
        titles = [str(table.get_cell(row, "Title")) for row in table.rows]
        assert any(t.startswith("⚠") for t in titles)  # the empty answer is no article


async def test_the_app_fetches_a_web_address_then_shows_its_article(
    server: str, tmp_path: Path
) -> None:
    from reader.analysis import AnalysisCache
    from reader.ui.app import make_app

    app = make_app(None, cache=AnalysisCache(tmp_path), address=f"{server}/held/article.html")
    _Pages.release.clear()
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: app.screen.query("#fetching-address"), "the fetching screen")
        assert "Fetching" in str(app.screen.query_one("#fetching-address").render())
        _Pages.release.set()
        screen = await analysed(pilot)  # the reading screen, built and analysed
        assert screen.title == "Putin and Erdogan agree on Syria ceasefire talks"
