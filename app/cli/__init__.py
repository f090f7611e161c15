"""`rrt`: the command-line twin of the desktop app.

`app.main` opens the GUI when there is no subcommand. Every subcommand comes
from a module's manifest (app/*/module.py) and calls the same domain functions the GUI
does. Exit status: 0 ok, 2 usage, 3 bad input — always with a one-line message on
stderr, never a traceback.
"""

from app.cli.main import EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, build_parser, run

__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "EXIT_USAGE", "build_parser", "run"]
