"""The accuracy metric itself, on hand-made texts whose scores were worked out by hand.

No spaCy and no reader here: these tests pin down what `benchmarks.accuracy` counts, so that
a change in the reader's scores is a change in the reader, not in the yardstick.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks.accuracy import (
    EVAL_DIR,
    Counts,
    Scores,
    article_path,
    expected_spans,
    gold_path,
    main,
    prf,
    run,
    score_article,
    total,
)

SEED = EVAL_DIR / "articles" / "seed_lavrov_alanya.txt"
GOLD_FILES = sorted(EVAL_DIR.glob("*/*.gold.json"))


def span(text: str, words: str, nth: int = 0) -> dict[str, Any]:
    """The mention of the nth occurrence of `words`, as the reader's JSON gives it."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return {"start": start, "end": start + len(words), "text": words}


def gold(**parts: Any) -> dict[str, Any]:
    return {"people": [], "countries": [], "ignore": [], "quotes": [], "ignore_quotes": []} | parts


def prediction(**parts: Any) -> dict[str, Any]:
    return {"schema": 1, "title": "", "people": [], "countries": [], "quotes": []} | parts


def person(pid: str, name: str, *mentions: dict[str, Any]) -> dict[str, Any]:
    return {"id": pid, "name": name, "mentions": list(mentions)}


def country(cid: str, code: str, *mentions: dict[str, Any]) -> dict[str, Any]:
    return {"id": cid, "code": code, "name": code, "mentions": list(mentions)}


def quote(text: str, speaker: str | None = None, name: str = "") -> dict[str, Any]:
    return {"id": "q", "text": text, "start": 0, "end": 0, "speaker": speaker, "speaker_name": name}


ERDOGAN = {"name": "Recep Tayyip Erdogan", "forms": ["Recep Tayyip Erdogan", "Erdogan"]}
PUTIN = {"name": "Vladimir Putin", "forms": ["Vladimir Putin", "Putin"]}
CAVUSOGLU = {"name": "Mevlut Cavusoglu", "forms": ["Mevlut Cavusoglu", "Cavusoglu"]}


# --- people -------------------------------------------------------------------------------


def test_second_entry_for_the_same_person_is_a_false_positive() -> None:
    text = "Recep Tayyip Erdogan met Putin. Erdogan left."
    g = gold(people=[ERDOGAN, PUTIN])
    p = prediction(
        people=[
            person("p1", "Recep Tayyip Erdogan", span(text, "Recep Tayyip Erdogan")),
            person("p2", "Erdogan", span(text, "Erdogan", 1)),
        ]
    )
    c = score_article(text, g, p)
    assert (c.people_tp, c.people_fp, c.people_fn) == (1, 1, 1)
    # Both of the duplicate's spans are still right as spans; only Putin's is missed.
    assert (c.mentions_tp, c.mentions_fp, c.mentions_fn) == (2, 0, 1)


def test_person_matches_by_name_case_insensitively_else_by_mention_texts() -> None:
    text = "Erdogan met Putin. Mr Erdogan smiled. Someone else spoke."
    g = gold(people=[ERDOGAN, PUTIN])
    p = prediction(
        people=[
            person("p1", "ERDOGAN"),  # name, any case
            person("p2", "President Putin", span(text, "Putin")),  # name fails, mention fits
            person("p3", "Someone", span(text, "Someone")),  # nothing fits
        ]
    )
    c = score_article(text, g, p)
    assert (c.people_tp, c.people_fp, c.people_fn) == (2, 1, 0)


def test_name_takes_precedence_over_mentions() -> None:
    text = "Erdogan and Putin."
    g = gold(people=[ERDOGAN, PUTIN])
    # Named Putin but every mention says Erdogan: the name decides, so Erdogan is missed.
    p = prediction(people=[person("p1", "Putin", span(text, "Erdogan"))])
    c = score_article(text, g, p)
    assert (c.people_tp, c.people_fp, c.people_fn) == (1, 0, 1)


# --- countries ----------------------------------------------------------------------------


