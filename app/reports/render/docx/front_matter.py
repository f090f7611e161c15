"""What a reader finds a Word report by: its title page lines, heading styles and bookmarks,
and the contents (a TOC field whose cached result already lists the headings)."""

from __future__ import annotations

from collections.abc import Iterator

from app.reports.model.formatting import UNTITLED, title_page_details
from app.reports.model.outline import CONTENTS_DEPTH
from app.reports.model.report import TitlePage
from app.reports.render.docx.xml import run

_BOOKMARK_ID_BASE = 9000  # clear of any bookmark ids a user's template may hold
MAX_HEADING_LEVEL = 4  # the template defines Heading 1–4; deeper sections use Heading 4


def title_page_lines(page: TitlePage) -> list[tuple[str, str]]:
    """The title page as (style name, text), top to bottom."""
    lines: list[tuple[str, str]] = []
    if page.organisation:
        lines.append(("Title Page Organisation", page.organisation))
    lines.append(("Title", page.title or UNTITLED))
    if page.subtitle:
        lines.append(("Subtitle", page.subtitle))
    lines.extend(("Title Page Detail", line) for line in title_page_details(page))
    return lines


def heading_style(level: int) -> str:
    return f"heading {min(level, MAX_HEADING_LEVEL)}"


def bookmark_names(count: int) -> list[str]:
    """The bookmarks the contents link to, one per listed heading in order."""
    return [f"_Toc{_BOOKMARK_ID_BASE + i}" for i in range(count)]


def bookmarked(content: str, index: int, name: str) -> str:
    """A heading's runs inside the bookmark the contents' entry `index` links to."""
    mark = _BOOKMARK_ID_BASE + index
    return (
        f'<w:bookmarkStart w:id="{mark}" w:name="{name}"/>'
        f'{content}<w:bookmarkEnd w:id="{mark}"/>'
    )


def contents_paragraphs(
    entries: list[tuple[int, str]], names: list[str]
) -> Iterator[tuple[str, str]]:
    """The contents' entries as (style name, paragraph content), linked to `names`.

    Word (References › Update Table, or F9) and LibreOffice (Update Index) refresh the field
    and add page numbers; until then it still names every heading and links to it, because
    page numbers depend on Word's own layout and a guessed number would mislead.
    """
    field_start = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> TOC \\o "1-{CONTENTS_DEPTH}" \\h \\z \\u '
        '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    for index, ((level, title), name) in enumerate(zip(entries, names, strict=True)):
        page_ref = (
            '<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> PAGEREF {name} \\h </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )
        link = (
            f'<w:hyperlink w:anchor="{name}" w:history="1">{run(title)}{page_ref}'
            "</w:hyperlink>"
        )
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if index == len(entries) - 1 else ""
        yield f"toc {level}", (field_start if index == 0 else "") + link + end
