"""The basics every workbook has: details, change log, summary report, core commands."""

from app.basics.topics import CHANGE_LOG, INFO
from app.modules import CommandSpec, CountSpec, ModuleManifest, ReportSpec, SectionSpec

_COMMANDS = "app.basics.commands"

MODULE = ModuleManifest(
    name="basics",
    title="Workbook",
    order=0,
    sections=(
        SectionSpec(
            id="details",
            title="Details",
            description="What this workbook is about and who looks after it.",
            editor="app.ui.editors.details_editor:create_editor",
            order=0,
            topics=frozenset({INFO}),
        ),
        SectionSpec(
            id="change_log",
            title="Change log",
            description="Every change made to this workbook, newest first.",
            editor="app.ui.editors.change_log_view:create_editor",
            order=1000,  # always last
            topics=frozenset({CHANGE_LOG}),
        ),
    ),
    reports=(
        ReportSpec(
            name="summary",
            title="Workbook summary",
            builder="app.basics.summary_report:build_workbook_summary",
        ),
    ),
    commands=(
        CommandSpec("new", "create a new workbook", f"{_COMMANDS}.new"),
        CommandSpec("info", "show a workbook's details and counts as JSON", f"{_COMMANDS}.info"),
        CommandSpec("check", "check a workbook's integrity", f"{_COMMANDS}.check"),
        CommandSpec("copy", "write a safe copy of a workbook", f"{_COMMANDS}.copy"),
        CommandSpec("set", "change one of a workbook's details", f"{_COMMANDS}.set_detail"),
        CommandSpec("export", "export a report to Word, PDF or Excel", f"{_COMMANDS}.export"),
    ),
    counts=(CountSpec("changes", "Changes recorded", "change_log", frozenset({CHANGE_LOG})),),
    topics=frozenset({INFO, CHANGE_LOG}),
    tables=("workbook_info", "change_log"),
    models="app.workbook.models",
    warm_up=("app.workbook.info", "app.workbook.changelog", "app.basics.operations"),
)
