"""The seam every domain module plugs into.

A module is one folder under `app/` with a `module.py` that defines `MODULE`, a
`ModuleManifest` naming everything the module contributes: navigator sections and their
editors, reports, command-line subcommands, change topics, counts, menu actions, its
tables and migrations, and its part of the sample workbook. The shell, the command line
and the report catalogue read `modules()`; adding a module edits none of them.

Everything a manifest names that would cost an import (an editor, a report builder, a
command) is a lazy "package.module:attribute" string, so reading the manifests is cheap
and the core never imports Qt.
"""

from app.modules.manifest import (
    CommandSpec,
    CountSpec,
    MenuActionSpec,
    MigrationSpec,
    ModuleManifest,
    ReportSpec,
    SectionSpec,
    SelfTestOutcome,
)
from app.modules.registry import (
    add_module,
    all_commands,
    all_counts,
    all_reports,
    all_sections,
    all_topics,
    count_spec,
    find_command,
    forget_modules,
    load_target,
    module_tables,
    modules,
    remove_module,
)

__all__ = [
    "CommandSpec",
    "CountSpec",
    "MenuActionSpec",
    "MigrationSpec",
    "ModuleManifest",
    "ReportSpec",
    "SectionSpec",
    "SelfTestOutcome",
    "add_module",
    "all_commands",
    "all_counts",
    "all_reports",
    "all_sections",
    "all_topics",
    "count_spec",
    "find_command",
    "forget_modules",
    "load_target",
    "module_tables",
    "modules",
    "remove_module",
]
