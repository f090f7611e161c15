"""User settings, declared once with their types and defaults.

Stored as JSON in the user's config folder. `RRT_CONFIG_DIR` points it elsewhere, which
is how tests keep away from the real settings. Qt-free so the CLI shares them.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

MAX_RECENT = 10
CONFIG_ENV = "RRT_CONFIG_DIR"


def config_dir() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("RightsResponsibilitiesToolkit", appauthor=False))


def data_dir() -> Path:
    """Where the app keeps copies it makes for the user (e.g. the sample workbook)."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override) / "data"
    from platformdirs import user_data_dir

    return Path(user_data_dir("RightsResponsibilitiesToolkit", appauthor=False))


def documents_dir() -> Path | None:
    """The user's documents folder, or None when this account has none."""
    from platformdirs import user_documents_dir

    folder = Path(user_documents_dir())
    return folder if folder.is_dir() else None


def _is_app_folder(folder: Path) -> bool:
    """True for the app's own folders, which are hidden and no place for the user's work."""
    resolved = folder.resolve()
    for own in (data_dir(), config_dir()):
        own = own.resolve()
        if resolved == own or own in resolved.parents:
            return True
    return False


def proposed_folder(*remembered: str | Path | None) -> Path:
    """The folder to propose for the user's own files: the first remembered folder that
    still exists (never one of the app's own), else their documents folder, else home."""
    for candidate in remembered:
        if not candidate:
            continue
        folder = Path(candidate).expanduser()
        if folder.is_dir() and not _is_app_folder(folder):
            return folder
    return documents_dir() or Path.home()


def login_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown user"


def account_full_name() -> str:
    """The account's full name as the system knows it ("" when it has none)."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        name_display = 3  # EXTENDED_NAME_FORMAT.NameDisplay
        size = ctypes.c_ulong(0)
        secur32 = ctypes.WinDLL("secur32")  # type: ignore[attr-defined]
        secur32.GetUserNameExW(name_display, None, ctypes.byref(size))
        if not size.value:
            return ""
        buffer = ctypes.create_unicode_buffer(size.value)
        if secur32.GetUserNameExW(name_display, buffer, ctypes.byref(size)):
            return buffer.value.strip()
        return ""
    try:
        import pwd

        gecos = pwd.getpwuid(os.getuid()).pw_gecos
    except (ImportError, KeyError, OSError):
        return ""
    return gecos.split(",")[0].strip()  # the rest is room number, telephone…


def default_display_name() -> str:
    return account_full_name() or login_name()


def display_name() -> str:
    """How this person is shown to others: in the change log and when a workbook is in use."""
    return Settings.load().display_name.strip() or default_display_name()


@dataclass
class Settings:
    recent_files: list[str] = field(default_factory=list)
    last_workbook: str = ""
    last_open_folder: str = ""
    last_evidence_folder: str = ""
    last_export_folder: str = ""
    last_export_format: str = "docx"
    window_geometry: str = ""  # base64 of the window's saved geometry
    window_state: str = ""  # base64 of the dock/toolbar layout
    splitter_state: str = ""
    reopen_last_workbook: bool = False
    # How you are named in the change log and to someone who finds a workbook in use;
    # empty means the account's full name (or, without one, the login name).
    display_name: str = ""

    # ------------------------------------------------------------ persistence

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """Read settings; a missing or damaged file gives the defaults, never an error."""
        path = path or settings_path()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        settings = cls()
        for spec in fields(cls):
            if spec.name not in raw:
                continue
            value = raw[spec.name]
            default = getattr(settings, spec.name)
            if _same_type(value, default):
                setattr(settings, spec.name, value)
        settings.recent_files = [str(p) for p in settings.recent_files][:MAX_RECENT]
        return settings

    def save(self, path: Path | None = None) -> None:
        path = path or settings_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {spec.name: getattr(self, spec.name) for spec in fields(self)}
        # Write then rename, so a crash never leaves half a settings file.
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, indent=2)
            os.replace(temp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)

    # ------------------------------------------------------------ recent files

    def add_recent(self, workbook: Path) -> None:
        text = str(Path(workbook).absolute())
        self.recent_files = [text] + [p for p in self.recent_files if p != text]
        del self.recent_files[MAX_RECENT:]
        self.last_workbook = text

    def remove_recent(self, workbook: Path) -> None:
        text = str(Path(workbook).absolute())
        self.recent_files = [p for p in self.recent_files if p != text]


def _same_type(value: Any, default: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    return isinstance(value, type(default)) and not isinstance(value, bool)


def settings_path() -> Path:
    return config_dir() / "settings.json"
