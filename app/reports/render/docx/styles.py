"""Find the styles the Word renderer needs in a template, with fallbacks and warnings.

A user's own template may lack some of our styles. Word materialises a built-in style
(Heading 3, Caption, List Bullet...) the first time it is used, so for those we do the same:
copy the toolkit's definition in. For the toolkit's own styles (Note, Table Text...) we fall
back to Normal, or to direct formatting where plain Normal would lose the meaning. Either
way the user gets one plain sentence per style, and only for styles the report really uses.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache

from docx.oxml import parse_xml
from lxml import etree

from app.reports.render.docx.template_styles import styles_xml
from app.reports.render.docx.xml import W_NS

_W = f"{{{W_NS}}}"


@dataclass(frozen=True)
class Role:
    """A style the renderer uses: its Word name, what it is for, and how to fall back."""

    name: str  # Word's internal name: "heading 1", "caption", "Note"
    label: str  # how users see it in Word: "Heading 1", "Caption", "Note"
    kind: str = "paragraph"  # paragraph, character or table
    builtin: bool = False  # built-in: copy our definition in when missing
    purpose: str = ""  # "notes use Normal": completes the warning sentence
    fallback_rpr: str = ""  # direct run formatting when falling back to Normal


ROLES: dict[str, Role] = {
    role.name.lower(): role
    for role in (
        Role("Title", "Title", builtin=True),
        Role("Subtitle", "Subtitle", builtin=True),
        *(Role(f"heading {n}", f"Heading {n}", builtin=True) for n in range(1, 5)),
        Role("caption", "Caption", builtin=True),
        Role("List Bullet", "List Bullet", builtin=True),
        Role("List Number", "List Number", builtin=True),
        Role("Hyperlink", "Hyperlink", kind="character", builtin=True),
        Role("TOC Heading", "TOC Heading", builtin=True),
        Role("toc 1", "TOC 1", builtin=True),
        Role("toc 2", "TOC 2", builtin=True),
        Role("Note", "Note", purpose="notes use Normal"),
        Role(
            "Table Text",
            "Table Text",
            purpose="table cells use Normal",
            fallback_rpr='<w:sz w:val="18"/><w:szCs w:val="18"/>',
        ),
        Role(
            "Key Figure Value",
            "Key Figure Value",
            purpose="key figures use Normal in large bold type",
            fallback_rpr='<w:b/><w:bCs/><w:sz w:val="40"/><w:szCs w:val="40"/>',
        ),
        Role("Key Figure Label", "Key Figure Label", purpose="key figure labels use Normal"),
        Role(
            "Title Page Organisation",
            "Title Page Organisation",
            purpose="the organisation on the title page uses Normal in bold",
            fallback_rpr="<w:b/><w:bCs/>",
        ),
        Role(
            "Title Page Detail",
            "Title Page Detail",
            purpose="the date, author and version on the title page use Normal",
        ),
        Role("header", "Header", builtin=True),
        Role(
            "Report Table",
            "Report Table",
            kind="table",
            purpose="tables are drawn with plain borders and a shaded header row",
        ),
    )
}


@dataclass(frozen=True)
class Resolved:
    """How to apply a role: a style id (None means Normal) plus any direct formatting."""

    style_id: str | None
    fallback_rpr: str = ""


@lru_cache(maxsize=1)
def _toolkit_styles() -> dict[str, etree._Element]:
    """The toolkit's own style definitions by lower-case name, parsed once per process."""
    root = etree.fromstring(styles_xml().encode("utf-8"))
    return {
        style.find(f"{_W}name").get(f"{_W}val").lower(): style for style in root.iter(f"{_W}style")
    }


