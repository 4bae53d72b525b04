"""Whether a file or a page is a news feed, from its name or its first bytes.

Apart from the feeds themselves (feed.py), so that opening an article, which asks this of
every file, imports nothing more.
"""

from __future__ import annotations

import re
from pathlib import Path

# A file called so is read as a feed whatever it starts with (and says why it is not one);
# other files, .xml ones included, are feeds if they start as one.
FEED_SUFFIXES = {".rss", ".atom", ".rdf"}
_ROOT = re.compile(rb"<(?:rss|feed|(?:[\w.-]+:)?RDF)[\s>/]", re.IGNORECASE)
# Before an XML feed's root element: a declaration, comments, processing instructions,
# a doctype; each skipped to its end ("?>", "-->", ">").
_PROLOGUE = ((b"<?", b"?>"), (b"<!--", b"-->"), (b"<!", b">"))
SNIFF_BYTES = 8192


def looks_like_feed(path: Path, data: bytes) -> bool:
    """A feed by its name (.rss, .atom, .rdf) or its first bytes (RSS, RDF, Atom or JSON
    Feed), whatever it is called."""
    return path.suffix.lower() in FEED_SUFFIXES or _xml_feed(data) or json_feed_bytes(data)


def _xml_feed(data: bytes) -> bool:
    head = data[:SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf").lstrip()
    while True:
        for opening, closing in _PROLOGUE:
            if head.startswith(opening):
                end = head.find(closing, len(opening))
                if end < 0:
                    return False
                head = head[end + len(closing) :].lstrip()
                break
        else:
            return bool(_ROOT.match(head))


def json_feed_bytes(data: bytes) -> bool:
    head = data[:SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"{") and b"jsonfeed.org/version" in data[: 64 * 1024]
