"""The analysis on real articles: the seed exactly right, offsets always exact."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from reader.analysis import Analysis, analyze
from reader.document import document_from_text, load_document

from .conftest import SAMPLE_FILES, SEED


@cache
def analysed(path: Path) -> Analysis:
    return analyze(load_document(path))


def test_seed_people_one_row_each() -> None:
    people = {p.name: sorted({m.text for m in p.mentions}) for p in analysed(SEED).people}
    assert people == {
        "Lavrov": ["Lavrov"],
        "Mevlut Cavusoglu": ["Cavusoglu", "Mevlut Cavusoglu"],
        "Recep Tayyip Erdogan": ["Erdogan", "Recep Tayyip Erdogan", "Tayyip Erdogan"],
        "Bashar al-Assad": ["Assad", "Bashar", "Bashar al-Assad"],
        "Vladimir Putin": ["Vladimir Putin"],
    }


def test_seed_surnames_mislabelled_by_the_model_are_still_people() -> None:
    # en_core_web_sm tags "Cavusoglu" ORG and "Erdogan's office" GPE in this article.
    people = {p.name: len(p.mentions) for p in analysed(SEED).people}
    assert people["Mevlut Cavusoglu"] == 4
    assert people["Lavrov"] == 4
    assert people["Recep Tayyip Erdogan"] == 3


def test_seed_countries_with_demonyms() -> None:
    countries = {c.code: (c.name, {m.text for m in c.mentions}) for c in analysed(SEED).countries}
    assert countries == {
        "TUR": ("Turkey", {"Turkey", "Turkish"}),
        "RUS": ("Russia", {"Russia", "Russian"}),
        "SYR": ("Syria", {"Syria", "Syrian", "Syrian Arab Republic"}),
    }


def test_seed_country_words_inside_names_are_not_mentions() -> None:
    text = SEED.read_text(encoding="utf-8")
    spans = {(m.start, m.end) for c in analysed(SEED).countries for m in c.mentions}
    army = text.index("Free Syrian Army")
    assert (army + 5, army + 11) not in spans
    group = text.index("Syria Support Group")
    assert (group, group + 5) not in spans


def test_seed_quotes_and_speakers() -> None:
    quotes = [(q.text.split()[:4], q.speaker_name) for q in analysed(SEED).quotes]
    assert quotes == [
        (["Russia", "has", "nothing", "to"], "Lavrov"),
        (["Never", "have", "we", "refused"], "Lavrov"),
        (["Our", "President", "(Recep", "Tayyip"], "Mevlut Cavusoglu"),
        (["A", "ceasefire", "must", "be"], "Mevlut Cavusoglu"),
    ]
    analysis = analysed(SEED)
    for quote in analysis.quotes:
        speaker = analysis.person(quote.speaker)
        assert speaker is not None and speaker.name == quote.speaker_name


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_every_offset_points_at_its_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = analysed(path).to_json()
    spans = [m for kind in ("people", "countries") for e in data[kind] for m in e["mentions"]]
    assert spans, "an article with no mentions at all"
    for mention in spans:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    for quote in data["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_no_person_or_country_is_listed_twice(path: Path) -> None:
    analysis = analysed(path)
    assert len({p.name for p in analysis.people}) == len(analysis.people)
    assert len({c.code for c in analysis.countries}) == len(analysis.countries)


def analyse_text(text: str) -> Analysis:
    return analyze(document_from_text(text))


def test_markdown_offsets_skip_markup() -> None:
    text = "# Talks\n\n**Vladimir Putin** met *Recep Tayyip Erdogan* in Turkey.\n"
    analysis = analyze(document_from_text(text, path=Path("a.md")))
    names = {p.name: [(m.start, m.end) for m in p.mentions] for p in analysis.people}
    start = text.index("Vladimir Putin")
    assert names["Vladimir Putin"] == [(start, start + len("Vladimir Putin"))]
    assert [m.text for m in analysis.countries[0].mentions] == ["Turkey"]


def test_quotes_split_by_attribution_and_over_paragraphs() -> None:
    text = (
        '"We will not accept this outcome at all," said Angela Merkel, '
        '"and we will say so in Brussels tomorrow."\n\n'
        '"The first paragraph of a long statement runs on here.\n\n'
        '"And the second paragraph closes it at last," Merkel said.\n'
    )
    quotes = analyse_text(text).quotes
    assert [q.text.split()[0] for q in quotes] == ["We", "and", "The"]
    assert all(q.speaker_name == "Angela Merkel" for q in quotes)
    assert quotes[2].text.endswith("closes it at last,")


def test_unbalanced_and_short_quotes_do_not_become_quotes() -> None:
    text = (
        'Emmanuel Macron called the plan "frank" on Monday.\n\n'
        'He said "this sentence never closes and runs to the end\n\n'
        "Nothing else was said.\n"
    )
    assert analyse_text(text).quotes == ()


def test_pronoun_speaker_is_resolved_to_the_person_named_before() -> None:
    text = (
        "Emmanuel Macron arrived in Berlin on Monday for talks.\n\n"
        '"Europe must defend its own interests now," he said.\n'
    )
    (quote,) = analyse_text(text).quotes
    assert quote.speaker_name == "Emmanuel Macron"


def test_unnamed_speaker_shows_the_attribution_words() -> None:
    text = '"The talks will resume next week in Geneva," a UN spokesperson said.\n'
    (quote,) = analyse_text(text).quotes
    assert quote.speaker is None
    assert quote.speaker_name == "a UN spokesperson"
