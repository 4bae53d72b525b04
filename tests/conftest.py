"""Shared fixtures: the bundled articles, and a machine-independent environment."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from reader.analysis import AnalysisCache, analyze
from reader.analysis.analyst import Analyst
from reader.document import Document

# The suite decides whether a change lands, so its property tests take the same examples
# on every run; `pytest tests/test_properties.py --hypothesis-profile=search` looks much
# wider, with fresh random examples, and is how the bugs kept as @example were found.
settings.register_profile("gate", max_examples=60, derandomize=True)
settings.register_profile("search", max_examples=3000)
settings.load_profile("gate")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_articles"
SEED = SAMPLES / "seed_lavrov_alanya.txt"
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".md", ".txt"})


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No user model choice, cache, config or read marks leak into a test."""
    monkeypatch.delenv("READER_MODEL", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # read marks


def run_reader(
    *args: str, timeout: float = 300, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m reader ARGS` as a script would run it, output captured as text.

    `stdin`, if given, is piped to it.
    """
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
        cwd=ROOT,
    )


ReaderRun = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture
def reader_here(capsys: pytest.CaptureFixture[str]) -> ReaderRun:
    """`reader ARGS` run in the test's own process, through the same `main` as the
    program, output captured as text: the analyses share the spaCy pipeline this worker
    has loaded already, where `run_reader` pays a second or two to load it each time.
    Tests of the program as a process (signals, standard input, its exit on a crash)
    use `run_reader`."""
    from reader.cli import main

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        capsys.readouterr()  # what the test printed before is not the reader's output
        code = main(list(args))
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(["reader", *args], code, out, err)

    return run


@pytest.fixture(scope="session")
def analyst() -> Iterator[Analyst]:
    """Worker processes kept warm across the tests of one session, for apps whose tests
    are about what the app does with an analysis (of hostile text, say) rather than
    about the worker: each app would otherwise start one and load spaCy in it again.
    Its idle workers serve one app after another; an app's own busy worker still ends
    with its screen."""
    shared = Analyst()
    yield shared
    shared.close()


@pytest.fixture(scope="session")
def analyses(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Document], AnalysisCache]:
    """Analyses made once per session with the real pipeline and stored in a cache, which
    the app then reads back as it does for an article opened before: UI tests see the same
    analysis every time without running spaCy in each."""
    cache = AnalysisCache(tmp_path_factory.mktemp("analyses"))

    def stored(document: Document) -> AnalysisCache:
        analyze(document, cache=cache)
        return cache

    return stored
