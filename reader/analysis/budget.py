"""How long an analysis should take, said before it starts, and the word limit for scripts.

No spaCy here: the app says how long a long article's analysis will take as soon as the
text is on screen, before the model is loaded.
"""

from __future__ import annotations

from ..document import Document

# The pipeline reads 5,000 to 7,500 words a second on one core of the machines the
# benchmarks run on (`python -m benchmarks.scaling`, every shape within 3× of prose); a
# slower figure, so that the estimate errs long. A word of news is six characters with
# its space.
WORDS_PER_SECOND = 4_000
CHARACTERS_PER_WORD = 6
# Analyses expected to take longer than this are announced with their duration.
PATIENCE = 60.0  # seconds


def analysed_words(document: Document) -> int:
    """The words the analysis reads: the text of every analysed block."""
    return sum(len(block.text.split()) for block in document.blocks if block.analysed)


def expected_seconds(document: Document) -> float:
    """From the blocks' lengths alone: counting the words of a book would hold up the
    screen the estimate is for."""
    characters = sum(len(block.text) for block in document.blocks if block.analysed)
    return characters / CHARACTERS_PER_WORD / WORDS_PER_SECOND


def duration(seconds: float) -> str:
    """'about 40 seconds', 'about 3 minutes', 'about 2 hours'."""
    if seconds < 90:
        return f"about {max(10, round(seconds, -1)):.0f} seconds"
    if seconds < 90 * 60:
        return f"about {round(seconds / 60):.0f} minutes"
    return f"about {round(seconds / 3600)} hours"
