"""Evidence files kept inside the workbook (storage lives in app/workbook/evidence.py,
which every module uses; this module adds the section, the edits and the sample files)."""
