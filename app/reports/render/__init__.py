"""Renderers: the neutral report model to Word, PDF and Excel, plus the helpers they share.

Nothing here reads the workbook store or imports Qt (tests/test_report_layers.py holds this).
Sub-packages import their heavy libraries themselves, so importing this package stays cheap.
"""
