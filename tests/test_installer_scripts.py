"""The installers' scripts agree with the app and with each other.

The Windows and macOS scripts cannot be run here; these checks keep what they declare
(per-user install, the .rrwb association, the document type) from drifting away from
the app and from the Linux package, which CI builds and runs.
"""

from __future__ import annotations

import plistlib
import re
from pathlib import Path

from app.workbook import fileformat

ROOT = Path(__file__).resolve().parents[1]
INSTALLERS = ROOT / "installers"
MIME_TYPE = "application/x-rrt-workbook"


def _iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in (INSTALLERS / "windows" / "rrt.iss").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            current = line[1:-1]
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


def test_windows_installs_per_user_and_associates_workbooks_removably() -> None:
    sections = _iss_sections()
    setup = set(sections["Setup"])
    assert "PrivilegesRequired=lowest" in setup  # no administrator on a managed laptop
    assert "ChangesAssociations=yes" in setup
    assert any(line.startswith("AppId={{") for line in setup)  # upgrades find the install
    assert "VersionInfoVersion={#NumericVersion}" in setup
    registry = sections["Registry"]
    suffix = fileformat.SUFFIX  # ".rrwb"
    assert any(f'Subkey: "Software\\Classes\\{suffix}"' in line and "uninsdelete" in line
               for line in registry)
    assert all(line.startswith("Root: HKA;") for line in registry)  # HKCU for a user
    assert any('shell\\open\\command' in line and '""%1""' in line for line in registry)
    icons = sections["Icons"]
    assert any(line.startswith('Name: "{group}\\') and "{uninstallexe}" in line
               for line in icons)


def test_macos_declares_the_workbook_type_the_other_platforms_use() -> None:
    with (INSTALLERS / "macos" / "Info.plist").open("rb") as handle:
        info = plistlib.load(handle)
    (document,) = info["CFBundleDocumentTypes"]
    (exported,) = info["UTExportedTypeDeclarations"]
    assert document["LSItemContentTypes"] == [exported["UTTypeIdentifier"]]
    tags = exported["UTTypeTagSpecification"]
    assert tags["public.filename-extension"] == [fileformat.SUFFIX.lstrip(".")]
    assert tags["public.mime-type"] == [MIME_TYPE]


def test_linux_recognises_a_workbook_by_the_header_the_app_writes() -> None:
    script = (INSTALLERS / "linux" / "build.sh").read_text(encoding="utf-8")
    assert f'MIME_TYPE="{MIME_TYPE}"' in script
    magic = re.search(r'<match type="string" offset="(\d+)" value="(\w+)"/>', script)
    assert magic is not None
    offset, value = int(magic.group(1)), magic.group(2).encode("ascii")
    # fileformat reads application_id from bytes 68-71 of the SQLite header.
    assert (offset, int.from_bytes(value, "big")) == (68, fileformat.APPLICATION_ID)
    assert f"<glob pattern=\"*{fileformat.SUFFIX}\"/>" in script
    assert "Exec=/usr/bin/rrt %f" in script and "MimeType=$MIME_TYPE;" in script
