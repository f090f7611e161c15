"""Finding the modules and reading what they declare.

A module is found by its file: every package directly under `app/` that has a
`module.py` defining `MODULE`. Extra manifests can be named in the environment variable
`RRT_EXTRA_MODULES` (comma-separated import paths, e.g. a module developed outside the
tree, or the example module the tests plug in), or added in-process with `add_module`.
"""

from __future__ import annotations

import importlib
import os
import threading
from pathlib import Path
from typing import Any

import app
from app.modules.manifest import (
    CommandSpec,
    CountSpec,
    ModuleManifest,
    ReportSpec,
    SectionSpec,
)

EXTRA_MODULES_ENV = "RRT_EXTRA_MODULES"
MANIFEST_FILE = "module.py"

_lock = threading.Lock()
_found: tuple[ModuleManifest, ...] | None = None
_added: dict[str, ModuleManifest] = {}


def _manifest_paths() -> list[str]:
    root = Path(app.__file__).resolve().parent
    paths = [
        f"app.{folder.name}.module"
        for folder in sorted(root.iterdir())
        if folder.is_dir() and (folder / MANIFEST_FILE).is_file()
    ]
    extra = os.environ.get(EXTRA_MODULES_ENV, "")
    paths += [name.strip() for name in extra.split(",") if name.strip()]
    return paths


def _load_manifest(import_path: str) -> ModuleManifest:
    manifest = getattr(importlib.import_module(import_path), "MODULE", None)
    if not isinstance(manifest, ModuleManifest):
        raise TypeError(f"{import_path} does not define MODULE = ModuleManifest(...).")
    manifest.check()
    return manifest


def modules() -> tuple[ModuleManifest, ...]:
    """Every module, in order (by `order`, then name). Found once, then remembered."""
    global _found
    with _lock:
        if _found is None:
            _found = tuple(_load_manifest(path) for path in _manifest_paths())
        found = {m.name: m for m in _found}
        duplicates = set(found) & set(_added)
        if len(found) != len(_found) or duplicates:
            raise ValueError("Two modules share a name; each module needs its own.")
        every = [*found.values(), *_added.values()]
    return tuple(sorted(every, key=lambda m: (m.order, m.name)))


def add_module(manifest: ModuleManifest) -> None:
    """Plug a module in for this process (tests, or a host embedding the toolkit)."""
    manifest.check()
    with _lock:
        _added[manifest.name] = manifest


def remove_module(name: str) -> None:
    with _lock:
        _added.pop(name, None)


def forget_modules() -> None:
    """Look for modules again next time (after changing `RRT_EXTRA_MODULES`)."""
    global _found
    with _lock:
        _found = None


def load_target(target: str) -> Any:
    """Import what a "package.module:attribute" (or plain "package.module") names."""
    module_name, _, attribute = target.partition(":")
    loaded = importlib.import_module(module_name)
    return getattr(loaded, attribute) if attribute else loaded


# ------------------------------------------------------------------ what they declare


def all_sections() -> tuple[SectionSpec, ...]:
    # Sections sort by their own order first, so a module's sections can sit between
    # the basics' Details (0) and the evidence files (900) and change log (1000).
    ordered = [
        (section.order, module.order, index, section)
        for module in modules()
        for index, section in enumerate(module.sections)
    ]
    return tuple(item[-1] for item in sorted(ordered, key=lambda item: item[:3]))


def all_counts() -> tuple[CountSpec, ...]:
    return tuple(count for module in modules() for count in module.counts)


def all_reports() -> tuple[ReportSpec, ...]:
    return tuple(report for module in modules() for report in module.reports)


def all_commands() -> tuple[CommandSpec, ...]:
    return tuple(command for module in modules() for command in module.commands)


def find_command(name: str) -> CommandSpec | None:
    return next((command for command in all_commands() if command.name == name), None)


def all_topics() -> frozenset[str]:
    return frozenset().union(*(module.topics for module in modules()))


def module_tables() -> tuple[str, ...]:
    """The one list of a workbook's own tables: every module's, in module order."""
    return tuple(table for module in modules() for table in module.tables)


def count_spec(name: str) -> CountSpec | None:
    return next((count for count in all_counts() if count.name == name), None)
