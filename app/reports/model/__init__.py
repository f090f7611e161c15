"""The neutral report model, the report catalogue and date wording.

What report builders and renderers share.
"""
