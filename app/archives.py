"""Reading Office files (.docx, .xlsx, .odt: zip archives of XML) with real limits.

Every Office file a user gives the app (Word templates now; drafts, trackers and framework
spreadsheets later) is opened through `open_guarded_zip`, so a damaged or hostile file is
refused with one plain sentence before any library parses it:

- the file itself, each part and all parts together are held to a size, counted on the
  inflated bytes as they stream out - whatever sizes the zip directory declares, so a
  "zip bomb" stops at the limit having used a few kilobytes of memory;
- too many parts, the same part twice, and archives nested inside archives beyond a depth;
- XML with a document type declaration (so no entities or external references),
  which Office programs never write and which can exhaust memory or read local files.

Core module: no Qt, no workbook store.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.errors import UserError

MB = 1024 * 1024
_CHUNK = 64 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_XML_SUFFIXES = (".xml", ".rels", ".vml")


class ArchiveError(UserError):
    """An Office file that was not opened; the message says why in one or two sentences."""


class DamagedArchive(ArchiveError):
    """Not a zip archive at all, or one that is cut short or corrupt."""


class UnsafeArchive(ArchiveError):
    """Over a limit no real document reaches, or built to attack whoever opens it."""


class HostileXml(UnsafeArchive):
    """XML with a DTD, entities or external references."""


@dataclass(frozen=True)
class ArchiveLimits:
    max_file_bytes: int = 100 * MB  # the file as stored
    max_total_bytes: int = 200 * MB  # all parts inflated, nested archives included
    max_entry_bytes: int = 100 * MB  # one part inflated
    max_entries: int = 5_000  # parts in one archive
    max_xml_bytes: int = 50 * MB  # one XML part
    max_depth: int = 1  # archives inside the archive (Word embeds a spreadsheet this way)
    # Inflated ÷ stored size of one part, checked once the part passes `ratio_floor` bytes
    # (small XML parts squeeze very well). None: sizes alone limit the file.
    max_ratio: float | None = None
    ratio_floor: int = 1 * MB


DEFAULT_LIMITS = ArchiveLimits()


def _size(limit: int) -> str:
    return f"{limit / MB:,.0f} MB" if limit >= MB else f"{limit:,} bytes"


class _Budget:
    """Inflated bytes left for one file, shared with the archives nested in it."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.used = 0


def open_guarded_zip(
    source: str | Path | bytes,
    *,
    name: str | None = None,
    limits: ArchiveLimits = DEFAULT_LIMITS,
) -> GuardedZip:
    """Open an Office file for guarded reading; raises an `ArchiveError` with a sentence.

    `source` is a path or the file's bytes; `name` is how messages call the file (default:
    the path's file name). An OSError reading a path is left to the caller, who knows
    what the file was for.
    """
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
    else:
        path = Path(source)
        name = name or path.name
        if path.stat().st_size > limits.max_file_bytes:
            raise UnsafeArchive(
                f"{_called(name)} is larger than {_size(limits.max_file_bytes)}, which is far "
                "larger than any real document; it may be damaged or hostile, so it was not "
                "opened."
            )
        data = path.read_bytes()
    if len(data) > limits.max_file_bytes:
        raise UnsafeArchive(
            f"{_called(name)} is larger than {_size(limits.max_file_bytes)}, which is far "
            "larger than any real document; it may be damaged or hostile, so it was not opened."
        )
    return GuardedZip(data, name, limits, _Budget(limits.max_total_bytes), depth=0)


def _called(name: str | None, *, inside: bool = False) -> str:
    """How a sentence names the file: “Letterhead.docx”, or "This file"/"this file"."""
    if name:
        return f"“{name}”"
    return "this file" if inside else "This file"


