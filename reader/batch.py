"""Several articles at once: JSON Lines, or their quotes as CSV or Markdown, on both cores.

Each worker process loads the pipeline once and analyses the articles it is given, a
group of neighbours at a time (short articles share the model's batches); the results
are printed in the order the articles were named, with a progress bar on stderr when
that is a terminal. An article that cannot be read is reported on stderr and the
others still printed; the exit status then says some failed.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from typing import Any

from .analysis import AnalysisCache, ModelError
from .cli import EXIT_MODEL, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE
from .document import LoadError
from .output import json_text, quotes_csv, quotes_markdown

WORKERS = 2  # the machines this runs on have two cores; more processes only add memory
# A group of articles analysed together holds at most this many, and this many bytes of
# files: enough 30-word articles to fill the model's batches, while a long article goes
# alone and memory stays that of one article.
GROUP_ARTICLES = 32
GROUP_BYTES = 64 * 1024

Result = tuple[str, dict[str, Any] | None, str | None]


def analyse_one(
    source: str, model: str, cache: AnalysisCache | None, max_words: int | None = None
) -> Result:
    """(source, JSON document or None, error or None), for use in a worker process."""
    from .api import json_for_path

    try:
        return source, json_for_path(source, model, cache, max_words), None
    except LoadError as error:
        return source, None, str(error)


def analyse_group(
    sources: list[str], model: str, cache: AnalysisCache | None, max_words: int | None = None
) -> list[Result]:
    """What `analyse_one` gives for each source, the articles analysed together."""
    from .api import json_for_paths

    found = json_for_paths(sources, model, cache, max_words)
    return [
        (source, None, str(data)) if isinstance(data, LoadError) else (source, data, None)
        for source, data in zip(sources, found, strict=True)
    ]


def groups(sources: list[str], workers: int) -> list[list[str]]:
    """Neighbouring sources in groups of at most GROUP_ARTICLES and GROUP_BYTES (a web
    address, whose size is unknown, goes alone), small enough for every worker to have
    a few: the last to finish waits for little."""
    most = max(1, min(GROUP_ARTICLES, len(sources) // (4 * workers)))
    found: list[list[str]] = []
    size = 0
    for source in sources:
        length = _size(source)
        if not found or len(found[-1]) == most or size + length > GROUP_BYTES:
            found.append([])
            size = 0
        found[-1].append(source)
        size += length
    return found


def _size(source: str) -> int:
    from .document.fetch import is_url

    if is_url(source):
        return GROUP_BYTES
    try:
        return os.stat(source).st_size
    except OSError:
        return 0  # the worker says what is wrong with it


def results(
    sources: list[str], model: str, cache: AnalysisCache | None, max_words: int | None = None
) -> Iterator[Result]:
    """Results in the order of `sources`; standard input is read here, in this process.

    Ctrl-C reaches every process of the terminal's group at once; the workers ignore it
    (they are started ignoring it, so not even their start-up can be interrupted) and this
    process ends them, so that one KeyboardInterrupt, here, stops everything: no
    traceback from the workers, and no worker left behind waiting on a pipe.
    """
    if len(sources) == 1 or "-" in sources:
        for source in sources:
            yield analyse_one(source, model, cache, max_words)
        return
    import multiprocessing

    workers = min(WORKERS, len(sources), os.cpu_count() or 1)
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        pool = multiprocessing.Pool(workers, initializer=_ignore_interrupts)
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        for found in pool.imap(
            _analyse_args,
            [(group, model, cache, max_words) for group in groups(sources, workers)],
            chunksize=1,
        ):
            yield from found
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


def _analyse_args(args: tuple[list[str], str, AnalysisCache | None, int | None]) -> list[Result]:
    return analyse_group(*args)


def run_batch(
    sources: list[str],
    model: str,
    cache: AnalysisCache | None,
    quotes: str | None = None,
    max_words: int | None = None,
) -> int:
    failed = 0
    rows: list[tuple[str, dict[str, Any]]] = []
    found = results(sources, model, cache, max_words)
    try:
        for source, data, error in _with_progress(found, len(sources)):
            if error is not None:
                failed += 1
                print(f"reader: {error}", file=sys.stderr)
                continue
            assert data is not None
            if quotes:
                rows.append((source, data))
            elif len(sources) == 1:
                sys.stdout.write(json_text(data, indent=2) + "\n")
            else:
                sys.stdout.write(json_text(data) + "\n")
                sys.stdout.flush()
    except ModelError as error:
        print(f"reader: {error}", file=sys.stderr)
        return EXIT_MODEL
    if quotes == "csv":
        sys.stdout.write(quotes_csv(rows))
    elif quotes == "markdown":
        sys.stdout.write(quotes_markdown(rows))
    if failed:
        return EXIT_USAGE if failed == len(sources) else EXIT_SOME_FAILED
    return EXIT_OK


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
