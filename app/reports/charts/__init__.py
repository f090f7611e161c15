"""Chart definitions drawn once as reportlab drawings, for PDF pages and Word/Excel images."""
