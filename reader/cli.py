"""The command line: arguments, `--json`, one-line errors and exit codes; nothing else."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from . import __version__, collector, exit_codes
from .wording import counted

if TYPE_CHECKING:
    from collections.abc import Callable

    from .analysis.analyst import Analyst
    from .config import Config
    from .ui.app import ReaderApp


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read a news article with its people, countries and quotes beside it.",
    )
    parser.add_argument(
        "articles",
        nargs="*",
        metavar="ARTICLE",
        help="a Markdown, text or HTML file, a web address, a news feed (RSS, Atom, JSON "
        "Feed), a folder of articles, or - for standard input; none: the subscribed feeds",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the analysis as JSON instead of opening the app (JSON Lines, one "
        "document per article, for several)",
    )
    parser.add_argument(
        "--quotes",
        choices=("csv", "markdown"),
        help="print the articles' quotes with their speakers and sources as CSV or Markdown",
    )
    parser.add_argument(
        "--model",
        metavar="NAME",
        help="spaCy pipeline to use (default: $READER_MODEL, else en_core_web_sm if installed)",
    )
    parser.add_argument(
        "--max-words",
        type=int,
        metavar="N",
        help="with --json or --quotes: refuse an article of more than N words (exit status "
        "2) instead of analysing it; analysis takes about a second per 5,000 words",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="analyse again instead of reading a cached analysis (and do not store one)",
    )
    feeds = parser.add_argument_group("subscriptions (the feeds `reader` opens with no article)")
    feeds.add_argument("--subscribe", metavar="URL", help="add a feed's address to them")
    feeds.add_argument("--unsubscribe", metavar="URL", help="remove a feed's address")
    feeds.add_argument("--import-opml", metavar="FILE", help="add the feeds of an OPML file")
    feeds.add_argument(
        "--export-opml", action="store_true", help="print them as OPML, for another reader"
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    """The command line; Ctrl-C ends it at once with status 130 and no traceback."""
    with collector.paused():  # until the app's first frame (see collector.py)
        return quiet_on_interrupt(partial(_main, argv))


def quiet_on_interrupt(work: Callable[[], int]) -> int:
    """`work()`'s status, or 130 without a traceback if Ctrl-C stops it."""
    interrupt = _FirstInterrupt()
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGINT, interrupt)
    try:
        return work()
    except KeyboardInterrupt:
        # Whatever was under way has been stopped (see batch.py for the worker processes).
        return exit_codes.INTERRUPTED
    except Exception:
        if not interrupt.received:
            raise
        # Compiled code can hand the interrupt back as an error of its own: pydantic-core
        # wraps it in a SchemaError when it lands while spaCy's import builds its schemas.
        return exit_codes.INTERRUPTED
    finally:
        # As it was, for a caller in this process; after a Ctrl-C the handler has set
        # SIGINT aside, so that a second one changes nothing.
        if previous is not None and not interrupt.received:
            signal.signal(signal.SIGINT, previous)


def run() -> NoReturn:
    """The `reader` program: `main`, then the process ends with its status."""
    code = main()
    if code == exit_codes.INTERRUPTED:
        # CPython 3.11 can mark a KeyboardInterrupt as unhandled although `main` caught
        # it (one that lands while a compiled module's import runs code through
        # PyRun_String), and would then end the process by SIGINT, not with this status.
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)
    sys.exit(code)


class _FirstInterrupt:
    """The SIGINT handler while the command line runs: the first Ctrl-C raises
    KeyboardInterrupt, and is remembered in case the code it lands in reports it as
    something else."""

    def __init__(self) -> None:
        self.received = False

    def __call__(self, signum: int, frame: object) -> None:
        # Ignore the rest at once: a second Ctrl-C landing while the first one unwinds
        # would otherwise escape `main` and kill the process by signal, not exit 130.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        self.received = True
        raise KeyboardInterrupt


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if args.subscribe or args.unsubscribe or args.import_opml or args.export_opml:
        return _manage_subscriptions(args)
    if problem := _arguments_problem(args.articles):
        return _fail(problem, exit_codes.USAGE)
    if args.json or args.quotes:
        return _read(args, None)
    from .analysis.analyst import Analyst

    # A worker is started now, before the preferences, the cache and the article are
    # read (60 ms of imports and files), so that it imports spaCy meanwhile on a free core
    # (see `Analyst.warm_up`); it is told the pipeline once that is known. An article in
    # the cache, or one that cannot be read, ends it unused.
    analyst = Analyst(choose_later=True)
    analyst.warm_up()
    try:
        return _read(args, analyst)
    finally:
        analyst.close()  # its worker processes end when the app is done


