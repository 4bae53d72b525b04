"""The analysis beside the app, measured as a person meets it: `reader ARTICLE` in a
pseudo-terminal with the real driver, a cold cache, and a baseline in the same run.

- launch to panes: from starting the reader until its status line says what the analysis
  found, against a bare script that imports spaCy, loads the same pipeline and parses
  the same text (runs alternate, medians), and against the same script loading spaCy
  the reader's quicker way;
- a book: launch until the panes are filled for a 100,000-word article, against the
  same analysis in one process (`analyze` in a bare script, which loads spaCy too);
- keys while a book is analysed: the time from a keypress (scroll, `n`) until the
  terminal is written to, while the worker analyses a 100,000-word article, against the
  same keys once the analysis is done (95th percentiles);
- a library of 40 articles: launch until "Analysed 40 of 40", on every core against the
  reader held to one core (`taskset`), where it analyses one article at a time;
- peak memory of the app's process and of its worker (VmHWM from /proc).

    .venv/bin/python -m benchmarks.analysis_beside [--runs N] [--only NAME]
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from benchmarks.long_article import write_long_article

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sample_articles" / "seed_lavrov_alanya.txt"
EVAL = Path(__file__).resolve().parent / "eval" / "articles"
COLUMNS, ROWS = 120, 40
_ESCAPE = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
FOUND = re.compile(rb"\d+ people \S+ \d+ countries \S+ \d+ quotes")

# The same pipeline as the reader loads, without the components it never runs (see
# UNUSED_COMPONENTS): the fastest a script can go from nothing to a parse.
BARE_SPACY = """
import sys
import spacy
nlp = spacy.load(sys.argv[1], exclude=["lemmatizer", "attribute_ruler"])
with open(sys.argv[2], encoding="utf-8") as stream:
    nlp(stream.read())
