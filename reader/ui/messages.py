"""Messages shared between the screen and its widgets."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

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
