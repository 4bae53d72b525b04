"""Several articles at once: JSON Lines, or their quotes as CSV or Markdown, on both cores.

Each worker process loads the pipeline once and analyses the articles it is given; the
results are printed in the order the articles were named, with a progress bar on stderr
when that is a terminal. An article that cannot be read is reported on stderr and the
others still printed; the exit status then says some failed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from .analysis import AnalysisCache, ModelError
from .cli import EXIT_MODEL, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE
from .document import LoadError

WORKERS = 2  # the machines this runs on have two cores; more processes only add memory

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


def results(
    sources: list[str], model: str, cache: AnalysisCache | None, max_words: int | None = None
) -> Iterator[Result]:
    """Results in the order of `sources`; standard input is read here, in this process."""
    if len(sources) == 1 or "-" in sources:
        for source in sources:
            yield analyse_one(source, model, cache, max_words)
        return
    workers = min(WORKERS, len(sources), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        count = len(sources)
        yield from pool.map(
            analyse_one, sources, [model] * count, [cache] * count, [max_words] * count
        )


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
                json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
                sys.stdout.write("\n")
            else:
                sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
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


QUOTE_COLUMNS = ["article", "title", "speaker", "quote", "start", "end", "source"]


def _quote_rows(rows: list[tuple[str, dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    for source, data in rows:
        for quote in data["quotes"]:
            yield {
                "article": source,
                "title": data["title"],
                "speaker": quote["speaker_name"],
                "quote": quote["text"],
                "start": quote["start"],
                "end": quote["end"],
                "source": data.get("source", ""),
            }


def quotes_csv(rows: list[tuple[str, dict[str, Any]]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=QUOTE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(_quote_rows(rows))
    return buffer.getvalue()


def quotes_markdown(rows: list[tuple[str, dict[str, Any]]]) -> str:
    """One section per article, each quote a block quote signed by its speaker."""
    parts: list[str] = []
    for source, data in rows:
        parts.append(f"## {_flat(data['title'])}\n\n{_flat(data.get('source') or source)}\n")
        if not data["quotes"]:
            parts.append("No quotations.\n")
        for quote in data["quotes"]:
            text = "\n> ".join(line for line in quote["text"].splitlines() if line.strip())
            speaker = _flat(quote["speaker_name"]) or "unattributed"
            parts.append(f"> {text}\n>\n> — {speaker}\n")
    return "\n".join(parts)


def _flat(text: str) -> str:
    return " ".join(str(text).split())
