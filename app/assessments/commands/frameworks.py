"""`rrt frameworks list|check|import|export`: the self-assessment frameworks on this computer.

- `list [--json]`: the newest version of each framework, shipped and the user's own, and
  any file that could not be read, with why;
- `check FILE`: a framework file (.yaml) or spreadsheet (.xlsx) checked; one line either way;
- `import FILE.xlsx [--out DIR] [--force]`: a filled-in template written as a YAML framework
  into the user's frameworks folder (or DIR), never replacing a file without --force;
- `export ID --out FILE [--force]`: a framework written as a spreadsheet (.xlsx) or YAML.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UsageError, UserError

if TYPE_CHECKING:
    from app.assessments.frameworks import Framework


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", parser_class=type(parser))
    listing = sub.add_parser("list", help="list the frameworks available")
    listing.add_argument("--json", action="store_true", help="print JSON")
    check = sub.add_parser("check", help="check a framework file (.yaml or .xlsx)")
    check.add_argument("file")
    importing = sub.add_parser("import", help="import a framework from a filled-in template")
    importing.add_argument("file", help="the .xlsx spreadsheet")
    importing.add_argument("--out", help="the folder to write to (default: your frameworks)")
    importing.add_argument("--force", action="store_true", help="replace an existing file")
    export = sub.add_parser("export", help="write a framework as .xlsx or .yaml")
    export.add_argument("id", help="the framework's id (see 'rrt frameworks list')")
    export.add_argument("--out", required=True, help="the .xlsx or .yaml file to write")
    export.add_argument("--force", action="store_true", help="replace the file if it exists")


def run(args: argparse.Namespace) -> int:
    action = getattr(args, "action", None)
    if action == "list":
        return _list(args.json)
    if action == "check":
        return _check(Path(args.file))
    if action == "import":
        return _import(Path(args.file), Path(args.out) if args.out else None, args.force)
    if action == "export":
        return _export(args.id, Path(args.out), args.force)
    raise UsageError("say what to do: list, check, import or export (see 'rrt frameworks "
                     "--help')")


def _list(as_json: bool) -> int:
    from app.assessments.frameworks.catalogue import load_catalogue

    catalogue = load_catalogue()
    if as_json:
        print(json.dumps({"frameworks": [e.as_json() for e in catalogue.entries],
                          "broken": [b.as_json() for b in catalogue.broken]},
                         indent=2, ensure_ascii=False))
        return 0
    if not catalogue.entries:
        print("No frameworks found.")
    for entry in catalogue.entries:
        sections, criteria = entry.framework.counts()
        print(f"{entry.id}  {entry.framework.version}  {entry.framework.title} "
              f"({sections} sections, {criteria} criteria; {entry.origin})")
    for broken in catalogue.broken:
        print(f"Not usable: {broken.path}: {' '.join(broken.reason.split())}")
    return 0


def _load_any(path: Path) -> Framework:
    from app.assessments.frameworks import load_framework
    from app.assessments.frameworks.excel import import_framework_xlsx

    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return import_framework_xlsx(path)
    return load_framework(path)


def _check(path: Path) -> int:
    print(_load_any(path).summary())
    return 0


def _import(path: Path, out: Path | None, force: bool) -> int:
    from app.assessments.frameworks import framework_to_yaml
    from app.assessments.frameworks.catalogue import user_folder
    from app.assessments.frameworks.excel import import_framework_xlsx

    framework = import_framework_xlsx(path)
    folder = out if out is not None else user_folder()
    if out is None:
        folder.mkdir(parents=True, exist_ok=True)
    destination = folder / f"{framework.id}-{framework.version}.yaml"
    text = framework_to_yaml(framework, header=(
        f"{framework.title}: imported from {path.name}.\n"
        "Check a changed copy with: rrt frameworks check FILE"))
    written = _write_text(destination, text, force)
    print(f"Imported {framework.summary()} to {written}")
    return 0


def _export(framework_id: str, out: Path, force: bool) -> int:
    from app.assessments.frameworks import framework_to_yaml
    from app.assessments.frameworks.catalogue import load_catalogue
    from app.assessments.frameworks.excel import export_framework_xlsx

    entry = load_catalogue().find(framework_id)
    if entry is None:
        raise UserError(f"There is no framework with the id “{framework_id}”. "
                        "'rrt frameworks list' shows the ids.")
    suffix = out.suffix.lower()
    if suffix == ".xlsx":
        written = export_framework_xlsx(entry.framework, out, overwrite=force)
    elif suffix in (".yaml", ".yml"):
        header = f"{entry.framework.title}, exported from {entry.path.name}."
        written = _write_text(out, framework_to_yaml(entry.framework, header=header), force)
    else:
        raise UserError(f"“{out.name}” does not end in .xlsx or .yaml. Give a file name that "
                        "ends in one of them.")
    print(f"Exported {entry.framework.summary()} to {written}")
    return 0


def _write_text(destination: Path, text: str, force: bool) -> Path:
    from app.destinations import check_destination, commit_partial, partial_path_for, write_failed

    target = check_destination(destination, suffix=destination.suffix or ".yaml",
                               overwrite=force)
    partial = partial_path_for(target)
    try:
        partial.write_text(text, encoding="utf-8")
        commit_partial(partial, target, overwrite=force)
    except OSError as error:
        raise write_failed(target, error) from error
    finally:
        partial.unlink(missing_ok=True)
    return target
