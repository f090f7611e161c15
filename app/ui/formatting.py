"""How values read in tables: dates as 25/11/2026 (local time); file kinds and sizes as in
the reports (app/formatting.py)."""

from __future__ import annotations

from datetime import datetime

from app.formatting import file_kind, format_size

__all__ = ["file_kind", "format_date", "format_date_time", "format_size", "format_time"]


def local(moment: datetime) -> datetime:
    return moment.astimezone() if moment.tzinfo else moment


def format_date(moment: datetime) -> str:
    return local(moment).strftime("%d/%m/%Y")


def format_date_time(moment: datetime) -> str:
    return local(moment).strftime("%d/%m/%Y %H:%M")


def format_time(moment: datetime) -> str:
    return local(moment).strftime("%H:%M")
