"""Parsing `rrt`'s arguments, dispatching to the modules' commands, and turning every
error a user can meet into one sentence and an exit status. (Opening the desktop app is
`app.main`'s job, so the command line never imports the interface.)"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from app import __version__
from app.errors import UsageError, UserError
from app.modules import all_commands, find_command, load_target

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """argparse prints a multi-line usage block and exits; we want one sentence, status 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see 'rrt --help')")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with `only` just that command's arguments (the others
    are listed by name, unloaded), so running one command imports only its own code."""
    parser = _Parser(
        prog="rrt",
        description="Rights & Responsibilities Toolkit. Run with no arguments, with a "
        "workbook file (optionally --read-only), or with --sample (a private copy of the "
        "sample workbook) to open the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"rrt {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for command in all_commands():
        subparser = sub.add_parser(command.name, help=command.help)
        if only is None or command.name == only:
            load_target(command.target).add_arguments(subparser)
    return parser


def run(argv: Sequence[str]) -> int:
    """Run a subcommand and return its exit status (no GUI)."""
    _never_fail_to_print()
    try:
        argv = list(argv)
        # `rrt proof DRAFT` is a hot path: build only the parser of the command asked for.
        only = argv[0] if argv and find_command(argv[0]) is not None else None
        args = build_parser(only).parse_args(argv)
        if args.command is None:
            raise UsageError("no command given (see 'rrt --help')")
        command = find_command(args.command)
        assert command is not None  # argparse only accepts the commands it was given
        return int(load_target(command.target).run(args))
    except UsageError as error:
        return fail(str(error), EXIT_USAGE)
    except UserError as error:
        return fail(str(error), EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        return fail("stopped.", EXIT_INTERRUPTED)
    except OSError as error:
        where = f" ({error.filename})" if getattr(error, "filename", None) else ""
        return fail(f"{error.strerror or error}{where}", EXIT_BAD_INPUT)


def _never_fail_to_print() -> None:
    # A path may hold bytes that are not text, and a terminal may not show every letter:
    # print those escaped rather than fail after the work is done.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def fail(sentence: str, status: int) -> int:
    sentence = " ".join(sentence.split())  # always one line
    print(f"rrt: {sentence}", file=sys.stderr)
    return status


def is_command(name: str) -> bool:
    return find_command(name) is not None