def _read(args: argparse.Namespace, analyst: Analyst | None) -> int:
    """The articles, feeds or subscriptions the arguments name, opened in the app, or
    with no analyst printed (--json, --quotes)."""
    subscribed = not args.articles
    if subscribed:
        from . import subscriptions

        try:
            args.articles = [found.address for found in subscriptions.load()]
        except (OSError, UnicodeDecodeError) as error:
            where = subscriptions.default_path()
            return _fail(f"{where}: {getattr(error, 'strerror', None) or error}", exit_codes.USAGE)
        if not args.articles:
            return _fail(
                "no article given, and no feeds subscribed (reader --subscribe URL adds one)",
                exit_codes.USAGE,
            )
    # Imported here so that `reader --help` answers without loading the document stack.
    from .analysis import AnalysisCache, ModelError
    from .config import Config
    from .document import LoadError

    config = Config.load()
    try:
        model = model_for(args.model, config)
    except ModelError as error:
        return _fail(str(error), exit_codes.MODEL)
    try:
        sources = expand(args.articles)
    except LoadError as error:
        return _fail(str(error), exit_codes.USAGE)
    cache = None if args.no_cache else AnalysisCache()
    if analyst is None:
        from .batch import run_batch

        collector.resume()  # no frame to hurry: the analysis runs with it as usual

        for warning in config.warnings:  # the app shows these in a toast
            print(f"reader: warning: {config.path}: {warning}", file=sys.stderr)

        try:
            return run_batch(sources, model, cache, quotes=args.quotes, max_words=args.max_words)
        except BrokenPipeError:
            # `reader --json … | head`: the reader of the output has gone; not an error.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return exit_codes.OK
    analyst.choose(model, cache)
    if subscribed:  # the inbox: every subscribed feed's items, fetched in the app
        from .ui.app import make_app

        return _run(make_app(None, config=config, feeds=sources, analyst=analyst))
    return _open(args.articles, sources, analyst, config)


def _open(arguments: list[str], sources: list[str], analyst: Analyst, config: Config) -> int:
    """The app on the library, a web page or one article."""
    from .document import LoadError

    if len(sources) > 1 or Path(arguments[0]).is_dir():
        if "-" in sources:
            return _fail("standard input cannot be one of several articles", exit_codes.USAGE)
        from .document.sources import expand_feeds
        from .ui.app import make_app

        # A feed file stands for its items; a web address is fetched in the library, and
        # one that is a feed adds its items there.
        expanded = expand_feeds(sources, fetch_addresses=False, failures_stay=True)
        library = expanded.sources
        return _run(make_app(None, config=config, library=library, analyst=analyst))
    from .document import Document, address_problem, is_url, open_argument

    if is_url(sources[0]):
        if refusal := address_problem(sources[0]):
            return _fail(str(LoadError(sources[0], refusal)), exit_codes.USAGE)
        # Fetched in the app, which shows what it is waiting for (see FetchingScreen).
        from .ui.app import make_app

        return _run(make_app(None, config=config, address=sources[0], analyst=analyst))
    try:
        # Read and parsed before the app takes over the terminal, so that an unreadable
        # file is one line on the command line. (Parsing Markdown in a forked child
        # meanwhile was measured slower, 1.04×, once spaCy's worker took the second core.)
        found = open_argument(sources[0])
    except LoadError as error:
        return _fail(str(error), exit_codes.USAGE)
    if sources[0] == "-" and not _keyboard_from_terminal():
        return _fail(
            "the article came on standard input and there is no terminal to read "
            "keys from; use --json",
            exit_codes.USAGE,
        )
    from .ui.app import make_app

    if not isinstance(found, Document):  # a feed: its items, in the library
        items = list(found.items)
        app = make_app(
            None,
            config=config,
            library=items,
            title=found.title,
            feeds=[sources[0]] if sources[0] != "-" else [],
            analyst=analyst,
        )
        return _run(app)
    return _run(make_app(found, config=config, analyst=analyst))


