"""The analysis runs in a process of its own: a fresh interpreter (never a fork), whose
death is said in one line while the article stays readable, and which a quit ends rather
than waits for."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.long_article import write_long_article
from reader.analysis import analyze
from reader.analysis.analyst import Analyst
from reader.analysis.worker import AnalysisWorker
from reader.document import load_document
from reader.ui.app import make_app
from reader.ui.widgets.article_view import ArticleView

from .conftest import ROOT, SEED
from .test_terminal import read_until, reader_in_a_terminal, wait_for_exit
from .ui import status, until


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def workers_of(pid: int) -> list[int]:
    """The analysis processes `pid` has started, from /proc: what is really running. A
    process busy mapping memory can answer with no arguments (see `command_line`)."""
    found = []
    for child in children_of(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue  # ended meanwhile
        if b"reader.analysis.worker" in command or not command:
            found.append(child)
    return found


def command_line(pid: int) -> list[bytes]:
    """A process's arguments. The kernel gives an empty answer while the process is busy
    mapping memory (a worker loading spaCy), so the question is asked again."""
    for _ in range(600):
        found = Path(f"/proc/{pid}/cmdline").read_bytes()
        if found:
            return found.split(b"\0")
        time.sleep(0.05)
    raise AssertionError(f"process {pid} never said its arguments")


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_the_worker_is_a_fresh_interpreter_and_gives_the_same_analysis() -> None:
    """Spawned, not forked: the same on a platform whose default is spawn, and safe with
    the app's threads. Its analysis is the one made in this process."""
    document = load_document(SEED)
    worker = AnalysisWorker()
    try:
        worker.load(None)
        assert command_line(worker.pid)[1:3] == [b"-m", b"reader.analysis.worker"]
        shares: list[float] = []
        assert worker.analyse(document, on_progress=shares.append) == analyze(document)
        assert shares and shares[-1] == 1.0
        assert worker.analyse(document) == analyze(document)  # and it serves again
    finally:
        worker.stop()
    assert not running(worker.pid)


def test_a_job_is_read_from_the_cache_without_a_worker(tmp_path: Path) -> None:
    from reader.analysis import AnalysisCache

    document = load_document(SEED)
    cache = AnalysisCache(tmp_path / "analyses")
    analyze(document, cache=cache)
    before = workers_of(os.getpid())  # the session's shared workers, if any
    analyst = Analyst(cache=cache)
    try:
        outcome = analyst.job(document).run()
        assert outcome is not None and outcome.analysis == analyze(document)
        assert workers_of(os.getpid()) == before
    finally:
        analyst.close()


async def test_a_worker_that_dies_is_said_and_the_article_stays_readable(tmp_path: Path) -> None:
    document = load_document(write_long_article(tmp_path, 30_000))
    before = set(workers_of(os.getpid()))  # the session's shared workers, if any
    app = make_app(document)

    def started() -> set[int]:
        return set(workers_of(os.getpid())) - before

    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, started, "the analysis process")
        await until(pilot, lambda: status(app).startswith("Analysing"), "the analysis")
        (worker,) = started()
        os.kill(worker, signal.SIGKILL)
        await until(pilot, lambda: status(app).startswith("Analysis failed"), "the failure")
        assert status(app) == ("Analysis failed: the analysis process was ended by SIGKILL")
        view = app.screen.query_one(ArticleView)
        top = view.scroll_offset.y
        await pilot.press("pagedown")
        await until(pilot, lambda: view.scroll_offset.y > top, "the article to scroll")
        assert app.is_running


