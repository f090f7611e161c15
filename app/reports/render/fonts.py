"""The embedded font family shared by PDF pages and chart drawings.

The 14 standard PDF fonts only cover Latin-1, so a Polish, Turkish or Vietnamese name would
print as black boxes and extract as rubbish. We register DejaVu Sans (shipped in
`resources/fonts/`, see the README there) as one family so `<b>` and `<i>` in reportlab's
mini-markup map to the right faces; reportlab embeds a subset of each face it uses.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from app.errors import UserError
from app.paths import resource

FONT_DIR = resource("fonts")  # found beside the executable in installed builds too

FAMILY = "RRTSans"


@dataclass(frozen=True)
class FontNames:
    regular: str = FAMILY
    bold: str = f"{FAMILY}-Bold"
    italic: str = f"{FAMILY}-Italic"
    bold_italic: str = f"{FAMILY}-BoldItalic"


FONTS = FontNames()

_FILES = {
    FONTS.regular: "DejaVuSans.ttf",
    FONTS.bold: "DejaVuSans-Bold.ttf",
    FONTS.italic: "DejaVuSans-Oblique.ttf",
    FONTS.bold_italic: "DejaVuSans-BoldOblique.ttf",
}

_lock = threading.Lock()
_registered = False


class FontsMissingError(UserError):
    """The shipped fonts are missing or unreadable; the message says how to restore them."""


def font_file(filename: str) -> Path:
    """Where one shipped font file lives (one place, so tests can make the fonts vanish)."""
    return FONT_DIR / filename


def register_fonts() -> FontNames:
    """Register the family once per process (exports may run on a worker thread)."""
    global _registered
    if _registered:
        return FONTS
    with _lock:
        if _registered:
            return FONTS
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name, filename in _FILES.items():
            path = font_file(filename)
            if not path.is_file():
                raise FontsMissingError(
                    f"The font file {filename} is missing from {path.parent}. "
                    "Reinstall the toolkit to restore it."
                )
            try:
                face = TTFont(name, str(path))
            except Exception as error:  # reportlab's TTFError, or OSError: damaged or unreadable
                raise FontsMissingError(
                    f"The font file {filename} in {path.parent} could not be read. "
                    "Reinstall the toolkit to restore it."
                ) from error
            pdfmetrics.registerFont(face)
        pdfmetrics.registerFontFamily(
            FAMILY,
            normal=FONTS.regular,
            bold=FONTS.bold,
            italic=FONTS.italic,
            boldItalic=FONTS.bold_italic,
        )
        # Paragraph markup looks faces up through these mappings, not the family record.
        addMapping(FAMILY, 0, 0, FONTS.regular)
        addMapping(FAMILY, 1, 0, FONTS.bold)
        addMapping(FAMILY, 0, 1, FONTS.italic)
        addMapping(FAMILY, 1, 1, FONTS.bold_italic)
        _registered = True
    return FONTS


def normalise_text(text: str) -> str:
    """NFC-normalise user text.

    Text pasted from macOS or the web may spell "ễ" as e + two combining marks; reportlab
    does no mark positioning, so the marks would collide. The precomposed forms are in the
    font, and NFC turns every Vietnamese, Polish and Turkish letter into one of them.
    """
    return unicodedata.normalize("NFC", text)
