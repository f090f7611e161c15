"""File kinds and sizes as people read them: one Qt-free formatter for the app and reports."""

from __future__ import annotations

import pytest

from app.formatting import describe_file_kind, format_size


@pytest.mark.parametrize(
    ("size", "shown"),
    [(0, "0 bytes"), (1, "1 byte"), (73, "73 bytes"), (1023, "1,023 bytes"),
     (1024, "1.0 KB"), (1229, "1.2 KB"), (250_002, "244.1 KB"),
     (5 * 1024 * 1024, "5.0 MB"), (3 * 1024**3, "3.0 GB")],
)
def test_sizes_read_as_the_app_shows_them(size: int, shown: str) -> None:
    assert format_size(size) == shown


@pytest.mark.parametrize(
    ("name", "media_type", "kind"),
    [("minutes.txt", "text/plain", "Text file"),
     ("Scheme.DOCX", "application/vnd.openxmlformats-officedocument", "Word document"),
     ("photo.webp", "image/webp", "Image"),
     ("data.parquet", "application/octet-stream", "PARQUET file"),
     ("README", "", "File")],
)
def test_file_kinds_are_words_not_media_types(name: str, media_type: str, kind: str) -> None:
    assert describe_file_kind(name, media_type) == kind
