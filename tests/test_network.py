"""The network: one deadline for a whole fetch, http and https only, an honest name.

Every server here is on the loopback interface and started by the test itself. The fetch
deadline is set short through READER_FETCH_TIMEOUT (the documented knob); the servers
never finish, so whatever the machine's speed the deadline is what ends the fetch, and
the tests check what the reader says then, not how long it took.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import socket
import struct
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

import pytest

from reader import __version__

from .conftest import run_reader
from .loopback import serving
from .test_terminal import read_until, reader_in_a_terminal, wait_for_exit
from .trickle import trickling_server


@pytest.mark.parametrize("path", ["/headers", "/body"])
def test_a_trickling_server_is_given_up_on_at_the_deadline(
    monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    monkeypatch.setenv("READER_FETCH_TIMEOUT", "1")
    with trickling_server() as base:
        try:
            result = run_reader("--json", f"{base}{path}", timeout=120)
        except subprocess.TimeoutExpired:
            pytest.fail("reader --json kept fetching a page that never ends")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"reader: {base}{path}: was not fetched within 1 second\n"


def test_the_app_shows_it_is_fetching_then_says_why_it_stopped(tmp_path: Path) -> None:
    with (
        trickling_server() as base,
        reader_in_a_terminal(tmp_path, f"{base}/body", env={"READER_FETCH_TIMEOUT": "1"}) as (
            pid,
            fd,
        ),
    ):
        output = read_until(fd, b"Fetching", 60)
        assert b"Fetching" in output, "the screen stayed blank while the page was fetched"
        status, rest = wait_for_exit(pid, fd, 60)
        output += rest
        assert status is not None, "the app kept fetching a page that never ends"
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 2
    assert f"reader: {base}/body: was not fetched within 1 second".encode() in output
    assert b"Traceback" not in output


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Pages that redirect, and a record of what each request said about itself."""

    seen: ClassVar[list[dict[str, str]]] = []
    elsewhere = ""  # where /to-elsewhere sends the reader

    def do_GET(self) -> None:
        self.seen.append({"path": self.path, "user-agent": self.headers.get("User-Agent", "")})
        if self.path == "/to-elsewhere":
            self.send_response(302)
            self.send_header("Location", self.elsewhere)
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        else:
            self.send_error(404, "Not Found")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[str]:
    _Recorder.seen = []
    with serving(_Recorder) as base:
        yield base


def test_a_redirect_to_ftp_is_not_followed(recorder: str) -> None:
    # Where the redirect points: a port the test listens on, to see whether anyone comes.
    with socket.create_server(("127.0.0.1", 0)) as ftp:
        _Recorder.elsewhere = f"ftp://127.0.0.1:{ftp.getsockname()[1]}/pub/story.html"
        result = run_reader("--json", f"{recorder}/to-elsewhere", timeout=120)
        ftp.setblocking(False)
        with pytest.raises(BlockingIOError):
            ftp.accept()  # nobody connected to the ftp address
    assert result.returncode == 2
    assert result.stderr == (
        f"reader: {recorder}/to-elsewhere: redirects to ftp:, "
        "and only http and https redirects are followed\n"
    )


def test_the_user_agent_names_this_reader(recorder: str) -> None:
    run_reader("--json", f"{recorder}/gone", timeout=120)
    (request,) = _Recorder.seen
    assert request["user-agent"] == (
        f"reader/{__version__} (a terminal app for reading news articles)"
    )


# -- 18. every error is one line, with a reason ---------------------------------------------


def test_a_redirect_loop_is_one_line(recorder: str) -> None:
    result = run_reader("--json", f"{recorder}/loop", timeout=120)
    assert result.returncode == 2
    assert result.stderr == (
        f"reader: {recorder}/loop: redirects in a loop (or more than 10 times)\n"
    )


@pytest.mark.parametrize(
    ("argument", "reason"),
    [
        ("http:/x", "is not a complete web address (it should start http://)"),
        ("HTTPS:example.org", "is not a complete web address (it should start https://)"),
        ("ftp://example.org/story", "uses ftp:, and only http and https addresses are fetched"),
        ("http://[::1", "is not a valid web address (Invalid IPv6 URL)"),
        ("http:///story", "is not a complete web address (it names no host)"),
    ],
)
@pytest.mark.parametrize("options", [["--json"], []], ids=["json", "app"])
def test_an_address_the_reader_cannot_fetch_is_named_as_such(
    argument: str, reason: str, options: list[str]
) -> None:
    result = run_reader(*options, argument, timeout=120)
    assert result.returncode == 2
    assert result.stderr == f"reader: {argument}: {reason}\n"


def test_a_line_break_in_a_file_name_stays_in_one_line(tmp_path: Path) -> None:
    result = run_reader("--json", str(tmp_path / "two\nlines.md"))
    assert result.returncode == 2
    assert result.stderr == f"reader: {tmp_path}/two^Jlines.md: no such file\n"


def _broken_server(reply: bytes | None) -> Iterator[str]:
    """A server that reads the request and sends `reply`, or resets the connection."""
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        with contextlib.suppress(OSError):
            while True:
                connection, _ = listener.accept()
                with connection:
                    connection.recv(65536)
                    if reply is None:  # a reset: the connection closed with data unread
                        connection.setsockopt(
                            socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                        )
                    else:
                        connection.sendall(reply)

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    finally:
        listener.close()


@pytest.mark.parametrize(
    "reply",
    [
        b"",
        None,
        b"HELLO\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n<html>cut short",
    ],
    ids=["closed", "reset", "not-http", "bad-chunk", "cut-short"],
)
def test_a_broken_server_is_one_line_with_a_reason(reply: bytes | None) -> None:
    with contextmanager(_broken_server)(reply) as url:
        result = run_reader("--json", url, timeout=120)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"reader: {url}: could not be fetched (")
    assert line.endswith(")") and not line.endswith("()")


def test_escape_sequences_in_an_address_never_reach_the_terminal(tmp_path: Path) -> None:
    address = "http://127.0.0.1:9/\x1b]0;PWNED-URL\x07"
    with reader_in_a_terminal(tmp_path, address) as (pid, fd):
        status, output = wait_for_exit(pid, fd, 60)
    assert status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 2
    assert b"\x1b]0;PWNED" not in output
    assert b"reader: http://127.0.0.1:9/^[]0;PWNED-URL^G: could not be fetched (" in output
