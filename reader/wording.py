"""Words the reader says about numbers of things."""

from __future__ import annotations


def counted(number: int, noun: str) -> str:
    """ "1 article", "3 articles": the noun in the singular only for one."""
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"
