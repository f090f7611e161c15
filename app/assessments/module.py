"""Self-assessments: frameworks, assessments made against them, their scores, round and
group comparisons, improvement actions and roll-ups across workbooks."""

from app.assessments.topics import ASSESSMENTS
from app.modules import (
    CommandSpec,
    CountSpec,
    MenuActionSpec,
    MigrationSpec,
    ModuleManifest,
    ReportSpec,
    SectionSpec,
)

MODULE = ModuleManifest(
    name="assessments",
    title="Self-assessments",
    order=100,
    sections=(
        SectionSpec(
            id="assessments",
            title="Self-assessments",
            description="Rate your service against a framework's criteria, see where it is "
                        "strong or weak, and raise improvement actions.",
            editor="app.ui.assessments.editor:create_editor",
            count="assessments",
            topics=frozenset({ASSESSMENTS}),
            order=100,
        ),
    ),
    topics=frozenset({ASSESSMENTS}),
    commands=(
        CommandSpec("frameworks", "list, check, import and export self-assessment frameworks",
                    "app.assessments.commands.frameworks"),
        CommandSpec("assess", "list, start, rate, score and compare self-assessments",
                    "app.assessments.commands.assess"),
        CommandSpec("rollup", "collate one framework's assessments across workbooks by area",
                    "app.assessments.commands.rollup"),
    ),
    reports=(
        ReportSpec(
            name="assessment",
            title="Self-assessment",
            builder="app.assessments.report:build_assessment_report",
            snapshot="app.assessments.report:take_snapshot",
            subjects="app.assessments.report:list_subjects",
            subject_noun="self-assessment",
        ),
    ),
    menu_actions=(MenuActionSpec("file.export",
                                 "app.ui.assessments.rollup_menu:add_rollup_action"),),
    counts=(CountSpec("assessments", "Self-assessments", "assessment",
                      frozenset({ASSESSMENTS})),),
    tables=("assessment_framework", "assessment", "assessment_response", "response_evidence"),
    models="app.assessments.models",
    sample="app.assessments.sample:add_sample",
    migrations=MigrationSpec("app.assessments.migrations", "assessments_0001"),
    # The scoring, comparison and chart code the screen's first paint needs, and the
    # screen itself (imports only: nothing is built until the section is chosen).
    warm_up=("app.assessments.records", "app.assessments.operations",
             "app.assessments.compare", "app.assessments.charts",
             "app.ui.assessments.editor"),
    prime="app.assessments.records:prime",
    self_test="app.assessments.self_test:self_test",
)
