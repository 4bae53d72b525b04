"""Reading an article file into text, or saying clearly why it is not one."""

from __future__ import annotations

import codecs
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .blocks import visible_line

# Anything bigger is almost certainly not a news article, and decoding it would
# hold the whole of it in memory several times over.
MIB = 1024 * 1024
MAX_BYTES = 200 * MIB


class LoadError(Exception):
    """The file cannot be read as an article. The message names the file and the reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        # A file name, and a web server's error text, can hold escape sequences too:
        # they are shown, never obeyed; and line breaks, which would split the message.
        self.reason = visible_line(reason)
        super().__init__(f"{visible_line(str(path))}: {self.reason}")


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_article_bytes(path: Path) -> bytes:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise LoadError(path, "no such file") from None
    except PermissionError:
        raise LoadError(path, "permission denied") from None
    except OSError as error:
        raise LoadError(path, error.strerror or str(error)) from None
    if stat.S_ISDIR(mode):
        raise LoadError(path, "is a directory, not an article")
    if not stat.S_ISREG(mode):
        # A FIFO or a device would block or never end.
        raise LoadError(path, "is not a regular file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LoadError(path, f"too large to be an article ({size // MIB} MB)")
        return path.read_bytes()
    except PermissionError:
        raise LoadError(path, "permission denied") from None
    except OSError as error:
        raise LoadError(path, error.strerror or str(error)) from None


def read_stream_bytes(stream: BinaryIO, name: Path) -> bytes:
    """An article from a pipe (standard input), held to the same limit as a file: reading
    stops one byte past it, so that an endless stream is refused, not held in memory."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise LoadError(name, f"too large to be an article (more than {MAX_BYTES // MIB} MB)")
    return data


def decode_article(path: Path, data: bytes) -> DecodedText:
    """Decode bytes the way `Path.read_text(encoding="utf-8")` would, where it can.

    Offsets reported by the analysis index this text, so a UTF-8 file (BOM included,
    as U+FEFF) must decode to exactly what read_text returns: universal newlines.
    """
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom) and name != "utf-8":
            encoding = name
            break
    else:
        if _looks_binary(data):
            raise LoadError(path, "is a binary file, not text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise LoadError(path, f"is not valid {encoding.upper()}") from None
        text, encoding = _legacy_decode(path, data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(text=text, encoding=encoding)


def _legacy_decode(path: Path, data: bytes) -> tuple[str, str]:
    """Text from older tools: Windows-1252 maps almost every byte, and a NUL-free file
    that is not UTF-8 is far more often that than anything else; ISO-8859-1 takes the
    five bytes it leaves out, as long as the result still reads as text."""
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    controls = sum(1 for char in text[:8192] if "\x80" <= char <= "\x9f")
    if controls / max(1, min(len(text), 8192)) > 0.01:
        raise LoadError(path, "is not valid UTF-8 and not in a known encoding")
    return text, "latin-1"


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in b"\n\r\t\x0c\x1b")
    return controls / len(sample) > 0.1
