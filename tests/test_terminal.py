"""A real terminal: the reader runs in a pseudo-terminal on an article full of escape
sequences, and none of the article's sequences reaches the terminal."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .conftest import ROOT
from .test_hostile_input import ESCAPES

# What the article's sequences would look like had they been passed through.
FORBIDDEN = [
    b"\x1b]0;PWNED-TITLE",  # set the window title
    b"\x1b]52;c;",  # write the clipboard (OSC 52)
    b"\x1b]8;;https://evil.example/",  # a hyperlink
    b"\x1b[31;1;4mEVIL",  # the article's own colours
    b"\xc2\x9b31m",  # C1 CSI, as UTF-8
]


_STYLING = re.compile(rb"\x1b\[[0-9;?<>=$]*[a-zA-Z]")


def plain(output: bytes) -> bytes:
    """Terminal output without its cursor moves and colours: the text as drawn, where
    words styled apart (a toast's title, say) are together again."""
    return _STYLING.sub(b"", output)


def read_until(fd: int, wanted: bytes, seconds: float) -> bytes:
    """What the terminal shows until `wanted` is among it (as written or as drawn)."""
    output = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and wanted not in output and wanted not in plain(output):
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                output += os.read(fd, 65536)
            except OSError:
                break
    return output


def wait_for_exit(pid: int, fd: int, seconds: float) -> tuple[int | None, bytes]:
    """The child's wait status once it has ended (None if it has not within `seconds`),
    and what it wrote meanwhile; the terminal is read all along, so it never blocks."""
    output = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        output += read_until(fd, b"\x00never", 0.5)
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status, output + read_until(fd, b"\x00never", 0.5)
    return None, output


@contextlib.contextmanager
def reader_in_a_terminal(
    tmp_path: Path,
    argument: str | list[str],
    piped: bytes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path = ROOT,
    preexec: Callable[[], None] | None = None,
) -> Iterator[tuple[int, int]]:
    """`reader ARGUMENT` (or `reader ARGUMENTS...`) in a 100×30 pseudo-terminal, started
    in `cwd` (with `piped` on its stdin, `env` in its environment and `preexec` called
    just before, if given); yields (pid, terminal fd) and kills what is left of it
    afterwards."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the reader, as a person would run it
        if piped is not None:
            read_end, write_end = os.pipe()
            os.write(write_end, piped)
            os.close(write_end)
            os.dup2(read_end, 0)
        os.environ.update(TERM="xterm-256color", XDG_CACHE_HOME=str(tmp_path / "cache"))
        os.environ.update(env or {})
        os.chdir(cwd)
        if preexec is not None:
            preexec()
        arguments = [argument] if isinstance(argument, str) else argument
        os.execv(sys.executable, [sys.executable, "-m", "reader", *arguments])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    try:
        yield pid, fd
    finally:
        with contextlib.suppress(ChildProcessError, ProcessLookupError):
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        os.close(fd)


def test_escape_sequences_in_an_article_never_reach_the_terminal(tmp_path: Path) -> None:
    article = tmp_path / "escapes.txt"
    article.write_text(f"Escapes everywhere\n\n{ESCAPES}\n\nVladimir Putin said so.\n", "utf-8")
    with reader_in_a_terminal(tmp_path, str(article)) as (_, fd):
        output = read_until(fd, b"PWNED-TITLE", 60)
        assert b"PWNED-TITLE" in output, "the article never appeared on screen"
        output += read_until(fd, b"Vladimir Putin", 10)
        os.write(fd, b"q")
        output += read_until(fd, b"\x00never", 5)
    for sequence in FORBIDDEN:
        assert sequence not in output
    # The sequences are on screen as text instead (characters may be split by styling).
    shown = output.replace(b"\x1b[", b"")  # drop the reader's own styling codes loosely
    assert b"^[" in shown


def test_an_article_piped_in_still_takes_keys_from_the_terminal(tmp_path: Path) -> None:
    seed = (ROOT / "sample_articles" / "seed_lavrov_alanya.txt").read_bytes()
    with reader_in_a_terminal(tmp_path, "-", piped=seed) as (pid, fd):
        output = read_until(fd, b"Alanya", 60)
        assert b"Alanya" in output, "the piped article never appeared"
        os.write(fd, b"q")
        status, _ = wait_for_exit(pid, fd, 20)
        assert status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def test_escape_sequences_in_a_file_name_never_reach_the_terminal(tmp_path: Path) -> None:
    # The name shows in the header (an article with no headline is titled by its name).
    article = tmp_path / "name\x1b]0;PWNED-NAME\x07.txt"
    article.write_text("vladimir putin spoke at length.\n", "utf-8")
    with reader_in_a_terminal(tmp_path, str(article)) as (_, fd):
        output = read_until(fd, b"PWNED-NAME", 60)
        assert b"PWNED-NAME" in output
        os.write(fd, b"q")
        output += read_until(fd, b"\x00never", 3)
    assert b"\x1b]0;PWNED-NAME" not in output


def test_escape_sequences_in_the_library_never_reach_the_terminal(tmp_path: Path) -> None:
    # Titles, dates and file names of several articles, in the library's table.
    first = tmp_path / "first\x1b]0;PWNED-FILE\x07.md"
    first.write_text(
        '---\ntitle: "Talks \x1b]0;PWNED-TITLE\x07 end"\ndate: "\x1b]52;c;cHduZWQ=\x07"\n---\n\n'
        "“We will talk to them soon,” said Vladimir Putin.\n",
        encoding="utf-8",
    )
    second = tmp_path / "second.txt"
    second.write_text(f"Second \x9b31m headline\n\n{ESCAPES}\n", encoding="utf-8")
    with reader_in_a_terminal(tmp_path, [str(first), str(second)]) as (_, fd):
        output = read_until(fd, b"Analysed 2 of 2", 120)
        assert b"Analysed 2 of 2" in plain(output), "the library never finished"
        os.write(fd, b"q")
        output += read_until(fd, b"\x00never", 5)
    for sequence in [*FORBIDDEN, b"\x1b]0;PWNED"]:
        assert sequence not in output
    assert b"^[]0;PWNED-TITLE^G" in plain(output)
