"""Loading the spaCy pipeline: the reader's way is quicker than `spacy.load` and gives
the same pipeline."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from reader.analysis.nlp import UNUSED_COMPONENTS, choose_model, load_pipeline

# Invented, and hard on a tokenizer: contractions, abbreviations, a URL, an e-mail
# address, an emoticon, figures, hyphens and quotation marks of several kinds.
TRICKY = (
    "Dr. Ana Ruiz didn't say \u201cno\u201d; she said 'we'll see :)' at 9:30 a.m. in the U.S., "
    "citing https://example.org/a-b?x=1 and ana.ruiz@example.org -- a well-known, "
    "ten-year-old rule (Art. 5) worth $3.5bn, e.g. N.Y.C.'s O'Neill-Smith & Co."
)


def _tokens(nlp: spacy.language.Language, text: str) -> list[tuple[str, str, str]]:
    return [(token.text, token.tag_, token.ent_type_) for token in nlp(text)]


def test_the_pipeline_splits_words_as_spacy_loads_it() -> None:
    """The reader builds the tokenizer once, from the rules saved with the pipeline,
    where spaCy builds it from the language's defaults first: the words, and so the
    tags and entities, are the same, and so is the configuration the pipeline records."""
    from spacy.util import registry

    from reader.analysis import nlp as loading

    name = choose_model()
    loading._register_rules_from_disk()
    quick = registry.tokenizers.get(loading._RULES_FROM_DISK)
    built: list[object] = []

    def counted() -> object:
        make = quick()
        return lambda nlp: built.append(make(nlp)) or built[-1]

    registry.tokenizers.register(loading._RULES_FROM_DISK, func=counted)
    try:
        ours = load_pipeline.__wrapped__(name)  # not the pipeline other tests loaded
    finally:
        registry.tokenizers.register(loading._RULES_FROM_DISK, func=quick)
    assert len(built) == 1, "the quicker way was not taken"
    theirs = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    assert ours.config.to_str() == theirs.config.to_str()
    assert ours.tokenizer.to_bytes() == theirs.tokenizer.to_bytes()
    assert ours.pipe_names == theirs.pipe_names
    assert _tokens(ours, TRICKY) == _tokens(theirs, TRICKY)
    assert [t.text for t in ours("didn't")] == ["did", "n't"]


class _SpacesOnly:
    """A tokenizer of a pipeline's own: words are what spaces separate."""

    def __init__(self, vocab: spacy.vocab.Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return Doc(self.vocab, words=text.split())

    def from_disk(self, path: Path, *, exclude: object = ()) -> _SpacesOnly:
        return self  # it has no rules to read


@spacy.registry.tokenizers("test_nlp.spaces_only.v1")
def _spaces_only() -> object:
    return lambda nlp: _SpacesOnly(nlp.vocab)


def test_a_pipeline_with_a_tokenizer_of_its_own_keeps_it(tmp_path: Path) -> None:
    """Only spaCy's own tokenizer is built the quicker way: a pipeline whose
    configuration names another is loaded with that one."""
    folder = tmp_path / "own_tokenizer"
    spacy.load(choose_model()).to_disk(folder)
    config = folder / "config.cfg"
    text = config.read_text(encoding="utf-8")
    text, count = re.subn(
        r'(\[nlp\.tokenizer\]\n@tokenizers = )"spacy\.Tokenizer\.v1"',
        r'\1"test_nlp.spaces_only.v1"',
        text,
    )
    assert count == 1
    config.write_text(text, encoding="utf-8")
    nlp = load_pipeline(str(folder))
    assert isinstance(nlp.tokenizer, _SpacesOnly)
    assert [t.text for t in nlp("she didn't (yet)")] == ["she", "didn't", "(yet)"]


@pytest.mark.parametrize("broken", ["no config", "unreadable config"])
def test_a_broken_pipeline_folder_is_reported_as_spacy_reports_it(
    tmp_path: Path, broken: str
) -> None:
    from reader.analysis.nlp import ModelError

    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "tokenizer").write_bytes(b"")
    if broken == "unreadable config":
        (folder / "config.cfg").write_text("[nlp\nnot a config", encoding="utf-8")
    with pytest.raises(ModelError, match="cannot load spaCy pipeline"):
        load_pipeline(str(folder))


def _in_a_fresh_interpreter(code: str) -> dict[str, object]:
    """What `code` prints as JSON lines, merged, run where spaCy is not imported yet."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, object] = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            found.update(json.loads(line))
    return found


LOAD_AND_PARSE = """
    from reader.analysis.nlp import choose_model, load_pipeline
    nlp = load_pipeline(choose_model())
    doc = nlp("John Smith said the talks in Lisbon would go on.")
    loaded = {
        "entities": [(e.text, e.label_) for e in doc.ents],
        "command line": sorted({"spacy.cli", "typer", "weasel"} & set(sys.modules)),
    }
    import spacy
    loaded["info"] = spacy.info()["spacy_version"] == spacy.__version__
    import spacy.cli
    loaded["commands"] = callable(getattr(spacy.cli, "download", None))
    print(json.dumps(loaded))
"""


def test_spacy_is_loaded_without_its_command_line_which_still_works_when_asked() -> None:
    """`import spacy` imports every `spacy` command, a third of its time; the reader's
    pipeline parses without them, and `spacy.info` and `spacy.cli` still work after."""
    found = _in_a_fresh_interpreter("import json, sys\n" + textwrap.dedent(LOAD_AND_PARSE))
    assert found["command line"] == []
    assert found["entities"] == [["John Smith", "PERSON"], ["Lisbon", "GPE"]]
    assert found["info"] is True
    assert found["commands"] is True


@pytest.mark.parametrize(
    "needing",
    [
        "import spacy.cli._util",  # a module of the package, which the stand-in lacks
        "from spacy.cli import download",  # a name the package's own code defines
    ],
)
def test_a_spacy_that_needs_more_of_its_command_line_gets_it_once(needing: str) -> None:
    """Should a later spaCy use more of `spacy.cli` while it is imported, it gets the
    real code, run once in place of the stand-in: one spaCy, whose commands, `info` and
    pipelines all work."""
    needs_more = f"""
        import importlib.abc, json, sys

        class NeedsMore(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path, target=None):
                if name == "spacy.glossary":  # imported after spacy.cli.info
                    {needing}
                return None

        sys.meta_path.insert(0, NeedsMore())
    """
    one_spacy = """
        import spacy.language, spacy.tokens.doc, spacy.util
        spacy_modules = [m for n, m in sys.modules.items() if n.partition(".")[0] == "spacy"]
        print(json.dumps({
            "one util": spacy.language.util is spacy.util is sys.modules["spacy.util"],
            "one Language": spacy.Language is spacy.language.Language,
            "named as loaded": all(
                sys.modules[m.__name__] is m for m in spacy_modules if hasattr(m, "__name__")
            ),
        }))
    """
    found = _in_a_fresh_interpreter(
        textwrap.dedent(needs_more) + textwrap.dedent(LOAD_AND_PARSE) + textwrap.dedent(one_spacy)
    )
    assert found["entities"] == [["John Smith", "PERSON"], ["Lisbon", "GPE"]]
    assert found["info"] is True
    assert found["commands"] is True
    assert found["one util"] is True
    assert found["one Language"] is True
    assert found["named as loaded"] is True
