"""Evidence files: documents that back up the work, kept inside the workbook."""

from app.evidence.topics import EVIDENCE
from app.modules import CountSpec, ModuleManifest, SectionSpec

MODULE = ModuleManifest(
    name="evidence",
    title="Evidence files",
    order=900,
    sections=(
        SectionSpec(
            id="evidence",
            title="Evidence files",
            description="Documents that back up your work, kept inside the workbook.",
            editor="app.ui.editors.evidence_editor:create_editor",
            count="evidence",
            order=900,  # after the modules' own sections, before the change log
            topics=frozenset({EVIDENCE}),
        ),
    ),
    counts=(CountSpec("evidence", "Evidence files", "evidence_file", frozenset({EVIDENCE})),),
    topics=frozenset({EVIDENCE}),
    tables=("evidence_file", "evidence_blob"),
    models="app.workbook.models",
    sample="app.evidence.sample:add_sample",
    warm_up=("app.workbook.evidence", "app.evidence.operations"),
)
