"""Property tests: for any text at all, loading and analysis keep their promises."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.analysis import analyze
from reader.document import (
    NO_SOURCE,
    LoadError,
    document_from_text,
    load_document,
    visible,
    visible_char,
)

# Text that looks like news often enough to exercise names, countries and quotes, mixed
# with arbitrary Unicode (controls, surrogates excluded by encoding, marks, wide chars).
WORDS = st.sampled_from(
    [
        "Vladimir Putin", "Erdoğan", "said", '"', "“", "”", "'", "‘", "’", "Turkey", "Syrian",
        "the", "U.S.", "he", "told reporters", ",", ".", ":", "—", "\n\n", "\n", "> ", "- ",
        "# ", "**", "_", "[x](y)", "`", "\x1b[2J", "\u202e", "習近平", "e\u0301", "😀",
    ]
)  # fmt: skip
NEWSLIKE = st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=60).map(" ".join)
ANY_TEXT = st.one_of(NEWSLIKE, st.text(max_size=300))
FORMAT = st.sampled_from(["article.md", "article.txt", "article"])

# How many examples, and whether they are random, is the profile's (see conftest.py).
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=ANY_TEXT, name=FORMAT)
# Found by the search, kept: a lone carriage return is a line break to markdown-it.
@example(text="0\r0 \n\n", name="article.md")
def test_every_display_character_maps_into_the_text(text: str, name: str) -> None:
    document = document_from_text(text, path=Path(name))
    for block in document.blocks:
        assert len(block.offsets) == len(block.text)
        mapped = [o for o in block.offsets if o != NO_SOURCE]
        assert mapped == sorted(mapped)
        assert all(0 <= o < len(text) for o in mapped)
        assert "\x1b" not in block.text and "\x07" not in block.text


@SETTINGS
@given(text=ANY_TEXT, name=FORMAT)
# Found by the search, kept: the model tagged the whole line and the name inside it.
@example(text="Vladimir Putin Erdoğan Vladimir Putin", name="article.md")
def test_analysis_spans_are_exact_and_well_formed(text: str, name: str) -> None:
    analysis = analyze(document_from_text(text, path=Path(name)))
    for kind in (analysis.people, analysis.countries):
        spans = sorted((m.start, m.end) for entity in kind for m in entity.mentions)
        for entity in kind:
            for mention in entity.mentions:
                assert 0 <= mention.start < mention.end <= len(text)
                assert text[mention.start : mention.end] == mention.text
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end <= start, "mentions of one kind overlap"
    ids = {person.id for person in analysis.people}
    previous_end = -1
    for quote in analysis.quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text
        assert quote.start >= previous_end, "quotes overlap"
        previous_end = quote.end
        assert quote.speaker is None or quote.speaker in ids


@SETTINGS
@given(data=st.binary(max_size=400))
def test_any_bytes_load_or_are_refused_with_the_documented_error(
    data: bytes, tmp_path_factory: object
) -> None:
    path = tmp_path_factory.mktemp("bytes") / "file.txt"
    path.write_bytes(data)
    try:
        document = load_document(path)
    except LoadError as error:
        assert str(error).startswith(str(path))
        return
    for block in document.blocks:
        assert "\x1b" not in block.text


@SETTINGS
@given(
    text=st.one_of(ANY_TEXT, st.text(alphabet=st.characters(exclude_categories=()), max_size=60))
)
def test_a_label_shows_every_character_as_the_body_does(text: str) -> None:
    """Names, credits and quote previews (`visible`) escape exactly the characters the
    article's body escapes, one by one, and nothing else: no control reaches the screen."""
    assert visible(text) == "".join(visible_char(char) for char in text)
