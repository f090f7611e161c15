"""Editors shown beside the navigator, one per section of a workbook."""
