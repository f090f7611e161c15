"""Reading drafts: `read_draft(path)` gives a `Document` (see `app.proofing.document`).

Every file passes `package.py`'s checks first (kind, size, protection, macros, zip limits,
XML without DTDs); a refusal is a `DraftRefused` or `ArchiveError` (both `UserError`s).
"""

from __future__ import annotations

from pathlib import Path

from app.proofing.document import Document
from app.proofing.readers.package import READABLE, DraftFile, identify, load_draft

__all__ = ["READABLE", "read_draft", "read_draft_bytes"]


def read_draft(path: Path | str) -> Document:
    """The draft at `path`, read; or a `UserError` saying why not."""
    return _read(load_draft(path))


def read_draft_bytes(data: bytes, name: str) -> Document:
    """A draft from its bytes (`name` gives its kind and is used in messages)."""
    return _read(identify(data, name))


def _read(draft: DraftFile) -> Document:
    if draft.format == "docx":
        from app.proofing.readers.docx import read_docx

        return read_docx(draft)
    if draft.format == "odt":
        from app.proofing.readers.odt import read_odt

        return read_odt(draft)
    from app.proofing.readers.plain import read_markdown, read_text

    return read_markdown(draft) if draft.format == "md" else read_text(draft)