def test_countries_are_a_set_of_codes_with_ignored_codes() -> None:
    g = gold(
        countries=[{"code": "TUR", "forms": []}, {"code": "SYR", "forms": []}],
        ignore_codes=["PSE"],
    )
    p = prediction(
        countries=[
            country("c1", "TUR"),
            country("c2", "TUR"),  # a set: the repeat is neither right nor wrong again
            country("c3", "PSE"),  # ignored
            country("c4", "FRA"),  # wrong
        ]
    )
    c = score_article("", g, p)
    assert (c.countries_tp, c.countries_fp, c.countries_fn) == (1, 1, 1)


# --- expected spans -----------------------------------------------------------------------


def test_longest_first_without_overlaps() -> None:
    text = "Bashar al-Assad and Assad. The Syrian Arab Republic. Syrian people."
    g = gold(
        people=[{"name": "Bashar al-Assad", "forms": ["Bashar al-Assad", "Assad", "Bashar"]}],
        countries=[{"code": "SYR", "forms": ["Syrian", "Syrian Arab Republic"]}],
    )
    spans = [(s.text, s.start, s.kind) for s in expected_spans(text, g)]
    assert spans == [
        ("Bashar al-Assad", 0, "person"),
        ("Assad", 20, "person"),
        ("Syrian Arab Republic", 31, "country"),
        ("Syrian", 53, "country"),
    ]


def test_longest_string_wins_even_when_it_starts_later() -> None:
    # "Sudan Airlines" (14 characters) is taken before "South Sudan" (11), which it overlaps.
    text = "South Sudan Airlines flew."
    g = gold(countries=[{"code": "SSD", "forms": ["South Sudan"]}], ignore=["Sudan Airlines"])
    assert [(s.text, s.kind) for s in expected_spans(text, g)] == [("Sudan Airlines", "ignore")]


def test_whole_words_only() -> None:
    text = "Iranian oil. Iran's oil. Iranians. Irani. The U.S. and U.S.A. and US."
    g = gold(
        countries=[
            {"code": "IRN", "forms": ["Iran"]},
            {"code": "USA", "forms": ["U.S.", "US"]},
        ]
    )
    found = [(s.text, s.start) for s in expected_spans(text, g)]
    assert found == [("Iran", 13), ("U.S.", 46), ("US", 66)]


def test_gold_matching_is_case_sensitive() -> None:
    text = "The US told us so."
    g = gold(countries=[{"code": "USA", "forms": ["US"]}])
    assert [s.start for s in expected_spans(text, g)] == [4]


# --- mentions -----------------------------------------------------------------------------

IGNORE_TEXT = (
    "Turkish troops entered Aleppo. The Free Syrian Army advanced. Ankara said Syria agreed."
)
IGNORE_GOLD = gold(
    countries=[
        {"code": "TUR", "forms": ["Turkish", "Turkey"]},
        {"code": "SYR", "forms": ["Syria", "Syrian"]},
    ],
    ignore=["Aleppo", "Free Syrian Army", "Ankara"],
)


def test_ignore_spans_count_neither_way() -> None:
    t = IGNORE_TEXT
    p = prediction(
        countries=[
            country("c1", "TUR", span(t, "Turkish"), span(t, "Ankara")),
            # "Aleppo" exactly, "Syrian" inside the army's name, and the whole name:
            # all lie on ignored strings.
            country("c2", "SYR", span(t, "Aleppo"), span(t, "Syrian"), span(t, "Syria", 1)),
        ],
        people=[person("p1", "Free Syrian Army", span(t, "The Free Syrian Army"))],
    )
    c = score_article(t, IGNORE_GOLD, p)
    assert (c.mentions_tp, c.mentions_fp, c.mentions_fn) == (2, 0, 0)


def test_ignored_strings_are_not_expected_either() -> None:
    t = IGNORE_TEXT
    p = prediction(countries=[country("c1", "TUR", span(t, "Turkish"))])
    c = score_article(t, IGNORE_GOLD, p)
    # Only "Syria" (the second one; the first "Syria" is inside the army's name) is missed.
    assert (c.mentions_tp, c.mentions_fp, c.mentions_fn) == (1, 0, 1)


