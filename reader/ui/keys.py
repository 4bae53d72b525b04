"""The [keys] of the preferences file, checked against the bindings they change.

A binding id no screen has, or a key that would then do two things on one screen, is
left out with a sentence saying so and what is used instead: a typo in the preferences
never stops the reader, nor silently takes a key away from another action.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.binding import Binding

# Textual's own spelling of keys ("?" is "question_mark"), so that "?" and "question_mark"
# are seen as the same key; textual is pinned to one version in pyproject.toml.
from textual.keys import _normalize_key_list, format_key


def checked_keymap(
    keymap: dict[str, str], screens: Sequence[Sequence[Binding]]
) -> tuple[dict[str, str], list[str]]:
    """The keymap to apply, and one sentence per entry left out.

    `screens` holds, for each screen, every binding active on it at once (the app's and
    the screen's). Of two entries that clash, the one later in the file is left out, so
    swapping two keys (`next_mention = "c"`, `copy_quote = "n"`) is no clash."""
    known = {binding.id for bindings in screens for binding in bindings if binding.id}
    problems: list[str] = []
    accepted: dict[str, str] = {}
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            problems.append(
                f"[keys] {binding_id}: no such binding, ignored (the README lists the ids)"
            )
            continue
        normalized = _normalize_key_list(keys)
        if not any(normalized.split(",")):
            problems.append(f"[keys] {binding_id}: no key given, the default kept")
            continue
        accepted[binding_id] = normalized
    while clash := _last_clash(accepted, screens):
        binding_id, key, other = clash
        del accepted[binding_id]
        default = _default_keys(binding_id, screens)
        problems.append(
            f"[keys] {binding_id} = {keymap[binding_id]!r}: {_shown(key)} already does "
            f"{other}; {binding_id} keeps {default}"
        )
    return accepted, problems


def effective_keys(binding: Binding, keymap: dict[str, str]) -> list[str]:
    keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
    return [key.strip() for key in _normalize_key_list(keys).split(",") if key.strip()]


def _last_clash(
    keymap: dict[str, str], screens: Sequence[Sequence[Binding]]
) -> tuple[str, str, str] | None:
    """(binding id, key, what the key already does) for the entry latest in the file that
    gives a key a second action on some screen."""
    for binding_id in reversed(keymap):
        for bindings in screens:
            ours = [b for b in bindings if b.id == binding_id]
            if not ours:
                continue
            wanted = set(effective_keys(ours[0], keymap))
            for other in bindings:
                if other.id == binding_id:
                    continue
                for key in effective_keys(other, keymap):
                    if key in wanted:
                        return binding_id, key, _name(other)
    return None


def _default_keys(binding_id: str, screens: Iterable[Sequence[Binding]]) -> str:
    for bindings in screens:
        for binding in bindings:
            if binding.id == binding_id:
                return ", ".join(_shown(key) for key in effective_keys(binding, {}))
    return ""


def _name(binding: Binding) -> str:
    return binding.id or binding.description or binding.action


def _shown(key: str) -> str:
    return format_key(key)
