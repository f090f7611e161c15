"""Change topics of the basics module (light: the first paint imports this)."""

from app.workbook.topics import CHANGE_LOG

INFO = "info"  # the workbook's details (title, organisation, area, owner)

__all__ = ["CHANGE_LOG", "INFO"]
