"""The assessments module's `rrt` subcommands."""
