"""Work done in a forked child while this process goes on: parsing while the UI loads.

Opening a Markdown article means importing markdown-it and parsing, about 20 ms, and
importing Textual, about 150 ms; both are one core's work. On a machine with a second
core the child parses while the parent imports the UI, so the text is ready when the
window is. Where forking is not safe (not Linux, or threads already running) or there is
one core, or anything goes wrong in the child, the work is simply done here when asked
for: the result is the same either way, only sooner.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import Generic, NoReturn, TypeVar

T = TypeVar("T")


def can_work_ahead() -> bool:
    # Fork without exec is only safe with one thread, and on macOS not even then (its
    # system libraries may not survive it). With one core, a child only competes.
    return (
        sys.platform == "linux"
        and threading.active_count() == 1
        and len(os.sched_getaffinity(0)) > 1
    )


def in_child(work: Callable[[], T]) -> Callable[[], T]:
    """Start `work` in a forked child; the returned function waits for its result.

    The result travels back pickled through a pipe. If the child fails, the work is done
    again here, so an exception it raises is raised here, as if there were no child.
    """
    if not can_work_ahead():
        return work
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return work
    if pid == 0:
        _child(work, read_end, write_end)
    os.close(write_end)
    return _Pending(work, pid, read_end)


class _Pending(Generic[T]):
    """The child's result, read once; then the work (and the text it holds) is let go."""

    def __init__(self, work: Callable[[], T], pid: int, read_end: int) -> None:
        self._work: Callable[[], T] | None = work
        self._pid = pid
        self._read_end = read_end
        self._result: list[T] = []

    def __call__(self) -> T:
        if self._result:
            return self._result[0]
        work, self._work = self._work, None
        assert work is not None
        payload = b""
        try:
            with open(self._read_end, "rb") as stream:
                payload = stream.read()
        finally:
            _reap(self._pid)
        try:
            result: T = pickle.loads(payload)
        except Exception:  # the child failed: nothing, or part of a result, came back
            result = work()
        self._result.append(result)
        return result


def _reap(pid: int) -> None:
    # Already reaped if the reader was started with SIGCHLD ignored.
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _child(work: Callable[[], T], read_end: int, write_end: int) -> NoReturn:
    status = 1
    try:
        os.close(read_end)
        payload = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
        with open(write_end, "wb") as stream:
            stream.write(payload)
        status = 0
    except BaseException:  # the parent does the work again, and reports what failed
        pass
    finally:
        # No atexit handlers, no flushing of buffers copied from the parent.
        os._exit(status)
