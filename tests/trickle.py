"""A web server on the loopback interface that answers one byte at a time, for ever.

Each connection gets its reply a byte every `interval` seconds until the test ends or the
client hangs up, so that a fetch bounded per read (each byte comes well within any
per-read timeout) never finishes: only a deadline over the whole fetch stops it.
`/headers` trickles the status line itself; `/body` sends its headers at once, then
trickles the page.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator

_BODY_HEAD = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 1000000\r\n\r\n"
)
_TRICKLE = b"<html><body><p>" + b"word " * 200_000


@contextlib.contextmanager
def trickling_server(interval: float = 0.2) -> Iterator[str]:
    """Yields the server's base address (http://127.0.0.1:PORT); stops it afterwards."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()
    threads: list[threading.Thread] = []

    def serve(connection: socket.socket) -> None:
        with connection:
            request = b""
            connection.settimeout(5)
            with contextlib.suppress(OSError):
                while b"\r\n\r\n" not in request:
                    chunk = connection.recv(4096)
                    if not chunk:
                        return
                    request += chunk
            path = request.split(b" ", 2)[1] if request.count(b" ") >= 2 else b"/"
            reply = _TRICKLE
            if path.startswith(b"/body"):
                with contextlib.suppress(OSError):
                    connection.sendall(_BODY_HEAD)
            else:
                reply = b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"z" * 60_000 + b"\r\n"
            for index in range(len(reply)):
                if stop.wait(interval):
                    return
                try:
                    connection.sendall(reply[index : index + 1])
                except OSError:
                    return  # the client gave up

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=serve, args=(connection,), daemon=True)
            threads.append(thread)
            thread.start()

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        acceptor.join()
        for thread in threads:
            thread.join()
        listener.close()
