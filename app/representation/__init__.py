"""Representation audits: who is on a body (a board, a partnership, staff, members,
volunteers, service users) by ethnic group, compared honestly with the area's population.

Counts only, never records of people. Classifications are data (`resources/
classifications/`); the statistics are small pure functions (`statistics.py`); the report
discloses shares, ratios, intervals and parity gaps only with the counts they come from.
"""
