"""The action plan: one list of actions per workbook, raised by every module."""

from app.modules import (
    CommandSpec,
    CountSpec,
    MigrationSpec,
    ModuleManifest,
    ReportSpec,
    SectionSpec,
)
from app.plans.topics import ACTIONS, APPRAISALS

MODULE = ModuleManifest(
    name="plans",
    title="Action plan",
    order=700,
    sections=(
        SectionSpec(
            id="actions",
            title="Action plan",
            description="What will be done about each weakness found, who leads it and by "
                        "when.",
            editor="app.ui.plans.actions_editor:create_editor",
            count="actions",
            topics=frozenset({ACTIONS}),
            order=700,
        ),
        SectionSpec(
            id="appraisals",
            title="Options appraisal",
            description="Weigh the options for a decision: their strengths and weaknesses, "
                        "how each participant ranks them, and the option the group prefers.",
            editor="app.ui.plans.appraisal_editor:create_editor",
            count="appraisals",
            topics=frozenset({APPRAISALS}),
            order=710,
        ),
    ),
    reports=(
        ReportSpec(
            name="action-plan",
            title="Action plan",
            builder="app.plans.report:build_action_plan",
            snapshot="app.plans.report:take_snapshot",
        ),
        ReportSpec(
            name="options-appraisal",
            title="Options appraisal",
            builder="app.plans.appraisal.report:build_appraisal_report",
            snapshot="app.plans.appraisal.report:take_snapshot",
        ),
        ReportSpec(
            name="workshop-pack",
            title="Workshop pack for the facilitator",
            builder="app.plans.workshop.facilitator:build_pack",
            snapshot="app.plans.workshop.facilitator:take_snapshot",
        ),
    ),
    commands=(
        CommandSpec("actions", "list, add, change or remove actions",
                    "app.plans.commands.actions"),
        CommandSpec("appraisal", "run an options appraisal: options, rankings, the result",
                    "app.plans.commands.appraisal"),
        CommandSpec("tracker", "export the action plan as an Excel tracker, or import one "
                               "filled in", "app.plans.commands.tracker"),
        CommandSpec("workshop", "write a workshop pack: facilitator's pack, A3 plan, tracker",
                    "app.plans.commands.workshop"),
    ),
    counts=(
        CountSpec("actions", "Actions", "plan_action", frozenset({ACTIONS})),
        CountSpec("appraisals", "Options appraisals", "plan_appraisal",
                  frozenset({APPRAISALS})),
    ),
    topics=frozenset({ACTIONS, APPRAISALS}),
    tables=("plan_action", "plan_action_partner", "plan_dependency", "plan_progress_note",
            "plan_appraisal", "plan_appraisal_option", "plan_appraisal_participant",
            "plan_appraisal_rank"),
    models="app.plans.models",
    migrations=MigrationSpec("app.plans.migrations", "plans_0004"),
    sample="app.plans.sample:add_sample",
    warm_up=("app.plans.actions", "app.plans.operations"),
)
