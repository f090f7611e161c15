"""What a module declares: plain frozen data, no imports of the module's code.

Targets are "package.module:attribute" strings resolved with `load_target` only when
used, so a manifest can name a Qt editor while the core stays Qt-free, and listing the
modules costs nothing at start-up.

The records are NamedTuples rather than dataclasses because every `rrt` call and every
start of the app reads them: importing `dataclasses` and making these classes with it
costs about 20 ms per process, a third of a quick `rrt info`. They are checked when the
registry takes them (`check_manifest`), not as they are made.
"""

from pathlib import Path
from typing import NamedTuple

# Checked with plain string tests, not regular expressions: compiling them would cost
# every start a little for something that is only ever a typo in a manifest.
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
_NAME_CHARACTERS = _LOWER | frozenset("0123456789_-")


def _check_name(kind: str, name: str) -> None:
    if not (name[:1] in _LOWER and set(name) <= _NAME_CHARACTERS):
        raise ValueError(f"{kind} name {name!r} must be lower case letters, digits, - or _.")


def _check_target(target: str) -> None:
    module, colon, attribute = target.partition(":")
    if not (all(part.isidentifier() for part in module.split("."))
            and (attribute.isidentifier() if colon else True)):
        raise ValueError(f"{target!r} is not a 'package.module:attribute' target.")


class CountSpec(NamedTuple):
    """A number a workbook holds, read with one plain `count(*)` over `table`.

    The overview (first paint, `rrt info`) and the report snapshot both count through
    these, so the two always agree.
    """

    name: str  # "evidence"
    label: str  # "Evidence files"
    table: str  # the table counted
    topics: frozenset[str] = frozenset()  # changes that can alter the count

    def check(self) -> None:
        _check_name("Count", self.name)


class SectionSpec(NamedTuple):
    """A navigator section and the editor shown for it."""

    id: str
    title: str
    description: str  # what the section is for, shown under its heading
    editor: str  # "app.ui.x:create_editor", called with the screen context
    # The name of a CountSpec shown beside the title. (It hides tuple.count, which
    # nothing calls on a section.)
    count: str | None = None  # type: ignore[assignment]
    order: int = 100  # sections sort by (module order, this)
    # The change topics it shows: undoing such a change elsewhere brings this section up.
    topics: frozenset[str] = frozenset()

    def check(self) -> None:
        _check_name("Section", self.id)
        _check_target(self.editor)


class ReportSpec(NamedTuple):
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

    def check(self) -> None:
        _check_name("Report", self.name)
        _check_target(self.builder)
        _check_target(self.snapshot)
        if self.subjects is not None:
            _check_target(self.subjects)


class CommandSpec(NamedTuple):
    """An `rrt` subcommand: `target` is a module with `add_arguments(parser)` and `run(args)`."""

    name: str
    help: str
    target: str

    def check(self) -> None:
        _check_name("Command", self.name)
        _check_target(self.target)


class MenuActionSpec(NamedTuple):
    """A menu entry: `build` is called with (menu, MenuContext) when the menus are built."""

    point: str  # "file.export" (File, after Save a Copy…), "tools", "help"
    build: str

    def check(self) -> None:
        _check_target(self.build)


class MigrationSpec(NamedTuple):
    """The module's own Alembic branch: a package holding `versions/`, and its newest step.

    Each module's migrations form their own branch (first step `down_revision = None`,
    `depends_on` a core revision, `branch_labels = (module name,)`), so modules never
    need to agree on one line of revision numbers.
    """

    package: str  # "app.assessments.migrations"
    head: str  # the newest revision id, e.g. "assessments_0001"


class SelfTestOutcome(NamedTuple):
    """What a module's self-test did (one short phrase) and the files it wrote, which the
    runner checks are complete documents."""

    done: str  # "scored a self-assessment"
    files: tuple[Path, ...] = ()


class ModuleManifest(NamedTuple):
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

    def check(self) -> None:
        """Raise ValueError, naming the module, if anything it declares is malformed."""
        try:
            _check_name("Module", self.name)
            for target in (self.models, self.sample, self.prime, self.self_test):
                if target is not None:
                    _check_target(target)
            specs: tuple[SectionSpec | ReportSpec | CommandSpec | CountSpec
                         | MenuActionSpec, ...] = (*self.sections, *self.reports,
                                                   *self.commands, *self.counts,
                                                   *self.menu_actions)
            for spec in specs:
                spec.check()
        except ValueError as error:
            raise ValueError(f"Module {self.name!r}: {error}") from None
