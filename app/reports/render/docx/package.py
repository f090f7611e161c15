"""Opening templates, document-wide settings and atomic saving for the Word renderer.

Everything that touches the .docx package rather than the body lives here: checking that
a user's template really is a usable Word file (with a plain sentence when it is not),
emptying its body, reading its page geometry, setting document properties, filling the
running header, and writing the result so that a cancelled or failed export leaves nothing
behind.
"""

from __future__ import annotations

import io
import os
import warnings
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml import parse_xml
from lxml import etree

from app.archives import (
    ArchiveError,
    ArchiveLimits,
    DamagedArchive,
    HostileXml,
    open_guarded_zip,
)
from app.reports.export.atomic_file import atomic_output
from app.reports.export.result import ReportTemplateError
from app.reports.model.report import Report
from app.reports.render.docx import template as docx_template
from app.reports.render.docx import theme as docx_theme
from app.reports.render.docx.xml import NSDECLS, W_NS, esc
from app.reports.render.safe_text import WORD_PROPERTY_LIMIT, fit

_W = f"{{{W_NS}}}"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc files and password-protected .docx
# A Word template is a few hundred kilobytes: these limits leave room for pictures, and
# anything beyond them is not a template (it may be a zip bomb).
TEMPLATE_LIMITS = ArchiveLimits(
    max_file_bytes=100 * 1024 * 1024, max_total_bytes=200 * 1024 * 1024,
    max_entry_bytes=100 * 1024 * 1024, max_entries=2_000, max_xml_bytes=50 * 1024 * 1024,
)
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_DOCUMENT_TYPE = f"{_WML}.document.main+xml"
_TEMPLATE_TYPE = f"{_WML}.template.main+xml"
_MACRO_TYPES = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


# ---------------------------------------------------------------- templates


def open_template(template: Path | None) -> Document:
    """The template as a python-docx Document, or ReportTemplateError with one sentence."""
    if template is None:
        shipped = docx_template.TEMPLATE_PATH
        # The shipped file is generated code; build it in memory if an install lost it.
        data = shipped.read_bytes() if shipped.is_file() else docx_template.build_template_bytes()
        return docx.Document(io.BytesIO(data))
    data = _checked_template_bytes(Path(template))
    try:
        document = docx.Document(io.BytesIO(data))
        _ = document.styles.element, document.element.body  # parse now, not mid-render
    except Exception as exc:  # python-docx raises many kinds; the user needs one sentence
        raise template_damaged(Path(template)) from exc
    if document.element.body is None:
        raise template_damaged(Path(template))
    return document


def template_damaged(path: Path) -> ReportTemplateError:
    return ReportTemplateError(
        f"The template “{path.name}” is not a Word document or is damaged; "
        "choose a .docx or .dotx file saved from Word, or use the built-in template."
    )


def _checked_template_bytes(path: Path) -> bytes:
    """The template's bytes once the guarded reader has checked every part of them."""
    try:
        with open_guarded_zip(path, limits=TEMPLATE_LIMITS) as archive:
            archive.check()
            data = archive.data
    except DamagedArchive as exc:
        if _is_ole(path):
            raise _old_word_file(path) from None
        raise template_damaged(path) from exc
    except HostileXml as exc:
        raise ReportTemplateError(
            f"The template “{path.name}” contains XML that Word would never write and "
            "may be harmful; choose another template or use the built-in one."
        ) from exc
    except ArchiveError as exc:  # over a size or count limit: its sentence names the file
        raise ReportTemplateError(str(exc)) from exc
    except FileNotFoundError:
        raise ReportTemplateError(
            f"The template “{path.name}” could not be found; choose it again or use the "
            "built-in template."
        ) from None
    except OSError as exc:
        raise ReportTemplateError(
            f"The template “{path.name}” could not be read; check it is not open in another "
            "program and try again."
        ) from exc
    # Checked: every part inflates within the limits and its XML is free of DTDs and
    # entities, so zipfile and python-docx may read the same bytes from here on.
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return _as_document_package(path, package, data)


def _is_ole(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(_OLE_MAGIC)) == _OLE_MAGIC
    except OSError:
        return False


def _old_word_file(path: Path) -> ReportTemplateError:
    return ReportTemplateError(
        f"The template “{path.name}” is an older Word (.doc) file or is protected by a "
        "password; save it from Word as a .docx without a password and choose it again."
    )


def _as_document_package(path: Path, package: zipfile.ZipFile, data: bytes) -> bytes:
    """Check the kind; a .dotx is relabelled as a document so python-docx opens it."""
    try:
        types = package.read("[Content_Types].xml").decode("utf-8")
    except (KeyError, UnicodeDecodeError) as exc:
        raise template_damaged(path) from exc
    if any(kind in types for kind in _MACRO_TYPES):
        raise ReportTemplateError(
            f"The template “{path.name}” contains macros; save it from Word as a .docx or "
            ".dotx without macros and choose it again."
        )
    if _TEMPLATE_TYPE not in types:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as relabelled:
        for info in package.infolist():
            content = package.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = types.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE).encode("utf-8")
            # A fresh ZipInfo: writestr() rewrites the sizes and CRC of the one it is given.
            relabelled.writestr(zipfile.ZipInfo(info.filename, info.date_time), content)
    return out.getvalue()


