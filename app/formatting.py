"""How file kinds and sizes read to people, the same in the desktop app and in reports.

Plain Python (no Qt), so the export of a workbook summary and the desktop's evidence list
say "Word document, 1.2 KB" alike. Sizes count in 1,024s, as Windows Explorer and Finder's
"traditional" setting do.
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


def describe_file_kind(name: str, media_type: str = "") -> str:
    """"Word document", "Image", "XYZ file": what a file is, from its name and media type."""
    suffix = PurePath(name).suffix.lower()
    if suffix in _KINDS:
        return _KINDS[suffix]
    if media_type.startswith("image/"):
        return "Image"
    return f"{suffix[1:].upper()} file" if suffix else "File"


def format_size(size: int) -> str:
    """"1 byte", "73 bytes", "1.2 KB", "3.4 MB"."""
    if size < 1024:
        return "1 byte" if size == 1 else f"{max(size, 0):,} bytes"
    value = float(size)
    for unit in _UNITS:
        value /= 1024
        if value < 1024 or unit == _UNITS[-1]:
            return f"{value:,.1f} {unit}"
    raise AssertionError("unreachable")