class GuardedZip:
    """A zip archive whose parts are read only within the limits. Use `open_guarded_zip`."""

    def __init__(self, data: bytes, name: str | None, limits: ArchiveLimits,
                 budget: _Budget, depth: int) -> None:
        self.data = data  # the file as given: hand it on once `check()` has passed
        self.name = name
        self.limits = limits
        self._budget = budget
        self._depth = depth
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except Exception as exc:  # zipfile raises BadZipFile, but also struct/Value/OSError
            raise self._damaged() from exc
        if len(infos) > limits.max_entries:
            self._zip.close()
            raise UnsafeArchive(
                f"{_called(name)} holds more than {limits.max_entries:,} parts, far more than "
                "any real document; it may be damaged or hostile, so it was not opened."
            )
        names = [info.filename for info in infos]
        if len(set(names)) != len(names):  # readers disagree on which copy counts
            self._zip.close()
            raise self._damaged()
        self._infos = {info.filename: info for info in infos}

    # ------------------------------------------------------------ reading

    def namelist(self) -> list[str]:
        return list(self._infos)

    def __contains__(self, member: str) -> bool:
        return member in self._infos

    def read(self, member: str) -> bytes:
        """One part, inflated within the limits (KeyError if there is no such part)."""
        return b"".join(self._stream(member))

    def check(self) -> None:
        """Read every part through the limits: XML parsed safely, nested archives checked.

        Afterwards any zip library may read the same bytes: every part inflates to what
        the directory says, within the limits, and no XML part has a DTD or entities.
        """
        for member, info in self._infos.items():
            if info.is_dir():
                continue
            if member.lower().endswith(_XML_SUFFIXES):
                self._check_xml(member)
                continue
            chunks = self._stream(member)
            head = next(chunks, b"")
            if head.startswith(_ZIP_MAGIC):
                self._check_nested(member, head + b"".join(chunks))
            else:
                for _ in chunks:  # counted and CRC-checked, then dropped
                    pass

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> GuardedZip:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ internals

    def _stream(self, member: str) -> Iterator[bytes]:
        """The part's inflated bytes in chunks, counted against the limits as they come."""
        info = self._infos[member]
        # Read to the real end of the data, not to the size the directory declares: a
        # bomb declares a few bytes; its inflated size is counted, not believed.
        unbounded = copy.copy(info)
        unbounded.file_size = 1 << 62  # our own count stops it, at the limit
        produced = 0
        try:
            with self._zip.open(unbounded) as stream:
                while chunk := stream.read(_CHUNK):
                    produced += len(chunk)
                    self._budget.used += len(chunk)
                    if produced > self.limits.max_entry_bytes:
                        raise UnsafeArchive(
                            f"A part of {_called(self.name, inside=True)} unpacks to more "
                            f"than {_size(self.limits.max_entry_bytes)}, far more than any "
                            "real document; it may be damaged or hostile, so it was not opened."
                        )
                    if (self.limits.max_ratio is not None
                            and produced > self.limits.ratio_floor
                            and produced > self.limits.max_ratio * max(info.compress_size, 1)):
                        raise UnsafeArchive(
                            f"A part of {_called(self.name, inside=True)} is packed more than "
                            f"{self.limits.max_ratio:,.0f} times tighter than any real "
                            "document; it may be a “zip bomb”, so it was not opened."
                        )
                    if self._budget.used > self._budget.total:
                        raise UnsafeArchive(
                            f"{_called(self.name)} unpacks to more than "
                            f"{_size(self._budget.total)}, which is far larger than any real "
                            "document; it may be damaged or hostile, so it was not opened."
                        )
                    yield chunk
        except ArchiveError:
            raise
        except Exception as exc:  # BadZipFile (CRC), zlib.error, EOFError, encrypted parts...
            raise self._damaged() from exc
        if produced != info.file_size:  # other readers would stop at the declared size
            raise self._damaged()

    def _check_xml(self, member: str) -> None:
        from xml.parsers import expat

        # Plain expat with no element handlers: the text is parsed (so malformed XML is
        # caught) at C speed, and any DTD is refused before it can declare an entity or
        # point outside the file (what defusedxml's forbid_dtd does, without the Python
        # call per element that made this check most of a large import's time).
        parser = expat.ParserCreate()
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = _refuse_dtd
        size = 0
        try:
            for chunk in self._stream(member):
                size += len(chunk)
                if size > self.limits.max_xml_bytes:
                    raise UnsafeArchive(
                        f"{_called(self.name)} holds more than "
                        f"{_size(self.limits.max_xml_bytes)} of text in one part, far more than "
                        "any real document; it may be damaged or hostile, so it was not opened."
                    )
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except ArchiveError:
            raise
        except _DtdFound as exc:
            raise HostileXml(
                f"{_called(self.name)} contains XML that Office programs never write and that "
                "can be used to attack a computer, so it was not opened."
            ) from exc
        except Exception as exc:  # malformed XML
            raise self._damaged() from exc

    def _check_nested(self, member: str, data: bytes) -> None:
        if self._depth >= self.limits.max_depth:
            raise UnsafeArchive(
                f"{_called(self.name)} holds archives inside archives more than "
                f"{self.limits.max_depth} deep, which no real document does; it may be "
                "hostile, so it was not opened."
            )
        inner = GuardedZip(data, self.name, self.limits, self._budget, self._depth + 1)
        with inner:
            inner.check()

    def _damaged(self) -> DamagedArchive:
        return DamagedArchive(
            f"{_called(self.name)} is not a valid Office document or is damaged, so it was "
            "not opened. Open it in Word, Excel or LibreOffice, save it again and retry."
        )


class _DtdFound(Exception):
    """A part declares a DTD: refused, as Office programs never write one."""


def _refuse_dtd(*_args: object) -> None:
    raise _DtdFound
