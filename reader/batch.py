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
from typing import TYPE_CHECKING, Literal

from . import exit_codes, export
from .analysis import AnalysisCache, ModelError
from .analysis.worker import usable_cores
from .document import LoadError, visible

if TYPE_CHECKING:
    from .analysis import Analysis
    from .document import Document, Source

# A group of articles analysed together holds at most this many, and this many bytes of
# files: enough 30-word articles to fill the model's batches, while a long article goes
# alone and memory stays that of one article.
GROUP_ARTICLES = 32
GROUP_BYTES = 64 * 1024

# What is printed per article: the JSON document (indented for one article, one line
# each for several), or its quotes as CSV rows or a Markdown section.
Form = Literal["json", "jsonl", "csv", "markdown"]
Result = tuple[str, str | None, str | None]


def analyse_one(
    source: Source, model: str, cache: AnalysisCache | None, form: Form, max_words: int | None
) -> Result:
    """(source, its output or None, error or None). Run in a worker process, which then
    sends back only the text to print."""
    from .api import analyse_path
    from .document.sources import source_name

    name = source_name(source)
    try:
        document, analysis = analyse_path(source, model, cache, max_words)
    except LoadError as error:
        return name, None, str(error)
    return name, _output(form, name, document, analysis), None


def analyse_group(
    sources: list[Source],
    model: str,
    cache: AnalysisCache | None,
    form: Form,
    max_words: int | None = None,
) -> list[Result]:
    """What `analyse_one` gives for each source, the articles analysed together."""
    from .api import analyse_paths
    from .document.sources import source_name

    found = analyse_paths(sources, model, cache, max_words)
    names = [source_name(source) for source in sources]
    return [
        (name, None, str(item))
        if isinstance(item, LoadError)
        else (name, _output(form, name, *item), None)
        for name, item in zip(names, found, strict=True)
    ]


def _output(form: Form, source: str, document: Document, analysis: Analysis) -> str:
    if form == "csv":
        return export.quotes_csv(source, document, analysis)
    if form == "markdown":
        return export.quotes_markdown(source, document, analysis)
    return export.json_document(document, analysis, one_line=form == "jsonl")


def groups(sources: list[Source], workers: int) -> list[list[Source]]:
    """Neighbouring sources in groups of at most GROUP_ARTICLES and GROUP_BYTES (a web
    address, whose size is unknown, goes alone), small enough for every worker to have
    a few: the last to finish waits for little."""
    most = max(1, min(GROUP_ARTICLES, len(sources) // (4 * workers)))
    found: list[list[Source]] = []
    size = 0
    for source in sources:
        length = _size(source)
        if not found or len(found[-1]) == most or size + length > GROUP_BYTES:
            found.append([])
            size = 0
        found[-1].append(source)
        size += length
    return found


def _size(source: Source) -> int:
    from .document.fetch import is_url

    if not isinstance(source, str):
        return GROUP_BYTES  # an item's page is fetched where it is analysed
    if is_url(source):
        return GROUP_BYTES
    try:
        return os.stat(source).st_size
    except OSError:
        return 0  # the worker says what is wrong with it


def results(
    sources: list[Source],
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
    if not sources:
        return
    if len(sources) == 1 or "-" in sources:
        for source in sources:
            yield analyse_one(source, model, cache, form, max_words)
        return
    import multiprocessing

    workers = min(len(sources), usable_cores())  # a worker is one busy interpreter
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        pool = multiprocessing.Pool(workers, initializer=_ignore_interrupts)
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        for found in pool.imap(
            _analyse_args,
            [(group, model, cache, form, max_words) for group in groups(sources, workers)],
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


def _analyse_args(
    args: tuple[list[Source], str, AnalysisCache | None, Form, int | None],
) -> list[Result]:
    return analyse_group(*args)


def run_batch(
    sources: list[str],
    model: str,
    cache: AnalysisCache | None,
    quotes: Literal["csv", "markdown"] | None = None,
    max_words: int | None = None,
) -> int:
    """Print each article's output as it is ready, in the order given (a feed's items in
    its place, in the feed's order); the exit status."""
    from .document.sources import expand_feeds

    expanded = expand_feeds(sources)
    for failure in expanded.failures:
        print(f"reader: {failure}", file=sys.stderr)
    for warning in expanded.warnings:
        print(f"reader: warning: {visible(warning)}", file=sys.stderr)
    articles = expanded.sources
    single = len(articles) == 1 and not expanded.feeds  # a feed is a list, however short
    form: Form = quotes or ("json" if single else "jsonl")
    failed = len(expanded.failures)
    printed = 0
    header = export.quotes_csv_header() if form == "csv" else ""
    found = results(articles, model, cache, form, max_words)
    try:
        for _source, text, error in _with_progress(found, len(articles)):
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
        return exit_codes.USAGE if not printed else exit_codes.SOME_FAILED
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
