"""Warnings about where a workbook lives.

SQLite relies on file locks and on writes reaching the disk in order; network shares and
cloud-sync folders break both, and a sync client may upload half a file.
"""

from __future__ import annotations

import sys
from pathlib import Path

_CLOUD_FOLDER_MARKERS = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "box sync": "Box",
}
_NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "afs", "9p", "fuse.sshfs", "davfs"}


def _cloud_service(path: Path) -> str | None:
    parts = [part.lower() for part in path.parts]
    for lowered in parts:
        for marker, service in _CLOUD_FOLDER_MARKERS.items():
            if lowered == marker or lowered.startswith((marker + " -", marker + "-")):
                return service
    if any(part == "cloudstorage" for part in parts):  # macOS File Provider folders
        return "cloud storage"
    return None


def _linux_mount_type(path: Path, mounts_file: Path = Path("/proc/mounts")) -> str | None:
    try:
        lines = mounts_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    best: tuple[int, str] | None = None
    target = str(path)
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point, fs_type = fields[1].replace("\\040", " "), fields[2]
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and (best is None or len(mount_point) > best[0]):
            best = (len(mount_point), fs_type)
    return best[1] if best else None


def _is_network_path(path: Path, mounts_file: Path = Path("/proc/mounts")) -> bool:
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform.startswith("linux"):
        fs_type = _linux_mount_type(path, mounts_file)
        return fs_type is not None and fs_type in _NETWORK_FILESYSTEMS
    return False


def storage_warning(path: Path, mounts_file: Path = Path("/proc/mounts")) -> str | None:
    """A sentence to show the user when the workbook's folder risks corrupting it."""
    resolved = path.expanduser().absolute()
    service = _cloud_service(resolved)
    if service:
        return (
            f"This workbook is in a {service} folder. Sync services can copy it while it is "
            "being saved and damage it. Keep the workbook in a local folder and share copies "
            "made with File › Save a Copy."
        )
    if _is_network_path(resolved, mounts_file):
        return (
            "This workbook is on a network drive. If the connection drops while it is being "
            "saved, it can be damaged. Work on a copy in a local folder where you can."
        )
    return None
