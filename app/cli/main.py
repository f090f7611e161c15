"""Parsing `rrt`'s arguments, dispatching to the modules' commands, and turning every
error a user can meet into one sentence and an exit status. (Opening the desktop app is
`app.main`'s job, so the command line never imports the interface.)"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from app import __version__
from app.errors import UsageError, UserError
from app.modules import all_commands, find_command, load_target

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """argparse prints a multi-line usage block and exits; we want one sentence, status 2.
    Every parser of the command line is one of these, sub-commands' included."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see 'rrt --help')")


class _Formatter(argparse.HelpFormatter):
    """argparse's own layout, told the terminal's width: argparse makes a formatter for
    every argument, and left to itself it imports shutil (and the compression modules
    that come with it) to measure the terminal, a tenth of a quick `rrt info`."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_columns() - 2)


def _terminal_columns() -> int:
    # What shutil.get_terminal_size() gives: $COLUMNS, else the terminal's, else 80.
    with contextlib.suppress(KeyError, ValueError):
        return int(os.environ["COLUMNS"])
    with contextlib.suppress(AttributeError, ValueError, OSError):
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    return 80


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line. With `only`, just that command and its arguments, which is
    all a run of it needs (each command costs argparse's set-up and importing its file);
    with "" every command's name and help but no arguments (for --help and a wrong name)."""
    parser = _Parser(
        prog="rrt",
        description="Rights & Responsibilities Toolkit. Run with no arguments, with a "
        "workbook file (optionally --read-only), or with --sample (a private copy of the "
        "sample workbook) to open the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"rrt {__version__}")
    # Handled by app.main (it may paint the window); listed here so --help shows it.
    parser.add_argument("--self-test", action="store_true",
                        help="check this copy of the app works (makes and exports a workbook "
                             "in a temporary folder; add --no-window to skip painting the "
                             "window), then exit")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for command in all_commands():
        if only is None or only == "":
            command_parser = sub.add_parser(command.name, help=command.help)
            if only is None:
                load_target(command.target).add_arguments(command_parser)
        elif command.name == only:
            load_target(command.target).add_arguments(
                sub.add_parser(command.name, help=command.help)
            )
    return parser


def run(argv: Sequence[str]) -> int:
    """Run a subcommand and return its exit status (no GUI)."""
    _never_fail_to_print()
    try:
        first = argv[0] if argv else None
        wanted = first if first is not None and find_command(first) is not None else ""
        args = build_parser(only=wanted).parse_args(list(argv))
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
