"""Action plans: what will be done about each weakness found, by whom and by when.

Every module that finds weaknesses (a low-rated criterion, a proofing finding) raises its
actions through this module's operations, so there is one action list per workbook.
"""
