# ruff: noqa: E501
"""Building small .docx files from WordprocessingML by hand, for reader and annotation tests.

python-docx cannot write tracked changes, text boxes or footnotes; these helpers write the
same package Word does (content types, relationships, styles with outline levels).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
{extra}
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
{extra}
</Relationships>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {NAMESPACES}>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="Board Heading"/><w:basedOn w:val="Heading2"/></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>"""


def run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*runs: str, style: str | None = None, num: int | None = None) -> str:
    props = ""
    if style or num is not None:
        inner = f'<w:pStyle w:val="{style}"/>' if style else ""
        if num is not None:
            inner += f'<w:numPr><w:ilvl w:val="{num}"/><w:numId w:val="2"/></w:numPr>'
        props = f"<w:pPr>{inner}</w:pPr>"
    return f"<w:p>{props}{''.join(runs)}</w:p>"


def table(*rows: list[str]) -> str:
    body = "".join(
        "<w:tr>" + "".join(f"<w:tc>{para(run(cell))}</w:tc>" for cell in row) + "</w:tr>"
        for row in rows
    )
    return f"<w:tbl>{body}</w:tbl>"


def document_xml(body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<w:document {NAMESPACES}><w:body>{body}<w:sectPr/></w:body></w:document>")


def docx_bytes(body: str, *, footnotes: str | None = None,
               extra_parts: dict[str, bytes] | None = None,
               document: str | None = None) -> bytes:
    parts: dict[str, bytes | str] = {}
    extra_types = ""
    extra_rels = ""
    if footnotes is not None:
        parts["word/footnotes.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {NAMESPACES}>'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
            '<w:continuationSeparator/></w:r></w:p></w:footnote>'
            f"{footnotes}</w:footnotes>")
        extra_types = ('<Override PartName="/word/footnotes.xml" ContentType="application/'
                       'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>')
        extra_rels = ('<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/'
                      'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>')
    parts = {
        "[Content_Types].xml": CONTENT_TYPES.format(extra=extra_types),
        "_rels/.rels": ROOT_RELS,
        "word/_rels/document.xml.rels": DOC_RELS.format(extra=extra_rels),
        "word/styles.xml": STYLES,
        "word/document.xml": document if document is not None else document_xml(body),
        **parts,
        **(extra_parts or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data if isinstance(data, bytes) else data.encode("utf-8"))
    return buffer.getvalue()


def write_docx(path: Path, body: str, **kwargs: object) -> Path:
    path.write_bytes(docx_bytes(body, **kwargs))  # type: ignore[arg-type]
    return path


# A draft with everything the reader must handle, in body order.
RICH_BODY = "".join([
    para(run("Library Access Strategy"), style="Title"),
    para(run("1. Purpose"), style="Heading1"),
    para(run("We will "), run("widen", bold=True), run(" access for all residents.")),
    # Tracked changes: the insertion is in, the deletion is out.
    '<w:p><w:r><w:t xml:space="preserve">Targets are </w:t></w:r>'
    '<w:ins w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:t>broken down by '
    'ethnicity</w:t></w:r></w:ins><w:del w:id="2" w:author="A" w:date="2026-01-01T00:00:00Z">'
    '<w:r><w:delText>set globally</w:delText></w:r></w:del><w:r><w:t>.</w:t></w:r></w:p>',
    para(run("Consultation"), style="MyHeading"),
    para(run("Meet community groups"), style="ListBullet"),
    para(run("Survey library users"), num=1),
    table(["Group", "Action"], ["Residents", "Hold open sessions"]),
    # A text box: Word writes it twice (the drawing and a VML fallback); it is read once.
    '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
    '<w:txbxContent><w:p><w:r><w:t>Boxed note on outreach</w:t></w:r></w:p></w:txbxContent>'
    '</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>'
    '<w:p><w:r><w:t>Boxed note on outreach</w:t></w:r></w:p></w:txbxContent></v:textbox>'
    '</w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>After the box.</w:t>'
    '</w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>',
    para(run("2. Monitoring"), style="Heading1"),
    para(run("Usage\tis reviewed"), run("yearly.")),
])
RICH_FOOTNOTES = ('<w:footnote w:id="1"><w:p><w:r><w:t>See the 2025 census tables.</w:t></w:r>'
                  "</w:p></w:footnote>")
