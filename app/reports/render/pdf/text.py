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

This module is the flowable (wrap, split across pages, fall back); `words` turns spans
into measured words, `wrapping` breaks them into lines and `text_drawing` draws the lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from app.logging_setup import get_logger
from app.reports.model.report import Span
from app.reports.render.pdf.markup import Para, inline_markup
from app.reports.render.pdf.measure import Measure
from app.reports.render.pdf.text_drawing import draw_lines
from app.reports.render.pdf.words import (
    Mixed,
    Run,
    mixed_words,
    one_run_words,
    runs_and_parts,
    words_markup,
)
from app.reports.render.pdf.wrapping import (
    FUZZ,
    Lines,
    break_lines,
    cut_wide_words,
    line_ranges,
    pieces_start_lines,
    whole_words,
)

log = get_logger("reports.pdf")


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


class TextFlow(Flowable):
    """A left-aligned paragraph of runs in one size. Make one with `text_flow`.

    Words are parallel lists of texts and widths. A paragraph in one run (most of them)
    needs nothing else but the width of a space; one mixing runs also has a `Mixed`.
    """

    def __init__(
        self,
        style: ParagraphStyle,
        runs: list[Run],
        texts: list[str],
        widths: list[float],
        measure: Measure,
        *,
        space: float = 0.0,
        mixed: Mixed | None = None,
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
        # the one before without a space; `whole_words` joins them up for another width.
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
        found = runs_and_parts(spans, style, measure)
        if found is None:
            return None
        runs, parts = found
        size = style.fontSize
        if len(runs) == 1:
            words = one_run_words(runs[0].font, size, parts[0][1], measure)
            if words is None:
                return None
            texts, widths, space = words
            return cls(style, runs, texts, widths, measure, space=space)
        mixed = mixed_words(runs, parts, size, measure) if runs else None
        if mixed is None:
            return None
        texts, widths, mixed_runs = mixed
        return cls(style, runs, texts, widths, measure, mixed=mixed_runs)

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

    def _mixed_view(self) -> Mixed:
        """The runs as a `Mixed`, made up for a paragraph in one run."""
        if self._mixed is not None:
            return self._mixed
        return Mixed.one_run(len(self._texts), self._space)

    # ------------------------------------------------------------ line breaking

    def _break(self, max_width: float) -> Lines | None:
        gap_width = None if self._mixed is None else self._mixed.gap_width
        return break_lines(
            self._widths, max_width, self.style.spaceShrinkage, self._space, gap_width
        )

    def _break_wide_words(self, max_width: float) -> Lines | None:
        """Lines for a one-run paragraph with words wider than the line, cut into pieces.

        None (reportlab then lays it out) when a piece would still not fit, e.g. in a very
        narrow column.
        """
        texts, widths = self._texts, self._widths
        size = self.style.fontSize
        cache, measure_text = self._measure.table(self._runs[0].font, size)
        self._texts, self._widths, self._glued = cut_wide_words(
            texts, widths, max_width, self._space, cache, measure_text, size
        )
        self._cut_at = max_width
        lines = self._break(max_width)
        if lines is None or not pieces_start_lines(self._glued, lines[0]):
            self._texts, self._widths, self._glued = texts, widths, None
            return None
        return lines

    def _join_pieces(self) -> None:
        """Back to whole words, for a line width other than the one the pieces were cut for."""
        if self._glued is not None:
            self._texts, self._widths = whole_words(self._texts, self._widths, self._glued)
            self._glued = None

    def _line_ranges(self) -> Iterable[tuple[int, int, float]]:
        return line_ranges(self._starts, self._spares, len(self._texts))

    # ------------------------------------------------------------ fallback

    def _fallback(self) -> Para:
        if self._para is None:
            self._para = Para(self._markup(), self.style)
        return self._para

    def _markup(self) -> str:
        """The text as paragraph markup, one tag per stretch of a run."""
        return words_markup(self._runs, self._texts, self._mixed_view())

    # ------------------------------------------------------------ flowable protocol

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._para is not None:
            self.width, self.height = self._para.wrap(avail_width, avail_height)
            return self.width, self.height
        if avail_width < FUZZ:
            return 0, 0x7FFFFFFF
        if self._wrapped_at != avail_width:
            if self._cut_at != avail_width:  # pieces cut for another width: whole words again
                self._join_pieces()
            lines = self._break(avail_width)
            if lines is not None and not pieces_start_lines(self._glued, lines[0]):
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
        if avail_width < FUZZ or avail_height < FUZZ:
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
        return " ".join(whole_words(self._texts, self._widths, self._glued)[0])

    def minWidth(self) -> float:
        return max(self._widths)

    def draw(self) -> None:
        if self._para is not None:
            self._para.drawOn(self.canv, 0, 0)
            return
        draw_lines(
            self.canv, self.style, self._runs, self._texts, self._widths, self._mixed,
            self._line_ranges(), self.width, self.height,
        )
