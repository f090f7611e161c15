"""How values read in tables: dates as 25/11/2026 (local time), sizes in the user's locale."""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePath

from PySide6.QtCore import QLocale

_KINDS = {
    ".pdf": "PDF document",
    ".doc": "Word document",
    ".docx": "Word document",
    ".odt": "OpenDocument text",
    ".rtf": "Rich text document",
    ".txt": "Text file",
    ".md": "Text file",
    ".csv": "CSV file",
    ".xls": "Excel spreadsheet",
    ".xlsx": "Excel spreadsheet",
    ".ods": "OpenDocument spreadsheet",
    ".ppt": "PowerPoint presentation",
    ".pptx": "PowerPoint presentation",
    ".png": "Image",
    ".jpg": "Image",
    ".jpeg": "Image",
    ".gif": "Image",
    ".eml": "E-mail message",
    ".msg": "E-mail message",
    ".zip": "Zip archive",
}


def local(moment: datetime) -> datetime:
    return moment.astimezone() if moment.tzinfo else moment


def format_date(moment: datetime) -> str:
    return local(moment).strftime("%d/%m/%Y")


def format_date_time(moment: datetime) -> str:
    return local(moment).strftime("%d/%m/%Y %H:%M")


def format_time(moment: datetime) -> str:
    return local(moment).strftime("%H:%M")


def format_size(size: int) -> str:
    return QLocale().formattedDataSize(
        size, 1 if size >= 1024 else 0, QLocale.DataSizeFormat.DataSizeTraditionalFormat
    )


def file_kind(name: str, media_type: str = "") -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix in _KINDS:
        return _KINDS[suffix]
    if media_type.startswith("image/"):
        return "Image"
    return f"{suffix[1:].upper()} file" if suffix else "File"
