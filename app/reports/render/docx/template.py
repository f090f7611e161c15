"""Build the shipped Word template, `resources/templates/report.docx`.

Run ``python -m app.reports.render.docx.template`` to regenerate it. The package is written part by
part from the XML below, with fixed zip timestamps, so the same code always gives the same
bytes (a test checks the shipped file is up to date). Writing the parts ourselves, rather
than editing python-docx's default template, keeps every style deliberate and documented.

The styles themselves are in `template_styles`, the colours and page geometry in
`theme`.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from app.paths import resource
from app.reports.render.docx.template_styles import styles_xml
from app.reports.render.docx.theme import (
    FONT,
    FONT_FALLBACK,
    FOOTER_DISTANCE,
    HEADER_DISTANCE,
    LANGUAGE,
    MARGIN_BOTTOM,
    MARGIN_SIDE,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    XML_DECL,
)

TEMPLATE_PATH = resource("templates", "report.docx")  # beside the executable in installed builds

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_FIXED_TIME = (2026, 1, 1, 0, 0, 0)


# ---------------------------------------------------------------- package plumbing


def _content_types() -> str:
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    overrides = {
        "/word/document.xml": f"{wml}.document.main+xml",
        "/word/styles.xml": f"{wml}.styles+xml",
        "/word/settings.xml": f"{wml}.settings+xml",
        "/word/numbering.xml": f"{wml}.numbering+xml",
        "/word/fontTable.xml": f"{wml}.fontTable+xml",
        "/word/header1.xml": f"{wml}.header+xml",
        "/word/header2.xml": f"{wml}.header+xml",
        "/word/footer1.xml": f"{wml}.footer+xml",
        "/word/footer2.xml": f"{wml}.footer+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/docProps/app.xml": (
            "application/vnd.openxmlformats-officedocument.extended-properties+xml"
        ),
    }
    items = "".join(
        f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides.items()
    )
    return (
        f"{XML_DECL}<Types "
        'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        f"{items}</Types>"
    )


def _relationships(rels: list[tuple[str, str, str]]) -> str:
    body = "".join(
        f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in rels
    )
    return f'{XML_DECL}<Relationships xmlns="{PKG_REL_NS}">{body}</Relationships>'


def _package_rels() -> str:
    return _relationships(
        [
            ("rId1", f"{REL_TYPE}/officeDocument", "word/document.xml"),
            (
                "rId2",
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                "core-properties",
                "docProps/core.xml",
            ),
            ("rId3", f"{REL_TYPE}/extended-properties", "docProps/app.xml"),
        ]
    )


def _document_rels() -> str:
    return _relationships(
        [
            ("rId1", f"{REL_TYPE}/styles", "styles.xml"),
            ("rId2", f"{REL_TYPE}/settings", "settings.xml"),
            ("rId3", f"{REL_TYPE}/numbering", "numbering.xml"),
            ("rId4", f"{REL_TYPE}/fontTable", "fontTable.xml"),
            ("rId5", f"{REL_TYPE}/header", "header1.xml"),
            ("rId6", f"{REL_TYPE}/header", "header2.xml"),
            ("rId7", f"{REL_TYPE}/footer", "footer1.xml"),
            ("rId8", f"{REL_TYPE}/footer", "footer2.xml"),
        ]
    )


def _core_props() -> str:
    return (
        f"{XML_DECL}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:title>Report template</dc:title>"
        "<dc:creator>Rights &amp; Responsibilities Toolkit</dc:creator>"
        f"<dc:language>{LANGUAGE}</dc:language>"
        "<cp:revision>1</cp:revision>"
        '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _app_props() -> str:
    return (
        f"{XML_DECL}<Properties "
        'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>Rights &amp; Responsibilities Toolkit</Application>"
        "<DocSecurity>0</DocSecurity></Properties>"
    )


# ---------------------------------------------------------------- styles


# ---------------------------------------------------------------- numbering


def _abstract_num(abstract_id: int, fmt: str, text: str, font: str | None) -> str:
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    return (
        f'<w:abstractNum w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="357" w:hanging="357"/></w:pPr>{rpr}</w:lvl>'
        "</w:abstractNum>"
    )


def numbering_xml() -> str:
    """Bullets (numId 1) and decimal numbers (numId 2); the renderer restarts numbered lists."""
    return (
        f'{XML_DECL}<w:numbering xmlns:w="{W_NS}">'
        f"{_abstract_num(0, 'bullet', '•', FONT)}"
        f"{_abstract_num(1, 'decimal', '%1.', None)}"
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        "</w:numbering>"
    )


# ---------------------------------------------------------------- document, headers, footers


def _field(instruction: str, placeholder: str) -> str:
    """A complex field with a cached result, which Word and LibreOffice both update."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{placeholder}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _story(root: str, paragraphs: str) -> str:
    return f'{XML_DECL}<w:{root} xmlns:w="{W_NS}" xmlns:r="{R_NS}">{paragraphs}</w:{root}>'


