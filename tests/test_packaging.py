"""A wheel built from the repo carries the stylesheets, help and country table, and the app
starts from it."""

from __future__ import annotations

import os
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
    assert "reader/analysis/country_table.json" in names
    # Its builder needs the development dependencies: it stays in the repo.
    assert "reader/analysis/country_table.py" not in names


def test_installed_wheel_finds_its_styles(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    # Run from the unpacked wheel alone: the repo's styles/ must not be what is found.
    code = r"""
import asyncio, sys
sys.path.insert(0, sys.argv[1])
from reader.document import document_from_text
from reader.ui.app import make_app
from reader.analysis.country_names import lookup
from reader.ui.resources import help_text, styles_dir

async def main():
    app = make_app(document_from_text("Headline\n\nVladimir Putin spoke."))
    async with app.run_test() as pilot:
        await pilot.press("question_mark")
        assert app.screen.query_one("Markdown")

asyncio.run(main())
assert help_text()
assert lookup("Syrians") == "SYR"  # the country table is shipped beside its reader
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


def _make_plan(target: str, venv: Path) -> list[str]:
    """The commands `make TARGET` would run in a checkout with no virtual environment yet
    (make -n: printed, not run). The suite itself runs under `make test`, whose flags a
    make started from it would inherit (and then print the directories it enters)."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")
    }
    result = subprocess.run(
        ["make", "-n", "--no-print-directory", target, f"VENV={venv}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env=environment,
    )
    return result.stdout.splitlines()


def test_make_run_installs_only_what_running_needs_and_says_so_first(tmp_path: Path) -> None:
    plan = _make_plan("run", tmp_path / "venv")
    installs = [i for i, line in enumerate(plan) if "pip install" in line and " -e " in line]
    assert installs, plan
    assert all("[dev]" not in plan[i] for i in installs)  # no pytest, ruff, … to read
    # A line says what is being installed before the long step, not a silent minute.
    said = [line for line in plan[: installs[0]] if line.startswith("echo ")]
    assert any("Installing reader" in line for line in said), plan
    assert plan[-1].endswith("reader sample_articles/seed_lavrov_alanya.txt")


def test_make_test_adds_the_development_tools(tmp_path: Path) -> None:
    plan = _make_plan("test", tmp_path / "venv")
    (dev,) = [i for i, line in enumerate(plan) if "pip install" in line and "[dev]" in line]
    assert "development tools" in plan[dev - 1]
    assert plan[-1].endswith("pytest -q -n auto")  # on every core


def test_the_import_graph_has_no_cycle() -> None:
    """Each module of the package imports only modules that do not import it back, at
    any distance (the layering contracts in pyproject.toml check the direction between
    packages; this checks every pair of modules)."""
    import grimp  # installed with import-linter, which reads the same graph

    graph = grimp.build_graph("reader", include_external_packages=False)
    cycles = sorted(
        {
            tuple(sorted((module, imported)))
            for module in graph.modules
            for imported in graph.find_modules_directly_imported_by(module)
            if graph.chain_exists(importer=imported, imported=module)
        }
    )
    assert cycles == []
