"""The desktop app: the only package that imports Qt (PySide6).

Screens are given narrow dependencies (an open workbook, the settings) and call the
same domain functions as the CLI; every edit is a thin QUndoCommand.
"""
