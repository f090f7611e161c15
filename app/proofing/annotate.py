"""The annotated copy: the draft .docx with a Word comment anchored on each finding's text.

Each finding becomes one comment (its message, suggestion and source) anchored from a
w:commentRangeStart before the first flagged character to a w:commentRangeEnd after the
last, with the w:commentReference run after it. Where a finding starts or ends inside a
run, the run is split in two (both halves keep its formatting). The comments go into
word/comments.xml (added, with its relationship and content type, or extended when the
draft has comments already). Every other part is copied byte for byte; the draft itself is
never written to. The copy is written beside its destination and moved into place.

A paragraph's character offsets are the reader's (`wordml.pieces`), so an anchor covers
exactly the words the finding names, in tracked insertions, tables and text boxes
alike - except that a footnote's findings are anchored on the footnote's mark in
the text, because LibreOffice cannot open comments inside footnotes.
"""

from __future__ import annotations

import copy
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.proofing.document import Document
from app.proofing.errors import DraftRefused
from app.proofing.readers import xmlsafe
from app.proofing.readers.package import identify, open_package
from app.proofing.readers.wordml import W_P, W_R, W_T, W, pieces
from app.proofing.rules.rule import Finding

AUTHOR = "Race-equality proofing"
INITIALS = "REP"
DOCUMENT_PART = "word/document.xml"
FOOTNOTES_PART = "word/footnotes.xml"
COMMENTS_PART = "word/comments.xml"
RELS_PART = "word/_rels/document.xml.rels"
TYPES_PART = "[Content_Types].xml"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_PARTS = (DOCUMENT_PART, FOOTNOTES_PART, COMMENTS_PART, RELS_PART, TYPES_PART)


def write_annotated(source: Path | str, document: Document, findings: Sequence[Finding],
                    destination: Path | str, *, overwrite: bool = False,
                    when: datetime | None = None) -> Path:
    """Write the annotated copy of `source` (the .docx `document` was read from) to
    `destination`; returns the path written. Raises a `UserError` with a sentence."""
    from app.destinations import (
        check_destination,
        commit_partial,
        partial_path_for,
        write_failed,
    )

    source = Path(source)
    target = check_destination(destination, suffix=".docx", forbidden=[source],
                               overwrite=overwrite)
    if target == Path(source).resolve():
        raise DraftRefused("The annotated copy cannot replace the draft itself; choose "
                           "another name.")
    data = source.read_bytes()
    parts = annotated_parts(data, source.name, document, findings, when=when)
    partial = partial_path_for(target)
    try:
        _write_zip(data, parts, partial)
        commit_partial(partial, target, overwrite=overwrite)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise write_failed(target, error) from error
    return target


