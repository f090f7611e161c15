"""The Excel (.xlsx) renderer, built on openpyxl."""
