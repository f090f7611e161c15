"""The `rrt` entry point: opens the desktop app or runs a command.

It sits above both the desktop interface and the command line, so neither imports the
other: with no arguments, a workbook path, --read-only or --sample it opens the GUI;
anything else is a subcommand for `app.cli`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from app.cli import EXIT_BAD_INPUT, EXIT_USAGE, run
from app.cli.main import fail, is_command

GUI_FLAGS = ("--read-only", "--sample")


def _wants_gui(argv: Sequence[str]) -> bool:
    if not argv:
        return True
    first = argv[0]
    if first in GUI_FLAGS:
        return True
    if first.startswith("-") or is_command(first):
        return False
    from app.workbook import fileformat  # sqlite3: only when the argument may be a workbook

    return Path(first).suffix.lower() == fileformat.SUFFIX or Path(first).exists()


def gui_main(argv: Sequence[str] | None = None) -> int:
    """Open the desktop app on a workbook, on the sample (--sample) or on the welcome screen."""
    args = list(sys.argv[1:] if argv is None else argv)
    read_only = "--read-only" in args
    unknown = [a for a in args if a.startswith("-") and a not in GUI_FLAGS]
    paths = [Path(a) for a in args if not a.startswith("-")]
    if unknown or len(paths) > 1:
        return fail("give one workbook to open, optionally with --read-only "
                    "(see 'rrt --help')", EXIT_USAGE)
    if "--sample" in args:
        from app.workbook.sample import user_copy_of_sample

        try:
            paths = [user_copy_of_sample()]
        except OSError as error:
            return fail(f"the sample workbook could not be copied ({error.strerror or error})",
                        EXIT_BAD_INPUT)
    from app.ui.app import run_gui

    return run_gui(paths[0] if paths else None, read_only=read_only)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if _wants_gui(args):
        return gui_main(args)
    return run(args)
