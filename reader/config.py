"""Preferences: a small TOML file in the user config directory (theme, model, keys, …).

    # ~/.config/reader/config.toml
    theme = "nord"
    model = "en_core_web_md"
    screenshot_dir = "~/Pictures"
    pane_order = "mentions"

    [keys]
    next_mention = "right,n"
    copy_quote = "y"

The theme chosen in the app and the order of the People and Countries panes are written
back, so they are there next time. A file that cannot be read is reported once and
otherwise ignored: preferences never stop the reader.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from . import APP_NAME
from .atomic import write_atomically

# How the People and Countries panes are ordered: the first is the default, and the key
# that reorders them goes round these in turn.
PANE_ORDERS = ("appearance", "mentions")


def default_config_path() -> Path:
    import platformdirs

    return platformdirs.user_config_path(APP_NAME) / "config.toml"


@dataclass
class Config:
    theme: str = ""
    model: str = ""
    keys: dict[str, str] = field(default_factory=dict)
    screenshot_dir: str = ""  # where `s` saves screenshots; the current directory if empty
    pane_order: str = PANE_ORDERS[0]  # one of PANE_ORDERS
    path: Path | None = None
    problem: str = ""  # why the file was not read, to be shown once
    # Settings read but not used, each said in a line with what is used instead: a toast
    # in the app, a warning on stderr otherwise, never the end of the reader.
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path | None = None) -> Config:
        path = path or default_config_path()
        if not path.exists():
            return cls(path=path)  # the usual case: nothing to parse, tomllib not imported
        import tomllib

        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path=path)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            return cls(path=path, problem=f"{path}: {error}")
        ignored: list[str] = []
        return cls(
            theme=_text(data, "theme", ignored),
            model=_text(data, "model", ignored),
            keys=_keys(data.get("keys", {}), ignored),
            screenshot_dir=_text(data, "screenshot_dir", ignored),
            pane_order=_pane_order(data, ignored),
            path=path,
            warnings=ignored,
        )

    def save_theme(self) -> str:
        return self.save("theme", "the theme")

    def save_pane_order(self) -> str:
        return self.save("pane_order", "the order of the panes")

    def save(self, name: str, what: str) -> str:
        """Write the top-level setting `name` into the file, leaving every other line
        (comments, keys, fields this version does not know) as it was; "" once saved, else
        why not (`what` names the setting in that sentence). Never raises.

        The file is written where it really is (through a symbolic link, such as one into
        a dotfiles repository), keeps its mode, and is replaced atomically. A file that
        could not be read, or that is read-only, is left alone: the first would lose what
        the user wrote, the second was made so on purpose."""
        if self.path is None:
            return ""  # preferences made up in the program (tests), not read from a file
        if self.problem:
            return f"{self.path} could not be read, so it is left as it is"
        target = Path(os.path.realpath(self.path))
        try:
            mode: int | None = stat.S_IMODE(target.stat().st_mode)
            existing = target.read_text(encoding="utf-8")
        except FileNotFoundError:
            mode, existing = None, ""
        except (OSError, UnicodeDecodeError) as error:
            return f"{self.path}: {getattr(error, 'strerror', None) or error}"
        if mode is not None and (
            not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
            or not os.access(target, os.W_OK)
        ):
            return f"{self.path} is read-only, so {what} is not saved in it"
        try:
            write_atomically(target, _with_setting(existing, name, getattr(self, name)))
        except OSError as error:
            return f"{self.path}: {error.strerror or error}"
        return ""


def _text(data: dict[str, object], name: str, ignored: list[str]) -> str:
    """A setting that must be a string: anything else is reported and ignored."""
    value = data.get(name, "")
    if isinstance(value, str):
        return value
    ignored.append(f"{name} = {_shown(value)} is ignored: it must be a string in quotes")
    return ""


def _pane_order(data: dict[str, object], ignored: list[str]) -> str:
    value = _text(data, "pane_order", ignored)
    if not value or value in PANE_ORDERS:
        return value or PANE_ORDERS[0]
    choices = " or ".join(f'"{order}"' for order in PANE_ORDERS)
    ignored.append(
        f'pane_order = {_shown(value)} is ignored: it must be {choices}; using "{PANE_ORDERS[0]}"'
    )
    return PANE_ORDERS[0]


def _keys(table: object, ignored: list[str]) -> dict[str, str]:
    """[keys]: binding id = keys. Keys are key names, which print as themselves; a value
    with a control character or an escape sequence in it is reported and ignored, since
    the footer shows the keys to the terminal."""
    if not isinstance(table, dict):
        ignored.append(f"keys = {_shown(table)} is ignored: it must be a [keys] table")
        return {}
    keys: dict[str, str] = {}
    for binding, value in table.items():
        name = f"keys.{_shown(str(binding))[1:-1]}"
        if not isinstance(value, str):
            ignored.append(
                f'{name} = {_shown(value)} is ignored: it must be keys in quotes ("right,n")'
            )
        elif not all(key.strip() and key.strip().isprintable() for key in value.split(",")):
            ignored.append(
                f"{name} = {_shown(value)} is ignored: it holds something that is not a key"
            )
        else:
            keys[binding] = value
    return keys


def _shown(value: object) -> str:
    """A value from the file as a message shows it: short, and control characters visible."""
    from .document.blocks import visible

    text = visible(value if isinstance(value, str) else repr(value))
    return f'"{text}"' if isinstance(value, str) else text[:60]


_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)


def _with_setting(text: str, name: str, value: str) -> str:
    """The file's text with its top-level `name = …` line set (added at the top if none)."""
    line = f"{name} = {_string(value)}"
    first_table = _TABLE.search(text)
    top = text[: first_table.start()] if first_table else text
    setting = re.compile(rf"^[ \t]*{re.escape(name)}[ \t]*=.*$", re.MULTILINE)
    if setting.search(top):
        return setting.sub(lambda _: line, top, count=1) + text[len(top) :]
    return f"{line}\n{text}"


def _string(value: str) -> str:
    """A TOML basic string."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(char if char >= " " else f"\\u{ord(char):04x}" for char in escaped)
    return f'"{escaped}"'
