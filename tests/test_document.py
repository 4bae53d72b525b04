"""Loading articles: formats, titles, and display text tied to the file's offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.document import NO_SOURCE, BlockKind, Format, LoadError, Mark, load_document

from .conftest import SAMPLE_FILES, SEED


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_every_displayed_character_points_at_itself_in_the_file(path: Path) -> None:
    document = load_document(path)
    text = path.read_text(encoding="utf-8")
    assert document.text == text
    for block in document.blocks:
        for char, offset in zip(block.text, block.offsets, strict=True):
            if offset == NO_SOURCE:
                continue
            # Line breaks inside a paragraph are shown as spaces.
            assert text[offset] == char or (char == " " and text[offset] in " \n")


def test_plain_text_headline_becomes_the_title() -> None:
    document = load_document(SEED)
    assert document.format is Format.TEXT
    assert document.title.startswith("Attack on Turkish soldiers not carried out")
    assert document.blocks[0].kind is BlockKind.TITLE
    assert document.blocks[1].text.startswith("Alanya, Antalya")


def test_markdown_front_matter_gives_title_date_and_source(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        '---\ntitle: "Ankara talks"\ndate: 2020-01-02\nsource: https://example.org/x\n---\n\n'
        "# Heading\n\nSome **bold** and *em* text with a [link](https://e.org).\n\n"
        "> A quoted block\n\n- first item\n- second item\n",
        encoding="utf-8",
    )
    document = load_document(path)
    assert document.format is Format.MARKDOWN
    assert (document.title, document.date, document.source) == (
        "Ankara talks",
        "2020-01-02",
        "https://example.org/x",
    )
    kinds = [block.kind for block in document.blocks]
    assert kinds[0] is BlockKind.TITLE and BlockKind.HEADING in kinds
    paragraph = next(b for b in document.blocks if "bold" in b.text)
    assert paragraph.text == "Some bold and em text with a link."
    marks = {run.mark: paragraph.text[run.start : run.end] for run in paragraph.marks}
    assert marks == {Mark.STRONG: "bold", Mark.EM: "em", Mark.LINK: "link"}
    quote = next(b for b in document.blocks if b.text == "A quoted block")
    assert quote.quote_depth == 1
    items = [b for b in document.blocks if b.list_marker]
    assert [(b.list_marker, b.text) for b in items] == [("•", "first item"), ("•", "second item")]


def test_escapes_and_entities_keep_offsets_monotonic(tmp_path: Path) -> None:
    path = tmp_path / "e.md"
    path.write_text("Tom &amp; Jerry \\*not bold\\* said Erdoğan.\n", encoding="utf-8")
    document = load_document(path)
    (block,) = document.blocks
    assert block.text == "Tom & Jerry *not bold* said Erdoğan."
    mapped = [o for o in block.offsets if o != NO_SOURCE]
    assert mapped == sorted(mapped)
    start = block.text.index("Erdoğan")
    assert document.text[block.offsets[start] :].startswith("Erdoğan")


def test_markup_and_control_characters_are_shown_literally(tmp_path: Path) -> None:
    path = tmp_path / "m.txt"
    path.write_text(
        "[bold]Not bold[/bold] [@click=app.quit]x[/] \x1b]0;pwned\x07 end\n", encoding="utf-8"
    )
    (block,) = load_document(path).blocks
    assert "[bold]Not bold[/bold]" in block.text
    assert "[@click=app.quit]" in block.text
    assert "\x1b" not in block.text and "\x07" not in block.text
    assert "^[]0;pwned^G" in block.text


def test_windows_line_endings_and_bom_match_read_text(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_bytes(b"\xef\xbb\xbfHeadline here\r\n\r\nBody text, said Lavrov.\r\n")
    document = load_document(path)
    assert document.text == path.read_text(encoding="utf-8")
    assert document.title == "Headline here"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: p, "is a directory"),
        (lambda p: _write(p / "img.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary"),
    ],
    ids=["missing", "directory", "binary"],
)
def test_not_an_article_is_one_clear_error(tmp_path: Path, make, reason: str) -> None:
    with pytest.raises(LoadError) as raised:
        load_document(make(tmp_path))
    assert reason in str(raised.value)


def test_empty_article_opens_empty(tmp_path: Path) -> None:
    document = load_document(_write(tmp_path / "empty.txt", b""))
    assert document.text == "" and not any(block.text.strip() for block in document.blocks)
    assert document.title == "empty.txt"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
