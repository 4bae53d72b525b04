"""Several articles at once: JSON Lines, or their quotes as CSV or Markdown, on both cores.

Each worker process loads the pipeline once and analyses the articles it is given; the
results are printed in the order the articles were named, with a progress bar on stderr
when that is a terminal. An article that cannot be read is reported on stderr and the
others still printed; the exit status then says some failed.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from typing import Literal

from . import exit_codes, export
from .analysis import AnalysisCache, ModelError
from .document import LoadError

# What is printed per article: the JSON document (indented for one article, one line
# each for several), or its quotes as CSV rows or a Markdown section.
Form = Literal["json", "jsonl", "csv", "markdown"]
Result = tuple[str, str | None, str | None]


def analyse_one(
    source: str, model: str, cache: AnalysisCache | None, form: Form, max_words: int | None
) -> Result:
    """(source, its output or None, error or None). Run in a worker process, which then
    sends back only the text to print."""
    from .api import analyse_path

    try:
        document, analysis = analyse_path(source, model, cache, max_words)
    except LoadError as error:
        return source, None, str(error)
    if form == "csv":
        return source, export.quotes_csv(source, document, analysis), None
    if form == "markdown":
        return source, export.quotes_markdown(source, document, analysis), None
    return source, export.json_document(document, analysis, one_line=form == "jsonl"), None


def results(
    sources: list[str],
    model: str,
    cache: AnalysisCache | None,
    form: Form,
    max_words: int | None = None,
) -> Iterator[Result]:
    """Results in the order of `sources`; standard input is read here, in this process.

    Ctrl-C reaches every process of the terminal's group at once; the workers ignore it
    (they are started ignoring it, so not even their start-up can be interrupted) and this
    process ends them, so that one KeyboardInterrupt, here, stops everything: no
    traceback from the workers, and no worker left behind waiting on a pipe.
    """
    if len(sources) == 1 or "-" in sources:
        for source in sources:
            yield analyse_one(source, model, cache, form, max_words)
        return
    import multiprocessing

    workers = min(len(sources), _usable_cores())
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        pool = multiprocessing.Pool(workers, initializer=_ignore_interrupts)
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        yield from pool.imap(
            _analyse_args, [(s, model, cache, form, max_words) for s in sources], chunksize=1
        )
        pool.close()
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not stop this
        pool.terminate()
        raise
    except BaseException:  # the output's reader went away, or the consumer stopped early
        pool.terminate()
        raise
    finally:
        pool.join()


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _analyse_args(args: tuple[str, str, AnalysisCache | None, Form, int | None]) -> Result:
    return analyse_one(*args)


def run_batch(
    sources: list[str],
    model: str,
    cache: AnalysisCache | None,
    quotes: Literal["csv", "markdown"] | None = None,
    max_words: int | None = None,
) -> int:
    """Print each article's output as it is ready, in the order given; the exit status."""
    form: Form = quotes or ("json" if len(sources) == 1 else "jsonl")
    failed = printed = 0
    header = export.quotes_csv_header() if form == "csv" else ""
    found = results(sources, model, cache, form, max_words)
    try:
        for _source, text, error in _with_progress(found, len(sources)):
            if error is not None:
                failed += 1
                print(f"reader: {error}", file=sys.stderr)
                continue
            assert text is not None
            if form == "markdown" and printed:
                sys.stdout.write("\n")  # a blank line between two articles' sections
            sys.stdout.write(header + text)
            sys.stdout.flush()
            header = ""
            printed += 1
    except ModelError as error:
        print(f"reader: {error}", file=sys.stderr)
        return exit_codes.MODEL
    sys.stdout.write(header)  # a CSV with no quote at all still has its columns
    if failed:
        return exit_codes.USAGE if failed == len(sources) else exit_codes.SOME_FAILED
    return exit_codes.OK


def _with_progress(items: Iterator[Result], total: int) -> Iterator[Result]:
    if total < 2 or not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("Analysing", total=total)
        for item in items:
            progress.advance(task)
            yield item


def _usable_cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than
    the machine has): one worker each, since a worker is one busy interpreter."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
