"""A wheel built from the repo carries the stylesheets and help, and the app starts from it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("reader-*.whl")
    return built


def test_wheel_contains_styles_and_help(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.name for p in (ROOT / "styles").glob("*.tcss")}
    assert shipped, "no stylesheets in styles/"
    for name in shipped:
        assert f"reader/styles/{name}" in names
    assert "reader/ui/help.md" in names


def test_installed_wheel_finds_its_styles(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    # Run from the unpacked wheel alone: the repo's styles/ must not be what is found.
    code = r"""
import asyncio, sys
sys.path.insert(0, sys.argv[1])
from reader.document import document_from_text
from reader.ui.app import make_app
from reader.ui.resources import help_text, styles_dir

async def main():
    app = make_app(document_from_text("Headline\n\nVladimir Putin spoke."))
    async with app.run_test() as pilot:
        await pilot.press("question_mark")
        assert app.screen.query_one("Markdown")

asyncio.run(main())
assert help_text()
print(styles_dir())
"""
    result = subprocess.run(
        [sys.executable, "-c", code, str(target)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert Path(result.stdout.strip()) == target / "reader" / "styles"