def test_span_over_a_counted_word_is_wrong_and_plain_words_are_wrong() -> None:
    t = IGNORE_TEXT
    p = prediction(
        countries=[country("c1", "TUR", span(t, "Turkish troops"), span(t, "entered"))],
    )
    c = score_article(t, IGNORE_GOLD, p)
    assert (c.mentions_tp, c.mentions_fp, c.mentions_fn) == (0, 2, 2)


def test_leading_the_is_disregarded_on_both_sides() -> None:
    text = "The Netherlands, the Hague and the United States. Theresa May spoke."
    g = gold(
        people=[{"name": "Theresa May", "forms": ["Theresa May"]}],
        countries=[
            {"code": "NLD", "forms": ["Netherlands"]},
            {"code": "USA", "forms": ["the United States"]},
        ],
        ignore=["Hague"],
    )
    assert [s.text for s in expected_spans(text, g)] == [
        "Netherlands",
        "Hague",
        "United States",
        "Theresa May",
    ]
    p = prediction(
        people=[person("p1", "Theresa May", span(text, "Theresa May"))],
        countries=[
            country("c1", "NLD", span(text, "The Netherlands")),
            country("c2", "USA", span(text, "United States")),
            country("c3", "NLD", span(text, "the Hague")),
        ],
    )
    c = score_article(text, g, p)
    assert (c.mentions_tp, c.mentions_fp, c.mentions_fn) == (3, 0, 0)


def test_the_is_only_disregarded_at_the_start() -> None:
    text = "The Netherlands and the Hague."
    g = gold(countries=[{"code": "NLD", "forms": ["Netherlands"]}])
    p = prediction(countries=[country("c1", "NLD", span(text, "Netherlands and the"))])
    c = score_article(text, g, p)
    assert (c.mentions_tp, c.mentions_fp, c.mentions_fn) == (0, 1, 1)


# --- quotes and speakers ------------------------------------------------------------------

QUOTE_GOLD = gold(
    people=[ERDOGAN, PUTIN, CAVUSOGLU],
    quotes=[
        {"start": "We will never give up", "speaker": "Recep Tayyip Erdogan"},
        {"start": "Turkey is ready to talk", "speaker": "Mevlut Cavusoglu"},
        {"start": "Nobody expected this outcome", "speaker": "Vladimir Putin"},
        {"start": "It's a new day for us", "speaker": "Vladimir Putin"},
    ],
    ignore_quotes=["frank but unfinished"],
)


def test_quotes_found_missed_ignored_and_false() -> None:
    p = prediction(
        quotes=[
            quote("Friends, We will never give up on peace."),  # found (start inside)
            quote("talks were frank but unfinished"),  # holds an ignored fragment
            quote("some other words entirely"),  # false positive
            quote("Turkey is ready"),  # too short to hold the start: false positive
            quote("It’s a new\nday for us all"),  # typographic apostrophe, line break
        ]
    )
    c = score_article("", QUOTE_GOLD, p)
    assert (c.quotes_tp, c.quotes_fp, c.quotes_fn) == (2, 2, 2)
    assert c.quotes_found == 2


def test_one_quote_holding_two_starts_and_two_quotes_holding_one() -> None:
    merged = "We will never give up. Turkey is ready to talk."
    p = prediction(quotes=[quote(merged), quote("Again: Turkey is ready to talk.")])
    c = score_article("", QUOTE_GOLD, p)
    assert (c.quotes_tp, c.quotes_fp, c.quotes_fn) == (2, 0, 2)


