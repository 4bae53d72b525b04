"""Speed and memory where a reader feels them, each beside a baseline from the same run.

    python -m benchmarks.performance [--quick]

Machines here are shared and noisy, so no figure is compared with a number written down
elsewhere: every row measures the reader and its baseline now, alternately, and prints
both with their ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sample_articles" / "seed_lavrov_alanya.txt"
MARKDOWN_SAMPLE = ROOT / "sample_articles" / "03_erdogan-hagia-sophia-mosque.md"


@dataclass
class Row:
    what: str
    reader: str
    baseline: str
    ratio: str
    target: str


# -- cold start ------------------------------------------------------------------------------


def _first_paint(article: Path, baseline: bool) -> dict[str, float | bool]:
    command = [sys.executable, str(ROOT / "benchmarks" / "startup_child.py"), "", str(article)]
    if baseline:
        command.append("--baseline")
    command[2] = repr(time.time())
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=120, cwd=ROOT
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    if "error" in result:
        raise SystemExit(f"{article.name}: {result['error']}")
    return result


def cold_start(article: Path, runs: int) -> Row:
    ours: list[float] = []
    base: list[float] = []
    spacy_seen = False
    for _ in range(runs):
        result = _first_paint(article, baseline=False)
        ours.append(float(result["seconds"]))
        spacy_seen |= bool(result["spacy_imported"])
        base.append(float(_first_paint(article, baseline=True)["seconds"]))
    mine, theirs = statistics.median(ours), statistics.median(base)
    return Row(
        f"cold start to text on screen ({article.name}), median of {runs}",
        f"{mine * 1000:.0f} ms" + (" (spaCy imported!)" if spacy_seen else ", no spaCy"),
        f"{theirs * 1000:.0f} ms (one Static)",
        f"{mine / theirs:.2f}×",
        "≤ 1.3×, spaCy not imported",
    )


# -- analysis throughput ----------------------------------------------------------------------


def throughput(article: Path, runs: int) -> Row:
    import spacy

    from reader.analysis import analyze, choose_model
    from reader.analysis.nlp import load_pipeline
    from reader.document import load_document

    document = load_document(article)
    words = len(document.text.split())
    name = choose_model()
    load_pipeline(name)
    full = spacy.load(name)
    paragraphs = [block.text for block in document.blocks if block.analysed]
    ours: list[float] = []
    base: list[float] = []
    for _ in range(runs):
        base.append(_timed(lambda: list(full.pipe(paragraphs))))
        ours.append(_timed(lambda: analyze(document, model=name)))
    mine, theirs = min(ours), min(base)
    return Row(
        f"analysis throughput, {words:,} words, best of {runs}",
        f"{words / mine:,.0f} words/s (whole analysis)",
        f"{words / theirs:,.0f} words/s (nlp.pipe, default components)",
        f"{theirs / mine:.2f}× as fast",
        "≥ 1.0×",
    )


# -- re-opening ---------------------------------------------------------------------------------


def reopen(article: Path, runs: int) -> Row:
    from reader.analysis import AnalysisCache, analyze, choose_model
    from reader.analysis.nlp import load_pipeline
    from reader.document import load_document

    name = choose_model()
    load_pipeline(name)
    firsts: list[float] = []
    agains: list[float] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as directory:
            cache = AnalysisCache(Path(directory))

            def open_article(cache: AnalysisCache = cache) -> object:
                return analyze(load_document(article), name, cache=cache)

            firsts.append(_timed(open_article))
            agains.append(_timed(open_article))
    first, again = statistics.median(firsts), statistics.median(agains)
    return Row(
        f"re-opening an analysed article ({article.name}), median of {runs}",
        f"{again * 1000:.1f} ms (from the cache)",
        f"{first * 1000:.0f} ms (first analysis, model loaded)",
        f"{again / first:.1%}",
        "≤ 5%",
    )


# -- highlighting -------------------------------------------------------------------------------


@dataclass
class Keypresses:
    """CPU time per keypress, by kind: whether the article view had to move."""

    times: dict[tuple[str, bool], list[float]]

    def median(self, kind: str, moved: bool) -> float | None:
        found = self.times.get((kind, moved))
        return statistics.median(found) if found else None


async def _keypress_times(article: Path, cache_dir: Path, rounds: int) -> Keypresses:
    from .memory_child import reading_session

    async with reading_session(article, cache_dir) as (app, pilot):
        screen = app.screen
        view = screen.query_one("#article")
        everyone = sorted(screen.analysis.people, key=lambda p: -len(p.mentions))
        people = everyone[:4]
        times: dict[tuple[str, bool], list[float]] = {}

        async def press(kind: str, action: Callable[[], object]) -> None:
            # CPU time, not wall time: the harness waits for a frame after the keypress,
            # and that idle wait is the same on any article. What is left is the work:
            # the handler, the panes, and drawing the lines that changed or scrolled in.
            top = view.scroll_offset.y
            started = time.process_time()
            action()
            await pilot.pause()
            elapsed = time.process_time() - started
            times.setdefault((kind, view.scroll_offset.y != top), []).append(elapsed)

        for index in range(rounds):
            person = people[index % len(people)]
            await press("select", lambda person=person: screen.select_entity(person.id))
            # Then someone named on the screen in view, as a reader picks a name they see.
            top = int(view.scroll_offset.y)
            bottom = top + view.scrollable_content_region.height
            in_view = next(
                (
                    other
                    for other in everyone
                    if other is not person
                    and top < (view.line_of(other.mentions[0]) or -1) < bottom - 1
                ),
                None,
            )
            if in_view is not None:
                await press("select", lambda other=in_view: screen.select_entity(other.id))
            # Next, back, and back again: from the first mention that wraps to the last,
            # a screenful away on any article long enough to scroll.
            await press("step", screen.action_next_mention)
            await press("step", screen.action_previous_mention)
            await press("step", screen.action_previous_mention)
        return Keypresses(times)


def highlight(long_article: Path, cache_dir: Path, rounds: int) -> list[Row]:
    """Each keypress on the book against the same keypress on the seed article.

    A keypress that brings a mention into view from off screen draws a new screenful; one
    that moves within the screen redraws the lines it touches. A book mostly does the
    first and a one-screen article mostly the second, so one median over both would
    compare a scroll with a re-style: each kind is compared with its own kind.
    """
    from reader.analysis import AnalysisCache, analyze
    from reader.document import load_document

    cache = AnalysisCache(cache_dir)
    for article in (SEED, long_article):
        analyze(load_document(article), cache=cache)  # fill the cache: no parse in the app
    seed = asyncio.run(_keypress_times(SEED, cache_dir, rounds))
    long = asyncio.run(_keypress_times(long_article, cache_dir, rounds))
    words = len(long_article.read_text(encoding="utf-8").split())
    rows = []
    for kind, label in (("select", "selection of a person"), ("step", "`n` / `N`")):
        for moved, where in ((False, "mention already on screen"), (True, "view scrolls")):
            mine, theirs = long.median(kind, moved), seed.median(kind, moved)
            count = len(long.times.get((kind, moved), ()))
            base_count = len(seed.times.get((kind, moved), ()))
            rows.append(
                Row(
                    f"CPU per {label}, {where}, {words:,} words",
                    f"{mine * 1000:.1f} ms ({count}×)" if mine is not None else "—",
                    f"{theirs * 1000:.1f} ms ({base_count}×, seed)" if theirs is not None else "—",
                    f"{mine / theirs:.2f}×" if mine is not None and theirs else "—",
                    "near 1×",
                )
            )
    return rows


# -- memory -------------------------------------------------------------------------------------


def memory(long_article: Path, cache_dir: Path) -> Row:
    def peak(article: Path) -> float:
        output = subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "memory_child.py"),
                str(article),
                str(cache_dir),
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
            cwd=ROOT,
        ).stdout
        return float(json.loads(output.strip().splitlines()[-1])["peak_mib"])

    long, seed = peak(long_article), peak(SEED)
    words = len(long_article.read_text(encoding="utf-8").split())
    return Row(
        f"peak memory of a reading session, {words:,} words",
        f"{long:.0f} MiB",
        f"{seed:.0f} MiB (seed article)",
        f"{long / seed:.2f}×",
        "report; no copy per highlight",
    )


# -- report --------------------------------------------------------------------------------------


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def print_rows(rows: list[Row]) -> None:
    headers = ("what", "reader", "baseline (same run)", "ratio", "target")
    table = [headers, *[(r.what, r.reader, r.baseline, r.ratio, r.target) for r in rows]]
    widths = [max(len(line[i]) for line in table) for i in range(len(headers))]
    for number, line in enumerate(table):
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))
        if number == 0:
            print("  ".join("-" * width for width in widths))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and a shorter book")
    args = parser.parse_args(argv)
    runs, rounds, words = (3, 10, 20_000) if args.quick else (7, 30, 100_000)
    from .long_article import write_long_article

    # Byte-compile the package as pip does when it installs a wheel: an editable install
    # under PYTHONDONTWRITEBYTECODE would otherwise compile the reader's modules on every
    # start and charge that to the reader.
    compileall.compile_dir(ROOT / "reader", quiet=1)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as scratch:
        scratch_dir = Path(scratch)
        long_article = write_long_article(scratch_dir, words)
        cache_dir = scratch_dir / "cache"
        rows.append(cold_start(SEED, runs))
        rows.append(cold_start(MARKDOWN_SAMPLE, runs))
        rows.append(throughput(long_article, 2))
        rows.append(reopen(SEED, runs))
        rows.append(reopen(long_article, 1))
        rows.extend(highlight(long_article, cache_dir, rounds))
        rows.append(memory(long_article, cache_dir))
    print_rows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
