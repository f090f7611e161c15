"""`rrt`: the command-line twin of the desktop app.

With no arguments, or with only a workbook path, it opens the GUI. Subcommands call the
same domain functions the GUI does. Exit status: 0 ok, 2 usage, 3 bad input — always
with a one-line message on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from app import __version__
from app.errors import UserError
from app.workbook import fileformat

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3


class UsageError(Exception):
    """The command line itself is wrong: exit status 2."""


class BadInput(Exception):
    """A file or value given is unusable: exit status 3. The message is one sentence."""


class _Parser(argparse.ArgumentParser):
    """argparse prints a multi-line usage block and exits; we want one sentence, status 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see 'rrt --help')")


def _cmd_new(args: argparse.Namespace) -> int:
    from app.workbook import Workbook

    path = Path(args.path)
    if not path.suffix and path.name:  # "rrt new Audit" makes Audit.rrwb; other names must match
        path = path.with_name(path.name + fileformat.SUFFIX)
    workbook = Workbook.create(
        path,
        title=args.title,
        organisation=args.organisation,
        area=args.area,
        owner=args.owner,
    )
    workbook.close()
    print(f"Created {path}")
    return EXIT_OK


def _cmd_info(args: argparse.Namespace) -> int:
    # Plain SQL through the store's checks: `rrt info` never needs the ORM.
    from app.workbook import Workbook

    with Workbook.open(Path(args.path), read_only=True) as workbook:
        overview = workbook.overview()
        counts = workbook.table_counts()
        header = fileformat.read_header(workbook.path)
    report = {
        "path": str(workbook.path),
        "application_id": header.application_id,
        "schema_version": header.schema_version,
        "title": overview.title,
        "organisation": overview.organisation,
        "area": overview.area,
        "owner": overview.owner,
        "created_at": overview.created_at.isoformat(),
        "updated_at": overview.updated_at.isoformat(),
        "counts": counts,
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from app.workbook import Workbook

    with Workbook.open(Path(args.path), read_only=True) as workbook:
        problems = workbook.integrity_problems(thorough=True)
    if problems:
        print(f"{Path(args.path).name} is damaged: {problems[0]}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"{Path(args.path).name} is sound (integrity check passed).")
    return EXIT_OK


def _cmd_copy(args: argparse.Namespace) -> int:
    from app.workbook import Workbook

    with Workbook.open(Path(args.path), read_only=True) as workbook:
        destination = workbook.save_copy(Path(args.dest), overwrite=args.force)
    print(f"Copied to {destination}")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": _cmd_new,
    "info": _cmd_info,
    "check": _cmd_check,
    "copy": _cmd_copy,
}

# Modules plug extra subcommands in here: name → (add_arguments, run).
EXTRA_COMMANDS: dict[
    str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]
] = {}


def _register_extra_commands() -> None:
    # Imported for their side effect of registering subcommands; kept light. A partial
    # install still offers the core commands.
    with contextlib.suppress(ImportError):
        from app.reports import cli_export  # noqa: F401


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="rrt",
        description="Rights & Responsibilities Toolkit. Run with no arguments, with a "
        "workbook file (optionally --read-only), or with --sample (a private copy of the "
        "sample workbook) to open the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"rrt {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    new = sub.add_parser("new", help="create a new workbook")
    new.add_argument("path", help="where to create the .rrwb file")
    new.add_argument("--title", required=True, help="the workbook's title")
    new.add_argument("--organisation", default="", help="organisation name")
    new.add_argument("--area", default="", help="the area covered")
    new.add_argument("--owner", default="", help="who looks after this workbook")

    info = sub.add_parser("info", help="show a workbook's details as JSON")
    info.add_argument("path")

    check = sub.add_parser("check", help="check a workbook's integrity")
    check.add_argument("path")

    copy = sub.add_parser("copy", help="write a safe copy of a workbook")
    copy.add_argument("path")
    copy.add_argument("dest")
    copy.add_argument("--force", action="store_true", help="replace DEST if it exists")

    for name, (help_text, add_arguments, _run) in EXTRA_COMMANDS.items():
        add_arguments(sub.add_parser(name, help=help_text))
    return parser


def run(argv: Sequence[str]) -> int:
    """Run the CLI and return its exit status (no GUI)."""
    _register_extra_commands()
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv))
        if args.command is None:
            raise UsageError("no command given (see 'rrt --help')")
        handler = COMMANDS.get(args.command) or EXTRA_COMMANDS[args.command][2]
        return handler(args)
    except UsageError as error:
        print(f"rrt: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (UserError, BadInput) as error:
        print(f"rrt: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("rrt: stopped.", file=sys.stderr)
        return 130
    except OSError as error:
        where = f" ({error.filename})" if getattr(error, "filename", None) else ""
        print(f"rrt: {error.strerror or error}{where}", file=sys.stderr)
        return EXIT_BAD_INPUT


GUI_FLAGS = ("--read-only", "--sample")


def _wants_gui(argv: Sequence[str]) -> bool:
    if not argv:
        return True
    first = argv[0]
    if first in GUI_FLAGS:
        return True
    if first.startswith("-") or first in COMMANDS or first in EXTRA_COMMANDS:
        return False
    return Path(first).suffix.lower() == fileformat.SUFFIX or Path(first).exists()


def gui_main(argv: Sequence[str] | None = None) -> int:
    """Open the desktop app on a workbook, on the sample (--sample) or on the welcome screen."""
    args = list(sys.argv[1:] if argv is None else argv)
    read_only = "--read-only" in args
    unknown = [a for a in args if a.startswith("-") and a not in GUI_FLAGS]
    paths = [Path(a) for a in args if not a.startswith("-")]
    if unknown or len(paths) > 1:
        print("rrt: give one workbook to open, optionally with --read-only "
              "(see 'rrt --help')", file=sys.stderr)
        return EXIT_USAGE
    if "--sample" in args:
        from app.workbook.sample import user_copy_of_sample

        try:
            paths = [user_copy_of_sample()]
        except OSError as error:
            print(f"rrt: the sample workbook could not be copied ({error.strerror or error})",
                  file=sys.stderr)
            return EXIT_BAD_INPUT
    from app.ui.app import run_gui

    return run_gui(paths[0] if paths else None, read_only=read_only)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    with contextlib.suppress(ImportError):
        _register_extra_commands()
    if _wants_gui(args):
        return gui_main(args)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