def test_speaker_accuracy_and_attributed_recall() -> None:
    text = "Erdogan, Putin and Mr Cavusoglu."
    p = prediction(
        people=[
            person("p1", "Erdogan", span(text, "Erdogan")),
            person("p2", "Putin", span(text, "Putin")),
            # Known by its mention only: still Cavusoglu when named as a speaker.
            person("p3", "Mr Cavusoglu", span(text, "Cavusoglu")),
        ],
        quotes=[
            quote("We will never give up", "p1", "Erdogan"),  # right, by id
            quote("Turkey is ready to talk", "p2", "Putin"),  # wrong, by id
            quote("Nobody expected this outcome", None, "vladimir putin"),  # right, by name
            quote("It's a new day for us", None, "diplomats"),  # wrong: nobody in the pane
        ],
    )
    c = score_article(text, QUOTE_GOLD, p)
    assert (c.quotes_found, c.speakers_correct) == (4, 2)

    p["quotes"] = [*p["quotes"][:2], quote("Nobody expected this outcome", "p2", "Putin")]
    c = score_article(text, QUOTE_GOLD, p)
    assert (c.quotes_found, c.speakers_correct) == (3, 2)
    s = Scores.from_counts(c)
    assert s.speaker_accuracy == pytest.approx(2 / 3)
    assert s.attributed_recall == pytest.approx(2 / 4)

    p["quotes"][1] = quote("Turkey is ready to talk", "p3", "Mr Cavusoglu")
    assert score_article(text, QUOTE_GOLD, p).speakers_correct == 3


def test_speaker_is_judged_on_the_quote_where_the_start_comes_first() -> None:
    p = prediction(
        people=[person("p1", "Erdogan"), person("p2", "Putin")],
        quotes=[
            quote("He said: We will never give up", "p2", "Putin"),
            quote("We will never give up", "p1", "Erdogan"),
        ],
    )
    c = score_article("", QUOTE_GOLD, p)
    assert (c.quotes_found, c.speakers_correct) == (1, 1)


# --- figures and totals -------------------------------------------------------------------


def test_precision_recall_f1() -> None:
    figures = prf(tp=3, fp=1, fn=2)
    assert (figures.precision, figures.recall) == (0.75, 0.6)
    assert figures.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert prf(0, 0, 0).f1 == 1.0  # nothing to find and nothing claimed
    assert prf(0, 2, 3).f1 == 0.0


def test_totals_are_micro_averaged() -> None:
    a = Counts(people_tp=1, quotes_tp=1, quotes_found=1, speakers_correct=1)
    b = Counts(people_tp=1, people_fp=3, quotes_tp=1, quotes_fn=2, quotes_found=1)
    summed = total([a, b])
    assert summed == Counts(
        people_tp=2, people_fp=3, quotes_tp=2, quotes_fn=2, quotes_found=2, speakers_correct=1
    )
    s = Scores.from_counts(summed)
    # Micro: 2 / 5, where the mean of the per-article precisions (1 and 1/4) would be 0.625.
    assert s.people.precision == pytest.approx(0.4)
    assert s.speaker_accuracy == pytest.approx(0.5)
    assert s.attributed_recall == pytest.approx(0.25)


def test_run_scores_each_article_against_its_gold_and_sums(tmp_path: Path) -> None:
    texts = {"a": "Erdogan spoke.", "b": "Putin and Erdogan."}
    for stem, text in texts.items():
        (tmp_path / f"{stem}.txt").write_text(text, encoding="utf-8")
        (tmp_path / f"{stem}.gold.json").write_text(json.dumps(gold(people=[ERDOGAN, PUTIN])))

    def predict(article: Path) -> dict[str, Any]:
        text = texts[article.stem]
        return prediction(people=[person("p1", "Erdogan", span(text, "Erdogan"))])

    report = run([tmp_path / "a.txt", tmp_path / "b.txt"], predict)
    assert [r.name for r in report.articles] == ["a", "b"]
    # a: Erdogan right, Putin missed (he is not in the text, but he is in the gold).
    assert (report.articles[0].counts.people_tp, report.articles[0].counts.people_fn) == (1, 1)
    assert report.total.people_tp == 2
    assert report.total.people_fn == 2
    assert report.total.mentions_fn == 1


# --- the real evaluation set --------------------------------------------------------------


def perfect_prediction(text: str, g: dict[str, Any]) -> dict[str, Any]:
    """What a flawless reader would print, built from the gold and the expected spans."""
    spans = expected_spans(text, g)

    def mentions(kind: str, index: int) -> list[dict[str, Any]]:
        return [
            {"start": s.start, "end": s.end, "text": s.text}
            for s in spans
            if s.kind == kind and s.entity == index
        ]

    people = [person(f"p{i}", p["name"], *mentions("person", i)) for i, p in enumerate(g["people"])]
    ids = {p["name"]: f"p{i}" for i, p in enumerate(g["people"])}
    countries = [
        country(f"c{i}", c["code"], *mentions("country", i)) for i, c in enumerate(g["countries"])
    ]
    quotes = []
    for q in g["quotes"]:
        start = text.index(q["start"])
        quotes.append(
            {
                "id": "q",
                "text": q["start"] + " and more.",
                "start": start,
                "end": start + len(q["start"]),
                "speaker": ids[q["speaker"]],
                "speaker_name": q["speaker"],
            }
        )
    return prediction(people=people, countries=countries, quotes=quotes)


