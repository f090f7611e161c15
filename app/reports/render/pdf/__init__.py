"""The PDF renderer, built on reportlab's platypus."""
