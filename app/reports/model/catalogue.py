"""The report catalogue: report names (as typed after `--report`) mapped to their builders.

A module registers each report it offers with a builder that turns a read-only workbook
snapshot into a neutral `Report`; the CLI and the export dialog look them up here, so a new
report needs no change to either.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.errors import UserError
from app.reports.model.report import Report
from app.workbook.snapshot import take_snapshot

ReportBuilder = Callable[[Any], Report]  # (workbook snapshot) -> Report
# Takes the read-only snapshot a builder needs, inside one short session on the caller's
# thread; the builder and renderer then work on plain data, off the UI thread.
SnapshotTaker = Callable[[Session, Path], Any]
_NAME = re.compile(r"[a-z][a-z0-9_-]*")


@dataclass(frozen=True)
class ReportEntry:
    name: str  # short and typeable: "summary", "representation-audit"
    title: str  # shown in menus and used in default file names: "Workbook summary"
    builder: ReportBuilder
    snapshot: SnapshotTaker = take_snapshot


class UnknownReportError(UserError):
    """No report has this name; the message lists the ones there are."""


_REGISTRY: dict[str, ReportEntry] = {}


def register_report(
    name: str,
    title: str,
    builder: ReportBuilder,
    *,
    snapshot: SnapshotTaker = take_snapshot,
    replace: bool = False,
) -> ReportEntry:
    """Add a report. Registering a taken name is a mistake unless `replace` is True."""
    if not _NAME.fullmatch(name):
        raise ValueError(
            f"Report name {name!r} must be lower case letters, digits, hyphens or underscores."
        )
    if name in _REGISTRY and not replace:
        raise ValueError(f"A report called {name!r} is already registered.")
    entry = ReportEntry(name, title, builder, snapshot)
    _REGISTRY[name] = entry
    return entry


def unregister_report(name: str) -> None:
    """Remove a report (for tests and for modules that are switched off)."""
    _REGISTRY.pop(name, None)


def get_report(name: str) -> ReportEntry:
    try:
        return _REGISTRY[name.strip().lower()]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none yet"
        raise UnknownReportError(
            f"There is no report called “{name}”. Available reports: {known}."
        ) from None


def get_report_builder(name: str) -> ReportBuilder:
    return get_report(name).builder


def available_reports() -> tuple[ReportEntry, ...]:
    """Every registered report, in the order the modules registered them."""
    return tuple(_REGISTRY.values())
