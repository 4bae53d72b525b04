"""Loading an article: file → decoded text → display blocks with offsets into the text.

Knows nothing of spaCy or Textual. Every offset here indexes `Document.text`, which is
the file's text as `Path.read_text(encoding="utf-8")` returns it.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from ..wording import counted
from .blocks import (
    NO_SOURCE,
    Block,
    BlockBuilder,
    BlockKind,
    Mark,
    MarkRun,
    visible,
    visible_char,
)
from .decode import LoadError, decode_article, read_article_bytes, read_stream_bytes
from .feed_sniff import looks_like_feed
from .fetch import FetchCancelled, address_problem, fetch_if_changed
from .plaintext import plain_blocks
from .web import HTML_SUFFIXES, extracted_text, fetch, is_url, looks_like_html

if TYPE_CHECKING:
    from .feed import Feed, FeedItem
    from .frontmatter import FrontMatter

__all__ = [
    "ARTICLE_SUFFIXES",
    "NO_SOURCE",
    "Block",
    "BlockKind",
    "Document",
    "Feed",
    "FeedItem",
    "FetchCancelled",
    "Format",
    "LoadError",
    "Mark",
    "MarkRun",
    "address_problem",
    "document_from_text",
    "is_url",
    "load_document",
    "load_source",
    "open_argument",
    "visible",
    "visible_char",
]

_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".mkdn"}
_TEXT_SUFFIXES = {".txt", ".text"}
# What a folder's articles are called: other files in it are left alone.
ARTICLE_SUFFIXES = frozenset(_MARKDOWN_SUFFIXES | _TEXT_SUFFIXES | HTML_SUFFIXES)
_MARKDOWN_HINTS = re.compile(
    r"^(?:#{1,6}\s|>\s|[-*+]\s|\d+[.)]\s|```|---\s*$)|\[[^\]\n]+\]\([^)\n]+\)|\*\*[^*\n]+\*\*",
    re.MULTILINE,
)


class Format(StrEnum):
    MARKDOWN = "markdown"
    TEXT = "text"
    WEB = "web"  # an article extracted from a web page: its text is the extraction


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    blocks: tuple[Block, ...]
    title: str
    format: Format
    path: Path | None = None
    encoding: str = "utf-8"
    date: str = ""
    source: str = ""
    license: str = ""
    # Why this is not the article it names, when it is a stand-in: a feed's own text of
    # an item whose page could not be fetched says so here.
    note: str = ""


if TYPE_CHECKING:
    # What the library and the batch are given: an argument (a file, an address, "-"),
    # an item of a feed, or an article already loaded (a page fetched to see whether it
    # was a feed).
    Source = str | FeedItem | Document


def __getattr__(name: str) -> object:
    # The feeds' classes, imported on first use: an article opens without them.
    if name in ("Feed", "FeedItem"):
        from . import feed

        return getattr(feed, name)
    if name == "Source":
        from .feed import FeedItem

        return str | FeedItem | Document
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_document(path: Path | str, is_cancelled: Callable[[], bool] | None = None) -> Document:
    """Read and parse an article: a file, a web page's address, or "-" for standard input.

    Raises LoadError with a one-line reason (a feed is not one article). A web page is
    fetched within a deadline (see fetch.py), and sooner with FetchCancelled once
    `is_cancelled()` is true.
    """
    found = open_argument(path, is_cancelled)
    if not isinstance(found, Document):  # a feed
        items = counted(len(found.items), "item")
        raise LoadError(path, f"is a news feed ({items}), not one article")
    return found


def open_argument(
    path: Path | str, is_cancelled: Callable[[], bool] | None = None
) -> Document | Feed:
    """The article, or the feed (RSS, Atom, JSON Feed), that a file, a web address or
    standard input holds; LoadError with a one-line reason if neither."""
    argument = str(path)
    _refuse_addresses_not_fetched(argument)
    if is_url(argument):
        return _address(argument, is_cancelled)
    if argument == "-":
        data = read_stream_bytes(sys.stdin.buffer, Path("stdin"))
        return _feed_or_document(Path("stdin"), data, source_path=None)
    path = Path(path)
    return _feed_or_document(path, read_article_bytes(path), source_path=path)


def _address(address: str, is_cancelled: Callable[[], bool] | None) -> Document | Feed:
    """A web page, or a feed: one fetched before is asked for only if it has changed, and
    listed from its copy when it cannot be fetched."""
    from . import feed_cache
    from .feed import parse_feed

    copy = feed_cache.stored(address)
    try:
        etag, modified = (copy.etag, copy.modified) if copy else ("", "")
        fetched = fetch_if_changed(address, etag, modified, is_cancelled=is_cancelled)
    except FetchCancelled:
        raise
    except LoadError as error:
        if copy is None:
            raise
        return feed_cache.offline(parse_feed(address, copy.data), copy, error)
    data = fetched.data if fetched.data is not None else (copy.data if copy else b"")
    if not looks_like_feed(Path(), data):  # an address's name says nothing of its kind
        return _web_document(address, data)
    feed = parse_feed(address, data)
    if fetched.data is not None:
        now = time.time()
        feed_cache.store(address, feed_cache.Copy(data, fetched.etag, fetched.modified, now))
    return feed


def load_source(source: Source, is_cancelled: Callable[[], bool] | None = None) -> Document:
    """The article a source names: `load_document` for an argument, and for a feed's item
    its page, else (the page cannot be fetched or holds no article) the feed's own text
    of it, with a note saying so."""
    if isinstance(source, str):
        return load_document(source, is_cancelled)
    if isinstance(source, Document):
        return source
    return item_document(source, is_cancelled)


def item_document(item: FeedItem, is_cancelled: Callable[[], bool] | None = None) -> Document:
    """The article of an item's page: the copy kept when it was first fetched (see
    page_cache.py), else the page fetched now; else the feed's own text of it."""
    if item.link:
        from . import page_cache

        try:
            copy = page_cache.stored(item.link)
            if copy is not None:
                text = copy.text
            else:
                text = extracted_text(item.link, fetch(item.link, is_cancelled=is_cancelled))
                page_cache.store(item.link, text)
        except FetchCancelled:
            raise
        except LoadError as error:
            why = f"its page {error.reason}"
        else:
            page = _extracted_document(item.link, text)
            return replace(page, title=item.title or page.title, date=item.date)
    else:
        why = "the feed links to no page for it"
    if not item.text:
        raise LoadError(item.name, f"{why}, and the feed has no text of it")
    from .feed import item_text

    document = document_from_text(item_text(item), fmt=Format.TEXT)
    return replace(
        document,
        title=item.title,
        date=item.date,
        source=item.link or item.feed,
        note=f"The feed's own text of this item: {why}.",
    )


