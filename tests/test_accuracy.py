"""Accuracy regression guard: the evaluation set's totals must not drop below today's.

spaCy on the CPU is deterministic, so these are exact figures, not timings. The floors
are the totals reached when they were set (see the README's Accuracy section); raise
them when the analysis gets better, never lower them to make a change pass.
"""

from __future__ import annotations

from functools import cache

import pytest

from benchmarks.accuracy import Report, default_articles, run
from reader.api import json_for_path

FLOORS = {
    "people_f1": 0.975,
    "countries_f1": 0.985,
    "mentions_f1": 0.985,
    "quotes_f1": 0.99,
    "speaker_accuracy": 0.99,
    "attributed_recall": 0.99,
}


@cache
def report() -> Report:
    return run(default_articles(), json_for_path)


def figures() -> dict[str, float]:
    scores = report().scores
    return {
        "people_f1": scores.people.f1,
        "countries_f1": scores.countries.f1,
        "mentions_f1": scores.mentions.f1,
        "quotes_f1": scores.quotes.f1,
        "speaker_accuracy": scores.speaker_accuracy,
        "attributed_recall": scores.attributed_recall,
    }


@pytest.mark.slow
def test_every_evaluation_article_is_scored() -> None:
    assert len(report().articles) == 27  # benchmarks/eval/articles and dev
    assert all(result.error is None for result in report().articles)


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_total_does_not_drop(figure: str) -> None:
    assert figures()[figure] >= FLOORS[figure], report().table()


def test_no_person_is_listed_twice() -> None:
    # A duplicate entry would be a false positive in the people figure; name it plainly.
    for article in default_articles():
        names = [p["name"] for p in json_for_path(article)["people"]]
        assert len(names) == len(set(names)), article.name
