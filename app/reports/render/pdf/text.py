"""Fast layout for paragraphs of plain or lightly emphasised text.

reportlab's Paragraph parses its mini-markup and breaks lines with a general engine (images,
hyphenation, bidi, justification, autoLeading...) that costs about ten times as much per
word once a paragraph mixes styles. Report prose is one style with at most a bold, italic
or link run, so `TextFlow` lays it out straight from the model's spans.

It applies the rules reportlab applies to our styles, so pages come out the same: words
split at spaces, a space takes the font of the run it was typed in, lines are filled
greedily with reportlab's space shrinkage (a line that needs it is drawn with its spaces
shrunk), the first baseline sits one font size below the top, paragraphs split across
pages without widows or orphans, links are underlined and clickable over their words.
Anything else (a line break in the text, soft hyphens or unusual spaces, a word wider than
the column, an indented, centred or justified style) goes to reportlab's `Para`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Flowable

from app.logging_setup import get_logger
from app.reports.model.report import Span
from app.reports.render.pdf.markup import Para, clean_text, inline_markup, safe_url, span_markup
from app.reports.render.pdf.styles import LINK

log = get_logger("reports.pdf")

_FUZZ = 1e-6  # as platypus: narrower than this is no room at all
# Whitespace other than the plain space, and soft hyphens: reportlab treats these specially.
_SPECIAL = re.compile(r"[^\S ]|\xad")
# Link underline and clickable box, in font sizes from the baseline (reportlab's defaults).
_UNDERLINE_OFFSET = -0.125
_LINK_LOW, _LINK_HIGH = -0.2, 1.0

Piece = tuple[int, str, float]  # run index, text, width
WidthOf = Callable[[str, float], float]  # (text, font size) -> width in points


class Measure:
    """String widths for one export, cached per font and size: words repeat a lot."""

    def __init__(self) -> None:
        self._tables: dict[tuple[str, float], tuple[dict[str, float], WidthOf]] = {}
        self._faces: dict[tuple[str, bool, bool], str] = {}

    def table(self, font: str, size: float) -> tuple[dict[str, float], WidthOf]:
        key = (font, size)
        found = self._tables.get(key)
        if found is None:
            found = self._tables[key] = ({}, getFont(font).stringWidth)
        return found

    def width(self, text: str, font: str, size: float) -> float:
        cache, measure = self.table(font, size)
        found = cache.get(text)
        if found is None:
            found = cache[text] = measure(text, size)
        return found

    def face(self, base: str, bold: bool, italic: bool) -> str:
        """The face reportlab's <b> and <i> pick inside a style whose font is `base`."""
        if not (bold or italic):
            return base
        key = (base, bold, italic)
        name = self._faces.get(key)
        if name is None:
            family, b, i = ps2tt(base)
            name = self._faces[key] = tt2ps(family, b | bold, i | italic)
        return name


def style_supported(style: ParagraphStyle) -> bool:
    """Whether TextFlow reproduces everything `style` asks for."""
    return bool(
        style.alignment == TA_LEFT
        and not (style.leftIndent or style.rightIndent or style.firstLineIndent)
        and not getattr(style, "bulletText", None)
        and not style.backColor
        and not (style.borderWidth and style.borderColor)
        and getattr(style, "autoLeading", "") in ("", "off", None)
        and not style.wordWrap
        and not style.shaping
        and not style.endDots
        and not style.textTransform
        and not style.hyphenationLang
        and not style.uriWasteReduce
        and not style.embeddedHyphenation
        and style.splitLongWords
    )


class _Run:
    """How one stretch of text is drawn; `span` rebuilds its markup for the fallback."""

    __slots__ = ("bold", "color", "font", "href", "italic", "link")

    def __init__(self, font: str, color, href: str | None, span: Span) -> None:
        self.font = font
        self.color = color
        self.href = href
        self.bold, self.italic, self.link = span.bold, span.italic, span.link


