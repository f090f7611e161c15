"""The workbook's basics: its details, its change log, its summary report and the core
`rrt` commands. Declared in `module.py` like every other module."""
