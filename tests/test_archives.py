"""The guarded reader every Office file goes through: real limits, one sentence on refusal."""

from __future__ import annotations

import io
import struct
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from app.archives import (
    ArchiveLimits,
    DamagedArchive,
    HostileXml,
    UnsafeArchive,
    open_guarded_zip,
)
from app.errors import UserError

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "resources" / "templates" / "report.docx"
SMALL = ArchiveLimits(max_file_bytes=10_000_000, max_total_bytes=1_000_000,
                      max_entry_bytes=600_000, max_entries=50, max_xml_bytes=300_000,
                      max_depth=1)


def zip_of(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


def zeros_deflated(megabytes: int) -> bytes:
    """A raw deflate stream of `megabytes` MiB of zeros, built without compressing them all.

    After a full flush the compressor forgets its history, so every further 1 MiB block of
    zeros compresses to the same bytes: compress two, then repeat the second.
    """
    block = b"\0" * (1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    return first + again * (megabytes - 1) + packer.flush(zlib.Z_FINISH)


def hand_built_zip(name: str, raw: bytes, *, declared_size: int, crc: int = 0) -> bytes:
    """One deflated member whose directory entries declare `declared_size` inflated bytes."""
    encoded = name.encode()
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(raw),
                        declared_size, len(encoded), 0)
    central = struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc,
                          len(raw), declared_size, len(encoded), 0, 0, 0, 0, 0, 0) + encoded
    offset = len(local) + len(encoded) + len(raw)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(central), offset, 0)
    return local + encoded + raw + central + end


def assert_sentence(error: BaseException) -> None:
    text = str(error)
    assert isinstance(error, UserError)
    assert text[0].isupper() and text.endswith(".") and "\n" not in text
    assert "Error" not in text and "zip" not in text.lower()


def test_the_shipped_template_passes_and_reads(tmp_path: Path) -> None:
    with open_guarded_zip(TEMPLATE) as archive:
        archive.check()
        assert "word/document.xml" in archive
        assert archive.read("word/document.xml").startswith(b"<?xml")
        assert archive.data == TEMPLATE.read_bytes()


def test_a_bomb_that_lies_about_its_size_is_stopped_at_the_limit() -> None:
    # 1.5 GB of zeros in about 1.5 MB, declared as 100 bytes: counted, not believed.
    bomb = hand_built_zip("word/media/image1.png", zeros_deflated(1536), declared_size=100)
    assert len(bomb) < 3_000_000
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(UnsafeArchive) as caught, open_guarded_zip(
            bomb, name="Bomb.docx"
        ) as archive:
            archive.check()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 60  # generous: the point is it stops early
    assert peak < 20 * 1024 * 1024  # inflated bytes are counted and dropped, never kept
    assert "“Bomb.docx” unpacks to more than 100 MB" in str(caught.value)
    assert "may be damaged or hostile" in str(caught.value)
    assert_sentence(caught.value)


def test_read_stops_at_the_part_limit_too() -> None:
    bomb = hand_built_zip("data.bin", zeros_deflated(2), declared_size=10)
    with open_guarded_zip(bomb, limits=SMALL) as archive, pytest.raises(UnsafeArchive):
        archive.read("data.bin")


def test_parts_that_add_up_to_too_much() -> None:
    parts = {f"part{i}.bin": b"\0" * 500_000 for i in range(3)}  # each under, together over
    with pytest.raises(UnsafeArchive, match="This file unpacks to more than") as caught:
        open_guarded_zip(zip_of(parts), limits=SMALL).check()
    assert_sentence(caught.value)


def test_too_many_entries() -> None:
    parts = {f"p{i}.txt": b"x" for i in range(51)}
    with pytest.raises(UnsafeArchive, match="more than 50 parts") as caught:
        open_guarded_zip(zip_of(parts), limits=SMALL)
    assert_sentence(caught.value)


@pytest.mark.parametrize(
    "data",
    [b"", b"hello, not a zip", b"PK\x03\x04" + b"\0" * 100, zip_of({"a.xml": b"<a/>"})[:-30],
     zip_of({"a.xml": b"<a/>" * 1000})[:200]],
    ids=["empty", "text", "zip-magic-only", "truncated-directory", "truncated-data"],
)
def test_not_a_zip_or_truncated(data: bytes) -> None:
    with pytest.raises(DamagedArchive) as caught:
        open_guarded_zip(data, name="Letter.docx").check()
    assert "“Letter.docx” is not a valid Office document or is damaged" in str(caught.value)


