"""The core `rrt` subcommands, one file each: `add_arguments(parser)` and `run(args)`."""
