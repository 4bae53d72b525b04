"""The command line: arguments, `--json`, one-line errors and exit codes; nothing else."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__

EXIT_OK = 0
EXIT_USAGE = 2  # also: the file is not an article
EXIT_MODEL = 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read a news article with its people, countries and quotes beside it.",
    )
    parser.add_argument("article", type=Path, help="a Markdown or plain-text article")
    parser.add_argument(
        "--json", action="store_true", help="print the analysis as JSON instead of opening the app"
    )
    parser.add_argument(
        "--model",
        metavar="NAME",
        help="spaCy pipeline to use (default: $READER_MODEL, else en_core_web_sm if installed)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="analyse again instead of reading a cached analysis (and do not store one)",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Imported here so that `reader --help` answers without loading the document stack.
    from .analysis import AnalysisCache, ModelError, choose_model
    from .document import LoadError, load_document

    try:
        model = choose_model(args.model)
    except ModelError as error:
        return _fail(str(error), EXIT_MODEL)
    try:
        document = load_document(args.article)
    except LoadError as error:
        return _fail(str(error), EXIT_USAGE)
    cache = None if args.no_cache else AnalysisCache()
    if args.json:
        from .analysis import analyze

        try:
            analysis = analyze(document, model=model, cache=cache)
        except ModelError as error:
            return _fail(str(error), EXIT_MODEL)
        from .api import document_json

        json.dump(document_json(document, analysis), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    from .ui.app import make_app

    app = make_app(document, model=model, cache=cache)
    app.run()
    return app.return_code or EXIT_OK


def _fail(message: str, code: int) -> int:
    print(f"reader: {message}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
