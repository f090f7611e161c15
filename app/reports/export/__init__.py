"""Exporting: the format registry and options, atomic file writing and what renderers return."""
