"""The order of the People and Countries panes: as they first appear, or most mentioned first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from ..config import PANE_ORDERS

if TYPE_CHECKING:
    from ..analysis import Country, Person

Entity = TypeVar("Entity", "Person", "Country")

# What a pane's title says after its name ("People · by mentions").
LABELS = {"appearance": "by appearance", "mentions": "by mentions"}


def next_order(order: str) -> str:
    """The order the key goes to from `order` (from one it does not know, the first)."""
    index = PANE_ORDERS.index(order) if order in PANE_ORDERS else -1
    return PANE_ORDERS[(index + 1) % len(PANE_ORDERS)]


def ordered(entities: Sequence[Entity], order: str) -> list[Entity]:
    """People or countries in `order`. Most mentioned first breaks ties by first
    appearance, so that the list is the same on every run."""

    def first(entity: Entity) -> float:
        return entity.mentions[0].start if entity.mentions else float("inf")

    if order == "mentions":
        return sorted(entities, key=lambda e: (-len(e.mentions), first(e)))
    return sorted(entities, key=first)
