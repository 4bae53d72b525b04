"""Shapes of text that once made the reader slow or huge, and ordinary prose beside them.

Each shape is a function from a size (in the shape's own unit: lines, sentences,
speakers, …) to an article's text. `benchmarks.scaling` times them at two sizes;
`tests/test_scaling.py` counts the work they cost at small sizes. Every text here is
invented, except the prose, which is the evaluation articles repeated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import cycle, islice, product

from .long_article import long_article_text


@dataclass(frozen=True, slots=True)
class Shape:
    name: str
    what: str  # one line for the table: the text, in the words
    make: Callable[[int], str]
    suffix: str  # of the file it is written to; "" lets the reader guess the format
    size: int  # the ×1 size, in `unit`
    unit: str


FIRST_NAMES = (
    "Ana Boris Carla Dmitri Elif Farid Greta Hamid Ines Jonas Kemal Lena Marco Nadia Omar "
    "Petra Rafael Sara Tomas Vera Yusuf Zofia Adil Bianca Cyrus Dalia Emil Fiona Goran Hana"
).split()
_HEADS = "Bar Kel Mon Tor Vas Lin Dor Fen Gal Hur Jas Kor Lam Mer Nal Pol Ras Sel Tam Vel".split()
_MIDDLES = "a e i o u an en in on ar er ir or al el il ol am em om".split()
_TAILS = (
    "vic ski son berg mann ova ez ian ini ard ell ton ley ham ford wick dale rup stad lund"
).split()


@cache
def surnames() -> tuple[str, ...]:
    """8,000 invented surnames, all different."""
    return tuple(head + middle + tail for head, middle, tail in product(_HEADS, _MIDDLES, _TAILS))


def person(number: int) -> tuple[str, str]:
    """A different (first name, surname) for each number below 8,000."""
    return FIRST_NAMES[number % len(FIRST_NAMES)], surnames()[number]


def prose(words: int) -> str:
    """The evaluation articles, repeated, cut at the paragraph that reaches `words`."""
    paragraphs = []
    count = 0
    for paragraph in long_article_text(words).split("\n\n"):
        if count >= words:
            break
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs) + "\n"


def prose_on_one_line(words: int) -> str:
    return " ".join(prose(words).split()) + "\n"


def list_markers(lines: int) -> str:
    # Fifteen markers, one short of what the reader shows as plain text.
    return ("-   " * 15 + "x\n") * lines


def dash_rows(lines: int) -> str:
    return ("-    " * 12 + "\n") * lines


def front_matter_blanks(blanks: int) -> str:
    return "---\ntitle: Talks" + " " * blanks + "resume\n---\n\nThe talks resumed on Monday.\n"


def said_yes(sentences: int) -> str:
    return 'Erdogan said "yes". ' * sentences + "\n"


def one_word_repeated(words: int) -> str:
    return "word " * words + "\n"


def distinct_speakers(speakers: int) -> str:
    paragraphs = []
    for number in range(speakers):
        first, last = person(number)
        paragraphs.append(
            f'"We will finish the bridge before the rains," said {first} {last}. '
            f"{last} left after the meeting."
        )
    return "Builders speak\n\n" + "\n\n".join(paragraphs) + "\n"


def entity_lines(lines: int) -> str:
    # One paragraph: every line is a soft break, every &amp; an entity the parser expands.
    return "# Stores\n\n" + "tea &amp; jam\n" * lines


def padded_signatures(passages: int) -> str:
    signed = "> We will build the bridge by spring.\n>\n> — Ana" + " " * 19_980 + "Lopez.\n\n"
    return "# Signed\n\n" + signed * passages


def short_quotes(paragraphs: int) -> str:
    names = cycle(f"{first} {last}" for first, last in map(person, range(40)))
    lines = (f'"We will talk again next week," {name} said.' for name in names)
    return "Short quotes\n\n" + "\n\n".join(islice(lines, paragraphs)) + "\n"


def library_article(number: int, articles: int) -> str:
    """One small article of a library of `articles`: each person recurs in about two."""
    countries = ("Norway", "Chile", "Kenya", "Vietnam", "Portugal", "Canada", "Egypt")
    pool = max(1, articles // 2)
    first, last = person(number % pool)
    other_first, other_last = person((number * 7 + 3) % pool)
    country = countries[number % len(countries)]
    return (
        f"Trade talks number {number} resume\n\n"
        f'"We expect an agreement by the end of the month," said {first} {last}, who leads '
        f"the delegation of {country}.\n\n"
        f"{last} met {other_first} {other_last} on Monday.\n"
    )


SHAPES: tuple[Shape, ...] = (
    Shape("prose", "news prose in paragraphs (the baseline)", prose, ".md", 15_000, "words"),
    Shape("prose-line", "the same prose on one line", prose_on_one_line, ".txt", 15_000, "words"),
    Shape("markers", "lines of `-   ` ×15 then `x`", list_markers, ".md", 1_000, "lines"),
    Shape("dash-rows", "plain table rows of 12 `-` cells", dash_rows, "", 1_000, "lines"),
    Shape(
        "front-matter", "front matter `title:` with a run of blanks", front_matter_blanks, ".md",
        50_000, "blanks",
    ),
    Shape("said-yes", '`Erdogan said "yes". ` on one line', said_yes, ".txt", 5_000, "sentences"),
    Shape("word-line", "`word ` on one line", one_word_repeated, ".txt", 12_500, "words"),
    Shape("speakers", "distinct speakers", distinct_speakers, ".txt", 2_000, "speakers"),
    Shape(
        "entity-lines", "a Markdown paragraph of lines with `&amp;`", entity_lines, ".md",
        10_000, "lines",
    ),
    Shape(
        "signatures", "block quotes signed `— Ana` + 19,980 blanks + `Lopez.`",
        padded_signatures, ".md", 5, "quotes",
    ),
    Shape("short-quotes", "short quoted paragraphs", short_quotes, ".txt", 1_500, "paragraphs"),
)  # fmt: skip

BY_NAME = {shape.name: shape for shape in SHAPES}
