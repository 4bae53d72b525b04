"""Time and memory against the size of the input, for every shape of text that once made
the reader hang, slow down or grow huge (issue 12), beside ordinary news prose of the same
number of words measured in the same run.

    python -m benchmarks.scaling [--quick] [--only NAME ...] [--limits]

Each shape is written to a file at two sizes, ×1 and ×4, and read by `reader --json FILE`
in a fresh process with an empty cache; so is the prose of as many words, and a folder of
small articles (`reader --json FOLDER`). The child's CPU time (its worker processes
included) and peak resident memory come from `wait4`. A one-line article (or a folder of
two) measures the start-up, loading spaCy included, and "net" is the time less that.

The machines these figures come from are shared and noisy, so nothing is compared with a
figure written down elsewhere: growth is ×4 over ×1 of the same run, and "against prose"
is the net time over that of prose of the same number of words, run just before. Targets
(issue 12): time grows at most 4.5× for 4× the input, costs at most 3× as much as prose,
and stays under 1 GB of memory.

A word here is a word of the text or six characters, whichever counts more: a run of
blanks costs by its length, as prose does.

`--limits` adds standard input and a saved page over the size caps, at the sizes that once
ran the machine out of memory: they should be refused at once. `--quick` takes a quarter
of every size. Nothing here reads anything outside the repository.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .shapes import SHAPES, Shape, library_article

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
CHARACTERS_PER_WORD = 6
GROWTH_TARGET = 4.5
AGAINST_PROSE_TARGET = 3.0
MEMORY_TARGET = 1024  # MiB
FOLDER = Shape(
    "library", "a folder of small articles (`reader --json FOLDER`)", str, "/", 1_250, "articles"
)


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # seconds, user + system, the child and its worker processes
    peak: float  # MiB, resident, the largest of those processes
    words: int
    error: str = ""


def words_in(text: str) -> int:
    return max(len(text.split()), len(text) // CHARACTERS_PER_WORD)


def measured(path: Path, words: int, timeout: float) -> Run:
    """`reader --json PATH` in a fresh process with an empty cache, its output discarded.

    Called in a measuring process of its own (see `measure`), so that its usage of its
    children is the reader's: CPU time, its worker processes' included, and the largest
    resident peak among them.
    """
    import resource

    with tempfile.TemporaryDirectory() as cache_home:
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-m", "reader", "--json", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env={**os.environ, "XDG_CACHE_HOME": cache_home},
        )
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            return Run(timeout, 0, 0, words, f"> {timeout:.0f} s")
        wall = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    error = "" if process.returncode == 0 else _last_line(stderr)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, words, error)


def _last_line(stderr: bytes) -> str:
    lines = stderr.decode(errors="replace").strip().splitlines()
    return (lines[-1] if lines else "failed")[:80]


def measure(kind: str, size: int, timeout: float) -> Run:
    """Run `kind` at `size` in a fresh measuring process (see `--child`)."""
    command = [sys.executable, "-m", "benchmarks.scaling", "--child", kind, str(size)]
    command += ["--timeout", str(timeout)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        return Run(0, 0, 0, 0, _last_line(result.stderr.encode()))
    wall, cpu, peak, words, error = result.stdout.splitlines()[-1].split("\t")
    return Run(float(wall), float(cpu), float(peak), int(words), error)


def child(kind: str, size: int, timeout: float) -> Run:
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        if kind == FOLDER.name:
            path = folder / "clippings"
            path.mkdir()
            words = 0
            for number in range(size):
                text = library_article(number, size)
                (path / f"{number:05d}.txt").write_text(text, encoding="utf-8")
                words += words_in(text)
        elif kind == "start-up":
            path = folder / "one.txt"
            text = "The talks resumed on Monday.\n"
            path.write_text(text, encoding="utf-8")
            words = words_in(text)
        elif kind == "start-up-folder":
            path = folder / "two"
            path.mkdir()
            text = "The talks resumed on Monday.\n"
            for name in ("a.txt", "b.txt"):
                (path / name).write_text(text, encoding="utf-8")
            words = 2 * words_in(text)
        else:
            shape = _shape(kind)
            text = shape.make(size)
            path = folder / f"article{shape.suffix or '.txt'}"
            if not shape.suffix:
                path = folder / "article"  # the reader guesses the format
            path.write_text(text, encoding="utf-8")
            words = words_in(text)
        return measured(path, words, timeout)


def _shape(name: str) -> Shape:
    return next(shape for shape in SHAPES if shape.name == name)


# -- the table ------------------------------------------------------------------------------------


def _seconds(value: float) -> str:
    return f"{value:.1f} s" if value < 100 else f"{value:.0f} s"


@dataclass
class Row:
    shape: Shape
    size: int
    run: Run
    net: float
    prose: Run | None
    prose_net: float


HEADER = [
    "| input | size | words | wall | CPU | net CPU | peak memory "
    "| prose, same words: net CPU | against prose | growth ×1 → ×4 |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
]


def table_line(row: Row, previous: Row | None) -> tuple[str, bool]:
    """The row's line of the table, and whether it meets the targets; `previous` is the
    same shape at a quarter of the size."""
    if row.run.error:
        return (
            f"| {row.shape.what} | {row.size:,} {row.shape.unit} | — | — | {row.run.error} "
            "| — | — | — | — | — |",
            False,
        )
    against = row.net / row.prose_net if row.prose else None
    growth = ""
    met = row.run.peak < MEMORY_TARGET and (against is None or against <= AGAINST_PROSE_TARGET)
    if previous is not None and not previous.run.error:
        ratio = row.net / previous.net
        growth = f"{ratio:.2f}×"
        met &= ratio <= GROWTH_TARGET
    line = (
        f"| {row.shape.what} | {row.size:,} {row.shape.unit} | {row.run.words:,} "
        f"| {_seconds(row.run.wall)} | {_seconds(row.run.cpu)} | {_seconds(row.net)} "
        f"| {row.run.peak:.0f} MiB "
        f"| {_seconds(row.prose_net) if row.prose else '—'} "
        f"| {'—' if against is None else f'{against:.2f}×'} | {growth} |"
    )
    return line, met


def report(shapes: list[Shape], quick: bool, timeout: float) -> bool:
    """Print the table, a line as soon as it is measured; whether every target was met."""
    start = min((measure("start-up", 1, timeout) for _ in range(2)), key=lambda r: r.cpu)
    start_folder = measure("start-up-folder", 1, timeout)
    print(
        f"Start-up (`reader --json` on a one-line article, spaCy loaded): {_seconds(start.cpu)} "
        f"CPU, {start.peak:.0f} MiB; on a folder of two: {_seconds(start_folder.cpu)} CPU.\n",
        *HEADER,
        sep="\n",
        flush=True,
    )

    @cache
    def prose_run(words: int) -> Run:
        return measure("prose", words, timeout)

    met = True
    for shape in shapes:
        previous = None
        for factor in (1, 4):
            size = max(1, shape.size * factor // (4 if quick else 1))
            run = measure(shape.name, size, timeout)
            base = start_folder if shape is FOLDER else start
            other = prose_run(run.words) if run.words and shape.name != "prose" else None
            row = Row(
                shape,
                size,
                run,
                max(run.cpu - base.cpu, 0.001),
                other,
                max(other.cpu - start.cpu, 0.001) if other else 0.0,
            )
            line, fine = table_line(row, previous)
            print(line, flush=True)
            met &= fine
            previous = row
    return met


# -- inputs over the caps: refused at once ------------------------------------------------------


@dataclass
class Refusal:
    what: str
    seconds: float
    peak: float
    message: str


def _page(size: int) -> bytes:
    paragraph = (
        "<p>The minister said on {n} March that the talks in Ankara would resume next week, "
        "after a pause of {n} days, and that both delegations had agreed on an agenda.</p>\n"
    )
    parts = [b"<!doctype html><html><head><title>Talks resume</title></head><body><article>"]
    total = len(parts[0])
    number = 0
    while total < size:
        part = paragraph.format(n=number).encode()
        parts.append(part)
        total += len(part)
        number += 1
    parts.append(b"</article></body></html>\n")
    return b"".join(parts)


def _refusal(
    what: str, command: list[str], feed: Callable[[subprocess.Popen[bytes]], None]
) -> Refusal:
    started = time.monotonic()
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT
    )
    feed(process)
    assert process.stderr is not None
    message = process.stderr.read().decode(errors="replace").strip()
    _, _, usage = os.wait4(process.pid, 0)
    return Refusal(
        what,
        time.monotonic() - started,
        usage.ru_maxrss / 1024,
        message.splitlines()[-1] if message else "(accepted)",
    )


def refusals() -> list[Refusal]:
    def pipe_yes(process: subprocess.Popen[bytes]) -> None:
        assert process.stdin is not None
        chunk = b"y\n" * (MIB // 2)
        try:
            for _ in range(300):
                process.stdin.write(chunk)
            process.stdin.close()
        except BrokenPipeError:
            pass  # refused before the end: what should happen

    def nothing(process: subprocess.Popen[bytes]) -> None:
        assert process.stdin is not None
        process.stdin.close()

    found = [
        _refusal(
            "standard input, 300 MB of `y` lines",
            [sys.executable, "-m", "reader", "--json", "-"],
            pipe_yes,
        )
    ]
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "saved.html"
        path.write_bytes(_page(160 * MIB))
        refusal = _refusal(
            "a saved web page of 160 MB",
            [sys.executable, "-m", "reader", "--json", str(path)],
            nothing,
        )
        refusal.message = refusal.message.replace(directory, "…")
        found.append(refusal)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a quarter of the sizes")
    parser.add_argument(
        "--only", nargs="+", metavar="NAME", help="these shapes only, in this order"
    )
    parser.add_argument("--limits", action="store_true", help="inputs over the size caps too")
    parser.add_argument(
        "--timeout", type=float, default=900, help="seconds before a run counts as a hang"
    )
    parser.add_argument("--child", nargs=2, metavar=("NAME", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        name, size = args.child
        run = child(name, int(size), args.timeout)
        print(f"{run.wall}\t{run.cpu}\t{run.peak}\t{run.words}\t{run.error}")
        return 0
    shapes = [*SHAPES, FOLDER]
    if args.only:
        # In the order given, so that what matters most is measured first.
        shapes = [s for name in args.only for s in shapes if s.name == name]
    met = report(shapes, args.quick, args.timeout)
    if args.limits:
        print(
            "",
            "| over the cap | time | peak memory | result |",
            "| --- | --- | --- | --- |",
            sep="\n",
        )
        for refusal in refusals():
            met &= refusal.peak < MEMORY_TARGET and "too large" in refusal.message
            print(
                f"| {refusal.what} | {_seconds(refusal.seconds)} | {refusal.peak:.0f} MiB "
                f"| refused: `{refusal.message}` |",
                flush=True,
            )
    print(f"\nTargets met: {'yes' if met else 'NO'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
