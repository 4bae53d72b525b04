"""What the reader prints and writes: the quote exports, JSON and screenshots.

The article here is hostile in every field an output carries: its title, its quotes and
its front matter hold escape sequences (set the window title, write the clipboard with
OSC 52, clear the screen), C1 controls, bidi overrides, spreadsheet formulas, raw HTML
and javascript: links.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reader.analysis.analyst import Analyst
from reader.document import load_document
from reader.ui.app import make_app

from .conftest import ROOT, ReaderRun
from .test_terminal import FORBIDDEN, reader_in_a_terminal, wait_for_exit

TITLE = "+SUM(1,2) \x1b]0;PWNED-TITLE\x07 talks <b>in</b> Oslo \x9b31m \u202eko"
HOSTILE = (
    f'---\ntitle: "{TITLE}"\n---\n\n'
    "“=SUM(A1:A9) \x1b[2J\x1b[H and \x1b]52;c;cHduZWQ=\x07 were \x1b[31;1;4mEVIL\x1b[0m "
    "\x9b31m the \u202e figures,” said Vladimir Putin.\n\n"
    "“<img src=x onerror=alert(1)> and [click](javascript:alert(1)) and "
    "<javascript:alert(1)> and <script>alert(2)</script> too,” Vladimir Putin said.\n\n"
    "“-1 is the answer,” said Angela Merkel.\n"
)
# Sequences the exports must not pass to a terminal, besides those of test_terminal.
CLEAR_SCREEN = b"\x1b[2J"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.md"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


# -- 1. the exports, printed into a terminal -------------------------------------------


@pytest.mark.parametrize("kind", ["csv", "markdown"])
def test_quote_exports_printed_to_a_terminal_obey_nothing(
    tmp_path: Path, hostile: Path, kind: str
) -> None:
    with reader_in_a_terminal(tmp_path, ["--quotes", kind, str(hostile)]) as (pid, fd):
        status, output = wait_for_exit(pid, fd, 120)
    assert status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert b"Vladimir Putin" in output, "the export was not printed"
    for sequence in [*FORBIDDEN, CLEAR_SCREEN]:
        assert sequence not in output  # no window title, no clipboard, no clearing
    assert b"\xe2\x80\xae" not in output  # the bidi override, raw
    # What the sequences said is there to read instead.
    assert b"PWNED-TITLE^G" in output and b"<U+202E>" in output.replace(b"\\", b"")


# -- 2. CSV formula injection -----------------------------------------------------------


def test_no_csv_cell_starts_a_formula(hostile: Path, reader_here: ReaderRun) -> None:
    result = reader_here("--quotes", "csv", str(hostile))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["quote"] for row in rows][::2] == [
        "'=SUM(A1:A9) ^[[2J^[[H and ^[]52;c;cHduZWQ=^G were ^[[31;1;4mEVIL^[[0m "
        "<U+009B>31m the <U+202E> figures,",
        "'-1 is the answer,",
    ]
    assert rows[0]["title"].startswith("'+SUM(1,2) ^[]0;PWNED-TITLE^G")
    for row in rows:
        for column in ("article", "title", "speaker", "quote", "source"):
            assert not row[column].lstrip().startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1+2", "'    =1+2"),
        ("\r=1+2", "'^M=1+2"),
        ("  =1+2", "'  =1+2"),
        ("a = b - c", "a = b - c"),
        (17, 17),
    ],
)
def test_csv_cells_for_every_start_owasp_names(value: object, cell: object) -> None:
    from reader.export import csv_cell

    assert csv_cell(value) == cell


# -- 3. Markdown without HTML or links ---------------------------------------------------


def test_markdown_export_renders_as_text_without_html_or_links(
    hostile: Path, reader_here: ReaderRun
) -> None:
    result = reader_here("--quotes", "markdown", str(hostile))
    assert result.returncode == 0, result.stderr
    # CommonMark with raw HTML allowed, as GitHub and most viewers render it.
    parser = MarkdownIt("commonmark", {"html": True})
    tokens = parser.parse(result.stdout)
    inline = [child for token in tokens for child in token.children or []]
    assert not [t for t in [*tokens, *inline] if t.type.startswith("html")]
    links = [t.attrGet("href") for t in inline if t.type == "link_open"]
    assert all(str(href).startswith(("http://", "https://")) for href in links), links
    assert not [t for t in inline if t.type == "image"]
    # The article's words are all there, as text.
    text = "".join(t.content for t in inline if t.type == "text")
    for words in (
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "<script>alert(2)</script>",
        "+SUM(1,2) ^[]0;PWNED-TITLE^G talks <b>in</b> Oslo",
    ):
        assert words in text


# -- 4. JSON: the real text, escaped by JSON ---------------------------------------------


def test_json_carries_the_real_text_and_escapes_what_a_terminal_obeys(hostile: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--json", str(hostile)],
        capture_output=True,
        timeout=300,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    for raw in ("\x1b", "\x9b", "\u202e", "\x07"):
        assert raw.encode() not in result.stdout
    data = json.loads(result.stdout)
    assert data["title"] == " ".join(TITLE.split())  # the article's own title, not ^[
    text = hostile.read_text(encoding="utf-8")
    quote = data["quotes"][0]
    assert text[quote["start"] : quote["end"]] == quote["text"]
    assert "\x9b31m the \u202e figures" in quote["text"]


# -- 5. a file name that is not UTF-8 ----------------------------------------------------


@pytest.mark.parametrize("options", [["--quotes", "csv"], ["--quotes", "markdown"], ["--json"]])
def test_a_file_name_that_is_not_utf8(tmp_path: Path, options: list[str]) -> None:
    name = os.fsencode(tmp_path) + b"/caf\xe9 \x1b]0;PWNED\x07.md"
    with open(name, "wb") as stream:
        stream.write(
            "Talks in Oslo\n\n“We will talk to them soon,” said Vladimir Putin.\n".encode()
        )
    result = subprocess.run(
        [sys.executable, "-m", "reader", *options, os.fsdecode(name)],
        capture_output=True,
        timeout=300,
        check=False,
        cwd=ROOT,
        env={**os.environ, "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": ""},
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr and b"\x1b" not in result.stdout
    assert b"Vladimir Putin" in result.stdout
    if options != ["--json"]:
        assert "caf\ufffd ^[]0;PWNED^G.md".encode() in result.stdout.replace(b"\\", b"")
    else:
        assert json.loads(result.stdout)["title"] == "caf\udce9 \x1b]0;PWNED\x07.md"


# -- 6. screenshots are valid SVG --------------------------------------------------------


async def test_a_screenshot_of_noncharacters_is_valid_svg(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, analyst: Analyst
) -> None:
    path = tmp_path / "nonchar.txt"
    path.write_text("Odd bytes\n\nVladimir Putin \ufffe met \uffff in \U0001fffe.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    app = make_app(load_document(path), analyst=analyst)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
    (svg,) = tmp_path.glob("*.svg")
    ElementTree.parse(svg)  # raises on a character XML does not allow
    shown = "".join(ElementTree.parse(svg).getroot().itertext()).replace("\xa0", " ")
    assert "<U+FFFE>" in shown and "<U+FFFF>" in shown and "<U+1FFFE>" in shown
