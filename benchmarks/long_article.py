"""A book-length article for the benchmarks: the evaluation articles, repeated.

Real news text (so the analysis meets real names and quotes at their real density),
with each repetition under its own heading, in Markdown.
"""

from __future__ import annotations

import re
from pathlib import Path

EVAL = Path(__file__).resolve().parent / "eval" / "articles"
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def long_article_text(words: int = 100_000) -> str:
    articles = sorted(EVAL.glob("*.md")) + sorted(EVAL.glob("*.txt"))
    body = "\n\n".join(
        _FRONT_MATTER.sub("", path.read_text(encoding="utf-8")).strip() for path in articles
    )
    per_copy = len(body.split())
    copies = -(-words // per_copy)
    parts = [f"## Part {number}\n\n{body}" for number in range(1, copies + 1)]
    return "# A long read\n\n" + "\n\n".join(parts) + "\n"


def write_long_article(directory: Path, words: int = 100_000) -> Path:
    path = directory / f"long-{words}.md"
    if not path.exists():
        path.write_text(long_article_text(words), encoding="utf-8")
    return path
