"""Representation audits: bodies' make-up by ethnic group against an area's population."""

from app.modules import CommandSpec, CountSpec, MigrationSpec, ModuleManifest, ReportSpec
from app.representation.topics import AUDITS, BASELINES

MODULE = ModuleManifest(
    name="representation",
    title="Representation audit",
    order=400,
    reports=(
        ReportSpec(
            name="representation",
            title="Representation audit",
            builder="app.representation.report:build_representation_report",
            snapshot="app.representation.report:take_snapshot",
        ),
    ),
    commands=(
        CommandSpec("baseline", "import or list an area's population by ethnic group",
                    "app.representation.commands.baseline"),
        CommandSpec("audit", "record and compare a body's make-up by ethnic group",
                    "app.representation.commands.audit"),
    ),
    counts=(
        CountSpec("audits", "Representation audits", "rep_audit", frozenset({AUDITS})),
        CountSpec("baselines", "Population baselines", "rep_baseline", frozenset({BASELINES})),
    ),
    # The edits report AUDITS, BASELINES and QUESTIONNAIRE (see `operations`); the module
    # declares them here when its desktop screens, which show them, are added.
    topics=frozenset(),
    tables=("rep_baseline", "rep_baseline_count", "rep_audit", "rep_audit_count",
            "rep_expanded_category", "rep_answer"),
    models="app.representation.models",
    migrations=MigrationSpec("app.representation.migrations", "representation_0001"),
    sample="app.representation.sample:add_sample",
    warm_up=("app.representation.store", "app.representation.operations"),
)
