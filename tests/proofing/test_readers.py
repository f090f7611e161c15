"""Reading drafts: structure, exact spans, tracked changes, and hostile files refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from app.errors import UserError
from app.proofing.document import PARAGRAPH_BREAK, Kind
from app.proofing.readers import read_draft, read_draft_bytes
from tests.proofing.wordfiles import (
    RICH_BODY,
    RICH_FOOTNOTES,
    document_xml,
    docx_bytes,
    para,
    run,
    write_docx,
)
from tests.support.office import convert_with_libreoffice


def _spans_hold(document) -> None:
    for paragraph in document.paragraphs:
        assert document.text[paragraph.start:paragraph.end] == paragraph.text
    assert document.text == PARAGRAPH_BREAK.join(p.text for p in document.paragraphs)


def test_docx_reads_body_order_structure_and_accepted_changes(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "rich.docx", RICH_BODY, footnotes=RICH_FOOTNOTES)
    document = read_draft(path)
    rows = [(p.kind, p.text, p.heading_path, p.level) for p in document.paragraphs]
    assert rows == [
        (Kind.HEADING, "Library Access Strategy", (), 0),
        (Kind.HEADING, "1. Purpose", ("Library Access Strategy",), 1),
        (Kind.PARAGRAPH, "We will widen access for all residents.",
         ("Library Access Strategy", "1. Purpose"), 0),
        (Kind.PARAGRAPH, "Targets are broken down by ethnicity.",
         ("Library Access Strategy", "1. Purpose"), 0),
        (Kind.HEADING, "Consultation", ("Library Access Strategy", "1. Purpose"), 2),
        (Kind.LIST_ITEM, "Meet community groups",
         ("Library Access Strategy", "1. Purpose", "Consultation"), 0),
        (Kind.LIST_ITEM, "Survey library users",
         ("Library Access Strategy", "1. Purpose", "Consultation"), 1),
        *[(Kind.TABLE_CELL, cell, ("Library Access Strategy", "1. Purpose", "Consultation"),
           0) for cell in ("Group", "Action", "Residents", "Hold open sessions")],
        (Kind.TEXT_BOX, "Boxed note on outreach",
         ("Library Access Strategy", "1. Purpose", "Consultation"), 0),
        (Kind.PARAGRAPH, "After the box.",
         ("Library Access Strategy", "1. Purpose", "Consultation"), 0),
        (Kind.HEADING, "2. Monitoring", ("Library Access Strategy",), 1),
        (Kind.PARAGRAPH, "Usage\tis reviewedyearly.", ("Library Access Strategy",
                                                       "2. Monitoring"), 0),
        (Kind.FOOTNOTE, "See the 2025 census tables.", (), 0),
    ]
    assert "set globally" not in document.text
    _spans_hold(document)
    assert [p.index for p in document.paragraphs] == list(range(len(document.paragraphs)))
    assert document.title() == "Library Access Strategy"
    middle = document.paragraphs[3]
    assert document.paragraph_at(middle.start + 5) is middle


def test_docx_written_by_python_docx(tmp_path: Path) -> None:
    import docx

    made = docx.Document()
    made.add_heading("Housing Strategy", 1)
    made.add_paragraph("We consulted tenants.")
    made.add_paragraph("Repairs first", style="List Bullet")
    grid = made.add_table(rows=1, cols=2)
    grid.cell(0, 0).text = "Target"
    grid.cell(0, 1).text = "500 homes"
    made.save(str(tmp_path / "made.docx"))
    document = read_draft(tmp_path / "made.docx")
    assert [(p.kind, p.text) for p in document.paragraphs] == [
        (Kind.HEADING, "Housing Strategy"), (Kind.PARAGRAPH, "We consulted tenants."),
        (Kind.LIST_ITEM, "Repairs first"), (Kind.TABLE_CELL, "Target"),
        (Kind.TABLE_CELL, "500 homes")]
    _spans_hold(document)


def test_odt_from_libreoffice_matches_the_docx(tmp_path: Path) -> None:
    source = write_docx(tmp_path / "rich.docx", RICH_BODY, footnotes=RICH_FOOTNOTES)
    odt = convert_with_libreoffice(source, "odt")
    document = read_draft(odt)
    texts = [p.text for p in document.paragraphs]
    assert "Targets are broken down by ethnicity." in texts
    assert not any("set globally" in t for t in texts)
    kinds = {p.text: p.kind for p in document.paragraphs}
    assert kinds["1. Purpose"] is Kind.HEADING
    assert kinds["Residents"] is Kind.TABLE_CELL
    assert kinds["See the 2025 census tables."] is Kind.FOOTNOTE
    _spans_hold(document)


def test_odt_lists_notes_and_spaces() -> None:
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"><office:body><office:text>'
        '<text:tracked-changes><text:changed-region><text:deletion><text:p>gone</text:p>'
        '</text:deletion></text:changed-region></text:tracked-changes>'
        '<text:h text:outline-level="2">Aims</text:h>'
        '<text:list><text:list-item><text:p>One<text:s text:c="2"/>two</text:p>'
        '<text:list><text:list-item><text:p>Nested</text:p></text:list-item></text:list>'
        '</text:list-item></text:list>'
        '<text:p>Cited<draw:frame><draw:text-box><text:p>Boxed</text:p></draw:text-box>'
        '</draw:frame><text:note><text:note-citation>1</text:note-citation><text:note-body>'
        '<text:p>The note.</text:p></text:note-body></text:note> here.</text:p>'
        '</office:text></office:body></office:document-content>')
    data = _zip({"mimetype": "application/vnd.oasis.opendocument.text",
                 "content.xml": content})
    document = read_draft_bytes(data, "aims.odt")
    assert [(p.kind, p.text, p.level) for p in document.paragraphs] == [
        (Kind.HEADING, "Aims", 2), (Kind.LIST_ITEM, "One  two", 0),
        (Kind.LIST_ITEM, "Nested", 1), (Kind.TEXT_BOX, "Boxed", 0),
        (Kind.PARAGRAPH, "Cited here.", 0),
        (Kind.FOOTNOTE, "The note.", 0)]
    _spans_hold(document)


def test_markdown_and_text(tmp_path: Path) -> None:
    (tmp_path / "d.md").write_text(
        "# Plan\n\nIntro line one\nline two.\n\n## Targets\n\n- first item\n  continued\n"
        "1. numbered\n\n| Group | Share |\n|---|---|\n| All | 5% |\n\n```\ncode BAME\n```\n",
        encoding="utf-8")
    document = read_draft(tmp_path / "d.md")
    assert [(p.kind, p.text) for p in document.paragraphs] == [
        (Kind.HEADING, "Plan"), (Kind.PARAGRAPH, "Intro line one\nline two."),
        (Kind.HEADING, "Targets"), (Kind.LIST_ITEM, "first item\ncontinued"),
        (Kind.LIST_ITEM, "numbered"), (Kind.TABLE_CELL, "Group"), (Kind.TABLE_CELL, "Share"),
        (Kind.TABLE_CELL, "All"), (Kind.TABLE_CELL, "5%")]
    assert document.paragraphs[3].heading_path == ("Plan", "Targets")
    _spans_hold(document)
    (tmp_path / "d.txt").write_bytes("\ufeff2.1 Consultation\n\nWe met\r\ngroups.\n".encode())
    plain = read_draft(tmp_path / "d.txt")
    assert [(p.kind, p.text) for p in plain.paragraphs] == [
        (Kind.HEADING, "2.1 Consultation"), (Kind.PARAGRAPH, "We met\ngroups.")]
    _spans_hold(plain)


# ---------------------------------------------------------------- hostile and wrong files


def _zip(parts: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


def _refused(data: bytes, name: str) -> str:
    with pytest.raises(UserError) as caught:
        read_draft_bytes(data, name)
    message = str(caught.value)
    assert "\n" not in message and message.endswith(".")
    return message


def test_not_a_document() -> None:
    assert "can be proofed" in _refused(b"\x89PNG....", "photo.png")
    assert "not a valid .docx" in _refused(b"just text", "draft.docx")
    assert "binary" in _refused(b"abc\0def", "notes.txt")
    no_body = _zip({"[Content_Types].xml": "<Types/>", "word/styles.xml": "<x/>"})
    assert "not a Word document" in _refused(no_body, "draft.docx")
    wrong_odf = _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                      "content.xml": "<x/>"})
    assert "not an OpenDocument text" in _refused(wrong_odf, "sheet.odt")


def test_password_protected_and_old_word() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    assert "password-protected" in _refused(ole, "secret.docx")
    assert "password-protected" in _refused(ole, "old.doc")
    encrypted = _zip({"mimetype": "application/vnd.oasis.opendocument.text",
                      "content.xml": "<x/>",
                      "META-INF/manifest.xml": "<m><encryption-data/></m>"})
    assert "password-protected" in _refused(encrypted, "secret.odt")


def test_macros_refused() -> None:
    assert "macros" in _refused(docx_bytes(para(run("Hi"))), "draft.docm")
    with_vba = docx_bytes(para(run("Hi")), extra_parts={"word/vbaProject.bin": b"\0" * 10})
    assert "macros" in _refused(with_vba, "draft.docx")
    odt_basic = _zip({"mimetype": "application/vnd.oasis.opendocument.text",
                      "content.xml": "<x/>", "Basic/Standard/Module1.xml": "<m/>"})
    assert "macros" in _refused(odt_basic, "draft.odt")


def test_entity_tricks_refused() -> None:
    laughs = ('<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY a "aaaa">'
              '<!ENTITY b "&a;&a;&a;&a;">]>' + document_xml(para(run("&b;"))).split("\n", 1)[1])
    assert "attack" in _refused(docx_bytes("", document=laughs), "laughs.docx")
    external = ('<?xml version="1.0"?><!-- hi -->\n<!DOCTYPE d [<!ENTITY x SYSTEM '
                '"file:///etc/passwd">]>' + document_xml(para(run("&x;"))).split("\n", 1)[1])
    assert "attack" in _refused(docx_bytes("", document=external), "external.docx")
    # A hostile part the reader would not even parse is refused all the same.
    hidden = docx_bytes(para(run("Hi")), extra_parts={
        "customXml/item1.xml": b'<!DOCTYPE x [<!ENTITY y "z">]><x>&y;</x>'})
    assert "attack" in _refused(hidden, "hidden.docx")


def test_zip_bomb_and_oversized_refused(tmp_path: Path) -> None:
    bomb = docx_bytes(para(run("Hi")), extra_parts={"word/media/zeros.bin": b"\0" * (30 << 20)})
    assert "zip bomb" in _refused(bomb, "bomb.docx")
    big = tmp_path / "big.txt"
    with big.open("wb") as stream:
        stream.truncate(51 << 20)
    with pytest.raises(UserError, match="larger than 50 MB"):
        read_draft(big)
    many = _zip({f"word/p{n}.xml": "<x/>" for n in range(2_100)})
    assert "parts" in _refused(many, "many.docx")


def test_missing_and_folder(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no file"):
        read_draft(tmp_path / "nothing.docx")
    with pytest.raises(UserError, match="folder"):
        read_draft(tmp_path)


def test_fast_paragraph_text_matches_the_careful_walk(tmp_path: Path) -> None:
    from lxml import etree

    from app.proofing.readers.wordml import W_P, TextReader, pieces

    image = ('<w:p><w:r><w:t>Before </w:t></w:r><w:r><w:drawing><wp:inline xmlns:wp="http://'
             'schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent/>'
             '<wp:posOffset>914400</wp:posOffset></wp:inline></w:drawing></w:r>'
             '<w:r><w:t>after.</w:t></w:r></w:p>')
    for body in (RICH_BODY, RICH_BODY + image, para(run("plain")) + image):
        data = document_xml(body).encode()
        reader = TextReader(data)
        for paragraph in etree.fromstring(data).iter(W_P):
            assert reader.text(paragraph) == "".join(t for _, t in pieces(paragraph))
    plain = document_xml(para(run("One")) + para(run("Two"))).encode()
    assert TextReader(plain).text(etree.fromstring(plain).find(f".//{W_P}")) == "One"
