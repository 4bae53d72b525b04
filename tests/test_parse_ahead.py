"""A Markdown article parsed in a child process while the UI loads: same Document, sooner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.document import LoadError, ahead, load_document, load_document_ahead

from .conftest import ROOT, SAMPLE_FILES

MARKDOWN_SAMPLE = ROOT / "sample_articles" / "03_erdogan-hagia-sophia-mosque.md"

# Run in a fresh interpreter: a forked child needs a process with one thread, and whether
# markdown-it was imported in the parent can only be told in a process that started clean.
_IN_A_FRESH_PROCESS = """
import json, os, sys
from pathlib import Path
from reader.document import ahead, load_document_ahead
pending = load_document_ahead(Path(sys.argv[1]))
document = pending()
print(json.dumps({
    "forked": ahead.can_work_ahead(),
    "markdown_it_in_parent": "markdown_it" in sys.modules,
    "title": document.title,
    "blocks": [[block.kind, block.text, list(block.offsets)] for block in document.blocks],
}))
"""


def _in_a_fresh_process(path: Path) -> dict[str, object]:
    output = subprocess.run(
        [sys.executable, "-c", _IN_A_FRESH_PROCESS, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        cwd=ROOT,
    ).stdout
    return json.loads(output)


@pytest.mark.skipif(
    sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2, reason="needs Linux, 2 cores"
)
def test_markdown_is_parsed_in_a_child_and_comes_back_the_same() -> None:
    result = _in_a_fresh_process(MARKDOWN_SAMPLE)
    assert result["forked"] is True
    assert result["markdown_it_in_parent"] is False  # the parsing happened elsewhere
    expected = load_document(MARKDOWN_SAMPLE)
    assert result["title"] == expected.title
    assert result["blocks"] == [
        [block.kind, block.text, list(block.offsets)] for block in expected.blocks
    ]


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_every_sample_comes_back_as_load_document_gives_it(path: Path) -> None:
    assert load_document_ahead(path)() == load_document(path)


def test_an_unreadable_file_is_reported_at_once_not_when_the_result_is_asked_for(
    tmp_path: Path,
) -> None:
    with pytest.raises(LoadError, match="no such file"):
        load_document_ahead(tmp_path / "missing.md")
    binary = tmp_path / "photo.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(LoadError, match="binary"):
        load_document_ahead(binary)


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a machine with cores to spare (pytest may be running threads of its own)."""
    if not hasattr(os, "fork"):
        pytest.skip("no fork here")
    monkeypatch.setattr(ahead, "can_work_ahead", lambda: True)


@pytest.mark.usefixtures("forking")
def test_the_work_runs_in_another_process() -> None:
    assert ahead.in_child(os.getpid)() != os.getpid()


@pytest.mark.usefixtures("forking")
def test_an_error_in_the_child_is_raised_here_as_if_there_were_no_child() -> None:
    def fails() -> None:
        raise ValueError("the article could not be parsed")

    with pytest.raises(ValueError, match="could not be parsed"):
        ahead.in_child(fails)()


@pytest.mark.usefixtures("forking")
def test_a_result_that_cannot_travel_back_is_made_here_instead() -> None:
    def unpicklable() -> object:
        return lambda: os.getpid()  # a local function does not pickle

    made = ahead.in_child(unpicklable)()
    assert made() == os.getpid()


def test_without_cores_to_spare_the_work_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ahead, "can_work_ahead", lambda: False)
    assert ahead.in_child(os.getpid)() == os.getpid()


@pytest.mark.skipif(
    sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2, reason="needs Linux, 2 cores"
)
def test_a_reader_started_with_sigchld_ignored_still_opens_the_article() -> None:
    # Then the system reaps the child itself, and waiting for it finds nothing to wait for.
    script = (
        "import signal, sys; signal.signal(signal.SIGCHLD, signal.SIG_IGN)\n"
        "from reader.document import load_document_ahead\n"
        "print(load_document_ahead(sys.argv[1])().title)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(MARKDOWN_SAMPLE)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == load_document(MARKDOWN_SAMPLE).title


@pytest.mark.usefixtures("forking")
@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_when_no_child_can_be_made_no_file_descriptor_is_left_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_more_processes() -> int:
        raise BlockingIOError("fork: Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_more_processes)
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(5):
        assert ahead.in_child(lambda: 42)() == 42
    assert len(os.listdir("/proc/self/fd")) == before
