"""Race-equality-scheme proofing of draft documents: readers, rules, coverage, `rrt proof`.

The workbook records (proofing records, triage, checklist, decision) and the screens come
next; for now the module offers the command line and its Qt-free core.
"""

from app.modules import CommandSpec, ModuleManifest

MODULE = ModuleManifest(
    name="proofing",
    title="Race-equality proofing",
    order=650,
    commands=(CommandSpec("proof", "proof drafts against the race equality rules and scheme",
                          "app.proofing.commands.proof"),),
)
