"""Run by benchmarks/performance.py in a fresh process: a reading session's peak memory.

Opens the article in the app (headless), waits for the analysis (from the cache the
parent filled, so that spaCy's own memory does not hide the reader's), selects the
most-mentioned person, steps through twenty mentions, and prints the peak resident set
size in MiB as JSON.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot


@asynccontextmanager
async def reading_session(
    path: Path, cache_dir: Path
) -> AsyncIterator[tuple[App[None], Pilot[None]]]:
    """The app on an article, headless, its analysis done (from the cache when it is there)."""
    from reader.analysis import AnalysisCache
    from reader.document import load_document
    from reader.ui.app import make_app

    app = make_app(load_document(path), cache=AnalysisCache(cache_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        yield app, pilot


async def session(path: Path, cache_dir: Path) -> None:
    async with reading_session(path, cache_dir) as (app, pilot):
        screen = app.screen
        analysis = screen.analysis
        person = max(analysis.people, key=lambda p: len(p.mentions))
        screen.select_entity(person.id)
        for _ in range(20):
            await pilot.press("n")
        await pilot.pause()


def peak_kib() -> float:
    """VmHWM: the peak of this process's own address space. (ru_maxrss would carry over
    the parent's peak through fork and exec on Linux.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return float(line.split()[1])
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def main() -> None:
    asyncio.run(session(Path(sys.argv[1]), Path(sys.argv[2])))
    print(json.dumps({"peak_mib": peak_kib() / 1024}))


if __name__ == "__main__":
    main()