"""
# The bare script, loading spaCy as the reader does (see nlp.py: neither spaCy's command
# line nor a tokenizer built twice): against it, the reader's time is what the app and
# its worker process add.
READERS_LOADER = """
import sys
from reader.analysis.nlp import load_pipeline
nlp = load_pipeline(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as stream:
    nlp(stream.read())
"""


class Terminal:
    """A program in a pseudo-terminal of its own, its output read as it comes."""

    def __init__(self, command: list[str], cache: Path) -> None:
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
            os.environ.update(TERM="xterm-256color", XDG_CACHE_HOME=str(cache))
            os.execvp(command[0], command)
        self.seen = b""

    def read(self, seconds: float) -> bytes:
        """What arrives within `seconds` (less if nothing more comes)."""
        ready, _, _ = select.select([self.fd], [], [], seconds)
        if not ready:
            return b""
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:
            return b""
        self.seen = (self.seen + chunk)[-400_000:]
        return chunk

    def wait_for(self, pattern: re.Pattern[bytes], seconds: float = 120) -> float:
        """Seconds since launch at which `pattern` is on the terminal."""
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            self.read(0.2)
            if pattern.search(_ESCAPE.sub(b"", self.seen)):
                return time.perf_counter() - self.started
        raise RuntimeError(f"{pattern.pattern!r} never reached the terminal")

    def key_latency(self, key: bytes) -> float:
        """Seconds from writing `key` until the program writes to the terminal."""
        while self.read(0.05):
            pass  # what was on its way before the key
        pressed = time.perf_counter()
        os.write(self.fd, key)
        while not self.read(5.0):
            if time.perf_counter() - pressed > 5:
                raise RuntimeError(f"no answer to {key!r}")
        return time.perf_counter() - pressed

    def children(self) -> list[int]:
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError, IndexError, ValueError):
                    stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                    if int(stat[1]) == self.pid:
                        found.append(int(entry.name))
        return found

    def close(self) -> None:
        for pid in [*self.children(), self.pid]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def peak_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


@contextlib.contextmanager
def cold_cache() -> Iterator[Path]:
    directory = Path(tempfile.mkdtemp(prefix="reader-bench-cache-"))
    try:
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def model_name() -> str:
    from reader.analysis import choose_model

    return choose_model()


def panes_against_scripts(
    reader: list[str], scripts: list[list[str]], runs: int
) -> tuple[float, list[float], list[float]]:
    """Medians of seconds from launch until the reader's panes are filled (cold cache)
    and until each script has run to its end, in turn (every other round backwards), and
    for each script the median of each round's ratio: on a shared machine whose speed
    drifts from minute to minute, a round compares them at the same speed, where
    separate medians need not."""
    ours: list[float] = []
    theirs: list[list[float]] = [[] for _ in scripts]

    def run_reader() -> None:
        with cold_cache() as cache:
            terminal = Terminal(reader, cache)
            try:
                ours.append(terminal.wait_for(FOUND, 600))
            finally:
                terminal.close()

    def run_script(script: list[str], times: list[float]) -> Callable[[], None]:
        def run() -> None:
            started = time.perf_counter()
            subprocess.run(script, check=True)
            times.append(time.perf_counter() - started)

        return run

    steps = [run_reader, *(run_script(s, t) for s, t in zip(scripts, theirs, strict=True))]
    for number in range(runs):
        # Every other round backwards: none is always the one run just after another.
        for step in steps if number % 2 == 0 else reversed(steps):
            step()
    ratios = [
        statistics.median(mine / other for mine, other in zip(ours, times, strict=True))
        for times in theirs
    ]
    return statistics.median(ours), [statistics.median(times) for times in theirs], ratios


def launch_to_panes(runs: int) -> None:
    python, model = sys.executable, model_name()
    reader = [python, "-m", "reader", str(SEED)]
    bare = [python, "-c", BARE_SPACY, model, str(SEED)]
    loader = [python, "-c", READERS_LOADER, model, str(SEED)]
    reader_s, (bare_s, loader_s), (ratio, loader_ratio) = panes_against_scripts(
        reader, [bare, loader], runs
    )
    print(f"launch to panes filled, {SEED.name}, cold cache, medians of {runs}:")
    print(
        f"  reader {reader_s * 1000:.0f} ms; bare script (import spaCy, load {model}, "
        f"parse) {bare_s * 1000:.0f} ms; ratio {ratio:.2f}× (median of the rounds')"
    )
    print(
        f"  the same script loading spaCy as the reader does {loader_s * 1000:.0f} ms; "
        f"ratio {loader_ratio:.2f}×: what the app and its worker add"
    )


SINGLE_PROCESS = """
import sys
from reader.analysis import analyze
from reader.document import load_document
analyze(load_document(sys.argv[1]))
"""


def book(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_long_article(Path(folder), 100_000)
        reader_s, (single_s,), (ratio,) = panes_against_scripts(
            [sys.executable, "-m", "reader", str(path)],
            [[sys.executable, "-c", SINGLE_PROCESS, str(path)]],
            runs,
        )
    print(f"a 100,000-word article, launch to panes filled, cold cache, medians of {runs}:")
    print(
        f"  reader {reader_s:.1f} s; the same analysis in one process {single_s:.1f} s; "
        f"ratio {ratio:.2f}× (median of the rounds')"
    )


def keys_while_analysing(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder, cold_cache() as cache:
        book = write_long_article(Path(folder), 100_000)
        terminal = Terminal([sys.executable, "-m", "reader", str(book)], cache)
        try:
            terminal.wait_for(re.compile(rb"Analysing"))
            busy = _presses(terminal, rounds, until=FOUND)
            workers = terminal.children()
            analysed = terminal.wait_for(FOUND, 1200)
            idle = _presses(terminal, rounds)
            app_peak = peak_mib(terminal.pid)
            worker_peak = max((peak_mib(pid) for pid in workers), default=0.0)
        finally:
            terminal.close()
    p95 = {
        name: statistics.quantiles(found, n=20)[-1]
        for name, found in (("busy", busy), ("idle", idle))
    }
    print(f"keys while a 100,000-word article is analysed (panes filled at {analysed:.1f} s):")
    print(
        f"  95th percentile of {len(busy)} keys: {p95['busy'] * 1000:.1f} ms while analysing, "
        f"{p95['idle'] * 1000:.1f} ms after; ratio {p95['busy'] / p95['idle']:.2f}×"
    )
    print(f"  peak memory: app {app_peak:.0f} MiB, its worker {worker_peak:.0f} MiB")


def _presses(
    terminal: Terminal, rounds: int, until: re.Pattern[bytes] | None = None
) -> list[float]:
    """Latencies of `rounds` of keys; fewer if `until` reaches the terminal first (the
    analysis is done, and the keys after it are not pressed while it runs)."""
    latencies = []
    for _ in range(rounds):
        for key in (b"\x1b[B", b"\x1b[A", b"n"):  # down, up: the article scrolls; n
            latencies.append(terminal.key_latency(key))
            time.sleep(0.05)
        if until is not None and until.search(_ESCAPE.sub(b"", terminal.seen)):
            break
    return latencies


def library(runs: int) -> None:
    articles = sorted(EVAL.glob("*.md")) + sorted(EVAL.glob("*.txt"))
    with tempfile.TemporaryDirectory() as folder:
        for number in range(40):
            source = articles[number % len(articles)]
            text = source.read_text(encoding="utf-8")
            # Each a different text, so that none is read from another's cache entry.
            target = Path(folder) / f"{number:02d}{source.suffix}"
            target.write_text(f"{text}\n\nEdition {number}.\n", encoding="utf-8")
        done = re.compile(rb"Analysed 40 of 40")
        reader = [sys.executable, "-m", "reader", folder]
        times: dict[str, list[float]] = {"every core": [], "one core": []}
        for _ in range(runs):
            for name, command in (
                ("every core", reader),
                ("one core", ["taskset", "-c", "0", *reader]),
            ):
                with cold_cache() as cache:
                    terminal = Terminal(command, cache)
                    try:
                        times[name].append(terminal.wait_for(done))
                    finally:
                        terminal.close()
    every, one = (statistics.median(times[name]) for name in ("every core", "one core"))
    print(f"a library of 40 articles, launch to all analysed, medians of {runs}:")
    print(
        f"  on {len(os.sched_getaffinity(0))} cores {every:.1f} s; held to one core, one "
        f"article at a time, {one:.1f} s; ratio {every / one:.2f}×"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=["panes", "book", "keys", "library"])
    args = parser.parse_args(argv)
    # Byte-compiled as pip does when it installs a wheel (see terminal_start.py).
    compileall.compile_dir(ROOT / "reader", quiet=1)
    if args.only in (None, "panes"):
        launch_to_panes(args.runs)
    if args.only in (None, "book"):
        book(max(1, args.runs // 2))
    if args.only in (None, "keys"):
        keys_while_analysing(10 * args.runs)
    if args.only in (None, "library"):
        library(max(1, args.runs // 2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