@pytest.mark.slow
def test_q_during_an_analysis_ends_its_worker(tmp_path: Path) -> None:
    """In a real terminal: quitting while a book is analysed, its paragraphs parsed by
    processes the worker has forked, ends the app, the worker and those processes at
    once, without waiting for the analysis to finish."""
    article = write_long_article(tmp_path, 100_000)
    with reader_in_a_terminal(tmp_path, str(article)) as (pid, fd):
        output = read_until(fd, b"Analysing", 120)
        assert b"Analysing" in output
        # On a busy machine the worker is started by the analysis, just after it says so.
        deadline = time.monotonic() + 120
        while not workers_of(pid) and time.monotonic() < deadline:
            read_until(fd, b"\x00never", 0.1)
        workers = workers_of(pid)
        assert len(workers) == 1, "the analysis runs in one worker process"
        deadline = time.monotonic() + 120
        while not children_of(workers[0]) and time.monotonic() < deadline:
            read_until(fd, b"\x00never", 0.1)  # the book's parse on every core begins
        helpers = children_of(workers[0])
        assert helpers, "the book was not parsed on several cores"
        os.write(fd, b"q")
        status_code, _ = wait_for_exit(pid, fd, 60)
        assert status_code is not None, "q left the reader running"
    for process in [*workers, *helpers]:
        assert not running(process), "a process was left analysing"
    assert not list((tmp_path / "cache").rglob("*.json")), "the analysis ran to its end"


def test_no_process_to_be_had_is_said_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_more_processes(*args: object, **kwargs: object) -> None:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(subprocess, "Popen", no_more_processes)
    analyst = Analyst()
    analyst.warm_up()  # quietly nothing: the job says why
    outcome = analyst.job(load_document(SEED)).run()
    analyst.close()
    assert outcome is not None and outcome.analysis is None
    assert outcome.failure == (
        "the analysis process could not be started ([Errno 11] Resource temporarily unavailable)"
    )