class StyleSheet:
    """Resolves roles against one document's styles part, adding warnings as it goes."""

    def __init__(self, styles_element: etree._Element) -> None:
        self._styles = styles_element
        self._by_name: dict[tuple[str, str], str] = {}
        self._defaults: dict[str, str] = {}
        for style in styles_element.iter(f"{_W}style"):
            name_el = style.find(f"{_W}name")
            kind = style.get(f"{_W}type", "paragraph")
            style_id = style.get(f"{_W}styleId", "")
            if name_el is not None:
                self._by_name.setdefault((kind, name_el.get(f"{_W}val", "").lower()), style_id)
            if style.get(f"{_W}default") in ("1", "true", "on"):
                self._defaults.setdefault(kind, style_id)
        self._resolved: dict[str, Resolved] = {}
        self.warnings: list[str] = []

    @property
    def element(self) -> etree._Element:
        """The document's w:styles element (list numbering reads list styles from it)."""
        return self._styles

    # ------------------------------------------------------------ lookups

    def style_id(self, name: str) -> str | None:
        """The id of the style for a role, resolving (and warning) on first use."""
        return self.resolve(name).style_id

    def resolve(self, name: str) -> Resolved:
        key = name.lower()
        found = self._resolved.get(key)
        if found is None:
            found = self._resolve(ROLES[key])
            self._resolved[key] = found
        return found

    def has(self, name: str, kind: str = "paragraph") -> bool:
        return (kind, name.lower()) in self._by_name

    def _resolve(self, role: Role) -> Resolved:
        existing = self._by_name.get((role.kind, role.name.lower()))
        if existing:
            return Resolved(existing)
        if role.builtin:
            added = self._add_toolkit_style(role)
            self.warnings.append(
                f"Your template has no '{role.label}' style, so the toolkit's own "
                f"{role.label} style was added."
            )
            return Resolved(added)
        self.warnings.append(f"Your template has no '{role.label}' style, so {role.purpose}.")
        return Resolved(None, role.fallback_rpr)

    # ------------------------------------------------------------ copying built-ins

    def _add_toolkit_style(self, role: Role) -> str:
        """Copy the toolkit's definition of a built-in style into this document."""
        style = copy.deepcopy(_toolkit_styles()[role.name.lower()])
        style_id = self._unique_id(style.get(f"{_W}styleId"))
        style.set(f"{_W}styleId", style_id)
        self._relink(style, role.kind)
        # Lists get their numbering from the renderer, so a copied list style must not point
        # at numbering definitions that only exist in the toolkit's template.
        for num_pr in style.iter(f"{_W}numPr"):
            num_pr.getparent().remove(num_pr)
        self._styles.append(style)
        self._by_name[(role.kind, role.name.lower())] = style_id
        return style_id

    def _unique_id(self, wanted: str) -> str:
        taken = {s.get(f"{_W}styleId") for s in self._styles.iter(f"{_W}style")}
        candidate, n = wanted, 1
        while candidate in taken:
            n += 1
            candidate = f"{wanted}{n}"
        return candidate

    def _relink(self, style: etree._Element, kind: str) -> None:
        """Point basedOn/next at this template's defaults; drop links it cannot honour."""
        default_para = self._defaults.get("paragraph")
        default_char = self._defaults.get("character")
        for tag in ("basedOn", "next", "link"):
            el = style.find(f"{_W}{tag}")
            if el is None:
                continue
            replacement = None
            if tag != "link":
                replacement = default_char if kind == "character" else default_para
            if replacement:
                el.set(f"{_W}val", replacement)
            else:
                style.remove(el)

    # ------------------------------------------------------------ language

    def set_language(self, language: str) -> None:
        """Mark the document's default text (and Normal) with the report's language."""
        doc_defaults = self._styles.find(f"{_W}docDefaults")
        if doc_defaults is None:
            doc_defaults = parse_xml(f'<w:docDefaults xmlns:w="{W_NS}"/>')
            self._styles.insert(0, doc_defaults)
        targets = [_rpr_of(doc_defaults, "rPrDefault")]
        normal = self._defaults.get("paragraph")
        for style in self._styles.iter(f"{_W}style"):
            if style.get(f"{_W}styleId") == normal and style.get(f"{_W}type") == "paragraph":
                rpr = style.find(f"{_W}rPr")
                if rpr is not None and rpr.find(f"{_W}lang") is not None:
                    targets.append(rpr)
        for rpr in targets:
            _set_lang(rpr, language)


def _rpr_of(doc_defaults: etree._Element, holder: str) -> etree._Element:
    el = doc_defaults.find(f"{_W}{holder}")
    if el is None:
        el = etree.SubElement(doc_defaults, f"{_W}{holder}")
        doc_defaults.insert(0, el)  # rPrDefault comes before pPrDefault
    rpr = el.find(f"{_W}rPr")
    if rpr is None:
        rpr = etree.SubElement(el, f"{_W}rPr")
    return rpr


# Elements that must follow w:lang inside w:rPr (schema order).
_AFTER_LANG = {f"{_W}{tag}" for tag in ("eastAsianLayout", "specVanish", "oMath")}


def _set_lang(rpr: etree._Element, language: str) -> None:
    lang = rpr.find(f"{_W}lang")
    if lang is None:
        lang = etree.Element(f"{_W}lang")
        later = [child for child in rpr if child.tag in _AFTER_LANG]
        if later:
            later[0].addprevious(lang)
        else:
            rpr.append(lang)
    # Only the Latin-script language: a template's East Asian or bidi setting stays.
    lang.set(f"{_W}val", language)