def _page_footer() -> str:
    page_x_of_y = (
        # Two tabs: the page number sits on the right; the renderer puts the organisation
        # on the left, as the PDF's footer has it.
        '<w:r><w:tab/><w:tab/><w:t xml:space="preserve">Page </w:t></w:r>'
        f"{_field('PAGE', '1')}"
        '<w:r><w:t xml:space="preserve"> of </w:t></w:r>'
        f"{_field('NUMPAGES', '1')}"
    )
    return _story("ftr", f'<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>{page_x_of_y}</w:p>')


def _empty_story(root: str, style: str) -> str:
    return _story(root, f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr></w:p>')


def _document() -> str:
    # The title page (first page) has its own empty header and footer (titlePg); the renderer
    # writes the report title into the default header, which is empty here.
    sect = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rId5"/>'
        '<w:headerReference w:type="first" r:id="rId6"/>'
        '<w:footerReference w:type="default" r:id="rId7"/>'
        '<w:footerReference w:type="first" r:id="rId8"/>'
        f'<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
        f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_SIDE}" w:bottom="{MARGIN_BOTTOM}" '
        f'w:left="{MARGIN_SIDE}" w:header="{HEADER_DISTANCE}" w:footer="{FOOTER_DISTANCE}" '
        'w:gutter="0"/><w:cols w:space="708"/><w:titlePg/>'
        '<w:docGrid w:linePitch="360"/></w:sectPr>'
    )
    return (
        f'{XML_DECL}<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        f"<w:body><w:p/>{sect}</w:body></w:document>"
    )


def _settings() -> str:
    return (
        f'{XML_DECL}<w:settings xmlns:w="{W_NS}">'
        '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        "<w:compat>"
        '<w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
        "</w:compat>"
        f'<w:themeFontLang w:val="{LANGUAGE}"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
        "</w:settings>"
    )


def _font_table() -> str:
    return (
        f'{XML_DECL}<w:fonts xmlns:w="{W_NS}">'
        f'<w:font w:name="{FONT}"><w:altName w:val="{FONT_FALLBACK}"/>'
        '<w:panose1 w:val="020B0603030804020204"/>'
        '<w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
        "</w:fonts>"
    )


def template_parts() -> list[tuple[str, str]]:
    """Every part of the package, in the order they are zipped."""
    return [
        ("[Content_Types].xml", _content_types()),
        ("_rels/.rels", _package_rels()),
        ("docProps/core.xml", _core_props()),
        ("docProps/app.xml", _app_props()),
        ("word/document.xml", _document()),
        ("word/_rels/document.xml.rels", _document_rels()),
        ("word/styles.xml", styles_xml()),
        ("word/settings.xml", _settings()),
        ("word/numbering.xml", numbering_xml()),
        ("word/fontTable.xml", _font_table()),
        ("word/header1.xml", _empty_story("hdr", "Header")),
        # The title page's header: unstyled, so the Header style's rule line does not show.
        ("word/header2.xml", _story("hdr", "<w:p/>")),
        ("word/footer1.xml", _page_footer()),
        ("word/footer2.xml", _empty_story("ftr", "Footer")),
    ]


def build_template_bytes() -> bytes:
    """The template as bytes: identical on every run (fixed timestamps and order)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, xml in template_parts():
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, xml.encode("utf-8"))
    return buffer.getvalue()


def write_template(path: Path = TEMPLATE_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(build_template_bytes())
    return path


if __name__ == "__main__":
    written = write_template(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE_PATH)
    print(f"Wrote {written}")
