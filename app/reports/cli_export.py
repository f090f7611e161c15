"""`rrt export`: registered with the CLI (filled in by the report layer)."""
