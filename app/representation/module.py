"""Representation audits: bodies' make-up by ethnic group against an area's population."""

from app.modules import (
    CommandSpec,
    CountSpec,
    MigrationSpec,
    ModuleManifest,
    ReportSpec,
    SectionSpec,
)
from app.representation.topics import AUDITS, BASELINES, QUESTIONNAIRE

MODULE = ModuleManifest(
    name="representation",
    title="Representation audit",
    order=400,
    sections=(
        SectionSpec(
            id="representation_audits",
            title="Representation audits",
            description="Record a body's make-up by ethnic group (counts only) and see, "
                        "group by group, how it compares with the area's population.",
            editor="app.ui.representation.audits_editor:create_editor",
            count="audits",
            topics=frozenset({AUDITS}),
            order=400,
        ),
        SectionSpec(
            id="baselines",
            title="Population baselines",
            description="The population of an area by ethnic group, imported from a census "
                        "table or typed in, that audits are compared with.",
            editor="app.ui.representation.baselines_editor:create_editor",
            count="baselines",
            topics=frozenset({BASELINES}),
            order=410,
        ),
        SectionSpec(
            id="representation_questionnaire",
            title="Representation questionnaire",
            description="How you represent BME voluntary and community organisations: five "
                        "questions, each with a rating, an answer and its evidence.",
            editor="app.ui.representation.questionnaire_editor:create_editor",
            topics=frozenset({QUESTIONNAIRE}),
            order=420,
        ),
    ),
    reports=(
        ReportSpec(
            name="representation",
            title="Representation audit",
            builder="app.representation.report:build_representation_report",
            snapshot="app.representation.report:take_snapshot",
        ),
    ),
    commands=(
        CommandSpec("baseline", "import, type in, list or remove an area's population by "
                                "ethnic group",
                    "app.representation.commands.baseline"),
        CommandSpec("audit", "record and compare a body's make-up by ethnic group",
                    "app.representation.commands.audit"),
        CommandSpec("categories", "list, add or remove local ethnic group categories",
                    "app.representation.commands.categories"),
        CommandSpec("questionnaire", "answer the representation questionnaire",
                    "app.representation.commands.questionnaire"),
    ),
    counts=(
        CountSpec("audits", "Representation audits", "rep_audit", frozenset({AUDITS})),
        CountSpec("baselines", "Population baselines", "rep_baseline", frozenset({BASELINES})),
    ),
    topics=frozenset({AUDITS, BASELINES, QUESTIONNAIRE}),
    tables=("rep_baseline", "rep_baseline_count", "rep_audit", "rep_audit_count",
            "rep_expanded_category", "rep_answer"),
    models="app.representation.models",
    migrations=MigrationSpec("app.representation.migrations", "representation_0001"),
    sample="app.representation.sample:add_sample",
    warm_up=("app.representation.store", "app.representation.operations"),
)
