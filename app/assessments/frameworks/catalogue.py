"""Which frameworks are available: the shipped ones and the user's own, newest version first.

The user's folder is `app.settings.data_dir() / "frameworks"`. A file that cannot be used is
listed with its reason rather than stopping the listing; a user's file with the same id and
version as a shipped one is the one offered (the user has changed their copy).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.assessments.frameworks.errors import FrameworkError
from app.assessments.frameworks.loader import fingerprint, load_framework
from app.assessments.frameworks.model import Framework, version_key

SHIPPED = "shipped"
USER = "yours"
MAX_FILES = 500  # per folder; more is not a frameworks folder
SUFFIXES = (".yaml", ".yml")


def shipped_folder() -> Path:
    from app.paths import resource

    return resource("frameworks")


def user_folder() -> Path:
    from app.settings import data_dir

    return data_dir() / "frameworks"


@dataclass(frozen=True)
class CatalogueEntry:
    framework: Framework
    path: Path
    origin: str  # SHIPPED or USER
    fingerprint: str
    older_versions: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.framework.id

    def as_json(self) -> dict[str, object]:
        sections, criteria = self.framework.counts()
        return {
            "id": self.framework.id, "version": self.framework.version,
            "title": self.framework.title, "origin": self.origin, "path": str(self.path),
            "sections": sections, "criteria": criteria, "fingerprint": self.fingerprint,
            "older_versions": list(self.older_versions),
        }


@dataclass(frozen=True)
class BrokenFramework:
    path: Path
    origin: str
    reason: str

    def as_json(self) -> dict[str, object]:
        return {"path": str(self.path), "origin": self.origin, "reason": self.reason}


@dataclass(frozen=True)
class Catalogue:
    entries: tuple[CatalogueEntry, ...]
    broken: tuple[BrokenFramework, ...] = field(default=())
    # Every usable version of every framework (not only the newest), for moving an
    # assessment on to a chosen version.
    every_version: tuple[CatalogueEntry, ...] = field(default=())

    def find(self, framework_id: str) -> CatalogueEntry | None:
        return next((entry for entry in self.entries if entry.id == framework_id), None)


def load_catalogue(folders: Sequence[tuple[str, Path]] | None = None) -> Catalogue:
    """Every usable framework in the folders (default: shipped, then the user's), newest
    version per id, sorted by title; and every file that could not be used, with why."""
    if folders is None:
        folders = [(SHIPPED, shipped_folder()), (USER, user_folder())]
    found: list[CatalogueEntry] = []
    broken: list[BrokenFramework] = []
    for origin, folder in folders:
        for path in _framework_files(folder, origin, broken):
            try:
                framework = load_framework(path)
            except FrameworkError as error:
                broken.append(BrokenFramework(path, origin, str(error)))
                continue
            found.append(CatalogueEntry(framework, path, origin, fingerprint(framework)))

    chosen: dict[str, CatalogueEntry] = {}
    versions: dict[str, set[str]] = {}
    usable: list[CatalogueEntry] = []
    for entry in found:  # shipped first, so a user's copy of the same version wins
        key = entry.id
        versions.setdefault(key, set()).add(entry.framework.version)
        current = chosen.get(key)
        if current is not None and current.origin == entry.origin and \
                current.framework.version_key == entry.framework.version_key:
            broken.append(BrokenFramework(entry.path, entry.origin, (
                f"“{entry.path.name}” has the same id ({key}) and version "
                f"({entry.framework.version}) as “{current.path.name}”; give one of them a "
                "new version number.")))
            continue
        usable.append(entry)
        if current is None or entry.framework.version_key >= current.framework.version_key:
            chosen[key] = entry
    entries = []
    for key, entry in chosen.items():
        older = sorted((v for v in versions[key] if v != entry.framework.version),
                       key=version_key, reverse=True)
        entries.append(CatalogueEntry(entry.framework, entry.path, entry.origin,
                                      entry.fingerprint, tuple(older)))
    entries.sort(key=lambda e: (e.framework.title.casefold(), e.id))
    return Catalogue(tuple(entries), tuple(broken), tuple(usable))


def _framework_files(folder: Path, origin: str, broken: list[BrokenFramework]) -> list[Path]:
    try:
        names = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES)
    except FileNotFoundError:
        return []
    except OSError as error:
        broken.append(BrokenFramework(folder, origin, f"The folder {folder} could not be read "
                                      f"({error.strerror or error})."))
        return []
    if len(names) > MAX_FILES:
        broken.append(BrokenFramework(folder, origin, f"The folder {folder} holds more than "
                                      f"{MAX_FILES} framework files; only the first {MAX_FILES} "
                                      "were read."))
        names = names[:MAX_FILES]
    return [path for path in names if not path.name.startswith(".")]