def _feed_or_document(path: Path, data: bytes, source_path: Path | None) -> Document | Feed:
    if looks_like_feed(path, data):
        from .feed import parse_feed

        return parse_feed(str(source_path or path), data)
    return _document_from_bytes(path, data, source_path)


def _refuse_addresses_not_fetched(argument: str) -> None:
    """`http://[::1`, `http:/x` or `ftp://host/x` is an address the reader cannot fetch,
    not a missing file; unless there is a file of that name."""
    problem = address_problem(argument)
    if problem and not Path(argument).exists():
        raise LoadError(argument, problem)


def _document_from_bytes(path: Path, data: bytes, source_path: Path | None) -> Document:
    if looks_like_html(path, data):
        return _web_document(str(path), data, source_path)
    decoded = decode_article(path, data)
    document = document_from_text(decoded.text, path=source_path, encoding=decoded.encoding)
    if source_path is None and document.title == "Untitled article":
        document = replace(document, title="standard input")
    return document


def _web_document(source: str, data: bytes, path: Path | None = None) -> Document:
    return _extracted_document(source, extracted_text(source, data), path)


def _extracted_document(source: str, text: str, path: Path | None = None) -> Document:
    document = document_from_text(text, path=path, fmt=Format.TEXT)
    return replace(document, format=Format.WEB, source=source)


