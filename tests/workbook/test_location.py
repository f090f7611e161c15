"""Workbooks in sync folders or on network drives carry a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.workbook.location import storage_warning


@pytest.mark.parametrize(
    ("path", "service"),
    [
        ("/home/amira/OneDrive - Anytown CVS/Audits/board.rrwb", "OneDrive"),
        ("/Users/sam/Dropbox/board.rrwb", "Dropbox"),
        (
            "/Users/sam/Library/CloudStorage/GoogleDrive-sam@example.org/My Drive/a.rrwb",
            "Google Drive",
        ),
        ("/home/kai/Google Drive/a.rrwb", "Google Drive"),
    ],
)
def test_cloud_sync_folders_are_named(path: str, service: str) -> None:
    warning = storage_warning(Path(path))
    assert warning is not None
    assert service in warning
    assert "damage" in warning


def test_network_share_is_warned_about(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text("/dev/vda1 / ext4 rw 0 0\n//fileserver/shared /mnt/shared cifs rw 0 0\n")
    warning = storage_warning(Path("/mnt/shared/audits/board.rrwb"), mounts_file=mounts)
    assert warning is not None and "network drive" in warning
    assert storage_warning(Path("/home/me/board.rrwb"), mounts_file=mounts) is None


def test_windows_unc_path_is_a_network_path() -> None:
    warning = storage_warning(Path("//server/share/board.rrwb"))
    assert warning is not None and "network drive" in warning


def test_local_folder_has_no_warning(tmp_path: Path) -> None:
    assert storage_warning(tmp_path / "board.rrwb") is None