def assert_perfect(c: Counts, g: dict[str, Any]) -> None:
    s = Scores.from_counts(c)
    for figures in (s.people, s.countries, s.mentions, s.quotes):
        assert (figures.precision, figures.recall, figures.f1) == (1.0, 1.0, 1.0)
    assert (s.speaker_accuracy, s.attributed_recall) == (1.0, 1.0)
    assert c.people_tp == len(g["people"])
    assert c.quotes_found == len(g["quotes"])


def test_seed_expected_spans_on_real_text() -> None:
    text = SEED.read_text(encoding="utf-8")
    g = json.loads(gold_path(SEED).read_text(encoding="utf-8"))
    spans = expected_spans(text, g)
    for s in spans:
        assert text[s.start : s.end] == s.text
    texts = [s.text for s in spans]
    # Counted by hand in the article: Lavrov 4, Cavusoglu 4, Erdogan 3, Assad 6, Putin 1.
    assert sum(s.kind == "person" for s in spans) == 18
    assert texts.count("Syrian Arab Republic") == 1
    assert texts.count("Free Syrian Army") == 1
    assert "Putin" not in texts  # only ever inside "Vladimir Putin"
    assert "Turkish" in [s.text for s in spans if text[s.end] == "-"]  # "Turkish-backed"
    army = next(s for s in spans if s.text == "Free Syrian Army")
    assert army.kind == "ignore"
    assert not [s for s in spans if army.start <= s.start < army.end and s is not army]


def test_perfect_prediction_on_the_seed_scores_one_everywhere() -> None:
    text = SEED.read_text(encoding="utf-8")
    g = json.loads(gold_path(SEED).read_text(encoding="utf-8"))
    predicted = perfect_prediction(text, g)
    assert_perfect(score_article(text, g, predicted), g)

    # The same mentions with the article's "the " in front ("the Syrian Arab Republic").
    for entity in predicted["people"] + predicted["countries"]:
        for m in entity["mentions"]:
            if text[: m["start"]].endswith("the "):
                m["start"] -= 4
                m["text"] = text[m["start"] : m["end"]]
    assert any(m["text"].startswith("the ") for c in predicted["countries"] for m in c["mentions"])
    assert_perfect(score_article(text, g, predicted), g)


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.name.split(".")[0])
def test_perfect_prediction_scores_one_on_every_eval_article(gold_file: Path) -> None:
    article = article_path(gold_file)
    text = article.read_text(encoding="utf-8")
    g = json.loads(gold_file.read_text(encoding="utf-8"))
    assert_perfect(score_article(text, g, perfect_prediction(text, g)), g)


def test_command_line_reads_precomputed_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SEED.read_text(encoding="utf-8")
    g = json.loads(gold_path(SEED).read_text(encoding="utf-8"))
    (tmp_path / f"{SEED.stem}.json").write_text(json.dumps(perfect_prediction(text, g)))

    assert main([str(SEED), "--json-dir", str(tmp_path), "--format", "json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["total"]["scores"]["mentions"]["f1"] == 1.0
    assert figures["articles"][0]["counts"]["quotes_found"] == 4

    assert main([str(gold_path(SEED)), "--json-dir", str(tmp_path)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == [
        "people", "countries", "mentions", "quotes", "speaker", "attributed"
    ]  # fmt: skip
    assert table[1].split() == ["article", *"PRF" * 4, "accuracy", "recall"]
    assert table[3].startswith("seed_lavrov_alanya ")
    assert table[5].split() == ["TOTAL"] + ["1.00"] * 14
    assert len({len(row) for row in table[1:6]}) == 1  # aligned