def _run(app: ReaderApp) -> int:
    """Run the app; its exit status, after its one-line reason if it could not open.

    In the app, Ctrl-C is a key (Textual's); a SIGINT from elsewhere (`kill -INT`, or a
    terminal the app has not taken over yet) ends the app as q does, status 130.
    """
    import asyncio

    def interrupted(signum: int, frame: object) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise KeyboardInterrupt from None  # not running (yet, or any more)
        loop.call_soon_threadsafe(partial(app.exit, return_code=exit_codes.INTERRUPTED))

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        app.run()
    finally:
        signal.signal(signal.SIGINT, previous)
    if app.failure:
        return _fail(app.failure, app.return_code or exit_codes.USAGE)
    return app.return_code or exit_codes.OK


def model_for(flag: str | None, config: Config) -> str:
    """The model for --model FLAG and these preferences (see `choose_model`); a preferred
    model that is not installed is noted in `config.warnings`."""
    from .analysis import choose_model

    return choose_model(flag, config.model, config.warnings)


def _manage_subscriptions(args: argparse.Namespace) -> int:
    """--subscribe, --unsubscribe, --import-opml, --export-opml: one line said, or OPML."""
    from . import subscriptions
    from .document import address_problem, is_url

    where = subscriptions.default_path()
    try:
        if args.subscribe:
            address = args.subscribe
            if not is_url(address) or (problem := address_problem(address)):
                reason = "is not a web address" if not is_url(address) else problem
                return _fail(f"{address}: {reason}", exit_codes.USAGE)
            added = subscriptions.subscribe([subscriptions.Subscription(address)], where)
            print(f"{'Subscribed to' if added else 'Already subscribed to'} {address}")
        if args.unsubscribe:
            if not subscriptions.unsubscribe(args.unsubscribe, where):
                return _fail(f"{args.unsubscribe}: not subscribed (see {where})", exit_codes.USAGE)
            print(f"Unsubscribed from {args.unsubscribe}")
        if args.import_opml:
            try:
                found = subscriptions.from_opml(Path(args.import_opml).read_bytes())
            except ValueError as error:
                return _fail(f"{args.import_opml}: {error}", exit_codes.USAGE)
            added = subscriptions.subscribe(found, where)
            print(
                f"Imported {counted(len(added), 'feed')} from "
                f"{args.import_opml} ({len(found) - len(added)} already subscribed)"
            )
        if args.export_opml:
            sys.stdout.write(subscriptions.to_opml(subscriptions.load(where)))
    except (OSError, UnicodeDecodeError) as error:
        name = getattr(error, "filename", None) or where
        return _fail(f"{name}: {getattr(error, 'strerror', None) or error}", exit_codes.USAGE)
    return exit_codes.OK


def _arguments_problem(arguments: list[str]) -> str:
    """Articles that cannot be meant: an empty name (which a path would take for the
    current directory), or standard input named twice (it can be read only once)."""
    if any(not argument for argument in arguments):
        return "an article cannot be an empty name (to read the current folder, give .)"
    if arguments.count("-") > 1:
        return "standard input (-) can be read only once"
    return ""


def expand(arguments: list[str]) -> list[str]:
    """Folders become the articles in them (sorted); files, addresses and - stay as given."""
    from .document import ARTICLE_SUFFIXES, LoadError

    sources: list[str] = []
    for argument in arguments:
        path = Path(argument)
        if argument != "-" and path.is_dir():
            found = sorted(
                str(child)
                for child in path.iterdir()
                if child.is_file() and child.suffix.lower() in ARTICLE_SUFFIXES
            )
            if not found:
                raise LoadError(path, "is a folder with no articles in it")
            sources.extend(found)
        else:
            sources.append(argument)
    return sources


def _keyboard_from_terminal() -> bool:
    """After a piped article, the app reads keys from the terminal the user is at."""
    try:
        terminal = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        return False
    os.dup2(terminal, 0)
    os.close(terminal)
    sys.stdin = open(0, closefd=False)  # noqa: SIM115 - stands for the process's stdin
    return True


def _fail(message: str, code: int) -> int:
    print(f"reader: {message}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
