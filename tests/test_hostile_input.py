"""Bad and hostile input: each case from the issue, with what the reader must do with it.

Not an article → one line naming the file and the reason, exit status 2, in `--json` and
in the app. Everything else → opens, text shown literally, nothing sent to the terminal,
analysis finished in time proportional to the size, the file never written.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.analysis import analyze
from reader.analysis.analyst import Analyst
from reader.document import LoadError, load_document
from reader.document.decode import MAX_BYTES
from reader.document.web import MAX_PAGE_BYTES
from reader.ui.app import make_app
from reader.ui.widgets.article_view import ArticleView

from .conftest import ROOT, ReaderRun, run_reader
from .conftest import SEED as SEED_PATH
from .ui import analysed, drawn_runs, palette_choose, status, until

ESCAPES = (
    "Clear \x1b[2J\x1b[H screen, title \x1b]0;PWNED-TITLE\x07, clipboard "
    "\x1b]52;c;cHduZWQ=\x07, link \x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\, "
    "colour \x1b[31;1;4mEVIL\x1b[0m, C1 \x9b31m and bell \x07."
)


def write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# -- not an article --------------------------------------------------------------------


def _missing(tmp: Path) -> Path:
    return tmp / "nope.md"


def _directory(tmp: Path) -> Path:
    (tmp / "folder").mkdir()
    return tmp / "folder"


def _binary_image(tmp: Path) -> Path:
    return write(tmp / "photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)))


def _nul_bytes(tmp: Path) -> Path:
    return write(tmp / "nul.txt", b"Lavrov said\x00\x00\x00 nothing\x00" * 50)


def _fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "pipe")
    return tmp / "pipe"


def _undecodable(tmp: Path) -> Path:
    # Not UTF-8, and full of C1 controls as Latin-1: no text encoding makes sense of it.
    return write(tmp / "junk.txt", bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D] * 400))


NOT_ARTICLES: list[tuple[Callable[[Path], Path], str]] = [
    (_missing, "no such file"),
    (_directory, "is a folder with no articles in it"),
    (_binary_image, "is a binary file"),
    (_nul_bytes, "is a binary file"),
    (_fifo, "is not a regular file"),
    (_undecodable, "not in a known encoding"),
]


@pytest.mark.parametrize(("make", "reason"), NOT_ARTICLES, ids=lambda v: getattr(v, "__name__", v))
def test_not_an_article_json(tmp_path: Path, make: Callable[[Path], Path], reason: str) -> None:
    path = make(tmp_path)
    result = run_reader("--json", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines == [f"reader: {path}: {lines[0].split(': ', 2)[2]}"]
    assert reason in lines[0]


@pytest.mark.parametrize(("make", "reason"), NOT_ARTICLES[:3], ids=["missing", "dir", "image"])
def test_not_an_article_app(tmp_path: Path, make: Callable[[Path], Path], reason: str) -> None:
    # The app refuses before it takes over the terminal: same message, same status.
    result = run_reader(str(make(tmp_path)))
    assert result.returncode == 2
    assert reason in result.stderr and "Traceback" not in result.stderr


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.md", "Vladimir Putin spoke.")
    path.chmod(0)
    if os.geteuid() == 0:
        # root reads anything; make the read fail as it does for everyone else.
        def denied(self: Path) -> bytes:
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(LoadError, match="permission denied"):
        load_document(path)


def test_control_characters_in_a_file_name_are_not_obeyed(tmp_path: Path) -> None:
    result = run_reader("--json", str(tmp_path / "a\x1b]0;PWNED\x07.md"))
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "^[]0;PWNED^G" in result.stderr


# -- opens, shown literally --------------------------------------------------------------


def body_lines(app: object) -> str:
    view = app.screen.query_one(ArticleView)
    return "\n".join(
        "".join(segment.text for segment in view.render_line(y)) for y in range(view.size.height)
    )


async def open_in_app(path: Path, analyst: Analyst, size: tuple[int, int] = (100, 30)) -> str:
    app = make_app(load_document(path), analyst=analyst)
    async with app.run_test(size=size) as pilot:
        await analysed(pilot)
        assert app.is_running
        return body_lines(app)


@pytest.mark.parametrize(
    ("name", "data", "shown"),
    [
        ("empty.txt", b"", "This article is empty."),
        ("blank.txt", b"  \n\n\t \n", "This article is empty."),
        ("bom.txt", "\ufeffHeadline\n\nVladimir Putin spoke.".encode(), "Vladimir Putin spoke."),
        ("utf16.txt", "Headline\n\nÇavuşoğlu spoke.".encode("utf-16"), "Çavuşoğlu spoke."),
        ("crlf.md", b"# Title\r\n\r\nVladimir Putin spoke.\r\n", "Vladimir Putin spoke."),
        ("latin.txt", "Headline\n\nCavuşoglu said café.".encode("cp1252", "replace"), "café"),
        (
            "markup.md",
            b"[bold]x[/bold] [link=file:///etc/passwd]y[/link] [@click=app.quit]z[/]",
            "[bold]x[/bold] [link=file:///etc/passwd]y[/link] [@click=app.quit]z[/]",
        ),
        ("escapes.txt", ESCAPES.encode(), "^[]0;PWNED-TITLE^G"),
        ("bidi.txt", "Ali said \u202egnirts desrever\u202c here.".encode(), "<U+202E>gnirts"),
        (
            "cjk.txt",
            "習近平 met 文在寅 in Seoul 😀 and e\u0301te\u0301.".encode(),
            "習近平 met 文在寅",
        ),
    ],
)
async def test_opens_and_shows_literally(
    tmp_path: Path, name: str, data: bytes, shown: str, analyst: Analyst
) -> None:
    text = await open_in_app(write(tmp_path / name, data), analyst)
    assert shown in " ".join(text.split())  # as shown, lines joined again
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text


@pytest.mark.slow
async def test_markdown_nested_ten_thousand_deep(tmp_path: Path, analyst: Analyst) -> None:
    data = "- " * 10_000 + "deep list\n\n" + "> " * 10_000 + "deep quote\n"
    # No time limit asserted (a busy machine is slow, not wrong): the nesting check is a
    # plain scan, and tests/test_scaling.py counts the work of the Markdown stages.
    text = await open_in_app(write(tmp_path / "deep.md", data), analyst)
    assert "deep list" in text or "- - -" in text


async def test_wide_characters_keep_highlights_on_their_letters(
    tmp_path: Path, analyst: Analyst
) -> None:
    path = write(tmp_path / "wide.txt", "東京 report\n\n😀😀 Vladimir Putin met 習近平 in 東京.\n")
    app = make_app(load_document(path), analyst=analyst)
    async with app.run_test(size=(100, 20)) as pilot:
        screen = await analysed(pilot)
        assert screen.analysis is not None
        person = screen.analysis.people[0]
        assert person.name == "Vladimir Putin"
        screen.select_entity(person.id)
        view = screen.query_one(ArticleView)
        await until(pilot, lambda: drawn_runs(view, "article--current"), "the mention")
        assert drawn_runs(view, "article--current") == ["Vladimir Putin"]
        line = view.render_line(2)
        lit = [
            s.text
            for s in line
            if s.style
            and s.style.bgcolor is not None
            and s.style.bgcolor != view.rich_style.bgcolor
        ]
        assert "".join(lit) == "Vladimir Putin"


# -- bounded time --------------------------------------------------------------------------
# How the work grows with the size of such text is counted in test_scaling.py, and timed
# at full size by `python -m benchmarks.scaling`; here, that it is analysed at all, right.


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("odd-quotes", lambda: 'He said "one and "two and "three.\n\n' * 200),
        ("only-opening", lambda: "“Never closed, said Lavrov.\n\n" * 500),
        (
            "1000-quotes",
            lambda: " ".join(f'"Quote number {i} is here," Putin said.' for i in range(1000)),
        ),
        (
            # Three pieces for the language model, cut at sentence ends.
            "long-line",
            lambda: ("Vladimir Putin met Recep Tayyip Erdogan in Ankara. " * 1_200)[:60_000],
        ),
    ],
)
def test_pathological_text_is_analysed(tmp_path: Path, name: str, make: Callable[[], str]) -> None:
    text = make()
    analysis = analyze(load_document(write(tmp_path / f"{name}.txt", text)))
    for quote in analysis.quotes:
        assert text[quote.start : quote.end] == quote.text
    if name == "1000-quotes":
        assert len(analysis.quotes) == 1000
    if name == "long-line":
        putin = next(person for person in analysis.people if person.name == "Vladimir Putin")
        assert len(putin.mentions) == text.count("Vladimir Putin")


# Shapes that once made a regular expression backtrack for minutes, or for ever. Each now
# takes a second or two, mostly loading spaCy; the timeout only tells a hang from an
# answer, with a wide margin on either side.
HANG = 60


def _json_or_hang(*args: str, stdin: str | None = None, timeout: float = HANG) -> dict[str, object]:
    result = run_reader("--json", *args, stdin=stdin, timeout=timeout)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# Fifteen list markers, each followed by blanks: the nesting check split the blanks
# between repetitions in every possible way, four times more work per marker.
NESTED_MARKERS = "-   " * 15 + "x\n"


def test_many_list_markers_on_one_line_do_not_hang(tmp_path: Path) -> None:
    data = _json_or_hang(str(write(tmp_path / "markers.md", NESTED_MARKERS)))
    assert data["people"] == [] and data["quotes"] == []


def test_many_list_markers_on_standard_input_do_not_hang() -> None:
    data = _json_or_hang("-", stdin=NESTED_MARKERS)
    assert data["text"] == NESTED_MARKERS


def test_a_table_row_of_dashes_does_not_hang() -> None:
    row = "-    " * 12 + "\n"  # read as Markdown: a line starting "- " is a list item
    data = _json_or_hang("-", stdin=row)
    assert data["text"] == row


def test_a_front_matter_value_with_a_long_run_of_blanks(tmp_path: Path) -> None:
    text = "---\ntitle: Talks" + " " * 200_000 + "resume\n---\n\nThe talks resumed.\n"
    data = _json_or_hang(str(write(tmp_path / "front.md", text)))
    assert data["title"] == "Talks resume"


def test_the_signature_check_reads_a_run_of_blanks_once() -> None:
    # Its cost grew with the square of the run: two seconds for 20,000 blanks, about
    # three minutes for these. Checked in a child process, so that a regression ends in
    # its timeout rather than holding up the suite.
    check = (
        "from reader.analysis.quotes import _SIGNATURE\n"
        "assert _SIGNATURE.fullmatch('— Ana' + ' ' * 200_000 + 'Lopez.')"
    )
    subprocess.run([sys.executable, "-c", check], cwd=ROOT, timeout=HANG, check=True)


@pytest.mark.slow
def test_signatures_with_long_runs_of_blanks(tmp_path: Path) -> None:
    # Each signature just fits in one passage of the language model (20,000 characters).
    # The model's reading of two megabytes of blanks is most of the time: a generous
    # bound, as this is about the answer (the hang is the test above).
    signed = "> We will build the bridge by spring.\n>\n> — Ana" + " " * 19_980 + "Lopez.\n\n"
    data = _json_or_hang(str(write(tmp_path / "signed.md", signed * 100)), timeout=HANG * 10)
    quotes = data["quotes"]
    assert isinstance(quotes, list) and len(quotes) == 100
    assert {quote["text"] for quote in quotes} == {"We will build the bridge by spring."}


def test_standard_input_is_held_to_the_file_limit() -> None:
    """`yes | reader --json -` was read to the end of memory: refused, like a file over the
    limit, after reading one byte past it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "--json", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdin and process.stdout and process.stderr
    chunk = b"y\n" * (1024 * 1024 // 2)
    try:
        with contextlib.suppress(BrokenPipeError):  # refused before the end
            for _ in range(MAX_BYTES // len(chunk) + 1):
                process.stdin.write(chunk)
            process.stdin.close()
        process.wait(timeout=HANG)
    finally:
        process.kill()
    assert process.returncode == 2 and process.stdout.read() == b""
    assert process.stderr.read().decode().splitlines() == [
        "reader: stdin: too large to be an article (more than 200 MB)"
    ]


def test_a_saved_page_is_held_to_the_web_page_limit(tmp_path: Path) -> None:
    """A saved page of 157 MB took five minutes and 1.7 GB before anything showed: pages
    are read up to the size of one fetched from the web."""
    paragraph = b"<p>The talks in Ankara will resume next week, the minister said.</p>\n"
    page = write(
        tmp_path / "saved.html",
        b"<html><body><article>" + paragraph * (MAX_PAGE_BYTES // len(paragraph) + 1),
    )
    result = run_reader("--json", str(page), timeout=HANG)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"reader: {page}: too large to be an article page ({MAX_PAGE_BYTES // 2**20} MB)"
    ]


@pytest.mark.slow
def test_fifty_megabytes_opens(tmp_path: Path) -> None:
    unit = (ROOT / "sample_articles" / "seed_lavrov_alanya.txt").read_text(encoding="utf-8")
    path = write(tmp_path / "huge.txt", unit * (50_000_000 // len(unit) + 1))
    document = load_document(path)
    assert len(document.text) >= 50_000_000
    assert document.blocks[1].text.startswith("Alanya, Antalya")


# -- nothing lost ----------------------------------------------------------------------------


async def test_the_article_is_never_written(
    tmp_path: Path, reader_here: ReaderRun, analyst: Analyst
) -> None:
    path = write(tmp_path / "keep.md", '# Talks\n\n"We will talk," said Vladimir Putin.\n')
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    app = make_app(load_document(path), analyst=analyst)
    async with app.run_test(size=(100, 30)) as pilot:
        await analysed(pilot)
        await pilot.press("1", "n", "3", "escape", "question_mark", "escape")
    assert json.loads(reader_here("--json", str(path)).stdout)["people"]
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


async def test_brackets_in_a_quote_do_not_break_the_command_palette(
    tmp_path: Path, analyst: Analyst
) -> None:
    path = write(
        tmp_path / "brackets.txt",
        '"We will respond [/] firmly [sic] to this [/b] provocation," Vladimir Putin said.\n',
    )
    app = make_app(load_document(path), analyst=analyst)
    async with app.run_test(size=(120, 30)) as pilot:
        await analysed(pilot)
        await palette_choose(pilot, "quote", "Vladimir Putin")
        assert app.is_running
        await until(pilot, lambda: status(app) == "Quote — Vladimir Putin", "the quote")


def _broken_pipeline(tmp_path: Path) -> Path:
    folder = tmp_path / "broken_model"
    folder.mkdir()
    (folder / "meta.json").write_text('{"lang": "en", "name": "broken", "version": "0"}')
    (folder / "config.cfg").write_text('[nlp]\nlang = "en"\npipeline = ["nowhere"]\n')
    return folder


def test_a_pipeline_that_fails_to_load_is_one_line(tmp_path: Path) -> None:
    result = run_reader("--json", "--model", str(_broken_pipeline(tmp_path)), str(SEED_PATH))
    assert result.returncode == 3
    assert len(result.stderr.strip().splitlines()) == 1
    assert "cannot load spaCy pipeline" in result.stderr and "Traceback" not in result.stderr


async def test_a_pipeline_that_fails_in_the_app_says_so(tmp_path: Path) -> None:
    app = make_app(load_document(SEED_PATH), model=str(_broken_pipeline(tmp_path)))
    async with app.run_test(size=(120, 30)) as pilot:
        await analysed(pilot)
        assert status(app).startswith("Analysis failed: cannot load spaCy pipeline")
        assert not any(pane.loading for pane in app.screen.query("EntityPane"))
