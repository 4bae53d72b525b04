"""Fetching a web page: http and https only, the whole fetch bounded by one deadline.

A timeout on each read does not bound a download: a server that sends a byte every few
seconds answers every read in time and never finishes. So the fetch runs in a daemon
thread that the caller waits for until the deadline; when it passes (or the caller is
cancelled, or interrupted) the fetch's sockets are shut down, which ends any read that
is blocked on them, and the caller gets a one-line LoadError at once. Name resolution
cannot be interrupted, but the caller does not wait for it either.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import __version__
from .decode import LoadError

if TYPE_CHECKING:
    import http.client
    import urllib.request

FETCH_TIMEOUT = 20.0  # seconds for the whole fetch: connecting, headers and body
# For tests and slow links: the deadline in seconds, instead of FETCH_TIMEOUT.
TIMEOUT_VARIABLE = "READER_FETCH_TIMEOUT"
MAX_PAGE_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 10
USER_AGENT = f"reader/{__version__} (a terminal app for reading news articles)"
# How often a caller that can be cancelled looks whether it has been.
_POLL_SECONDS = 0.1
_CHUNK = 64 * 1024

_URL = re.compile(r"\Ahttps?://", re.IGNORECASE)
_SCHEME = re.compile(r"\A([a-z][a-z0-9+.-]*):", re.IGNORECASE)


class FetchCancelled(LoadError):
    """The caller stopped waiting (the app quit, or moved on) before the page came."""


def is_url(argument: str) -> bool:
    return bool(_URL.match(argument))


def address_problem(argument: str) -> str | None:
    """Why an argument that names a web address (not a file) cannot be fetched, or None.

    `http:/x` and `ftp://host/x` are not files that happen to be missing: they are
    addresses the reader cannot fetch, and the message says so.
    """
    if is_url(argument):
        from urllib.parse import urlsplit

        try:
            host = urlsplit(argument).hostname
        except ValueError as error:
            return f"is not a valid web address ({_reason(error)})"
        return None if host else "is not a complete web address (it names no host)"
    scheme = _SCHEME.match(argument)
    if scheme is None:
        return None
    name = scheme.group(1).lower()
    if name in ("http", "https"):
        return f"is not a complete web address (it should start {name}://)"
    if argument[scheme.end() :].startswith("//"):
        return f"uses {name}:, and only http and https addresses are fetched"
    return None


def fetch_timeout() -> float:
    """The deadline for a whole fetch: $READER_FETCH_TIMEOUT seconds if that is a positive
    number, else FETCH_TIMEOUT."""
    try:
        seconds = float(os.environ.get(TIMEOUT_VARIABLE, ""))
    except ValueError:
        return FETCH_TIMEOUT
    return seconds if 0 < seconds < float("inf") else FETCH_TIMEOUT


@dataclass(frozen=True, slots=True)
class Fetched:
    """A conditional fetch's answer: the page, or None if it has not changed since the
    copy described by the validators sent; the validators of what came, for next time."""

    data: bytes | None
    etag: str = ""
    modified: str = ""


def fetch(
    url: str,
    timeout: float | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """The page's bytes, or a LoadError saying in one line why not.

    Returns or raises within `timeout` seconds (default: `fetch_timeout()`) of the call,
    whatever the server does; FetchCancelled soon after `is_cancelled()` turns true.
    """
    data = fetch_if_changed(url, timeout=timeout, is_cancelled=is_cancelled).data
    assert data is not None  # nothing was asked about a copy
    return data


def fetch_if_changed(
    url: str,
    etag: str = "",
    modified: str = "",
    timeout: float | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> Fetched:
    """`fetch`, asking the server (If-None-Match, If-Modified-Since) to send the page only
    if it has changed since the copy those validators describe."""
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    timeout = fetch_timeout() if timeout is None else timeout
    sockets = _Sockets(time.monotonic() + timeout)
    data: list[Fetched] = []  # what the thread fetched, or
    failure: list[LoadError] = []  # why it did not
    done = threading.Event()

    def run() -> None:
        try:
            data.append(_download(url, sockets, headers))
        except LoadError as error:
            failure.append(error)
        except Exception as error:  # whatever urllib raises, the caller gets one line
            # Each socket waits at most what is left of the fetch's time, so its timeout
            # is the deadline, met in the thread before the wait below sees it (on a
            # busy machine): the same message.
            if isinstance(error, TimeoutError) or sockets.remaining() <= 0:
                failure.append(LoadError(url, f"was not fetched within {_seconds(timeout)}"))
            else:
                failure.append(LoadError(url, f"could not be fetched ({_reason(error)})"))
        finally:
            done.set()

    threading.Thread(target=run, name="reader-fetch", daemon=True).start()
    try:
        while not done.wait(_POLL_SECONDS if is_cancelled else sockets.remaining()):
            if is_cancelled is not None and is_cancelled():
                raise FetchCancelled(url, "the fetch was cancelled")
            if sockets.remaining() <= 0:
                raise LoadError(url, f"was not fetched within {_seconds(timeout)}")
    finally:
        if not done.is_set():
            sockets.close()  # the thread's reads end now; it is a daemon either way
    if failure:
        raise failure[0]
    return data[0]


def _seconds(value: float) -> str:
    return "1 second" if value == 1 else f"{value:g} seconds"


class _Sockets:
    """The sockets of one fetch (redirects open more), so they can be shut down at once."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self._open: list[socket.socket] = []
        self._closed = False
        self._lock = threading.Lock()

    def remaining(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._open.append(sock)
            if self._closed:
                _shut(sock)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for sock in self._open:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    # socket.socket's own shutdown, also for a TLS socket: it wakes a blocked read
    # without touching the TLS state another thread is using.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _download(url: str, sockets: _Sockets, headers: dict[str, str]) -> Fetched:
    import http.client
    import urllib.error
    import urllib.request

    try:
        request = urllib.request.Request(url, headers=headers)
        with _opener(sockets).open(request, timeout=max(sockets.remaining(), 0.01)) as response:
            data = _read_body(response, url, sockets)
            etag = response.headers.get("ETag", "")
            return Fetched(data, etag, response.headers.get("Last-Modified", ""))
    except _Refused as refusal:
        raise LoadError(url, refusal.reason) from None
    except urllib.error.HTTPError as error:
        if error.code == 304 and ("If-None-Match" in headers or "If-Modified-Since" in headers):
            error.close()
            return Fetched(
                None, headers.get("If-None-Match", ""), headers.get("If-Modified-Since", "")
            )
        raise LoadError(url, f"HTTP {error.code} {_reason(error.reason)}") from None
    except urllib.error.URLError as error:
        raise LoadError(url, f"could not be fetched ({_reason(error.reason)})") from None
    except TimeoutError:
        raise  # the fetch's deadline, which `fetch` words the same however it is met
    except (OSError, ValueError, http.client.HTTPException) as error:
        raise LoadError(url, f"could not be fetched ({_reason(error)})") from None


def _read_body(response: http.client.HTTPResponse, url: str, sockets: _Sockets) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(_CHUNK):
        size += len(chunk)
        if size > MAX_PAGE_BYTES:
            raise LoadError(url, "is too large to be an article page")
        chunks.append(chunk)
        if sockets.remaining() <= 0:
            raise TimeoutError
    if response.length:  # the server said how long the page is, and closed before its end
        whole = size + response.length
        raise LoadError(url, f"could not be fetched (cut short after {size:,} of {whole:,} bytes)")
    return b"".join(chunks)


def _reason(reason: object) -> str:
    """An exception or a server's reason phrase as a few words on one line, never empty."""
    text = " ".join(str(getattr(reason, "strerror", None) or reason or "").split())
    if not text and isinstance(reason, BaseException):
        # Some errors carry no message at all (a bare ConnectionResetError, say).
        words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", type(reason).__name__).lower()
        text = words.removesuffix(" error") if words.endswith(" error") else words
    return text or "no reason given"


class _Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _opener(sockets: _Sockets) -> urllib.request.OpenerDirector:
    """urllib with http and https only (no ftp, file or data), every socket watched."""
    import http.client
    import urllib.error
    import urllib.request
    from urllib.parse import urljoin, urlsplit

    def watched(base: type[http.client.HTTPConnection]) -> Any:
        class Watched(base):  # type: ignore[valid-type, misc]  # mypy can't type a base given as an argument
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                create = socket.create_connection  # what http.client connects with

                def create_and_watch(address: Any, timeout: Any, source: Any = None) -> Any:
                    # Each connection gets what is left of the fetch's time.
                    sock = create(address, max(sockets.remaining(), 0.01), source)
                    sockets.watch(sock)
                    return sock

                self._create_connection = create_and_watch

            def connect(self) -> None:
                super().connect()
                sockets.watch(self.sock)  # for https, the TLS socket that wraps it

        return Watched

    class HTTP(urllib.request.HTTPHandler):
        def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(watched(http.client.HTTPConnection), req)

    class HTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            # No context given: the connection makes Python's default, which checks
            # certificates and host names.
            return self.do_open(watched(http.client.HTTPSConnection), req)

    class Redirects(urllib.request.HTTPRedirectHandler):
        max_redirections = MAX_REDIRECTS

        def http_error_302(
            self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any
        ) -> Any:
            location = headers.get("location") or headers.get("uri")
            if location:
                scheme = urlsplit(urljoin(req.full_url, location.strip())).scheme.lower()
                if scheme not in ("http", "https"):
                    fp.close()
                    # urllib would follow ftp:, logging in anonymously wherever it points.
                    raise _Refused(
                        f"redirects to {scheme}:, and only http and https redirects are followed"
                    )
            try:
                return super().http_error_302(req, fp, code, msg, headers)
            except urllib.error.HTTPError as error:
                if str(error.msg).startswith(self.inf_msg):
                    raise _Refused(
                        f"redirects in a loop (or more than {MAX_REDIRECTS} times)"
                    ) from None
                raise

        http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        HTTP(),
        HTTPS(),
        urllib.request.HTTPDefaultErrorHandler(),
        Redirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener
