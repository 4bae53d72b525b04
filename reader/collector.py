"""Start-up with Python's cyclic garbage collector paused, until the first frame is out.

Importing Textual and the reader and composing the reading screen allocate tens of
thousands of objects and next to no garbage cycles, yet the collector walks them about
ninety times before the article is on the terminal. Paused from the command line's start
until the first frame, the article's words arrive about 15 ms sooner in a 230 ms start
(benchmarks/terminal_start.py); Textual pauses it the same way while it scrolls. It runs
again as soon as the first frame is out, when the command line has no app to open (the
`--json` batch), and on every way out of the command line.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


class _Pause:
    """Whether the collector is off because `paused` turned it off (and not a caller)."""

    ours = False


@contextmanager
def paused() -> Iterator[None]:
    """The collector off inside the block, unless a caller has already turned it off (it
    stays off then, as that caller wants), and on again when the block ends."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    _Pause.ours = True
    try:
        yield
    finally:
        resume()


def resume() -> None:
    """The collector on again if `paused` turned it off; otherwise nothing changes."""
    if _Pause.ours:
        _Pause.ours = False
        gc.enable()
