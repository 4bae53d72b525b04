"""The analysis cache: a re-opened article is read back, a broken cache never breaks reading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import reader.analysis.pipeline as analysis_module
from reader.analysis import Analysis, AnalysisCache, analyze
from reader.analysis.cache import default_cache_dir
from reader.document import load_document

from .conftest import SEED


def no_parsing(*args: object, **kwargs: object) -> Analysis:
    raise AssertionError("the article was analysed again instead of read from the cache")


def test_round_trip_through_json_is_exact() -> None:
    first = analyze(load_document(SEED))
    assert Analysis.from_json(json.loads(json.dumps(first.to_json()))) == first


def test_second_open_reads_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = AnalysisCache(tmp_path)
    document = load_document(SEED)
    first = analyze(document, cache=cache)
    assert len(list(tmp_path.glob("*.json"))) == 1
    monkeypatch.setattr(analysis_module, "_analyze", no_parsing)
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