def clear_body(document: Document) -> None:
    """Remove the template's content but keep its final section (page setup, headers)."""
    body = document.element.body
    for child in list(body):
        if child.tag != f"{_W}sectPr":
            body.remove(child)


# ---------------------------------------------------------------- geometry


def usable_width_twips(document: Document) -> int:
    """Text width of the last section, per column, in twips; A4 defaults if unset."""
    sect = document.element.body.find(f"{_W}sectPr")
    page = docx_theme.PAGE_WIDTH
    left = right = docx_theme.MARGIN_SIDE
    columns, gap = 1, 0
    if sect is not None:
        page = _twips(sect, "pgSz", "w", page)
        left = _twips(sect, "pgMar", "left", left)
        right = _twips(sect, "pgMar", "right", right)
        columns = max(1, _twips(sect, "cols", "num", 1))
        gap = _twips(sect, "cols", "space", 720) if columns > 1 else 0
    width = (page - left - right - gap * (columns - 1)) // columns
    # A nonsense page setup must not produce negative or microscopic tables.
    return width if width >= 2000 else docx_theme.USABLE_WIDTH


def _twips(sect: etree._Element, tag: str, attr: str, default: int) -> int:
    el = sect.find(f"{_W}{tag}")
    value = None if el is None else el.get(f"{_W}{attr}")
    try:
        return int(float(value)) if value is not None else default
    except ValueError:
        return default


# ---------------------------------------------------------------- document-wide settings


def set_core_properties(document: Document, report: Report) -> None:
    props = document.core_properties
    page = report.title_page
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    # Word keeps each core property to 255 characters (python-docx refuses longer ones).
    props.title = fit(report.title, WORD_PROPERTY_LIMIT)
    props.subject = fit(report.subject, WORD_PROPERTY_LIMIT)
    props.author = fit(page.author, WORD_PROPERTY_LIMIT)
    props.last_modified_by = fit(page.author, WORD_PROPERTY_LIMIT)
    props.language = fit(report.language, WORD_PROPERTY_LIMIT)
    props.version = fit(page.version, WORD_PROPERTY_LIMIT)
    props.comments = ""  # a user template's own description would be wrong for the report
    props.keywords = ""
    props.created = now
    props.modified = now
    props.revision = 1


def fill_running_header(document: Document, title: str, style_id: str | None) -> None:
    """Put the report title in the default header, but only where the template left it blank.

    A header with a logo, text or fields is the organisation's own design and is kept.
    """
    sections = document.sections
    if not len(sections):
        return
    header = sections[-1].header
    if header.is_linked_to_previous:
        return
    element = header._element
    if _has_content(element):
        return
    for child in list(element):
        element.remove(child)
    pstyle = f'<w:pStyle w:val="{style_id}"/>' if style_id else ""
    element.append(
        parse_xml(
            f"<w:p {NSDECLS}><w:pPr>{pstyle}</w:pPr>"
            f'<w:r><w:t xml:space="preserve">{esc(title)}</w:t></w:r></w:p>'
        )
    )


def fill_footer_organisation(document: Document, organisation: str) -> None:
    """Put the organisation on the left of the footer, as the PDF does, where the template
    left that place empty (its footer paragraph starts with a tab)."""
    sections = document.sections
    if not organisation or not len(sections):
        return
    footer = sections[-1].footer
    if footer.is_linked_to_previous:
        return
    first = footer._element.find(f"{_W}p")
    run = first.find(f"{_W}r") if first is not None else None
    if run is None or not len(run):
        return
    lead = [child for child in run if child.tag != f"{_W}rPr"]
    if not lead or lead[0].tag != f"{_W}tab":
        return
    run.addprevious(
        parse_xml(f'<w:r {NSDECLS}><w:t xml:space="preserve">{esc(organisation)}</w:t></w:r>')
    )


def _has_content(story: etree._Element) -> bool:
    for el in story.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == f"{_W}t" and (el.text or "").strip():
            return True
        if tag.rsplit("}", 1)[-1] in ("drawing", "pict", "object", "fldSimple", "instrText"):
            return True
    return False


# ---------------------------------------------------------------- saving


def save_atomically(
    document: Document, out_path: Path, is_cancelled: Callable[[], bool] | None
) -> None:
    """Save beside `out_path`, then rename over it: never a half-written file.

    A cancel that arrives during the save still wins: the temporary file is removed and any
    existing file at `out_path` is left exactly as it was.
    """
    # Serialised in memory first: if a part of a user's template cannot be written,
    # python-docx stops mid-archive and its zip writer must not be left on a closed file.
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # duplicate names: refused just below
        document.save(buffer)
    with zipfile.ZipFile(buffer) as written:
        names = written.namelist()
    if len(set(names)) != len(names):
        # A template whose relationships are broken makes python-docx add a part under a
        # name the template already uses; Word would refuse the result.
        raise ValueError("the saved package has two parts with one name")
    with atomic_output(out_path, is_cancelled) as temp, temp.open("wb") as stream:
        stream.write(buffer.getbuffer())
        stream.flush()
        os.fsync(stream.fileno())
