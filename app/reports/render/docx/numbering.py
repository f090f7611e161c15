"""Bullets and numbered lists for the Word renderer.

Where the template's "List Bullet" / "List Number" styles carry numbering, we use it so a
user's own list look survives. Each numbered list gets a fresh w:num with a start override,
so the second list in a report starts at 1 again instead of carrying on from the first.
A template without numbering gets the toolkit's definitions added.
"""

from __future__ import annotations

from typing import cast

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.parts.document import DocumentPart
from docx.parts.numbering import NumberingPart
from lxml import etree

from app.reports.render.docx.theme import FONT
from app.reports.render.docx.xml import W_NS

_W = f"{{{W_NS}}}"


class ListNumbering:
    """Hands out numIds for bullet items and for each new numbered list."""

    def __init__(self, part: DocumentPart, styles: etree._Element) -> None:
        self._part = part
        self._styles = styles
        self._numbering: etree._Element | None = None
        self._bullet_num: int | None = None
        self._decimal_abstract: int | None = None
        self._last_num_id: int | None = None

    # ------------------------------------------------------------ public

    def bullet_num_id(self, style_id: str | None) -> int | None:
        """numId to put on a bullet item, or None when the style's own numbering applies."""
        if self._style_num_id(style_id) is not None:
            return None
        if self._bullet_num is None:
            abstract = self._add_abstract("bullet", "•", FONT)
            self._bullet_num = self._add_num(abstract, restart=False)
        return self._bullet_num

    def new_numbered_list(self, style_id: str | None) -> int:
        """A numId for one numbered list, restarting at 1."""
        abstract = self._abstract_of(self._style_num_id(style_id))
        if abstract is None:
            if self._decimal_abstract is None:
                self._decimal_abstract = self._add_abstract("decimal", "%1.", None)
            abstract = self._decimal_abstract
        return self._add_num(abstract, restart=True)

    # ------------------------------------------------------------ template lookups

    def _style_num_id(self, style_id: str | None) -> int | None:
        """The numId a paragraph style applies, if it names one that really exists."""
        if style_id is None:
            return None
        for style in self._styles.iter(f"{_W}style"):
            if style.get(f"{_W}styleId") != style_id:
                continue
            num = style.find(f"{_W}pPr/{_W}numPr/{_W}numId")
            if num is None:
                return None
            num_id = _int(num.get(f"{_W}val"))
            return num_id if num_id and self._abstract_of(num_id) is not None else None
        return None

    def _abstract_of(self, num_id: int | None) -> int | None:
        if not num_id:
            return None
        for num in self._root().iter(f"{_W}num"):
            if _int(num.get(f"{_W}numId")) == num_id:
                abstract = num.find(f"{_W}abstractNumId")
                return None if abstract is None else _int(abstract.get(f"{_W}val"))
        return None

    # ------------------------------------------------------------ adding definitions

    def _root(self) -> etree._Element:
        if self._numbering is None:
            self._numbering = self._numbering_part()._element
        return self._numbering

    def _numbering_part(self) -> NumberingPart:
        try:
            related = self._part.part_related_by(RT.NUMBERING)
        except KeyError:
            # python-docx cannot create a numbering part itself (NumberingPart.new raises).
            package = self._part.package
            partname = package.next_partname("/word/numbering%d.xml")
            element = parse_xml(f'<w:numbering xmlns:w="{W_NS}"/>')
            numbering = NumberingPart(partname, CT.WML_NUMBERING, element, package)
            self._part.relate_to(numbering, RT.NUMBERING)
            return numbering
        # The numbering relationship always leads to a numbering part in a .docx.
        return cast(NumberingPart, related)

    def _add_abstract(self, fmt: str, text: str, font: str | None) -> int:
        root = self._root()
        ids = [_int(a.get(f"{_W}abstractNumId")) or 0 for a in root.iter(f"{_W}abstractNum")]
        abstract_id = max(ids, default=-1) + 1
        rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
        element = parse_xml(
            f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}">'
            '<w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="357" w:hanging="357"/></w:pPr>{rpr}</w:lvl></w:abstractNum>'
        )
        # Schema order: every abstractNum comes before the first num.
        first_num = root.find(f"{_W}num")
        if first_num is not None:
            first_num.addprevious(element)
        else:
            root.append(element)
        return abstract_id

    def _add_num(self, abstract_id: int, *, restart: bool) -> int:
        root = self._root()
        if self._last_num_id is None:  # scan once; later ids simply count up
            ids = (_int(n.get(f"{_W}numId")) or 0 for n in root.iter(f"{_W}num"))
            self._last_num_id = max(ids, default=0)
        self._last_num_id += 1
        num = etree.Element(f"{_W}num")
        num.set(f"{_W}numId", str(self._last_num_id))
        etree.SubElement(num, f"{_W}abstractNumId").set(f"{_W}val", str(abstract_id))
        if restart:
            override = etree.SubElement(num, f"{_W}lvlOverride")
            override.set(f"{_W}ilvl", "0")
            etree.SubElement(override, f"{_W}startOverride").set(f"{_W}val", "1")
        later = root.find(f"{_W}numIdMacAtCleanup")  # the one element allowed after nums
        if later is not None:
            later.addprevious(num)
        else:
            root.append(num)
        return self._last_num_id


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