def test_declared_size_that_does_not_match_is_damaged() -> None:
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = raw.compress(b"<a>hello</a>") + raw.flush()
    lying = hand_built_zip("a.xml", data, declared_size=5, crc=zlib.crc32(b"<a>hello</a>"))
    with pytest.raises(DamagedArchive):
        open_guarded_zip(lying).check()


def test_crc_mismatch_is_damaged() -> None:
    data = bytearray(zip_of({"a.txt": b"hello world"}, zipfile.ZIP_STORED))
    data[data.index(b"hello")] ^= 0x01
    with pytest.raises(DamagedArchive):
        open_guarded_zip(bytes(data)).check()


def test_duplicate_names_are_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package, pytest.warns(UserWarning):
        package.writestr("word/document.xml", b"<a/>")
        package.writestr("word/document.xml", b"<b/>")
    with pytest.raises(DamagedArchive):
        open_guarded_zip(buffer.getvalue())


def test_nested_archives_beyond_the_depth() -> None:
    inner = zip_of({"sheet.xml": b"<s/>"})
    once = zip_of({"word/embeddings/book.xlsx": inner, "word/document.xml": b"<d/>"})
    open_guarded_zip(once, limits=SMALL).check()  # one level, as Word embeds a spreadsheet
    twice = zip_of({"word/embeddings/outer.zip": once})
    with pytest.raises(UnsafeArchive, match="archives inside archives") as caught:
        open_guarded_zip(twice, limits=SMALL).check()
    assert_sentence(caught.value)


def test_nested_bomb_counts_against_the_same_budget() -> None:
    inner = hand_built_zip("x.bin", zeros_deflated(3), declared_size=1)
    outer = zip_of({"word/embeddings/x.xlsx": inner}, zipfile.ZIP_STORED)
    with pytest.raises(UnsafeArchive):
        open_guarded_zip(outer, limits=SMALL).check()


@pytest.mark.parametrize(
    "xml",
    [b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>',
     b'<?xml version="1.0"?><!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>'],
    ids=["entity", "external-dtd"],
)
def test_xml_with_a_dtd_is_refused(xml: bytes) -> None:
    with pytest.raises(HostileXml) as caught:
        open_guarded_zip(zip_of({"word/styles.xml": xml})).check()
    assert "XML that Office programs never write" in str(caught.value)
    assert_sentence(caught.value)


def test_malformed_xml_is_damaged_and_huge_xml_is_refused() -> None:
    with pytest.raises(DamagedArchive):
        open_guarded_zip(zip_of({"word/styles.xml": b"<a><b></a>"})).check()
    big = b"<a>" + b"<b/>" * 100_000 + b"</a>"
    with pytest.raises(UnsafeArchive, match="of text in one part"):
        open_guarded_zip(zip_of({"word/document.xml": big}), limits=SMALL).check()


def test_a_file_too_large_is_not_even_read(tmp_path: Path) -> None:
    path = tmp_path / "Huge.docx"
    with path.open("wb") as handle:
        handle.truncate(SMALL.max_file_bytes + 1)  # sparse: no disk used
    with pytest.raises(UnsafeArchive, match=r"“Huge\.docx” is larger than"):
        open_guarded_zip(path, limits=SMALL)


def test_the_word_template_loader_reads_through_the_guard(tmp_path: Path) -> None:
    from app.reports.export.result import ReportTemplateError
    from app.reports.model.report import Paragraph, Report, Section, TitlePage
    from app.reports.render.docx.renderer import render_docx

    bomb = tmp_path / "House style.docx"
    bomb.write_bytes(hand_built_zip("word/media/image1.png", zeros_deflated(400),
                                    declared_size=100))
    report = Report(TitlePage("Review"), (Section("One", (Paragraph.of("Text."),)),))
    with pytest.raises(ReportTemplateError) as caught:
        render_docx(report, tmp_path / "out.docx", template=bomb)
    assert "“House style.docx” unpacks to more than" in str(caught.value)
    assert not (tmp_path / "out.docx").exists()
