"""The analysis cache: a re-opened article is read back, a broken cache never breaks reading."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from reader.analysis import Analysis, AnalysisCache, analyze
from reader.analysis.cache import default_cache_dir
from reader.analysis.nlp import choose_model, installed_model_label
from reader.document import load_document

from .conftest import SEED, ReaderRun


def no_parsing(*args: object, **kwargs: object) -> object:
    raise AssertionError("the article was parsed again instead of read from the cache")


def test_round_trip_through_json_is_exact() -> None:
    first = analyze(load_document(SEED))
    assert Analysis.from_json(json.loads(json.dumps(first.to_json()))) == first


def test_second_open_reads_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = AnalysisCache(tmp_path)
    document = load_document(SEED)
    first = analyze(document, cache=cache)
    assert len(list(tmp_path.glob("*.json"))) == 1
    # spaCy's own entry points, so any parse at all, by any route, fails the test.
    monkeypatch.setattr(Language, "__call__", no_parsing)
    monkeypatch.setattr(Language, "pipe", no_parsing)
    assert analyze(document, cache=cache) == first


def test_key_depends_on_text_model_and_version() -> None:
    key = AnalysisCache.key("text", "en_core_web_sm-3.8.0")
    assert key != AnalysisCache.key("text!", "en_core_web_sm-3.8.0")
    assert key != AnalysisCache.key("text", "en_core_web_sm-3.7.1")
    assert key == AnalysisCache.key("text", "en_core_web_sm-3.8.0")


@pytest.mark.parametrize(
    "damage", [b"", b"{not json", b'{"schema": 1, "title": "x"}', b'{"schema": 99}', b"\xff\xfe"]
)
def test_damaged_entry_is_ignored_and_rebuilt(tmp_path: Path, damage: bytes) -> None:
    cache = AnalysisCache(tmp_path)
    document = load_document(SEED)
    first = analyze(document, cache=cache)
    (entry,) = tmp_path.glob("*.json")
    entry.write_bytes(damage)
    assert analyze(document, cache=cache) == first
    assert Analysis.from_json(json.loads(entry.read_text(encoding="utf-8"))) == first


def test_unwritable_cache_leaves_the_reader_working(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the cache directory should be", encoding="utf-8")
    cache = AnalysisCache(blocked / "analyses")
    result = analyze(load_document(SEED), cache=cache)
    assert [p.name for p in result.people][:2] == ["Lavrov", "Mevlut Cavusoglu"]
    assert blocked.read_text(encoding="utf-8").startswith("a file")


def test_writes_are_atomic_and_stay_in_the_directory(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    analyze(load_document(SEED), cache=AnalysisCache(directory))
    assert [p.suffix for p in directory.iterdir()] == [".json"]  # no temporary file left
    assert {p.parent for p in tmp_path.rglob("*") if p.is_file()} == {directory}


def test_default_directory_follows_xdg_cache_home(tmp_path: Path) -> None:
    # conftest points XDG_CACHE_HOME into the test's own folder.
    assert default_cache_dir().is_relative_to(tmp_path)


# -- keyed on everything that changes the analysis ---------------------------------------

SAME_BYTES = (
    "# Talks in Oslo\n\n<!-- Vladimir Putin said nothing here. -->\n\n"
    "“We will talk to them all very soon,” said Angela Merkel in Berlin on Monday.\n"
)


@pytest.fixture
def json_of(reader_here: ReaderRun) -> Callable[..., dict[str, object]]:
    """What `reader --json [OPTIONS] PATH` says of the article, in this process."""

    def analysis(path: Path, *options: str) -> dict[str, object]:
        result = reader_here("--json", *options, str(path))
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        return {key: data[key] for key in ("title", "people", "countries", "quotes")}

    return analysis


def test_the_same_bytes_as_markdown_and_as_text_are_two_entries(
    tmp_path: Path, json_of: Callable[..., dict[str, object]]
) -> None:
    # In Markdown the comment is hidden, and "# " makes a heading; in plain text neither.
    markdown = tmp_path / "talks.md"
    text = tmp_path / "talks.txt"
    for path in (markdown, text):
        path.write_text(SAME_BYTES, encoding="utf-8")
    cached = [json_of(markdown), json_of(text)]  # the second reads the cache, if any
    fresh = [json_of(markdown, "--no-cache"), json_of(text, "--no-cache")]
    assert cached == fresh
    assert [[p["name"] for p in a["people"]] for a in cached] == [
        ["Angela Merkel"],
        ["Vladimir Putin", "Angela Merkel"],
    ]


def test_an_untitled_article_keeps_its_own_name_from_the_cache(
    tmp_path: Path, json_of: Callable[..., dict[str, object]]
) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    for path in (first, second):
        path.write_text("vladimir putin spoke to angela merkel at length.\n", encoding="utf-8")
    assert json_of(first)["title"] == "first.txt"
    assert json_of(second)["title"] == "second.txt"


# -- capped in size, least recently used first -------------------------------------------


def _articles(tmp_path: Path, count: int) -> list[Path]:
    seed = SEED.read_text(encoding="utf-8")
    paths = []
    for number in range(count):
        path = tmp_path / f"article-{number}.txt"
        path.write_text(f"{seed}\nArticle number {number}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_the_cache_is_capped_in_size_dropping_the_least_recently_used(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    one, two, three, four = (load_document(p) for p in _articles(tmp_path, 4))
    analyze(one, cache=AnalysisCache(directory))
    (entry,) = directory.glob("*.json")
    cap = entry.stat().st_size * 3 - 1  # room for two entries, not three
    cache = AnalysisCache(directory, max_bytes=cap)
    analyze(two, cache=cache)
    analyze(one, cache=cache)  # read back: now the most recently used
    analyze(three, cache=cache)
    entries = list(directory.glob("*.json"))
    assert len(entries) == 2
    assert sum(p.stat().st_size for p in entries) <= cap
    label = installed_model_label(choose_model())
    kept = {p.stem for p in entries}
    assert kept == {AnalysisCache.key_for(d, label) for d in (one, three)}  # two was dropped
    analyze(four, cache=cache)
    assert AnalysisCache.key_for(four, label) in {p.stem for p in directory.glob("*.json")}


def test_a_temporary_file_left_by_a_killed_writer_is_cleared(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    directory.mkdir()
    left = directory / ".abandoned.tmp"
    left.write_text("half an entry", encoding="utf-8")
    os.utime(left, (time.time() - 7200, time.time() - 7200))
    analyze(load_document(SEED), cache=AnalysisCache(directory))
    assert not left.exists()


# -- entries checked when read -----------------------------------------------------------


@pytest.fixture
def fresh() -> dict[str, object]:
    """The seed article's analysis, without the cache, as --json prints it."""
    data = json.loads(json.dumps(analyze(load_document(SEED)).to_json()))
    return {key: data[key] for key in ("title", "people", "countries", "quotes")}


@pytest.mark.parametrize(
    "damage",
    ["offsets-beyond-the-text", "offsets-at-other-words", "negative", "unknown-speaker"],
)
def test_an_entry_whose_offsets_do_not_fit_the_article_is_rebuilt(
    tmp_path: Path, damage: str, fresh: dict[str, object], json_of: Callable[..., dict[str, object]]
) -> None:
    assert json_of(SEED) == fresh  # the entry is written
    (entry,) = (tmp_path / "cache" / "reader" / "analyses").glob("*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    mention = data["people"][0]["mentions"][0]
    if damage == "offsets-beyond-the-text":
        mention["start"], mention["end"] = 10**9, 10**9 + 6
    elif damage == "offsets-at-other-words":
        mention["start"], mention["end"] = 0, len(mention["text"])
    elif damage == "negative":
        mention["start"] = -5
    else:
        data["quotes"][0]["speaker"] = "p99"
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert json_of(SEED) == fresh  # analysed again, not the damaged entry
    rebuilt = Analysis.from_json(json.loads(entry.read_text(encoding="utf-8")))
    assert rebuilt == analyze(load_document(SEED))
