"""The toolkit's house look for Word documents: colours, font, page geometry, language.

Shared by the template builder and the renderer, so a table drawn without the template's
table style (a user's template lacks it) still uses the same colours.
"""

from __future__ import annotations

# House colours: a dark navy for headings, a pale blue-grey for table headers.
NAVY = "1F3A5F"
GREY_TEXT = "4D4D4D"
HEADER_FILL = "DCE6F0"
GROUP_FILL = "EEF2F6"
BORDER = "9AA8B8"
# The family the PDF embeds and the chart images are drawn in, so a Word file, its charts
# and the PDF of the same report look alike. Word without DejaVu Sans installed falls back
# to FONT_FALLBACK, a sans serif of similar width that every Windows and Mac has.
FONT = "DejaVu Sans"
FONT_FALLBACK = "Verdana"

# A4 with 2 cm side margins: 17 cm (9638 twips) of usable width suits four-column tables.
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = 1134, 1247, 1247
HEADER_DISTANCE = FOOTER_DISTANCE = 624
USABLE_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE

LANGUAGE = "en-GB"

XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
