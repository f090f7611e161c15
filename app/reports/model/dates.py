"""Dates as UK readers expect them, whatever the machine's locale.

Exports say "25 November 2026"; tables say "25/11/2026". Month names are spelt out here
rather than taken from `strftime`, which follows the computer's language settings.
"""

from __future__ import annotations

from datetime import date

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(value: date) -> str:
    """25 November 2026 (also accepts a datetime)."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def short_date(value: date) -> str:
    """25/11/2026 (also accepts a datetime)."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"
