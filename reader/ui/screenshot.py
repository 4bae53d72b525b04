"""Saving a screenshot: a whole SVG file or none at all, never a truncated one."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path


def screenshot_name(now: datetime | None = None) -> str:
    return f"reader_{(now or datetime.now()):%Y-%m-%d_%H-%M-%S_%f}.svg"


def write_screenshot(svg: str, directory: Path) -> Path:
    """Write `svg` into a new file in `directory`; its path.

    Raises OSError (the directory is missing or not writable, the disk is full, ...),
    after removing whatever part of the file was written.
    """
    path = directory / screenshot_name()
    data = svg.encode("utf-8")
    # A new file (never someone else's), with the mode the user's umask gives files.
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path
