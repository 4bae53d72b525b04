"""The network: one deadline for a whole fetch, http and https only, an honest name.

Every server here is on the loopback interface and started by the test itself. The fetch
deadline is set short through READER_FETCH_TIMEOUT (the documented knob); the servers
never finish, so whatever the machine's speed the deadline is what ends the fetch, and
the tests check what the reader says then, not how long it took.
"""

from __future__ import annotations

import http.server
import os
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from reader import __version__

from .conftest import run_reader
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
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


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
        f"reader: {recorder}/to-elsewhere: redirects to a ftp: address; "
        "only http and https are followed\n"
    )


def test_the_user_agent_names_this_reader(recorder: str) -> None:
    run_reader("--json", f"{recorder}/gone", timeout=120)
    (request,) = _Recorder.seen
    assert request["user-agent"] == (
        f"reader/{__version__} (a terminal app for reading news articles)"
    )
