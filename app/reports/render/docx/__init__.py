"""The Word (.docx) renderer: the report model written as WordprocessingML."""
