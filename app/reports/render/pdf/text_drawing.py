"""Drawing TextFlow's laid-out lines on the canvas: fonts, shrunk spaces, links' underlines."""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from app.reports.render.pdf.styles import LINK
from app.reports.render.pdf.words import Mixed, Run

# Link underline and clickable box, in font sizes from the baseline (reportlab's defaults).
_UNDERLINE_OFFSET = -0.125
_LINK_LOW, _LINK_HIGH = -0.2, 1.0

LineRanges = Iterable[tuple[int, int, float]]  # first word, word after the last, spare width


def draw_lines(
    canv: Canvas,
    style: ParagraphStyle,
    runs: list[Run],
    texts: list[str],
    widths: list[float],
    mixed: Mixed | None,
    lines: LineRanges,
    width: float,
    height: float,
) -> None:
    """Draw the lines of words in a box `width` by `height` at the canvas origin."""
    size, leading = style.fontSize, style.leading
    text = canv.beginText(0, height - size)
    if mixed is None:
        run = runs[0]
        text.setFont(run.font, size, leading)
        text.setFillColor(run.color)
        baseline = height - size
        for first, end, spare in lines:
            if spare < -1e-8 and end - first > 1:  # fits only with its spaces shrunk
                text.setWordSpace(spare / (end - first - 1))
                text.textLine(" ".join(texts[first:end]))
                text.setWordSpace(0)
            else:
                text.textLine(" ".join(texts[first:end]))
            if run.href:  # all one link: reportlab's one-style geometry (box, line length)
                low = baseline - size / 8
                box = (low, low + leading)
                _link(canv, size, run.href, 0.0, width - spare, baseline, box)
            baseline -= leading
    else:
        _draw_mixed(canv, text, size, leading, runs, texts, widths, mixed, lines, height)
    canv.drawText(text)


def _link(
    canv: Canvas,
    size: float,
    href: str,
    start: float,
    stop: float,
    baseline: float,
    box: tuple,
    left=None,
) -> None:
    """Underline a link's words from `start` to `stop` and make them clickable from `left`
    (default `start`) between the box's bottom and top, as reportlab does."""
    canv.setStrokeColor(LINK)
    under = baseline + _UNDERLINE_OFFSET * size
    canv.line(start, under, stop, under)
    left = start if left is None else left
    canv.linkURL(href, (left, box[0], stop, box[1]), relative=1)


def _draw_mixed(
    canv: Canvas,
    text: PDFTextObject,
    size: float,
    leading: float,
    runs: list[Run],
    texts: list[str],
    widths: list[float],
    mixed: Mixed,
    lines: LineRanges,
    height: float,
) -> None:
    word_run, gap_width, gap_run = mixed.word_run, mixed.gap_width, mixed.gap_run
    baseline = height - size
    font = color = None
    for first, end, spare in lines:
        # A line that only fits by shrinking its spaces is drawn with them shrunk.
        shrunk = spare < -1e-8 and end - first > 1
        word_space = spare / (end - first - 1) if shrunk else 0.0
        if shrunk:
            text.setWordSpace(word_space)
        # Stretches of one run: [run, text, start x, x after its words, spaces before].
        stretches: list[list] = []
        x = 0.0
        for i in range(first, end):
            if i > first:
                index = gap_run[i - 1]
                if stretches[-1][0] == index:
                    stretches[-1][1] += " "
                else:
                    stretches.append([index, " ", x, x, i - 1 - first])
                x += gap_width[i - 1] + word_space
            run_index = word_run[i]
            word = ((run_index, texts[i], widths[i]),) if run_index >= 0 else mixed.pieces[i]
            for index, piece, width in word:
                if stretches and stretches[-1][0] == index:
                    stretches[-1][1] += piece
                else:
                    stretches.append([index, piece, x, x, i - first])
                x += width
                stretches[-1][3] = x
        # A space typed at the start of a run that falls at a line end: reportlab keeps
        # it on this line as an empty piece of that run (an empty link, if a link).
        if end < len(texts) and gap_run[end - 1] != stretches[-1][0]:
            stretches.append([gap_run[end - 1], "", x, x, end - 1 - first])
        last = len(stretches) - 1
        for k, (index, chunk, start, stop, spaces) in enumerate(stretches):
            run = runs[index]
            if chunk:
                if run.font != font:
                    font = run.font
                    text.setFont(font, size, leading)
                if run.color is not color:
                    color = run.color
                    text.setFillColor(color)
                if k == last or (k == last - 1 and not stretches[last][1]):
                    text.textLine(chunk)
                else:
                    text.textOut(chunk)
            if run.href:  # underlined and clickable over its words only
                if word_space:  # where reportlab puts the ends on a line of shrunk spaces
                    stop += -word_space if k == last else word_space * chunk.endswith(" ")
                box = (baseline + _LINK_LOW * size, baseline + _LINK_HIGH * size)
                _link(canv, size, run.href, start, stop, baseline, box, start - spaces * word_space)
        if shrunk:
            text.setWordSpace(0)
        baseline -= leading
