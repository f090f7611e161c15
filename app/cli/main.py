"""Parsing `rrt`'s arguments, dispatching to the modules' commands, and turning every
error a user can meet into one sentence and an exit status."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from app import __version__
from app.errors import UsageError, UserError
from app.modules import all_commands, find_command, load_target
from app.workbook import fileformat

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3
EXIT_INTERRUPTED = 130
GUI_FLAGS = ("--read-only", "--sample")


class _Parser(argparse.ArgumentParser):
    """argparse prints a multi-line usage block and exits; we want one sentence, status 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see 'rrt --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="rrt",
        description="Rights & Responsibilities Toolkit. Run with no arguments, with a "
        "workbook file (optionally --read-only), or with --sample (a private copy of the "
        "sample workbook) to open the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"rrt {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for command in all_commands():
        load_target(command.target).add_arguments(sub.add_parser(command.name, help=command.help))
    return parser


def run(argv: Sequence[str]) -> int:
    """Run a subcommand and return its exit status (no GUI)."""
    try:
        _refuse_undecodable(argv)
        args = build_parser().parse_args(list(argv))
        if args.command is None:
            raise UsageError("no command given (see 'rrt --help')")
        command = find_command(args.command)
        assert command is not None  # argparse only accepts the commands it was given
        return int(load_target(command.target).run(args))
    except UsageError as error:
        return _fail(str(error), EXIT_USAGE)
    except UserError as error:
        return _fail(str(error), EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        return _fail("stopped.", EXIT_INTERRUPTED)
    except OSError as error:
        where = f" ({error.filename})" if getattr(error, "filename", None) else ""
        return _fail(f"{error.strerror or error}{where}", EXIT_BAD_INPUT)


def _refuse_undecodable(argv: Sequence[str]) -> None:
    # Bytes that are not valid text in the terminal's encoding reach Python as lone
    # surrogates; storing them would break every export later.
    for argument in argv:
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError(
                "an argument contains bytes that are not valid text; check the characters "
                "typed or pasted (see 'rrt --help')"
            ) from None


def _fail(sentence: str, status: int) -> int:
    sentence = " ".join(sentence.split())  # always one line
    print(f"rrt: {sentence}", file=sys.stderr)
    return status


def _wants_gui(argv: Sequence[str]) -> bool:
    if not argv:
        return True
    first = argv[0]
    if first in GUI_FLAGS:
        return True
    if first.startswith("-") or find_command(first) is not None:
        return False
    return Path(first).suffix.lower() == fileformat.SUFFIX or Path(first).exists()


def gui_main(argv: Sequence[str] | None = None) -> int:
    """Open the desktop app on a workbook, on the sample (--sample) or on the welcome screen."""
    args = list(sys.argv[1:] if argv is None else argv)
    read_only = "--read-only" in args
    unknown = [a for a in args if a.startswith("-") and a not in GUI_FLAGS]
    paths = [Path(a) for a in args if not a.startswith("-")]
    if unknown or len(paths) > 1:
        return _fail("give one workbook to open, optionally with --read-only "
                     "(see 'rrt --help')", EXIT_USAGE)
    if "--sample" in args:
        from app.workbook.sample import user_copy_of_sample

        try:
            paths = [user_copy_of_sample()]
        except OSError as error:
            return _fail(f"the sample workbook could not be copied ({error.strerror or error})",
                         EXIT_BAD_INPUT)
    from app.ui.app import run_gui

    return run_gui(paths[0] if paths else None, read_only=read_only)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if _wants_gui(args):
        return gui_main(args)
    return run(args)
