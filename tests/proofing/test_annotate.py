"""The annotated copy: one Word comment per finding, anchored on exactly its words."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from lxml import etree

from app.errors import UserError
from app.proofing.annotate import write_annotated
from app.proofing.proofing import Proofer
from app.proofing.readers import read_draft
from app.proofing.readers.wordml import W_P, W, pieces
from tests.proofing.wordfiles import para, run, table, write_docx
from tests.support.office import convert_with_libreoffice

BODY = "".join([
    para(run("Community Plan"), style="Title"),
    # "hard to reach" runs across a bold run and a plain one: the runs must be split.
    para(run("We will work with "), run("hard to", bold=True), run(" reach groups and BME "),
         run("residents.")),
    # The flagged word is inside a tracked insertion.
    '<w:p><w:r><w:t xml:space="preserve">Outreach to </w:t></w:r><w:ins w:id="1" '
    'w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:t xml:space="preserve">Gypsy/Roma '
    'families</w:t></w:r></w:ins><w:del w:id="2" w:author="A" w:date="2026-01-01T00:00:00Z">'
    '<w:r><w:delText>travellers</w:delText></w:r></w:del><w:r><w:t> starts in May.</w:t>'
    "</w:r></w:p>",
    table(["Target", "Coloured people reached"]),
    '<w:p><w:r><w:t>See note.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>',
])
FOOTNOTES = ('<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Data on mixed race '
             "pupils.</w:t></w:r></w:p></w:footnote>")


def FOOTNOTES_BYTES(source: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(source) as package:
        return package.read("word/footnotes.xml")


def _proofed(tmp_path: Path):
    source = write_docx(tmp_path / "plan.docx", BODY, footnotes=FOOTNOTES)
    result = Proofer().proof_file(source)
    return source, result


def _anchored_text(data: bytes, comment_id: str) -> str:
    """The text between a comment's range start and end, in document order."""
    root = etree.fromstring(data)
    inside = False
    collected = []
    for paragraph in root.iter(W_P):
        for element in paragraph.iter():
            if element.tag == W + "commentRangeStart" and element.get(W + "id") == comment_id:
                inside = True
            elif element.tag == W + "commentRangeEnd" and element.get(W + "id") == comment_id:
                inside = False
        if any(e.get(W + "id") == comment_id for e in paragraph.iter(W + "commentRangeStart")):
            text = []
            on = False
            for element in paragraph.iter():
                if element.tag == W + "commentRangeStart" and element.get(W + "id") == comment_id:
                    on = True
                if element.tag == W + "commentRangeEnd" and element.get(W + "id") == comment_id:
                    on = False
                if on and element.tag == W + "t":
                    text.append(element.text or "")
            collected.append("".join(text))
    assert not inside
    return "".join(collected)


def test_each_finding_gets_a_comment_on_its_exact_words(tmp_path: Path) -> None:
    import zipfile

    source, result = _proofed(tmp_path)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    terms = {f.rule_id: f for f in result.findings if not f.document_level}
    assert {"hard-to-reach", "bame-bme", "slashed-groups", "coloured", "mixed-race"} <= set(terms)
    out = write_annotated(source, result.document, result.findings, tmp_path / "out.docx")
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before  # original untouched
    with zipfile.ZipFile(out) as package:
        comments = etree.fromstring(package.read("word/comments.xml"))
        parts = {name: package.read(name) for name in ("word/document.xml",
                                                       "word/footnotes.xml")}
        assert b"comments.xml" in package.read("word/_rels/document.xml.rels")
        assert b"/word/comments.xml" in package.read("[Content_Types].xml")
    listed = comments.findall(W + "comment")
    assert len(listed) == len(result.findings)
    for comment, finding in zip(listed, result.findings, strict=True):
        text = "".join(t.text or "" for t in comment.iter(W + "t"))
        assert finding.message in text and finding.source.citation in text
        anchored = _anchored_text(parts["word/document.xml"], comment.get(W + "id"))
        if result.document.paragraphs[finding.paragraph].kind == "footnote":
            # On the footnote's mark in the text, quoting the footnote's words.
            assert anchored == "" and f"In the footnote: “{finding.excerpt}”" in text
        else:
            assert anchored == finding.excerpt
    assert parts["word/footnotes.xml"] == FOOTNOTES_BYTES(source)
    # The copy reads back to the same text: comments add no words.
    again = read_draft(out)
    assert [p.text for p in again.paragraphs] == [p.text for p in result.document.paragraphs]