# TextFlow copies reportlab's line breaking as of this minor series; checked by the tests
# that compare it with Paragraph line for line. Another series may break lines differently.
VERIFIED_REPORTLAB = (5, 1)
_fallback_logged = False


def reportlab_version() -> str:
    import reportlab

    return str(reportlab.Version)


def textflow_verified() -> bool:
    """Whether the installed reportlab is one TextFlow was verified against; logs once if not."""
    global _fallback_logged
    version = reportlab_version()
    try:
        series = tuple(int(part) for part in version.split(".")[:2])
    except ValueError:  # "5.2a1" and the like: unknown, so not verified
        series = ()
    if series == VERIFIED_REPORTLAB:
        return True
    if not _fallback_logged:
        _fallback_logged = True
        log.warning(
            "reportlab %s is not the verified %d.%d series: PDF body text uses reportlab's "
            "own Paragraph (correct, a little slower).", version, *VERIFIED_REPORTLAB
        )
    return False


def text_flow(spans: Iterable[Span], style: ParagraphStyle, measure: Measure) -> Flowable:
    """The paragraph as a TextFlow, or as a Para when it needs reportlab's full engine."""
    spans = tuple(spans)
    flow = TextFlow.from_spans(spans, style, measure) if textflow_verified() else None
    if flow is not None:
        return flow
    return Para(inline_markup(spans), style)


class _Mixed:
    """The runs of a paragraph that mixes them, as flat lists (no object per word).

    `word_run[i]` is the run of word i, or -1 if the word changes run mid-way; its pieces
    (run, text, width) are then in `pieces[i]`. `gap_width[i]` and `gap_run[i]` describe the
    space after word i (a space takes the font of the run it was typed in).
    """

    __slots__ = ("gap_run", "gap_width", "pieces", "word_run")

    def __init__(self, word_run, pieces, gap_width, gap_run) -> None:
        self.word_run: list[int] = word_run
        self.pieces: dict[int, list[Piece]] = pieces
        self.gap_width: list[float] = gap_width
        self.gap_run: list[int] = gap_run

    def part(self, first: int, end: int) -> _Mixed:
        pieces = {i - first: p for i, p in self.pieces.items() if first <= i < end}
        return _Mixed(
            self.word_run[first:end],
            pieces,
            self.gap_width[first : end - 1],
            self.gap_run[first : end - 1],
        )

    def runs_used(self) -> set[int]:
        used = {run for run in self.word_run if run >= 0}
        used.update(index for pieces in self.pieces.values() for index, _, _ in pieces)
        used.update(self.gap_run)
        return used


