"""Why a draft, a rule file or a scheme was not used: one plain sentence each."""

from __future__ import annotations

from app.errors import UserError


class DraftRefused(UserError):
    """A file that was not read as a draft: wrong kind, protected, macro-enabled or hostile."""


class RulesInvalid(UserError):
    """A rule file that breaks the rule format; the message names the file and the rule."""


class SchemeRefused(UserError):
    """An equality scheme file that could not be read as a list of commitments."""