def test_libreoffice_opens_the_copy_with_each_comment_on_its_words(tmp_path: Path) -> None:
    source, result = _proofed(tmp_path)
    out = write_annotated(source, result.document, result.findings, tmp_path / "out.docx")
    flat = convert_with_libreoffice(out, "fodt")
    root = etree.parse(str(flat)).getroot()
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    anchored: dict[str, str] = {}
    bodies: dict[str, str] = {}
    # Walk the body in order, collecting text between each annotation and its end.
    open_names: dict[str, list[str]] = {}

    def walk(element: etree._Element) -> None:
        for child in element:
            if child.tag == f"{{{office}}}annotation":
                name = child.get(f"{{{office}}}name")
                bodies[name] = " ".join("".join(p.itertext()) for p in
                                        child.iter(f"{{{text_ns}}}p"))
                open_names[name] = []
            elif child.tag == f"{{{office}}}annotation-end":
                name = child.get(f"{{{office}}}name")
                anchored[name] = "".join(open_names.pop(name))
            else:
                if child.text:
                    for chunk in open_names.values():
                        chunk.append(child.text)
                walk(child)
            if child.tail:
                for chunk in open_names.values():
                    chunk.append(child.tail)

    walk(root.find(f"{{{office}}}body"))
    in_body = [f for f in result.findings
               if result.document.paragraphs[f.paragraph].kind != "footnote"]
    assert len(anchored) == len(result.findings)
    notes = [t for t in anchored.values() if "Data on mixed race pupils." in t]
    assert len(notes) == len(result.findings) - len(in_body)  # on the footnote's mark
    texts = sorted(t for t in anchored.values() if t not in notes)
    assert texts == sorted(f.excerpt for f in in_body), texts
    messages = " ".join(bodies.values())
    for finding in result.findings:
        assert re.sub(r"\s+", " ", finding.message) in re.sub(r"\s+", " ", messages)


def test_the_copy_never_replaces_the_draft_or_another_file(tmp_path: Path) -> None:
    source, result = _proofed(tmp_path)
    with pytest.raises(UserError):
        write_annotated(source, result.document, result.findings, source, overwrite=True)
    (tmp_path / "taken.docx").write_bytes(b"x")
    with pytest.raises(UserError, match="already exists"):
        write_annotated(source, result.document, result.findings, tmp_path / "taken.docx")
    with pytest.raises(UserError, match=r"ends in \.docx"):
        write_annotated(source, result.document, result.findings, tmp_path / "out.pdf")


def test_a_changed_draft_is_refused(tmp_path: Path) -> None:
    source, result = _proofed(tmp_path)
    write_docx(source, para(run("Something else entirely.")), footnotes=FOOTNOTES)
    with pytest.raises(UserError, match="changed since it was proofed"):
        write_annotated(source, result.document, result.findings, tmp_path / "out.docx")


def test_pieces_of_split_runs_keep_formatting(tmp_path: Path) -> None:
    import zipfile

    source, result = _proofed(tmp_path)
    out = write_annotated(source, result.document, result.findings, tmp_path / "out.docx")
    with zipfile.ZipFile(out) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    paragraph = list(root.iter(W_P))[1]
    bold = [t for e, t in pieces(paragraph) if e.getparent().find(W + "rPr") is not None]
    assert "".join(bold) == "hard to"
