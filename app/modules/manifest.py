"""What a module declares: plain frozen data, no imports of the module's code.

Targets are "package.module:attribute" strings resolved with `load_target` only when
used, so a manifest can name a Qt editor while the core stays Qt-free, and listing the
modules costs nothing at start-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_NAME = re.compile(r"[a-z][a-z0-9_-]*")
_TARGET = re.compile(r"[A-Za-z_][\w.]*(:[A-Za-z_]\w*)?")


def _check_name(kind: str, name: str) -> None:
    if not _NAME.fullmatch(name):
        raise ValueError(f"{kind} name {name!r} must be lower case letters, digits, - or _.")


def _check_target(target: str) -> None:
    if not _TARGET.fullmatch(target):
        raise ValueError(f"{target!r} is not a 'package.module:attribute' target.")


@dataclass(frozen=True)
class CountSpec:
    """A number a workbook holds, read with one plain `count(*)` over `table`.

    The overview (first paint, `rrt info`) and the report snapshot both count through
    these, so the two always agree.
    """

    name: str  # "evidence"
    label: str  # "Evidence files"
    table: str  # the table counted
    topics: frozenset[str] = frozenset()  # changes that can alter the count

    def __post_init__(self) -> None:
        _check_name("Count", self.name)


@dataclass(frozen=True)
class SectionSpec:
    """A navigator section and the editor shown for it."""

    id: str
    title: str
    description: str  # what the section is for, shown under its heading
    editor: str  # "app.ui.x:create_editor", called with the screen context
    count: str | None = None  # the name of a CountSpec shown beside the title
    order: int = 100  # sections sort by (module order, this)
    # The change topics it shows: undoing such a change elsewhere brings this section up.
    topics: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        _check_name("Section", self.id)
        _check_target(self.editor)


@dataclass(frozen=True)
class ReportSpec:
    """A report offered in File › Export… and by `rrt export --report NAME`.

    A report about one thing in the workbook (one self-assessment, say) names `subjects`:
    a function listing the choices, most recent first. The export dialog then offers them
    (the first is the default), `rrt export --subject` picks one, and the snapshot taker
    is called with the chosen id as a third argument (None when there is nothing to choose).
    """

    name: str  # typeable: "summary", "representation-audit"
    title: str  # shown in menus and used in default file names
    builder: str  # "pkg.mod:build", (snapshot) -> Report
    snapshot: str = "app.workbook.snapshot:take_snapshot"  # (session, path) -> snapshot
    subjects: str | None = None  # "pkg.mod:list", (session) -> Sequence[ReportSubject]
    subject_noun: str = "subject"  # what one is called: "self-assessment"

    def __post_init__(self) -> None:
        _check_name("Report", self.name)
        _check_target(self.builder)
        _check_target(self.snapshot)
        if self.subjects is not None:
            _check_target(self.subjects)


@dataclass(frozen=True)
class CommandSpec:
    """An `rrt` subcommand: `target` is a module with `add_arguments(parser)` and `run(args)`."""

    name: str
    help: str
    target: str

    def __post_init__(self) -> None:
        _check_name("Command", self.name)
        _check_target(self.target)


@dataclass(frozen=True)
class MenuActionSpec:
    """A menu entry: `build` is called with (menu, MenuContext) when the menus are built."""

    point: str  # "file.export" (File, after Save a Copy…), "tools", "help"
    build: str

    def __post_init__(self) -> None:
        _check_target(self.build)


@dataclass(frozen=True)
class MigrationSpec:
    """The module's own Alembic branch: a package holding `versions/`, and its newest step.

    Each module's migrations form their own branch (first step `down_revision = None`,
    `depends_on` a core revision, `branch_labels = (module name,)`), so modules never
    need to agree on one line of revision numbers.
    """

    package: str  # "app.assessments.migrations"
    head: str  # the newest revision id, e.g. "assessments_0001"


@dataclass(frozen=True)
class SelfTestOutcome:
    """What a module's self-test did (one short phrase) and the files it wrote, which the
    runner checks are complete documents."""

    done: str  # "scored a self-assessment"
    files: tuple[Path, ...] = ()


@dataclass(frozen=True)
class ModuleManifest:
    name: str
    title: str
    order: int = 100  # the navigator, the menus and `rrt --help` follow this order
    sections: tuple[SectionSpec, ...] = ()
    reports: tuple[ReportSpec, ...] = ()
    commands: tuple[CommandSpec, ...] = ()
    counts: tuple[CountSpec, ...] = ()
    menu_actions: tuple[MenuActionSpec, ...] = ()
    topics: frozenset[str] = frozenset()  # change topics the module's edits report
    tables: tuple[str, ...] = ()  # tables the module owns (its migrations create them)
    models: str | None = None  # a module whose import adds the tables to the ORM metadata
    migrations: MigrationSpec | None = None
    sample: str | None = None  # "pkg.mod:add_sample", (session) -> None
    warm_up: tuple[str, ...] = ()  # modules to import in idle time before the first edit
    # "pkg.mod:prime", (session) -> None: reads run once in that idle time, after the
    # imports, so the module's screen opens without waiting (say, for stored data parsed
    # once per session). It must only read: it runs beside the window, on a thread.
    prime: str | None = None
    # "pkg.mod:self_test", (workbook, folder) -> SelfTestOutcome: `rrt --self-test` runs it
    # in a new workbook, so an installed copy proves it can do the module's real work.
    self_test: str | None = None

    def __post_init__(self) -> None:
        _check_name("Module", self.name)
        for target in (self.prime, self.self_test):
            if target is not None:
                _check_target(target)
