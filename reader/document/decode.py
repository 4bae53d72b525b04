"""Reading an article file into text, or saying clearly why it is not one."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

# Anything bigger is almost certainly not a news article, and decoding it would
# hold the whole of it in memory several times over.
MAX_BYTES = 200 * 1024 * 1024


class LoadError(Exception):
    """The file cannot be read as an article. The message names the file and the reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


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
    if not path.exists():
        raise LoadError(path, "no such file")
    if path.is_dir():
        raise LoadError(path, "is a directory, not an article")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LoadError(path, f"too large to be an article ({size // (1024 * 1024)} MB)")
        return path.read_bytes()
    except PermissionError:
        raise LoadError(path, "permission denied") from None
    except OSError as error:
        raise LoadError(path, error.strerror or str(error)) from None


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
        # Text from older Windows tools: cp1252 maps almost every byte, and a NUL-free
        # file that fails UTF-8 is far more often cp1252 than anything else.
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            raise LoadError(path, "is not valid UTF-8 and not in a known encoding") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(text=text, encoding=encoding)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in b"\n\r\t\x0c\x1b")
    return controls / len(sample) > 0.1
