"""Stopping: q and Ctrl-C end the reader at once, whatever it is waiting for.

Real processes, real signals: the reader runs in a pseudo-terminal (the app) or as a
command in a process group of its own (--json), and the test looks for what is left of
it afterwards. A web page that never finishes arriving (tests/trickle.py) is what it
waits for; its deadline is set far beyond the test's own limits, so that only the quit
can end the wait.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.cli import quiet_on_interrupt

from .conftest import ROOT, SEED
from .test_terminal import read_until, reader_in_a_terminal, wait_for_exit
from .trickle import trickling_server

NEVER = {"READER_FETCH_TIMEOUT": "3600"}


def test_a_silent_source_blocks_neither_the_library_nor_the_quit(tmp_path: Path) -> None:
    with (
        trickling_server() as base,
        reader_in_a_terminal(tmp_path, [str(SEED), f"{base}/body"], env=NEVER) as (pid, fd),
    ):
        output = read_until(fd, b"Analysed 1 of 1", 120)
        assert b"Analysed 1 of 1" in output, "the article waited for the silent server"
        os.write(fd, b"q")
        status, rest = wait_for_exit(pid, fd, 60)
        assert status is not None, "q left the reader running"
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert b"Traceback" not in output + rest


def test_sigint_to_the_app_while_it_fetches_ends_it(tmp_path: Path) -> None:
    with (
        trickling_server() as base,
        reader_in_a_terminal(tmp_path, [str(SEED), f"{base}/body"], env=NEVER) as (pid, fd),
    ):
        output = read_until(fd, b"Analysed 1 of 1", 120)
        assert b"Analysed 1 of 1" in output
        os.kill(pid, signal.SIGINT)
        status, rest = wait_for_exit(pid, fd, 60)
        assert status is not None, "Ctrl-C left the reader running"
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 130
    assert b"Traceback" not in rest and b"Fatal Python error" not in rest


# -- Ctrl-C in --json: a real SIGINT to the whole process group, as a terminal sends it --


def _group(pgid: int) -> list[int]:
    """The processes still alive in process group `pgid` (zombies are gone already)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                alive.append(int(entry.name))
    return alive


def _analysing(pid: int) -> bool:
    """Whether process `pid` runs the reader and has spaCy's compiled modules mapped: its
    analysis is under way.

    The command line is read first: between fork and exec the child is a copy of this
    test process, spaCy and all, and a signal sent then would land before the reader
    has set up its handling of Ctrl-C. Once the command line is the reader's, the map
    read after it is the reader's own.
    """
    try:
        if b"reader" not in Path(f"/proc/{pid}/cmdline").read_bytes():
            return False
        return "/spacy/" in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


def _wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)  # polling a condition, not waiting for time to pass
    return False


def _long_articles(tmp_path: Path, count: int) -> list[str]:
    # Long enough that the analysis is still running when the signal comes: about
    # 70,000 words each, many seconds of work even on a fast machine.
    seed = SEED.read_text(encoding="utf-8")
    paths = []
    for number in range(count):
        path = tmp_path / f"long-{number}.txt"
        path.write_text(f"Long article {number}\n\n" + seed * 120, encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.mark.parametrize(
    ("output", "count", "presses"),
    [
        ("--json", 1, 1),
        ("--json", 1, 2),
        ("--json", 3, 1),
        ("--json", 3, 2),
        ("--quotes=csv", 3, 1),
    ],
    ids=["one-file", "one-file-twice", "three-files", "three-files-twice", "quotes"],
)
def test_ctrl_c_during_json_ends_every_process_at_once(
    tmp_path: Path, output: str, count: int, presses: int
) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", output, "--no-cache", *_long_articles(tmp_path, count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    pgid = process.pid
    try:
        expected = 1 if count == 1 else 3  # the reader, and its two workers
        assert _wait_until(
            lambda: (
                len([p for p in _group(pgid) if _analysing(p)]) >= min(expected, 2)
                and len(_group(pgid)) == expected
            ),
            240,
        ), "the analysis never started"
        for _ in range(presses):
            os.killpg(pgid, signal.SIGINT)
        try:
            _, stderr = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail("Ctrl-C did not end the reader")
        assert process.returncode == 130, stderr.decode(errors="replace")
        assert stderr.decode(errors="replace") == ""  # no traceback, from any process
        assert _wait_until(lambda: not _group(pgid), 30), "a process was left behind"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)
        process.wait()


def _interrupted_inside_a_library() -> int:
    # As a compiled library does when Ctrl-C lands in its own code: it catches the
    # KeyboardInterrupt and raises an error of its own. (pydantic-core does this while
    # spaCy's import builds its schemas.)
    try:
        signal.raise_signal(signal.SIGINT)
    except KeyboardInterrupt as interrupt:
        raise ValueError(f"Error building validator: {interrupt!r}") from None
    return 0


def _failing_on_its_own() -> int:
    raise ValueError("not an interrupt")


def test_ctrl_c_reported_as_another_error_still_ends_quietly() -> None:
    previous = signal.getsignal(signal.SIGINT)
    assert quiet_on_interrupt(_interrupted_inside_a_library) == 130
    signal.signal(signal.SIGINT, previous)
    # Without a Ctrl-C, the same kind of error is a real one and is not hidden.
    with pytest.raises(ValueError, match="not an interrupt"):
        quiet_on_interrupt(_failing_on_its_own)
    assert signal.getsignal(signal.SIGINT) is previous


def test_ctrl_c_inside_spacys_import_is_not_lost() -> None:
    # Held back while spaCy imports and loads, the Ctrl-C arrives just after, and stops
    # the command before it analyses anything.
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("interrupted_import.py")), str(SEED)],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=240,
    )
    assert done.stderr.decode(errors="replace") == ""
    assert done.returncode == 130
    assert done.stdout == b""