class TextFlow(Flowable):
    """A left-aligned paragraph of runs in one size. Make one with `text_flow`.

    Words are parallel lists of texts and widths. A paragraph in one run (most of them)
    needs nothing else but the width of a space; one mixing runs also has a `_Mixed`.
    """

    def __init__(
        self,
        style: ParagraphStyle,
        runs: list[_Run],
        texts: list[str],
        widths: list[float],
        measure: Measure,
        *,
        space: float = 0.0,
        mixed: _Mixed | None = None,
        glued: list[bool] | None = None,
    ) -> None:
        super().__init__()
        self.style = style
        self._runs = runs
        self._texts = texts
        self._widths = widths
        self._measure = measure
        self._space = space  # one run: the width of every space
        self._mixed = mixed
        # After wrap: the first word of each line, and each line's spare width.
        self._starts: list[int] = []
        self._spares: list[float] = []
        self._wrapped_at: float | None = None
        self._para: Para | None = None  # reportlab's engine, for what TextFlow does not do
        # A word wider than the line is laid out as pieces; glued[i] says word i continues
        # the one before without a space; `_whole_words` joins them up for another width.
        self._glued = glued
        self._cut_at: float | None = None  # the line width the pieces were cut for

    # ------------------------------------------------------------ construction

    @classmethod
    def from_spans(
        cls, spans: Sequence[Span], style: ParagraphStyle, measure: Measure
    ) -> TextFlow | None:
        """None if the text or the style needs reportlab's full paragraph engine."""
        if not style_supported(style):
            return None
        runs: list[_Run] = []
        index_of: dict[tuple, int] = {}
        parts: list[tuple[int, str]] = []
        for n, span in enumerate(spans):
            text = clean_text(span.text)
            if not text:
                continue
            if _SPECIAL.search(text):
                return None
            href = safe_url(span.link) if span.link else None
            # Text in the same style is one run; every link is a link of its own.
            key = (bool(span.bold), bool(span.italic), href, n if href else -1)
            index = index_of.get(key)
            if index is None:
                try:
                    font = measure.face(style.fontName, bool(span.bold), bool(span.italic))
                except ValueError:  # a font outside a registered family
                    return None
                index = index_of[key] = len(runs)
                runs.append(_Run(font, LINK if href else style.textColor, href, span))
            if parts and parts[-1][0] == index:  # looks the same as the run before
                parts[-1] = (index, parts[-1][1] + text)
            else:
                parts.append((index, text))
        if len(runs) == 1:
            return cls._one_run(style, runs, parts[0][1], measure)
        return cls._of_parts(style, runs, parts, measure) if runs else None

    @classmethod
    def _one_run(
        cls, style: ParagraphStyle, runs: list[_Run], text: str, measure: Measure
    ) -> TextFlow | None:
        texts = text.split()  # only plain spaces are left in the text
        if not texts:
            return None  # an empty paragraph: leave reportlab's rules for it alone
        size = style.fontSize
        cache, measure_text = measure.table(runs[0].font, size)
        for word in texts:
            if word not in cache:
                cache[word] = measure_text(word, size)
        if " " not in cache:
            cache[" "] = measure_text(" ", size)
        widths = [cache[word] for word in texts]
        return cls(style, runs, texts, widths, measure, space=cache[" "])

    @classmethod
    def _of_parts(
        cls,
        style: ParagraphStyle,
        runs: list[_Run],
        parts: list[tuple[int, str]],
        measure: Measure,
    ) -> TextFlow | None:
        size = style.fontSize
        texts: list[str] = []
        widths: list[float] = []
        word_run: list[int] = []
        pieces: dict[int, list[Piece]] = {}
        gap_width: list[float] = []
        gap_run: list[int] = []
        open_word = False  # the last word may go on (no space since it)
        gap = -1  # the run of the first space after the last word, once there is one
        spaces = [measure.width(" ", run.font, size) for run in runs]
        for index, text in parts:
            cache, measure_text = measure.table(runs[index].font, size)
            for n, token in enumerate(text.split(" ")):
                if n:  # a space came before this token
                    open_word = False
                    if gap < 0:
                        gap = index
                if not token:
                    continue
                width = cache.get(token)
                if width is None:
                    width = cache[token] = measure_text(token, size)
                if open_word:  # the word goes on in another run
                    i = len(texts) - 1
                    if i not in pieces:
                        pieces[i] = [(word_run[i], texts[i], widths[i])]
                        word_run[i] = -1
                    pieces[i].append((index, token, width))
                    texts[i] += token
                    widths[i] += width  # summed piece by piece, as reportlab does
                    continue
                if texts:
                    gap_width.append(spaces[gap])
                    gap_run.append(gap)
                texts.append(token)
                widths.append(width)
                word_run.append(index)
                open_word, gap = True, -1
        if not texts:
            return None
        mixed = _Mixed(word_run, pieces, gap_width, gap_run)
        return cls(style, runs, texts, widths, measure, mixed=mixed)

    def _part(self, first: int, end: int, lines: int) -> TextFlow:
        """Words first..end as a paragraph of their own (`lines` of them at the split)."""
        texts, widths = self._texts[first:end], self._widths[first:end]
        if self._mixed is None:
            flow = TextFlow(self.style, self._runs, texts, widths, self._measure, space=self._space)
            if self._glued is not None:
                glued = self._glued[first:end]
                glued[0] = False  # a part starts with a word of its own
                flow._glued = glued
                flow._cut_at = self._cut_at  # cut already: the next page reuses the pieces
            return flow
        mixed = self._mixed.part(first, end)
        used = mixed.runs_used()
        if lines == 1 and len(used) == 1:
            # reportlab makes the part of a split from its lines' pieces: one line in one run
            # is a one-style paragraph again, with that arithmetic and link geometry.
            run = self._runs[used.pop()]
            space = self._measure.width(" ", run.font, self.style.fontSize)
            return TextFlow(self.style, [run], texts, widths, self._measure, space=space)
        return TextFlow(self.style, self._runs, texts, widths, self._measure, mixed=mixed)

    def _mixed_view(self) -> _Mixed:
        """The runs as a `_Mixed`, made up for a paragraph in one run."""
        if self._mixed is not None:
            return self._mixed
        n = len(self._texts)
        return _Mixed([0] * n, {}, [self._space] * (n - 1), [0] * (n - 1))

    # ------------------------------------------------------------ line breaking

    def _break(self, max_width: float) -> tuple[list[int], list[float]] | None:
        """Greedy lines as (first word of each, spare width of each); None if a word is
        wider than the line (reportlab would split it across lines)."""
        widths = self._widths
        if max(widths) > max_width:
            return None
        shrink = self.style.spaceShrinkage
        starts = [0]
        spares: list[float] = []
        first = 0
        if self._mixed is None:
            # reportlab's single-style arithmetic, same sums in the same order.
            space = self._space
            d_shrink = shrink * space
            current = -space
            for i, width in enumerate(widths):
                new = current + space + width
                if new > max_width + d_shrink * (i - first) and i > first:
                    starts.append(i)
                    spares.append(max_width - current)
                    first, current = i, width
                else:
                    current = new
        else:
            # reportlab's mixed-style arithmetic: the pending space and the spaces already
            # on the line may shrink.
            gap_width = self._mixed.gap_width
            current = 0.0
            space = 0.0  # the space before word i
            on_line = 0.0
            for i, width in enumerate(widths):
                new = current + space + width
                if new > max_width + (space + on_line) * shrink and i > first:
                    starts.append(i)
                    spares.append(max_width - current)
                    first, current, on_line = i, width, 0.0
                else:
                    if i > first:
                        on_line += space
                    current = new
                space = gap_width[i] if i < len(gap_width) else 0.0
        spares.append(max_width - current)
        return starts, spares

    def _break_wide_words(self, max_width: float) -> tuple[list[int], list[float]] | None:
        """Lines for a one-run paragraph with words wider than the line, cut into pieces.

        reportlab re-measures an over-long word character by character every time the
        paragraph is split across a page, which makes a long unbroken string quadratic; here
        each character is measured once (cached) and each piece once. Like reportlab, the
        first piece fills the rest of its line and the others whole lines. None (reportlab
        then lays it out) when a piece would still not fit, e.g. in a very narrow column.
        """
        texts, widths = self._texts, self._widths
        cache, measure_text = self._measure.table(self._runs[0].font, self.style.fontSize)
        size, space = self.style.fontSize, self._space
        out_texts: list[str] = []
        out_widths: list[float] = []
        glued: list[bool] = []
        line: float | None = None  # width of the line so far; None at the start of a line
        for word, width in zip(texts, widths, strict=True):
            if width <= max_width:
                if line is None or line + space + width > max_width:
                    line = width
                else:
                    line += space + width
                out_texts.append(word)
                out_widths.append(width)
                glued.append(False)
                continue
            room = max_width if line is None else max_width - line - space
            for n, (piece, piece_width) in enumerate(
                _cut_word(word, room, max_width, cache, measure_text, size)
            ):
                out_texts.append(piece)
                out_widths.append(piece_width)
                glued.append(n > 0)
                line = piece_width
        self._cut_at = max_width
        self._texts, self._widths, self._glued = out_texts, out_widths, glued
        lines = self._break(max_width)
        if lines is None or not self._pieces_start_lines(lines[0]):
            self._texts, self._widths, self._glued = texts, widths, None
            return None
        return lines

    def _join_pieces(self) -> None:
        """Back to whole words, for a line width other than the one the pieces were cut for."""
        if self._glued is not None:
            self._texts, self._widths = _whole_words(self._texts, self._widths, self._glued)
            self._glued = None

    def _pieces_start_lines(self, starts: list[int]) -> bool:
        """A continued piece must start a line, or a space would appear inside its word."""
        if self._glued is None:
            return True
        first = set(starts)
        return all(i in first for i, joined in enumerate(self._glued) if joined)

    def _line_ranges(self) -> Iterable[tuple[int, int, float]]:
        starts = self._starts
        return zip(starts, [*starts[1:], len(self._texts)], self._spares, strict=True)

    # ------------------------------------------------------------ fallback

    def _fallback(self) -> Para:
        if self._para is None:
            self._para = Para(self._markup(), self.style)
        return self._para

    def _markup(self) -> str:
        """The text as paragraph markup, one tag per stretch of a run."""
        stretches: list[list] = []  # [run index, text]

        def add(index: int, text: str) -> None:
            if stretches and stretches[-1][0] == index:
                stretches[-1][1] += text
            else:
                stretches.append([index, text])

        mixed = self._mixed_view()
        for i, text in enumerate(self._texts):
            if i:
                add(mixed.gap_run[i - 1], " ")
            if mixed.word_run[i] >= 0:
                add(mixed.word_run[i], text)
            else:
                for index, piece, _ in mixed.pieces[i]:
                    add(index, piece)
        runs = self._runs
        return "".join(
            span_markup(Span(text, runs[i].bold, runs[i].italic, runs[i].link))
            for i, text in stretches
        )

    # ------------------------------------------------------------ flowable protocol

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._para is not None:
            self.width, self.height = self._para.wrap(avail_width, avail_height)
            return self.width, self.height
        if avail_width < _FUZZ:
            return 0, 0x7FFFFFFF
        if self._wrapped_at != avail_width:
            if self._cut_at != avail_width:  # pieces cut for another width: whole words again
                self._join_pieces()
            lines = self._break(avail_width)
            if lines is not None and not self._pieces_start_lines(lines[0]):
                self._join_pieces()
                lines = self._break(avail_width)
            if lines is None and self._mixed is None:
                lines = self._break_wide_words(avail_width)
            if lines is None:
                self.width, self.height = self._fallback().wrap(avail_width, avail_height)
                return self.width, self.height
            (self._starts, self._spares), self._wrapped_at = lines, avail_width
        self.width = avail_width
        self.height = len(self._starts) * self.style.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self._para is None and self._wrapped_at != avail_width:
            self.wrap(avail_width, avail_height)
        if self._para is not None:
            parts = self._para.split(avail_width, avail_height)
            entry = getattr(self, "outline_entry", None)
            if entry is not None and len(parts) > 1:  # a heading is bookmarked where it starts
                parts[0].outline_entry = entry
            return parts
        if avail_width < _FUZZ or avail_height < _FUZZ:
            return []
        style = self.style
        fit = int(avail_height / float(style.leading))
        if (not style.allowOrphans and fit <= 1) or fit == 0:
            return []
        n = len(self._starts)
        if n <= fit:
            return [self]
        if not style.allowWidows and n == fit + 1:
            if (style.allowOrphans and n == 3) or n > 3:
                fit -= 1  # give the widow some company
            else:
                return []
        cut = self._starts[fit]
        head = self._part(0, cut, fit)
        tail = self._part(cut, len(self._texts), n - fit)
        if self._mixed is None:  # greedy lines from a line start are the same again: reuse them
            tail._starts = [start - cut for start in self._starts[fit:]]
            tail._spares, tail._wrapped_at = self._spares[fit:], avail_width
        head._starts, head._spares = self._starts[:fit], self._spares[:fit]
        head._wrapped_at, head.width, head.height = avail_width, avail_width, fit * style.leading
        entry = getattr(self, "outline_entry", None)
        if entry is not None:  # a heading is bookmarked where it starts
            head.outline_entry = entry
        return [head, tail]

    def getPlainText(self, identify=None) -> str:
        if self._glued is None:
            return " ".join(self._texts)
        return " ".join(_whole_words(self._texts, self._widths, self._glued)[0])

    def minWidth(self) -> float:
        return max(self._widths)

    def draw(self) -> None:
        if self._para is not None:
            self._para.drawOn(self.canv, 0, 0)
            return
        size, leading = self.style.fontSize, self.style.leading
        text = self.canv.beginText(0, self.height - size)
        if self._mixed is None:
            run = self._runs[0]
            text.setFont(run.font, size, leading)
            text.setFillColor(run.color)
            texts = self._texts
            baseline = self.height - size
            for first, end, spare in self._line_ranges():
                if spare < -1e-8 and end - first > 1:  # fits only with its spaces shrunk
                    text.setWordSpace(spare / (end - first - 1))
                    text.textLine(" ".join(texts[first:end]))
                    text.setWordSpace(0)
                else:
                    text.textLine(" ".join(texts[first:end]))
                if run.href:  # all one link: reportlab's one-style geometry (box, line length)
                    low = baseline - size / 8
                    box = (low, low + leading)
                    self._link(run.href, 0.0, self.width - spare, baseline, box)
                baseline -= leading
        else:
            self._draw_mixed(text, size, leading)
        self.canv.drawText(text)

    def _link(
        self, href: str, start: float, stop: float, baseline: float, box: tuple, left=None
    ) -> None:
        """Underline a link's words from `start` to `stop` and make them clickable from `left`
        (default `start`) between the box's bottom and top, as reportlab does."""
        canv = self.canv
        canv.setStrokeColor(LINK)
        under = baseline + _UNDERLINE_OFFSET * self.style.fontSize
        canv.line(start, under, stop, under)
        left = start if left is None else left
        canv.linkURL(href, (left, box[0], stop, box[1]), relative=1)

    def _draw_mixed(self, text, size: float, leading: float) -> None:
        runs, texts, widths = self._runs, self._texts, self._widths
        mixed = self._mixed_view()
        word_run, gap_width, gap_run = mixed.word_run, mixed.gap_width, mixed.gap_run
        baseline = self.height - size
        font = color = None
        for first, end, spare in self._line_ranges():
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
                    self._link(run.href, start, stop, baseline, box, start - spaces * word_space)
            if shrunk:
                text.setWordSpace(0)
            baseline -= leading


