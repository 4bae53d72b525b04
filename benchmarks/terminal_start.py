"""First paint as a person meets it: `reader ARTICLE` in a pseudo-terminal, real driver.

The headless figure in benchmarks/performance.py skips Textual's Linux driver (terminal
set-up, the queries it sends, writing frames to a tty). Here each program runs in a
pseudo-terminal of a fixed size, exactly as a user starts it, and the clock stops when
the article's first words of prose have been written to the terminal. The baseline is a
minimal Textual app showing the same file in one `Static`, started the same way; runs
alternate between the two so that the machine's load falls on both alike.

    .venv/bin/python -m benchmarks.terminal_start [ARTICLE] [--runs N]
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
import signal
import statistics
import struct
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sample_articles" / "seed_lavrov_alanya.txt"
COLUMNS, ROWS = 120, 40
_ESCAPE = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")

BASELINE = """
import sys
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        with open(sys.argv[1], encoding="utf-8") as stream:
            yield Static(stream.read(), markup=False)

Bare().run()
"""


def first_words(path: Path) -> bytes:
    """The first words of the article's prose, as any frame that shows its text has them."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := re.match(r"[A-Z][\w’']*(?:,? [\w’']+){2}", line.strip()):
            return match.group().encode("utf-8")
    raise SystemExit(f"{path}: no line of prose to look for on screen")


def time_to_words(command: list[str], words: bytes, timeout: float = 60.0) -> float:
    """Seconds from starting `command` in a new pseudo-terminal until `words` are on it."""
    started = time.perf_counter()
    pid, master = pty.fork()
    if pid == 0:  # the child: a session of its own, with the pty as its terminal
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        os.environ.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(ROWS))
        os.environ.pop("TEXTUAL", None)
        os.execv(command[0], command)
    seen = b""
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break  # the program ended
            if not chunk:
                break
            seen = (seen + chunk)[-200_000:]
            if words in _ESCAPE.sub(b"", seen):
                return time.perf_counter() - started
        raise RuntimeError(f"{command[-1]}: the article's words never reached the terminal")
    finally:
        # The reader's analysis worker too: left running, it would load spaCy on the
        # other core during the next program's start.
        for process in [*_children(pid), pid]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(process, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(master)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=SEED)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    article = args.article.resolve()
    # Byte-compiled as pip does when it installs a wheel: an editable install under
    # PYTHONDONTWRITEBYTECODE would compile the reader's modules on every start.
    compileall.compile_dir(ROOT / "reader", quiet=1)
    words = first_words(article)
    python = sys.executable
    reader = [python, "-m", "reader", "--no-cache", str(article)]
    bare = [python, "-c", BASELINE, str(article)]
    commands = {"reader": reader, "bare": bare}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(time_to_words(command, words))
    first_ratio = times["reader"][0] / times["bare"][0]
    warm = {name: statistics.median(found[1:] or found) for name, found in times.items()}
    print(f"first paint in a {COLUMNS}×{ROWS} pseudo-terminal, {article.name}, {args.runs} runs")
    print(
        f"  first run: reader {times['reader'][0] * 1000:.0f} ms, bare Textual app "
        f"{times['bare'][0] * 1000:.0f} ms, ratio {first_ratio:.2f}×"
    )
    print(
        f"  median of the rest: reader {warm['reader'] * 1000:.0f} ms, bare Textual app "
        f"{warm['bare'] * 1000:.0f} ms, ratio {warm['reader'] / warm['bare']:.2f}×"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
