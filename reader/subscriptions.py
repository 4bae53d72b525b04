"""Subscribed feeds: a plain list in the preferences directory, and OPML in and out.

    # ~/.config/reader/feeds.txt: the feeds `reader` opens with no argument.
    # One address per line, then, if you like, a name for it.
    https://example.org/world/rss.xml  Example World

Written by `--subscribe`, `--unsubscribe` and `--import-opml`, which keep every other
line (comments, names) as it was; OPML is the format feed readers exchange lists in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

from . import APP_NAME
from .atomic import write_atomically

HEADER = """\
# The feeds `reader` opens when it is given no article: one address per line, then, if
# you like, a name for it. Lines that start with # are comments.
"""


@dataclass(frozen=True, slots=True)
class Subscription:
    address: str
    name: str = ""


def default_path() -> Path:
    import platformdirs

    return platformdirs.user_config_path(APP_NAME) / "feeds.txt"


def load(path: Path | None = None) -> list[Subscription]:
    """The subscriptions in the file (none if there is no file). Raises OSError and
    UnicodeDecodeError for one that cannot be read."""
    try:
        text = (path or default_path()).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [found for line in text.splitlines() if (found := _parse(line)) is not None]


def subscribe(found: list[Subscription], path: Path | None = None) -> list[Subscription]:
    """Add those of `found` not subscribed yet, in order; the ones added."""
    path = path or default_path()
    known = {subscription.address for subscription in load(path)}
    added: list[Subscription] = []
    for subscription in found:
        if subscription.address not in known:
            known.add(subscription.address)
            added.append(subscription)
    if added:
        text = _existing(path) or HEADER
        text += "" if text.endswith("\n") else "\n"
        text += "".join(_line(subscription) for subscription in added)
        write_atomically(path, text)
    return added


def unsubscribe(address: str, path: Path | None = None) -> bool:
    """Remove `address`'s line; whether it was there."""
    path = path or default_path()
    lines = _existing(path).splitlines(keepends=True)
    kept = [line for line in lines if (found := _parse(line)) is None or found.address != address]
    if len(kept) == len(lines):
        return False
    write_atomically(path, "".join(kept))
    return True


def from_opml(data: bytes) -> list[Subscription]:
    """The feeds of an OPML file: every outline with an xmlUrl, folders included.
    Raises ValueError for one that is not OPML."""
    import xml.etree.ElementTree as ElementTree

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise ValueError(f"is not OPML ({error})") from None
    if root.tag.lower() != "opml":
        raise ValueError("is not OPML (its root element is not <opml>)")
    found = []
    for outline in root.iter("outline"):
        address = (outline.get("xmlUrl") or "").strip()
        if address:
            name = " ".join((outline.get("title") or outline.get("text") or "").split())
            found.append(Subscription(address, name))
    return found


def to_opml(subscriptions: list[Subscription]) -> str:
    outlines = "".join(
        f'    <outline type="rss" text={quoteattr(s.name or s.address)} '
        f"xmlUrl={quoteattr(s.address)}/>\n"
        for s in subscriptions
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0">\n'
        "  <head><title>reader subscriptions</title></head>\n"
        f"  <body>\n{outlines}  </body>\n</opml>\n"
    )


def _parse(line: str) -> Subscription | None:
    text = line.strip()
    if not text or text.startswith("#"):
        return None
    address, *name = text.split(None, 1)
    return Subscription(address, " ".join(" ".join(name).split()))


def _line(subscription: Subscription) -> str:
    name = " ".join(subscription.name.split())
    return f"{subscription.address}  {name}\n" if name else f"{subscription.address}\n"


def _existing(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