def _cut_word(
    word: str, room: float, max_width: float, cache: dict[str, float], measure_text, size: float
) -> Iterable[tuple[str, float]]:
    """`word` as pieces: the first fits `room`, the rest `max_width` (one pass, linear)."""
    limit = room
    start, total = 0, 0.0
    for i, char in enumerate(word):
        char_width = cache.get(char)
        if char_width is None:
            char_width = cache[char] = measure_text(char, size)
        if total + char_width > limit - _FUZZ:  # a margin for sums vs one measurement
            if i == start:  # not even one character fits the rest of the line: next line
                if limit < max_width:
                    limit = max_width
                    if total + char_width <= limit - _FUZZ:
                        total += char_width
                        continue
                # one character wider than a whole line: let the line breaker give up
            else:
                piece = word[start:i]
                yield piece, measure_text(piece, size)
                start, total, limit = i, 0.0, max_width
        total += char_width
    piece = word[start:]
    yield piece, measure_text(piece, size)


def _whole_words(
    texts: list[str], widths: list[float], glued: list[bool]
) -> tuple[list[str], list[float]]:
    """Pieces of cut words joined up again (widths summed), in one pass."""
    groups: list[list[int]] = []
    for i, joined in enumerate(glued):
        if joined and groups:
            groups[-1].append(i)
        else:
            groups.append([i])
    out_texts = ["".join(texts[i] for i in group) for group in groups]
    out_widths = [sum(widths[i] for i in group) for group in groups]
    return out_texts, out_widths
