"""The one base class for every error a user can meet.

Anything raised as a `UserError` carries a message that is a plain sentence (or two) saying
what happened and what to do next, fit to show as it is. The command line maps it to exit
status 3 and prints the sentence; the desktop app shows it in a message box. Nothing else
needs a hand-kept list of error classes.
"""

from __future__ import annotations


class UserError(Exception):
    """Base class: `str(error)` is fit to show to a user as it is."""

    def __str__(self) -> str:
        # KeyError and friends quote their argument; a sentence must read as written.
        return str(self.args[0]) if self.args else ""


class UsageError(UserError):
    """The command line itself is wrong (exit status 2 rather than 3)."""
