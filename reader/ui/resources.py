"""Where the shipped stylesheets and help text are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def styles_dir() -> Path:
    """`reader/styles` inside a wheel (force-included); the repo's `styles/` in a checkout."""
    for candidate in (_PACKAGE / "styles", _PACKAGE.parent / "styles"):
        if (candidate / "app.tcss").is_file():
            return candidate
    raise FileNotFoundError("reader's styles are missing: reinstall reader")


def stylesheet(name: str) -> Path:
    """One of the shipped stylesheets: `app` for the reading screen, one per other screen.

    Each screen names its own, so that starting up parses only what the first frame uses.
    """
    return styles_dir() / f"{name}.tcss"


def help_text() -> str:
    return (Path(__file__).parent / "help.md").read_text(encoding="utf-8")