def annotated_parts(data: bytes, name: str, document: Document,
                    findings: Sequence[Finding], *,
                    when: datetime | None = None) -> dict[str, bytes]:
    """The parts of the .docx `data` that change, with their new bytes."""
    draft = identify(data, name)
    if draft.format != "docx":
        raise DraftRefused(f"“{name}” is not a Word document, so it cannot carry Word "
                           "comments. Save it as .docx first.")
    parts = open_package(draft, _PARTS)
    trees: dict[str, Any] = {}
    by_paragraph: dict[tuple[str, int], list[tuple[int, Finding]]] = defaultdict(list)
    comments_root = (xmlsafe.parse(parts[COMMENTS_PART], name) if COMMENTS_PART in parts
                     else _new_comments())
    next_id = 1 + max((int(c.get(W + "id", "0")) for c in comments_root.iter(W + "comment")
                       if (c.get(W + "id") or "").lstrip("-").isdigit()), default=-1)
    for finding in findings:
        paragraph = document.paragraphs[finding.paragraph]
        if paragraph.source is None or paragraph.source.part not in parts:
            raise DraftRefused(f"The findings for “{name}” do not come from this Word "
                               "document; proof it again and retry.")
        by_paragraph[(paragraph.source.part, paragraph.source.ordinal)].append(
            (next_id, finding))
        in_footnote = paragraph.source.part == FOOTNOTES_PART
        comments_root.append(_comment(next_id, finding, when, in_footnote=in_footnote))
        next_id += 1
    body = trees[DOCUMENT_PART] = xmlsafe.parse(parts[DOCUMENT_PART], name)
    for (part, ordinal), items in by_paragraph.items():
        if part not in trees:
            trees[part] = xmlsafe.parse(parts[part], name)
        elements = _paragraph_elements(trees[part])
        paragraph = document.paragraphs[items[0][1].paragraph]
        if ordinal >= len(elements) or _text(elements[ordinal]) != paragraph.text:
            raise DraftRefused(f"“{name}” has changed since it was proofed; proof it again "
                               "and retry.")
        if part == FOOTNOTES_PART:
            # LibreOffice will not open comments inside footnotes, so a footnote's finding
            # is anchored on the footnote's mark in the text (the comment quotes the words).
            _anchor_on_reference(body, elements[ordinal], [cid for cid, _ in items])
        else:
            _anchor(elements[ordinal], [(cid, f.start - paragraph.start,
                                         f.end - paragraph.start) for cid, f in items])
    changed = {part: _serialise(tree) for part, tree in trees.items()
               if part != FOOTNOTES_PART}
    if findings:
        changed[COMMENTS_PART] = _serialise(comments_root)
        changed.update(_register_comments(parts, name))
    return changed


# ---------------------------------------------------------------- anchoring


def _paragraph_elements(root: Any) -> list[Any]:
    # The same numbering as the reader's `Source.ordinal`: every w:p in document order.
    return list(root.iter(W_P))


def _text(paragraph: Any) -> str:
    return "".join(text for _, text in pieces(paragraph))


def _spans(paragraph: Any) -> list[tuple[Any, int, int]]:
    """(element, start, end) of each text piece, offsets within the paragraph's text."""
    out = []
    offset = 0
    for element, text in pieces(paragraph):
        out.append((element, offset, offset + len(text)))
        offset += len(text)
    return out


def _anchor(paragraph: Any, ranges: list[tuple[int, int, int]]) -> None:
    """Put comment ranges (id, start, end) round exact offsets of one paragraph."""
    for boundary in sorted({b for _, start, end in ranges for b in (start, end)}):
        for element, start, end in _spans(paragraph):
            if start < boundary < end:
                _split_run(element, boundary - start)
                break
    for comment_id, start, end in ranges:
        spans = _spans(paragraph)
        usable = [(e, s, f) for e, s, f in spans if f > s and _run(e) is not None]
        first = next(e for e, s, _ in usable if s == start)
        last = [e for e, _, f in usable if f == end][-1]
        first_run, last_run = _run(first), _run(last)
        first_run.addprevious(_marker("commentRangeStart", comment_id))
        end_marker = _marker("commentRangeEnd", comment_id)
        last_run.addnext(end_marker)
        end_marker.addnext(_reference_run(comment_id))


def _anchor_on_reference(body: Any, footnote_paragraph: Any, comment_ids: list[int]) -> None:
    footnote = next(footnote_paragraph.iterancestors(W + "footnote"), None)
    number = footnote.get(W + "id") if footnote is not None else None
    mark = next((r for r in body.iter(W + "footnoteReference") if r.get(W + "id") == number),
                None)
    run = _run(mark) if mark is not None else None
    if run is None:
        return  # a footnote nothing cites: its comments are in the list, unanchored
    for comment_id in comment_ids:
        run.addprevious(_marker("commentRangeStart", comment_id))
        end_marker = _marker("commentRangeEnd", comment_id)
        run.addnext(end_marker)
        end_marker.addnext(_reference_run(comment_id))


def _run(element: Any) -> Any:
    parent = element.getparent()
    return parent if parent is not None and parent.tag == W_R else None


