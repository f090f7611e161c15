"""The bundled sample draft: resources/sample/proofing-draft.md, and a .docx built from it.

The text is our own, written so that a proof of it shows most of the shipped rules at work
(wording, targets without an ethnic breakdown, third-party engagement, a sub-group that owns
race equality) next to what must not be flagged (a quotation, organisations' own names).
`python -m app.proofing.sample_draft` rebuilds the .docx after the text changes.
"""

from __future__ import annotations

from pathlib import Path

from app.paths import resource
from app.proofing.document import Kind

SAMPLE_TEXT = "proofing-draft.md"
SAMPLE_DOCX = "proofing-draft.docx"
SAMPLE_ALLOW = ("Riverside BME Network",)  # the allow-list a user would keep for it


def sample_text_path() -> Path:
    return resource("sample", SAMPLE_TEXT)


def sample_docx_path() -> Path:
    return resource("sample", SAMPLE_DOCX)


def build_sample_docx(out: Path, source: Path | None = None) -> Path:
    """Write the sample as a Word document: headings, list items and a table as Word has
    them, so the reader and the annotated copy meet real Word structure."""
    import docx

    from app.proofing.readers import read_draft

    document = read_draft(source or sample_text_path())
    made = docx.Document()
    rows: list[list[str]] = []

    def flush_table() -> None:
        if rows:
            grid = made.add_table(rows=0, cols=len(rows[0]))
            for row in rows:
                cells = grid.add_row().cells
                for cell, text in zip(cells, row, strict=False):
                    cell.text = text
            rows.clear()

    columns = 2
    for paragraph in document.paragraphs:
        if paragraph.kind is Kind.TABLE_CELL:
            if not rows or len(rows[-1]) == columns:
                rows.append([])
            rows[-1].append(paragraph.text)
            continue
        flush_table()
        if paragraph.kind is Kind.HEADING:
            made.add_heading(paragraph.text, 0 if paragraph.level <= 1 else paragraph.level - 1)
        elif paragraph.kind is Kind.LIST_ITEM:
            made.add_paragraph(paragraph.text, style="List Bullet")
        else:
            made.add_paragraph(paragraph.text)
    flush_table()
    made.core_properties.title = document.title()
    made.core_properties.author = "Leisure Services (sample)"
    made.save(str(out))
    return out


if __name__ == "__main__":
    print(build_sample_docx(sample_docx_path()))
