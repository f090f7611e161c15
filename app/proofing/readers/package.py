"""Letting a draft in: the checks every file passes before any reader parses it.

In order, each refusal one sentence: the file is an ordinary file within the size limit;
it is not an OLE compound file (how Word stores a password-protected .docx, and the old
.doc format); its kind is one we read (.docx, .odt, .txt, .md) and not macro-enabled; an
Office file opens through the guarded archive reader (`app.archives`: limits on total
and per-part inflated size, compression ratio and parts), every part inflates within
those limits and no XML part declares a DTD.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from app.archives import MB, ArchiveLimits, GuardedZip, open_guarded_zip
from app.proofing.errors import DraftRefused
from app.proofing.readers.xmlsafe import refuse_dtd

MAX_DRAFT_BYTES = 50 * MB
MAX_TEXT_BYTES = 20 * MB  # a .txt or .md draft
# Drafts are text: far below the app's general limits, and a part inflating more than
# 200 times (past 1 MB) is a bomb, not prose (real document.xml parts pack 5-30 times).
DRAFT_LIMITS = ArchiveLimits(
    max_file_bytes=MAX_DRAFT_BYTES,
    max_total_bytes=200 * MB,
    max_entry_bytes=100 * MB,
    max_entries=2_000,
    max_xml_bytes=60 * MB,
    max_depth=1,
    max_ratio=200,
    ratio_floor=1 * MB,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
WORD_SUFFIXES = {".docx": "docx", ".dotx": "docx"}
ODF_SUFFIXES = {".odt": "odt", ".ott": "odt"}
TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
MACRO_SUFFIXES = {".docm", ".dotm", ".xlsm", ".pptm"}
READABLE = "Word (.docx), OpenDocument (.odt), plain text (.txt) or Markdown (.md)"


@dataclass(frozen=True)
class DraftFile:
    name: str
    format: str  # "docx", "odt", "txt", "md"
    data: bytes


def load_draft(path: Path | str) -> DraftFile:
    """Read a draft file's bytes after the checks that need no parsing."""
    path = Path(path)
    name = path.name
    try:
        status = path.stat()
    except FileNotFoundError:
        raise DraftRefused(f"There is no file at {path}.") from None
    except PermissionError:
        raise DraftRefused(f"You do not have permission to read {path}.") from None
    if stat.S_ISDIR(status.st_mode):
        raise DraftRefused(f"{path} is a folder, not a document.")
    if not stat.S_ISREG(status.st_mode):  # a pipe or device could block or never end
        raise DraftRefused(f"{path} is not an ordinary file, so it was not read.")
    if status.st_size > MAX_DRAFT_BYTES:
        raise _too_large(name)
    try:
        data = path.read_bytes()
    except PermissionError:
        raise DraftRefused(f"You do not have permission to read {path}.") from None
    return identify(data, name)


def identify(data: bytes, name: str) -> DraftFile:
    """Which reader a file's bytes go to, by name and content; or a `DraftRefused`."""
    if len(data) > MAX_DRAFT_BYTES:
        raise _too_large(name)
    suffix = Path(name).suffix.lower()
    if data.startswith(OLE_MAGIC):
        raise DraftRefused(
            f"“{name}” is password-protected or saved in the old Word 97-2003 format, so it "
            "cannot be read. Remove the password, or save it as a Word document (.docx), "
            "and try again."
        )
    if suffix in MACRO_SUFFIXES:
        raise _macros(name)
    if suffix in WORD_SUFFIXES or suffix in ODF_SUFFIXES:
        if not data.startswith(ZIP_MAGIC):
            raise DraftRefused(
                f"“{name}” is not a valid {suffix} document or is damaged, so it was not "
                "read. Open it in Word or LibreOffice, save it again and retry."
            )
        return DraftFile(name, WORD_SUFFIXES.get(suffix) or ODF_SUFFIXES[suffix], data)
    if suffix in TEXT_SUFFIXES:
        if len(data) > MAX_TEXT_BYTES:
            raise _too_large(name)
        return DraftFile(name, TEXT_SUFFIXES[suffix], data)
    raise DraftRefused(
        f"“{name}” is not a document that can be proofed. Save the draft as {READABLE} "
        "and try again."
    )


def open_package(draft: DraftFile, wanted: tuple[str, ...]) -> dict[str, bytes]:
    """Every part checked within the limits; the bytes of the `wanted` parts that exist.

    All parts are inflated (counted, ratio-checked) and every XML part's prolog is checked
    for a DTD, so a file that passes holds nothing hostile for whoever opens it next.
    """
    kept: dict[str, bytes] = {}
    with open_guarded_zip(draft.data, name=draft.name, limits=DRAFT_LIMITS) as package:
        _refuse_macros(package, draft)
        for member in package.namelist():
            if member.endswith("/"):
                continue
            data = package.read(member)
            if member.lower().endswith((".xml", ".rels")):
                refuse_dtd(data, draft.name)
            if member in wanted:
                kept[member] = data
    return kept


def _refuse_macros(package: GuardedZip, draft: DraftFile) -> None:
    names = package.namelist()
    lowered = [n.lower() for n in names]
    if any(n.endswith(("vbaproject.bin", "vbadata.xml")) for n in lowered):
        raise _macros(draft.name)
    if draft.format == "odt" and any(n.startswith(("basic/", "scripts/")) for n in lowered):
        raise _macros(draft.name)
    if "[Content_Types].xml" in names:
        types = package.read("[Content_Types].xml")
        if b"macroEnabled" in types or b"vbaProject" in types:
            raise _macros(draft.name)


def _macros(name: str) -> DraftRefused:
    return DraftRefused(
        f"“{name}” contains macros (it is macro-enabled), which can run programs on this "
        "computer, so it was not opened. Save it as a Word document (.docx) without macros "
        "and try again."
    )


def _too_large(name: str) -> DraftRefused:
    return DraftRefused(
        f"“{name}” is larger than {MAX_DRAFT_BYTES // MB} MB, far larger than any real draft "
        "of text; it may be damaged or hostile, so it was not read."
    )
