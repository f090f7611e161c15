"""Self-assessments: frameworks now; assessments made against them come next."""

from app.modules import CommandSpec, ModuleManifest

MODULE = ModuleManifest(
    name="assessments",
    title="Self-assessments",
    order=100,
    commands=(
        CommandSpec("frameworks", "list, check, import and export self-assessment frameworks",
                    "app.assessments.commands.frameworks"),
    ),
)
