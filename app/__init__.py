"""Rights & Responsibilities Toolkit."""

__version__ = "0.1.0"
APP_NAME = "Rights & Responsibilities Toolkit"

