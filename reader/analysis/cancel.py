"""The one exception an analysis ends with when its caller stops wanting it.

A module of its own so that the app can start (and name this exception in its analyst)
without importing the text helpers and the result classes before its first frame.
"""

from __future__ import annotations


class AnalysisCancelled(Exception):
    """The caller no longer wants this analysis (another article was opened, or quit)."""