def test_an_app_that_ignores_sigchld_still_gets_its_analysis() -> None:
    """With SIGCHLD ignored (as some launchers leave it) the system reaps children
    itself, and waiting for the worker finds nothing to wait for."""
    script = (
        "import signal, sys\n"
        "signal.signal(signal.SIGCHLD, signal.SIG_IGN)\n"
        "from reader.analysis.analyst import Analyst\n"
        "from reader.document import load_document\n"
        "analyst = Analyst()\n"
        "outcome = analyst.job(load_document(sys.argv[1])).run()\n"
        "analyst.close()\n"
        "print(len(outcome.analysis.people))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(SEED)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(len(analyze(load_document(SEED)).people))


def test_a_book_parsed_on_two_cores_is_analysed_as_on_one(tmp_path: Path) -> None:
    """What the worker does for a book (see SPLIT_CHARACTERS), on a shorter text: the
    paragraphs parsed by two processes at once give the same analysis as one."""
    from reader.analysis.nlp import choose_model, load_pipeline
    from reader.analysis.pipeline import analyze_with

    document = load_document(write_long_article(tmp_path, 4_000))
    nlp = load_pipeline(choose_model())
    shares: list[float] = []
    split = analyze_with(document, nlp, on_progress=shares.append, processes=2)
    assert split == analyze_with(document, nlp)
    assert split.people and split.quotes
    assert shares == sorted(shares) and shares[-1] == 1.0


async def test_panes_say_what_they_are_finding_while_the_analysis_runs(tmp_path: Path) -> None:
    """While a long article is analysed each pane keeps its title and says, on a still
    line, what it is waiting for; the status line is what moves."""
    document = load_document(write_long_article(tmp_path, 30_000))
    app = make_app(document)
    async with app.run_test(size=(120, 30)) as pilot:
        await until(
            pilot,
            lambda: app.screen.query("#status") and status(app).startswith("Analysing"),
            "the analysis",
        )

        def panes() -> list[str]:
            """The lines right of the article's border, between the header and status."""
            rows = [strip.text for strip in app.screen._compositor.render_strips()]
            lines = [row.split("▏")[-1].strip() for row in rows[1:-2]]
            return [line for line in lines if line]

        waiting = [
            "People",
            "Finding people…",
            "Countries",
            "Finding countries…",
            "Quotes",
            "Finding quotes…",
        ]
        # The covers are drawn at the screen's next refresh after the status says it.
        await until(pilot, lambda: panes() == waiting, "the panes to say what they wait for")
        await until(pilot, lambda: not status(app).startswith("Analysing"), "its end")
        await until(pilot, lambda: not any("Finding" in line for line in panes()), "the lists")
        assert any(line.startswith("People") and "·" in line for line in panes())


def test_spacy_loads_before_the_first_frame_only_with_a_core_to_spare(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a busy machine the worker would take the first frame's CPU: it is started by
    the analysis instead, which comes after that frame."""
    from reader.analysis import worker

    cores = worker.usable_cores()
    assert 0 <= worker.others_running() < 10_000  # what the system says now
    before = set(workers_of(os.getpid()))
    for others, started in ((cores, False), (cores - 1, True)):
        monkeypatch.setattr(worker, "others_running", lambda others=others: others)
        analyst = Analyst()
        try:
            analyst.warm_up()
            assert (set(workers_of(os.getpid())) != before) is started, f"{others} running"
        finally:
            analyst.close()


def test_a_worker_started_before_its_pipeline_is_chosen_imports_spacy_meanwhile(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The command line starts the worker before it has read the preferences that may
    name the pipeline: the worker imports spaCy meanwhile, then loads the pipeline it is
    told and analyses with it."""
    from reader.analysis import worker

    monkeypatch.setattr(worker, "others_running", lambda: 0)  # a core to spare
    document = load_document(SEED)
    before = set(workers_of(os.getpid()))
    analyst = Analyst(choose_later=True)
    try:
        analyst.warm_up()
        (pid,) = set(workers_of(os.getpid())) - before

        def spacy_imported() -> bool:
            try:
                maps = Path(f"/proc/{pid}/maps").read_text()
            except OSError:
                return False
            return "/spacy/tokens/doc." in maps  # a compiled module of spaCy's, mapped

        deadline = time.monotonic() + 120
        while not spacy_imported():
            assert time.monotonic() < deadline, "the worker never imported spaCy"
            assert running(pid), "the worker ended while it waited for its pipeline"
            time.sleep(0.05)
        with pytest.raises(RuntimeError, match="no pipeline chosen"):
            analyst.job(document)
        analyst.choose(None, None)
        outcome = analyst.job(document).run()
        assert outcome is not None and outcome.analysis == analyze(document)
        assert set(workers_of(os.getpid())) - before == {pid}  # the same worker did it
    finally:
        analyst.close()
    assert not running(pid)


@pytest.mark.slow
def test_the_app_analyses_with_the_pipeline_its_preferences_name(tmp_path: Path) -> None:
    """The command line starts the worker before it reads the preferences: the pipeline
    they name (here the default saved to a folder under a name of its own) is the one
    the article is analysed with, as the cache entry the app writes records."""
    import json

    from reader.analysis.nlp import choose_model

    folder = tmp_path / "renamed_pipeline"
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import spacy, sys; spacy.load(sys.argv[1]).to_disk(sys.argv[2])",
            choose_model(),
            str(folder),
        ],
        check=True,
        timeout=120,
    )
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    meta["name"] = "renamed_sm"
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    # conftest points XDG_CONFIG_HOME at tmp_path / "config" for every test.
    preferences = tmp_path / "config" / "reader" / "config.toml"
    preferences.parent.mkdir(parents=True)
    preferences.write_text(f"model = {json.dumps(str(folder))}\n", encoding="utf-8")
    with reader_in_a_terminal(tmp_path, str(SEED)) as (pid, fd):
        assert b"quotes" in read_until(fd, b"pick one to light it up", 120)
        os.write(fd, b"q")
        status_code, _ = wait_for_exit(pid, fd, 60)
        assert status_code is not None, "q left the reader running"
    (entry,) = (tmp_path / "cache").rglob("*.json")
    assert json.loads(entry.read_text(encoding="utf-8"))["model"].startswith("en_renamed_sm")
