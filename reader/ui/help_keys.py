"""The help's key tables, made from the bindings live on the screen help is opened from:
keys rebound in the preferences are shown as rebound, the library's keys where there is
a library, and nothing that screen does not have."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from .resources import help_text

# Section titles for the widgets and screens whose keys the help lists; other widgets
# are named by their class.
TITLES = {
    "App": "Everywhere",
    "ArticleView": "In the article",
    "OptionList": "In a list",
    "DataTable": "In the table",
    "MainScreen": "Reading",
    "LibraryScreen": "Library",
}


def help_markdown(screen: Screen[object], preferences: Path) -> str:
    """The help text (help.md) with a key table per part of `screen` that has keys."""
    sections: dict[DOMNode, dict[str, tuple[Binding, list[str]]]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.system:
            continue
        actions = sections.setdefault(active.node, {})
        kept, keys = actions.setdefault(binding.action, (binding, []))
        keys.append(key)
        if binding.id and not kept.id:  # ours (q) over Textual's own (ctrl+q) for the words
            actions[binding.action] = (binding, keys)
    # The screen's own keys first, then those of the focused part, then the app's.
    order = sorted(sections, key=lambda node: (node is not screen, node is screen.app))
    tables = []
    for namespace in order:
        actions = sections[namespace]
        title = _title(namespace)
        lines = [f"## {title}", "", "| Key | Does |", "| --- | --- |"]
        # The reader's own keys (they have ids) before Textual's (tab, ctrl+c, …).
        for binding, keys in sorted(actions.values(), key=lambda entry: not entry[0].id):
            shown = " ".join(_key(screen, binding, key) for key in keys)
            lines.append(f"| {shown} | {_cell(binding.tooltip or binding.description)} |")
        tables.append("\n".join(lines))
    text = help_text().replace("{preferences}", str(preferences))
    intro, _, rest = text.partition("<!-- keys -->")
    return f"{intro.rstrip()}\n\n" + "\n\n".join(tables) + f"\n\n{rest.lstrip()}"


def _title(namespace: DOMNode) -> str:
    for cls in type(namespace).__mro__:
        if cls.__name__ in TITLES:
            return TITLES[cls.__name__]
    return type(namespace).__name__


def _key(screen: Screen[object], binding: Binding, key: str) -> str:
    shown = screen.app.get_key_display(Binding(key, binding.action, key_display=None))
    return f"`{shown}`" if "`" not in shown else shown


def _cell(text: str) -> str:
    return text.replace("|", "\\|") or "—"
