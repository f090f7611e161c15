"""How file kinds and sizes read, the same in the app and in every report.

Core module: standard library only (the desktop app and the report builders both use it).
"""

from __future__ import annotations

from pathlib import PurePath

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
_UNITS = ("KB", "MB", "GB", "TB")


def file_kind(name: str, media_type: str = "") -> str:
    """A file's kind in words ("Word document"), from its name, else its media type."""
    suffix = PurePath(name).suffix.lower()
    if suffix in _KINDS:
        return _KINDS[suffix]
    if media_type.startswith("image/"):
        return "Image"
    return f"{suffix[1:].upper()} file" if suffix else "File"


def format_size(size: int) -> str:
    """A size as people read it: "73 bytes", "2.3 KB", "14 MB" (1 KB = 1,024 bytes)."""
    if size < 1024:
        return "1 byte" if size == 1 else f"{size:,} bytes"
    value = float(size)
    for unit in _UNITS:
        value /= 1024
        if value < 1024 or unit == _UNITS[-1]:
            return f"{value:,.1f} {unit}" if value < 10 else f"{value:,.0f} {unit}"
    raise AssertionError("unreachable")
