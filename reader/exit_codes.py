"""What the `reader` command's exit status means, for scripts that run it.

One module of its own, so the command line, the batch and the app agree without importing
each other.
"""

from __future__ import annotations

OK = 0
SOME_FAILED = 1  # --json over several articles, some of which could not be read
USAGE = 2  # a wrong argument, or a file that is not an article
MODEL = 3  # the language model is missing or unusable
INTERRUPTED = 130  # Ctrl-C, as shells report a process that SIGINT ended
