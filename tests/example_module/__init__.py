"""A tiny module that plugs in by its manifest alone: one table, one section, one report,
one command and one undoable edit. The tests switch it on with `add_module` (in-process)
or the RRT_EXTRA_MODULES environment variable (for `rrt` in a child process)."""