def document_from_text(
    text: str, path: Path | None = None, encoding: str = "utf-8", fmt: Format | None = None
) -> Document:
    fmt = fmt or _guess_format(text, path)
    if fmt is Format.MARKDOWN and _DEEP_NESTING.search(text):
        fmt = Format.TEXT
    if fmt is Format.MARKDOWN:
        # Imported here: a plain-text article, the common case, opens without them.
        from .frontmatter import parse_front_matter
        from .markdown import markdown_blocks

        front = parse_front_matter(text)
        blocks = _front_matter_blocks(text, front) + markdown_blocks(text, front.end)
        title = front.get("title") or _first_heading(blocks)
        return Document(
            text=text,
            blocks=tuple(blocks),
            title=_display_title(title, path),
            format=fmt,
            path=path,
            encoding=encoding,
            date=front.get("date"),
            source=front.get("source"),
            license=front.get("license"),
        )
    blocks = plain_blocks(text)
    title = blocks[0].text if blocks and blocks[0].kind is BlockKind.TITLE else ""
    return Document(
        text=text,
        blocks=tuple(blocks),
        title=_display_title(title, path),
        format=fmt,
        path=path,
        encoding=encoding,
    )


# Block quotes and lists nested deeper than this are beyond what markdown-it renders (it
# stops at its nesting limit and drops the rest); such a file is shown as plain text, so
# that nothing in it is lost.
MAX_MARKDOWN_NESTING = 16
# Blanks only after each marker (and once before the first): a marker never starts with a
# blank, so there is one way to read a line, and a line of 15 markers that falls short is
# rejected in one pass. Blanks allowed on both sides of each marker could be split between
# two repetitions in every possible way, which made 60 bytes take minutes.
_DEEP_NESTING = re.compile(
    rf"^[ \t]*(?:(?:>|[-*+]|\d{{1,9}}[.)])[ \t]*){{{MAX_MARKDOWN_NESTING}}}", re.MULTILINE
)


def _guess_format(text: str, path: Path | None) -> Format:
    suffix = path.suffix.lower() if path else ""
    if suffix in _MARKDOWN_SUFFIXES:
        return Format.MARKDOWN
    if suffix in _TEXT_SUFFIXES:
        return Format.TEXT
    return Format.MARKDOWN if _MARKDOWN_HINTS.search(text[:20000]) else Format.TEXT


def _front_matter_blocks(text: str, front: FrontMatter) -> list[Block]:
    """The title from front matter is shown (and analysed) as the article's first line."""
    blocks: list[Block] = []
    title = front.fields.get("title")
    if title and title.value.strip():
        builder = BlockBuilder()
        builder.add(title.value, title.start)
        block = builder.build(BlockKind.TITLE, level=1)
        if block:
            blocks.append(block)
    # In file order, so that the block's offsets never decrease.
    byline = sorted(
        (value for key in ("date", "source") if (value := front.fields.get(key))),
        key=lambda value: value.start,
    )
    builder = BlockBuilder()
    for value in byline:
        if builder.length:
            builder.add(" · ", None)
        builder.add(value.value, value.start)
    block = builder.build(BlockKind.META, analysed=False)
    if block:
        blocks.append(block)
    return blocks


def _first_heading(blocks: list[Block]) -> str:
    for block in blocks:
        if block.kind is BlockKind.HEADING and block.level == 1:
            return block.text
    return ""


def _display_title(title: str, path: Path | None) -> str:
    """The title on one line, as the article (or the file's name) has it: each display
    shows it in the visible form, JSON as it is."""
    title = " ".join(title.split())
    if not title:
        title = path.name if path else "Untitled article"
    return title
