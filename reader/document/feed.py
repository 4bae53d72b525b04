"""News feeds: RSS 0.9x, 1.0 and 2.0, Atom and JSON Feed, read into items.

RSS and Atom are parsed by feedparser, which copes with the broken feeds found in the
wild, their dates and their relative links; its released version does not read JSON
Feed, a small JSON format read here. Item HTML only ever becomes plain text: every item
keeps the text the feed itself gives (its content, else its summary) so, and opening it
fetches its page and extracts the article as for any web page, and falls back to that text,
marked as such, when the page cannot be had.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .decode import LoadError
from .feed_sniff import SNIFF_BYTES, json_feed_bytes, looks_like_feed

__all__ = ["SNIFF_BYTES", "Feed", "FeedItem", "looks_like_feed", "parse_feed"]

JSON_FEED_VERSION = re.compile(r"^https?://jsonfeed\.org/version/", re.IGNORECASE)

# Parsing takes about a second per megabyte of the worst markup: real feeds are well
# under one megabyte.
MAX_FEED_BYTES = 8 * 1024 * 1024
# A feed of more items than this is cut to its first ones: a reading list, not an archive.
MAX_ITEMS = 1000
_ITEM_END = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>", re.IGNORECASE)
# A title longer than this is cut (with an ellipsis): a line, not a page.
MAX_TITLE = 300


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One item of a feed, as the feed describes it (its page is fetched when read)."""

    feed: str  # the feed's title, or its address
    title: str
    link: str  # the item's page, "" if it has none
    key: str  # what identifies the item across refreshes: its id, else its link
    date: str = ""  # YYYY-MM-DD, when the feed says
    text: str = ""  # the feed's own text of the item (content, else summary), plain

    @property
    def name(self) -> str:
        """How the item is named in messages: its page, else its title in the feed."""
        return self.link or f"{self.feed}: {self.title}"


@dataclass(frozen=True, slots=True)
class Feed:
    title: str
    address: str
    items: tuple[FeedItem, ...]
    stale: str = ""  # why these are not the feed as it is now (a copy, listed offline)


def parse_feed(address: str, data: bytes) -> Feed:
    """The feed's items, newest first as the feed lists them; LoadError in one line for a
    feed that is broken beyond reading or has no items."""
    if len(data) > MAX_FEED_BYTES:
        megabytes = MAX_FEED_BYTES // (1024 * 1024)
        raise LoadError(address, f"is too large to be a news feed (more than {megabytes} MB)")
    if json_feed_bytes(data):
        return _json_feed(address, data)
    import io

    import feedparser  # type: ignore[import-untyped]  # no stubs, no py.typed

    # A stream, never bytes or str: feedparser opens a str as an address or a file name,
    # and even bytes as a file name. Its sanitiser is not needed (item HTML only ever
    # becomes plain text here, scripts and styles dropped) and took six times as long
    # as the rest of the parse on an item of deeply nested markup.
    parsed = feedparser.parse(
        io.BytesIO(_first_items(data)),
        response_headers={"content-location": address} if "://" in address else {},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            reason = _one_line(str(parsed.get("bozo_exception") or "not well-formed"))
            raise LoadError(address, f"is a feed that could not be read ({reason})")
        raise LoadError(address, "is a feed with no items")
    channel = parsed.get("feed") or {}
    title = _clipped(_one_line(channel.get("title") or "")) or _short(address)
    items = tuple(_item(title, entry) for entry in entries[:MAX_ITEMS])
    return Feed(title=title, address=address, items=items)


def _first_items(data: bytes) -> bytes:
    """The feed up to the end of its MAX_ITEMS-th item: feedparser spends about half a
    millisecond on each, and reads a feed cut short like any broken one."""
    ends = _ITEM_END.finditer(data)
    for number, end in enumerate(ends, start=1):
        if number == MAX_ITEMS:
            return data[: end.end()]
    return data


def _item(feed: str, entry: Any) -> FeedItem:
    import calendar
    import time

    from .html_text import html_text

    link = _web_link(entry.get("link") or "")
    content = entry.get("content") or []
    html = (content[0].get("value") if content else "") or entry.get("summary") or ""
    text = html_text(html)
    title = _one_line(html_text(entry.get("title") or "")) or _first_words(text) or "Untitled"
    title = _clipped(title)
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    date = time.strftime("%Y-%m-%d", time.gmtime(calendar.timegm(when))) if when else ""
    key = entry.get("id") or link or _digest(feed, title, date)
    return FeedItem(feed=feed, title=title, link=link, key=str(key), date=date, text=text)


def _json_feed(address: str, data: bytes) -> Feed:
    import json

    from .html_text import html_text, plain

    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise LoadError(
            address, f"is a JSON feed that could not be read ({_one_line(str(error))})"
        ) from None
    if not isinstance(document, dict) or not JSON_FEED_VERSION.match(
        str(document.get("version", ""))
    ):
        raise LoadError(address, "is not a JSON feed (no jsonfeed.org version)")
    entries = document.get("items")
    if not isinstance(entries, list) or not entries:
        raise LoadError(address, "is a feed with no items")
    title = _clipped(_one_line(str(document.get("title") or ""))) or _short(address)
    base = str(document.get("home_page_url") or document.get("feed_url") or address)
    items = []
    for entry in entries[:MAX_ITEMS]:
        if not isinstance(entry, dict):
            continue
        link = _web_link(_absolute(base, str(entry.get("url") or entry.get("external_url") or "")))
        html = entry.get("content_html")
        text = html_text(str(html)) if html else plain(str(entry.get("content_text") or ""))
        text = text or plain(str(entry.get("summary") or ""))
        heading = _one_line(str(entry.get("title") or "")) or _first_words(text) or "Untitled"
        heading = _clipped(heading)
        date = _iso_date(str(entry.get("date_published") or entry.get("date_modified") or ""))
        key = str(entry.get("id") or link or _digest(title, heading, date))
        items.append(FeedItem(feed=title, title=heading, link=link, key=key, date=date, text=text))
    if not items:
        raise LoadError(address, "is a feed with no items")
    return Feed(title=title, address=address, items=tuple(items))


def item_text(item: FeedItem) -> str:
    """The item as an article made of what the feed says: its title, a line saying where
    it is from, and the feed's text of it (blank when the feed gives none)."""
    byline = " · ".join(part for part in (item.date, item.feed, item.link) if part)
    return "\n\n".join(part for part in (item.title, byline, item.text) if part) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _clipped(text: str) -> str:
    return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1].rstrip() + "…"


def _first_words(text: str, count: int = 12) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def _web_link(link: str) -> str:
    """Only a web page is fetched: a javascript:, file: or mailto: link is no link."""
    link = link.strip()
    return link if re.match(r"https?://", link, re.IGNORECASE) else ""


def _absolute(base: str, link: str) -> str:
    from urllib.parse import urljoin

    return urljoin(base, link) if link else ""


def _iso_date(text: str) -> str:
    from datetime import datetime

    try:
        return datetime.fromisoformat(text.strip()).strftime("%Y-%m-%d")
    except ValueError:
        return ""


def _short(address: str) -> str:
    return address.rstrip("/").rsplit("/", 1)[-1] or address


def _digest(*parts: str) -> str:
    import hashlib

    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
