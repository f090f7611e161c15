"""The third-party components this copy of the app is built from, with their versions and
licences, for Help › About (and for anyone checking what an installer carries).

Versions and licences are read from each installed package's metadata at run time, so
they are the ones actually shipped; the licence written here is used only where a package
does not state one in a short form (or its metadata is missing).
"""

from __future__ import annotations

import platform
from dataclasses import dataclass
from importlib import metadata

# (distribution name, what it does for the app, its licence if the metadata has none)
PACKAGES: tuple[tuple[str, str, str], ...] = (
    ("PySide6-Essentials", "Qt for Python: the windows (Qt 6)", "LGPL-3.0-only"),
    ("shiboken6", "Qt for Python's bindings", "LGPL-3.0-only"),
    ("SQLAlchemy", "reads and writes the workbook", "MIT"),
    ("alembic", "upgrades older workbooks", "MIT"),
    ("Mako", "used by alembic", "MIT"),
    ("python-docx", "Word reports", "MIT"),
    ("lxml", "Word's XML", "BSD-3-Clause"),
    ("reportlab", "PDF reports", "BSD-3-Clause"),
    ("rl_accel", "faster PDFs", "BSD-3-Clause"),
    ("openpyxl", "Excel reports and framework spreadsheets", "MIT"),
    ("et_xmlfile", "used by openpyxl", "MIT"),
    ("pypdfium2", "charts for Word (PDFium)", "BSD-3-Clause AND Apache-2.0"),
    ("Pillow", "chart pictures", "MIT-CMU"),
    ("PyYAML", "framework files", "MIT"),
    ("pydantic", "checks framework files", "MIT"),
    ("pydantic_core", "used by pydantic", "MIT"),
    ("platformdirs", "where settings and logs go", "MIT"),
    ("typing_extensions", "used by several of these", "PSF-2.0"),
)
LONGEST_LICENCE_TEXT = 60  # a longer License field is the licence's text, not its name
_CLASSIFIER = "License :: OSI Approved :: "


@dataclass(frozen=True)
class Component:
    name: str
    version: str  # "" when this copy does not carry the package's metadata
    licence: str
    purpose: str


def licence_of(meta: metadata.PackageMetadata | None, fallback: str) -> str:
    """The licence a package's metadata states, in its shortest form, or `fallback`."""
    if meta is None:
        return fallback
    expression = _field(meta, "License-Expression")
    if expression:
        return expression
    text = _field(meta, "License")
    if text and "\n" not in text and len(text) <= LONGEST_LICENCE_TEXT and "see " not in text:
        return text
    classifiers = [c.removeprefix(_CLASSIFIER) for c in meta.get_all("Classifier") or []
                   if c.startswith(_CLASSIFIER)]
    return classifiers[0] if classifiers else fallback


def _field(meta: metadata.PackageMetadata, key: str) -> str:
    return str(meta[key] or "").strip() if key in meta else ""


def bundled_components() -> list[Component]:
    """Python itself, then each package, as installed here."""
    found = [Component("Python", platform.python_version(), "PSF-2.0", "runs the app")]
    for name, purpose, fallback in PACKAGES:
        try:
            meta: metadata.PackageMetadata | None = metadata.metadata(name)
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            meta, version = None, ""
        found.append(Component(name, version, licence_of(meta, fallback), purpose))
    found.append(Component("DejaVu fonts", "2.37", "Bitstream Vera (free)",
                           "the fonts of PDF reports (resources/fonts)"))
    return found
