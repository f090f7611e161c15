"""Race-equality-scheme proofing of draft documents: readers, rules, coverage, `rrt proof`,
and the proofing records, equality schemes and allow-list kept in the workbook."""

from app.modules import (
    CommandSpec,
    CountSpec,
    MigrationSpec,
    ModuleManifest,
    ReportSpec,
    SectionSpec,
)
from app.proofing.topics import PROOF_RECORDS, PROOF_RULES, PROOF_SCHEMES

MODULE = ModuleManifest(
    name="proofing",
    title="Race-equality proofing",
    order=650,
    sections=(
        SectionSpec(
            id="proofing",
            title="Proofing",
            description="Proof draft strategies, policies and guidance against the race "
                        "equality rules and your scheme; triage the findings, work through "
                        "the checklist and screening, and record the decision.",
            editor="app.ui.proofing.register_editor:create_editor",
            count="proof_records",
            topics=frozenset({PROOF_RECORDS}),
            order=650,
        ),
        SectionSpec(
            id="equality_schemes",
            title="Equality schemes",
            description="The commitments drafts are proofed against, and the wording and "
                        "rules every proof in this workbook uses.",
            editor="app.ui.proofing.schemes_editor:create_editor",
            count="proof_schemes",
            topics=frozenset({PROOF_SCHEMES, PROOF_RULES}),
            order=660,
        ),
    ),
    reports=(
        ReportSpec(
            name="proofing",
            title="Proofing record",
            builder="app.proofing.report:build_proofing_report",
            snapshot="app.proofing.report:take_snapshot",
            subjects="app.proofing.report:list_subjects",
            subject_noun="proofing record",
        ),
        ReportSpec(
            name="proofing-register",
            title="Proofing register",
            builder="app.proofing.register_report:build_register_report",
            snapshot="app.proofing.register_report:take_snapshot",
        ),
    ),
    commands=(
        CommandSpec("proof", "proof drafts against the race equality rules and scheme",
                    "app.proofing.commands.proof"),
        CommandSpec("proofing", "list, show, triage, decide, sign off or annotate the "
                                "proofing records in a workbook",
                    "app.proofing.commands.proofing"),
    ),
    counts=(
        CountSpec("proof_records", "Proofing records", "proof_record",
                  frozenset({PROOF_RECORDS})),
        CountSpec("proof_schemes", "Equality schemes", "proof_scheme",
                  frozenset({PROOF_SCHEMES})),
    ),
    topics=frozenset({PROOF_RECORDS, PROOF_SCHEMES, PROOF_RULES}),
    tables=("proof_scheme", "proof_commitment", "proof_draft", "proof_record",
            "proof_finding", "proof_check", "proof_allow", "proof_rule_file"),
    models="app.proofing.models",
    migrations=MigrationSpec("app.proofing.migrations", "proofing_0001"),
    sample="app.proofing.sample:add_sample",
    self_test="app.proofing.self_test:self_test",
    warm_up=("app.proofing.records", "app.proofing.operations"),
)
