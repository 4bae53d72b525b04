"""Articles from web pages and saved HTML: the article extracted with trafilatura.

The extracted text (headline, byline, body) becomes the document's text, shown and
analysed like a plain-text article; offsets in `--json` then refer to that text, which
`--json` includes. trafilatura is imported only when a page is opened.
"""

from __future__ import annotations

import re
from pathlib import Path

from .decode import MIB, LoadError, decode_article
from .fetch import MAX_PAGE_BYTES, fetch, is_url

__all__ = ["extracted_text", "fetch", "is_url", "looks_like_html"]

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# Less than this is a menu, a login wall or an error page, not a story.
MIN_ARTICLE_WORDS = 25
_HTML_SNIFF = re.compile(rb"\A\s*(?:<!doctype html|<html|<head|<body)", re.IGNORECASE)


def looks_like_html(path: Path, data: bytes) -> bool:
    return path.suffix.lower() in HTML_SUFFIXES or bool(_HTML_SNIFF.match(data[:1024]))


def extracted_text(source: str, data: bytes) -> str:
    """Headline, byline and body of the page's article, as plain text.

    The headline is the first line and the byline (date · author · address) the second
    paragraph, so that the plain-text loader shows the headline as the title.
    """
    if len(data) > MAX_PAGE_BYTES:
        # A saved page is held to the limit of a fetched one: extraction takes about
        # thirty times the page's size in memory.
        raise LoadError(source, f"too large to be an article page ({len(data) // MIB} MB)")
    html = decode_article(Path(source), data).text if data else ""
    import trafilatura

    result = trafilatura.bare_extraction(
        html, url=source if source.startswith("http") else None, with_metadata=True
    )
    body = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if len(body.split()) < MIN_ARTICLE_WORDS:
        raise LoadError(source, "is not an article (no article text found in the page)")
    title = _one_line(getattr(result, "title", None) or "")
    paragraphs = [line.strip() for line in body.split("\n") if line.strip()]
    if title and paragraphs and _one_line(paragraphs[0]) == title:
        paragraphs = paragraphs[1:]  # the page repeats its headline as the body's first line
    byline = " · ".join(
        part
        for part in (
            _one_line(getattr(result, "date", None) or ""),
            _one_line(getattr(result, "author", None) or ""),
            source,
        )
        if part
    )
    head = [title] if title else []
    return "\n\n".join([*head, byline, *paragraphs]) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())
