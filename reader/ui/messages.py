"""Messages shared between the screen and its widgets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from ..analysis import Analysis


@dataclass
class AnalysisReady(Message):
    analysis: Analysis


@dataclass
class AnalysisFailed(Message):
    reason: str


@dataclass
class AnalysisProgress(Message):
    fraction: float


class FirstFrame(Message):
    """The app's first frame can be on the terminal now: what waited for it may follow."""
