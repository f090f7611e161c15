"""The example module's manifest: everything it adds to the app, by name."""

from app.modules import (
    CommandSpec,
    CountSpec,
    MenuActionSpec,
    MigrationSpec,
    ModuleManifest,
    ReportSpec,
    SectionSpec,
)

NOTES = "example_notes"  # the change topic of the module's edits
_HERE = "tests.example_module"

MODULE = ModuleManifest(
    name="example",
    title="Example notes",
    order=500,
    sections=(
        SectionSpec(
            id="example_notes",
            title="Example notes",
            description="Short notes, to show how a module plugs in.",
            editor=f"{_HERE}.editor:create_editor",
            count="notes",
            order=500,
        ),
    ),
    reports=(
        ReportSpec(
            name="example-notes",
            title="Example notes",
            builder=f"{_HERE}.report:build_report",
            snapshot=f"{_HERE}.report:take_snapshot",
        ),
    ),
    commands=(CommandSpec("note", "add a note to a workbook (example module)",
                          f"{_HERE}.command"),),
    counts=(CountSpec("notes", "Notes", "example_note", frozenset({NOTES})),),
    menu_actions=(MenuActionSpec("help", f"{_HERE}.editor:add_menu_action"),),
    topics=frozenset({NOTES}),
    tables=("example_note",),
    models=f"{_HERE}.models",
    migrations=MigrationSpec(f"{_HERE}.migrations", "example_0001"),
    sample=f"{_HERE}.operations:add_sample",
    warm_up=(f"{_HERE}.operations",),
)
