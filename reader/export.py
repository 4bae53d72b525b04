"""Every form an analysed article leaves the reader in: the JSON document (`--json`, one
per line for several articles), its quotes as CSV or Markdown (`--quotes`), and the
citation the app copies. Each takes the Document and its Analysis.

Each output carries the article's text in the one form that is safe where it goes:

- JSON carries the real text, every character as the file has it; the characters a
  terminal or an editor could act on (C1 controls, bidirectional overrides, line and
  paragraph separators, noncharacters) are written as JSON escapes (`\\u009b`), which
  a JSON parser reads back as the same text and a terminal shows as letters.
- CSV and Markdown are read by people, in terminals, spreadsheets and Markdown viewers:
  they carry the visible form the app shows (`^[`, `<U+202E>`), a CSV cell never starts
  a formula, and Markdown never holds raw HTML or a link of the article's making.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .document import Format
from .document.blocks import visible

if TYPE_CHECKING:
    from .analysis import Analysis, Quote
    from .document import Document

# Besides what JSON itself escapes (U+0000-U+001F, quotes, backslash).
_JSON_ESCAPE = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
    "\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]"
)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # as a UTF-16 surrogate pair, the only way JSON spells it
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_text(data: Any, indent: int | None = None) -> str:
    """`data` as JSON, readable UTF-8 where harmless and escaped where not.

    Such characters can only stand inside JSON strings, so escaping them after encoding
    changes no structure; `json.loads` gives back exactly `data`.
    """
    return _JSON_ESCAPE.sub(_json_escape, json.dumps(data, ensure_ascii=False, indent=indent))


def article_json(document: Document, analysis: Analysis) -> dict[str, Any]:
    """The document `reader --json` prints: the analysis, how the file was decoded (the
    offsets index that text), and where and when the article was published."""
    data = analysis.to_json()
    data["encoding"] = document.encoding
    if where := _published_at(document):
        data["source"] = where
    if _extracted(document):
        # Extracted from a page, or read from a pipe: the offsets index this text, which
        # the reader of the JSON has no file to read back from.
        data["text"] = document.text
    if document.date:
        data["date"] = document.date
    if document.note:
        data["note"] = document.note  # the text is a stand-in (a feed's own, say)
    return data


def json_document(document: Document, analysis: Analysis, *, one_line: bool = False) -> str:
    """`article_json` as printed: indented for one article, one line each for several."""
    return json_text(article_json(document, analysis), indent=None if one_line else 2) + "\n"


def _extracted(document: Document) -> bool:
    return document.format is Format.WEB or document.path is None


def _published_at(document: Document) -> str:
    """Where the article comes from: its front matter's or page's source, "stdin" for a
    pipe, else nothing (a file is named by the path it was given as)."""
    if _extracted(document):
        return document.source or "stdin"
    return document.source or ""  # front matter may leave it None


QUOTE_COLUMNS = ["article", "title", "speaker", "quote", "start", "end", "source", "date"]


def quotes_csv_header() -> str:
    return _csv_lines([dict(zip(QUOTE_COLUMNS, QUOTE_COLUMNS, strict=True))])


def quotes_csv(article: str, document: Document, analysis: Analysis) -> str:
    """The article's quotes as CSV rows (without the header), `article` naming it as
    it was given on the command line."""
    return _csv_lines(
        {
            "article": article,
            "title": analysis.title,
            "speaker": quote.speaker_name,
            "quote": quote.text,
            "start": quote.start,
            "end": quote.end,
            "source": _published_at(document),
            "date": document.date or "",
        }
        for quote in analysis.quotes
    )


def _csv_lines(rows: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=QUOTE_COLUMNS, lineterminator="\n")
    for row in rows:
        writer.writerow({column: csv_cell(value) for column, value in row.items()})
    return buffer.getvalue()


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV
# Injection"); tab and carriage return are already shown visibly by then.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A CSV cell: text in its visible form, and never the start of a formula.

    Such a cell gets a leading apostrophe, as OWASP recommends: spreadsheets then show
    the text and run nothing. Numbers are left as numbers.
    """
    if not isinstance(value, str):
        return value
    shown = visible(value)
    if shown.lstrip(" ").startswith(_FORMULA_START) or value.startswith(_FORMULA_START):
        return "'" + shown
    return shown


def quotes_markdown(article: str, document: Document, analysis: Analysis) -> str:
    """A section for the article, each quote a block quote signed by its speaker; the
    sections of several articles are joined by blank lines."""
    where = _markdown_source(_flat(_published_at(document) or article))
    when = markdown_text(_flat(document.date or ""))
    byline = where + (f", {when}" if when else "")
    parts = [f"## {markdown_text(_flat(analysis.title))}\n\n{byline}\n"]
    if not analysis.quotes:
        parts.append("No quotations.\n")
    for quote in analysis.quotes:
        lines = [markdown_text(line) for line in visible(quote.text).splitlines()]
        text = "\n> ".join(line for line in lines if line.strip())
        speaker = markdown_text(_flat(quote.credit))
        parts.append(f"> {text}\n>\n> — {speaker}\n")
    return "\n".join(parts)


def quote_citation(document: Document, quote: Quote) -> str:
    """“Words” — Speaker, in Title (source): control characters left out."""
    words = " ".join(quote.text.split())
    speaker = quote.credit
    where = document.source or (str(document.path) if document.path else "")
    cited = f"“{words}” — {speaker}, in {document.title}" + (f" ({where})" if where else "")
    return "".join(char for char in cited if char.isprintable() or char == " ")


def _flat(text: str) -> str:
    """One line, in its visible form."""
    return " ".join(visible(str(text)).split())


# What makes Markdown of plain text: HTML (`<`, `&`), links and images (`[`, `]`),
# emphasis and code (`*`, `_`, `` ` ``, `~`), tables (`|`) and the escape itself.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
# Block syntax a line can open with: headings, lists, rules, setext underlines.
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+[.)])")


def markdown_text(text: str) -> str:
    """Plain text as Markdown that renders as that text: no HTML, no links, no markup."""
    escaped = _MARKDOWN_INLINE.sub(r"\\\1", text)
    return _MARKDOWN_LINE_START.sub(
        lambda m: m.group(1) + re.sub(r"([#+=.)-])", r"\\\1", m.group(2)), escaped
    )


_PLAIN_URL = re.compile(r"\Ahttps?://[^\s<>\\`]+\Z", re.IGNORECASE)


def _markdown_source(where: str) -> str:
    """A web address as an autolink (it is one), anything else as plain text."""
    return f"<{where}>" if _PLAIN_URL.match(where) else markdown_text(where)
