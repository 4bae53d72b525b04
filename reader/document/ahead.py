"""Work done in a forked child while this process goes on: parsing while the UI loads.

Opening a Markdown article means importing markdown-it and parsing, about 20 ms, and
importing Textual, about 150 ms; both are one core's work. On a machine with a second
core the child parses while the parent imports the UI, so the text is ready when the
window is. Where forking is not safe (not Linux, or threads already running) or there is
one core, or anything goes wrong in the child, the work is simply done here when asked
for: the result is the same either way, only sooner.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import NoReturn, TypeVar

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
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError:
        return work
    if pid == 0:
        _child(work, read_end, write_end)
    os.close(write_end)
    outcome: list[T] = []

    def result() -> T:
        if not outcome:
            with open(read_end, "rb") as stream:
                payload = stream.read()
            os.waitpid(pid, 0)
            try:
                outcome.append(pickle.loads(payload))
            except Exception:  # the child failed: nothing, or part of a result, came back
                outcome.append(work())
        return outcome[0]

    return result


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
