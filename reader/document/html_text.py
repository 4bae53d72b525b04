"""HTML fragments (a feed's content and summaries) as plain paragraphs."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _Text(HTMLParser):
    """HTML to plain text: paragraphs for blocks and line breaks, nothing of scripts and
    styles, entities decoded."""

    BLOCKS = frozenset(
        "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre tr table section article "
        "header footer figure figcaption hr dd dt".split()
    )
    HIDDEN = frozenset({"script", "style", "template", "noscript"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_text(html: str) -> str:
    """Paragraphs of plain text from an HTML fragment, one blank line between two."""
    if "<" not in html and "&" not in html:
        return plain(html)
    parser = _Text()
    parser.feed(html)
    parser.close()
    return plain("".join(parser.parts))


def plain(text: str) -> str:
    """Paragraphs (split at blank lines) on one line each, one blank line between two."""
    paragraphs = (" ".join(chunk.split()) for chunk in re.split(r"\n\s*\n", text))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