def _split_run(element: Any, at: int) -> None:
    """Split the run holding text element `element` after its `at`-th character."""
    run = _run(element)
    if run is None or element.tag != W_T:
        return
    text = element.text or ""
    second = copy.deepcopy(run)
    for child in list(second):
        if child.tag != W + "rPr":
            second.remove(child)
    moving = False
    for child in list(run):
        if child is element:
            moving = True
            continue
        if moving:
            second.append(child)  # moves it out of the first run
    tail = second.makeelement(W_T, {})
    tail.text = text[at:]
    tail.set(XML_SPACE, "preserve")
    properties = second.find(W + "rPr")
    if properties is not None:
        properties.addnext(tail)
    else:
        second.insert(0, tail)
    element.text = text[:at]
    element.set(XML_SPACE, "preserve")
    run.addnext(second)


def _marker(kind: str, comment_id: int) -> Any:
    from lxml import etree

    return etree.Element(W + kind, {W + "id": str(comment_id)})


def _reference_run(comment_id: int) -> Any:
    from lxml import etree

    run = etree.Element(W_R)
    etree.SubElement(run, W + "commentReference", {W + "id": str(comment_id)})
    return run


# ---------------------------------------------------------------- the comments part


def _new_comments() -> Any:
    from lxml import etree

    return etree.Element(W + "comments", nsmap={"w": W[1:-1]})


def _comment(comment_id: int, finding: Finding, when: datetime | None, *,
             in_footnote: bool = False) -> Any:
    from lxml import etree

    moment = (when or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    comment = etree.Element(W + "comment", {W + "id": str(comment_id), W + "author": AUTHOR,
                                            W + "date": moment, W + "initials": INITIALS})
    lines = [f"{finding.severity.value.capitalize()}: {finding.message}"]
    if in_footnote:
        lines.insert(0, f"In the footnote: “{finding.excerpt}”")
    if finding.suggestion:
        lines.append(f"Suggestion: {finding.suggestion}")
    lines.append(f"Source: {finding.source.text()} [rule {finding.rule_id}]")
    for line in lines:
        paragraph = etree.SubElement(comment, W_P)
        text = etree.SubElement(etree.SubElement(paragraph, W_R), W_T)
        text.text = line
        text.set(XML_SPACE, "preserve")
    return comment


def _register_comments(parts: dict[str, bytes], name: str) -> dict[str, bytes]:
    """The relationship and content type for comments.xml, when the draft lacks them."""
    changed = {}
    from lxml import etree

    if RELS_PART in parts:
        rels = xmlsafe.parse(parts[RELS_PART], name)
    else:
        rels = etree.Element(f"{{{PACKAGE_RELS}}}Relationships", nsmap={None: PACKAGE_RELS})
    if not any(r.get("Type") == COMMENTS_REL for r in rels):
        used = {r.get("Id") for r in rels}
        number = 1
        while f"rIdProof{number}" in used:
            number += 1
        etree.SubElement(rels, f"{{{PACKAGE_RELS}}}Relationship",
                         {"Id": f"rIdProof{number}", "Type": COMMENTS_REL,
                          "Target": "comments.xml"})
        changed[RELS_PART] = _serialise(rels)
    types = xmlsafe.parse(parts[TYPES_PART], name)
    if not any(t.get("PartName") == "/" + COMMENTS_PART for t in types):
        etree.SubElement(types, f"{{{CONTENT_TYPES}}}Override",
                         {"PartName": "/" + COMMENTS_PART, "ContentType": COMMENTS_TYPE})
        changed[TYPES_PART] = _serialise(types)
    return changed


def _serialise(root: Any) -> bytes:
    from lxml import etree

    # Office programs want the declaration in double quotes, as they write it.
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' + bytes(
        etree.tostring(root, encoding="UTF-8"))


def _write_zip(original: bytes, changed: dict[str, bytes], path: Path) -> None:
    import io

    with zipfile.ZipFile(io.BytesIO(original)) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        for info in source.infolist():
            data = changed.get(info.filename)
            target.writestr(info, data if data is not None else source.read(info.filename),
                            compress_type=zipfile.ZIP_DEFLATED)
        for name, data in changed.items():
            if name not in names:
                target.writestr(name, data)

