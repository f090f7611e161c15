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
from app.errors import UserError

GUI_FLAGS = ("--read-only", "--sample")
SELF_TEST = "--self-test"
EXIT_SELF_TEST_FAILED = 1


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


def self_test_main(args: Sequence[str]) -> int:
    """`rrt --self-test [--no-window]`: 0 and one line if this copy works, else 1 and why."""
    from app.cli.self_test import run_self_test
    from app.logging_setup import get_logger

    unknown = [a for a in args if a not in (SELF_TEST, "--no-window")]
    if unknown:
        return fail("--self-test takes only --no-window (see 'rrt --help')", EXIT_USAGE)
    try:
        summary = run_self_test()
        if "--no-window" not in args:
            from app.ui.self_check import paint_main_window

            summary += f"; main window painted ({paint_main_window()})"
    except UserError as error:
        return fail(f"self-test failed: {error}", EXIT_SELF_TEST_FAILED)
    except Exception as error:  # a self-test reports whatever broke, in one line
        get_logger("self-test").exception("Self-test failed")
        return fail(f"self-test failed: {type(error).__name__}: {error}", EXIT_SELF_TEST_FAILED)
    print(f"rrt: {summary}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if SELF_TEST in args:
        return self_test_main(args)
    if _wants_gui(args):
        return gui_main(args)
    return run(args)
