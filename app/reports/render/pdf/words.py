"""A paragraph's spans as the words TextFlow lays out: runs, words, their widths and spaces.

Also the way back: the words as paragraph markup, for when reportlab's engine takes over.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle

from app.reports.model.report import Span
from app.reports.render.pdf.markup import clean_text, safe_url, span_markup
from app.reports.render.pdf.measure import Measure
from app.reports.render.pdf.styles import LINK

# Whitespace other than the plain space, and soft hyphens: reportlab treats these specially.
_SPECIAL = re.compile(r"[^\S ]|\xad")

Piece = tuple[int, str, float]  # run index, text, width


class Run:
    """How one stretch of text is drawn; `span` rebuilds its markup for the fallback."""

    __slots__ = ("bold", "color", "font", "href", "italic", "link")

    def __init__(self, font: str, color, href: str | None, span: Span) -> None:
        self.font = font
        self.color = color
        self.href = href
        self.bold, self.italic, self.link = span.bold, span.italic, span.link


class Mixed:
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

    @classmethod
    def one_run(cls, words: int, space: float) -> Mixed:
        """`words` words of run 0 with spaces `space` wide: a paragraph in one run, as runs."""
        return cls([0] * words, {}, [space] * (words - 1), [0] * (words - 1))

    def part(self, first: int, end: int) -> Mixed:
        pieces = {i - first: p for i, p in self.pieces.items() if first <= i < end}
        return Mixed(
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


def runs_and_parts(
    spans: Sequence[Span], style: ParagraphStyle, measure: Measure
) -> tuple[list[Run], list[tuple[int, str]]] | None:
    """The distinct runs and the text typed in each, in order; None if the text needs
    reportlab's full engine (special spaces, a font outside a registered family)."""
    runs: list[Run] = []
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
            runs.append(Run(font, LINK if href else style.textColor, href, span))
        if parts and parts[-1][0] == index:  # looks the same as the run before
            parts[-1] = (index, parts[-1][1] + text)
        else:
            parts.append((index, text))
    return runs, parts


def one_run_words(
    font: str, size: float, text: str, measure: Measure
) -> tuple[list[str], list[float], float] | None:
    """The words of text in one run, their widths and the width of a space; None if empty."""
    texts = text.split()  # only plain spaces are left in the text
    if not texts:
        return None  # an empty paragraph: leave reportlab's rules for it alone
    cache, measure_text = measure.table(font, size)
    for word in texts:
        if word not in cache:
            cache[word] = measure_text(word, size)
    if " " not in cache:
        cache[" "] = measure_text(" ", size)
    return texts, [cache[word] for word in texts], cache[" "]


def mixed_words(
    runs: list[Run], parts: list[tuple[int, str]], size: float, measure: Measure
) -> tuple[list[str], list[float], Mixed] | None:
    """The words of text typed in several runs, their widths and how they mix the runs."""
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
    return texts, widths, Mixed(word_run, pieces, gap_width, gap_run)


def words_markup(runs: list[Run], texts: list[str], mixed: Mixed) -> str:
    """The words as paragraph markup, one tag per stretch of a run."""
    stretches: list[list] = []  # [run index, text]

    def add(index: int, text: str) -> None:
        if stretches and stretches[-1][0] == index:
            stretches[-1][1] += text
        else:
            stretches.append([index, text])

    for i, text in enumerate(texts):
        if i:
            add(mixed.gap_run[i - 1], " ")
        if mixed.word_run[i] >= 0:
            add(mixed.word_run[i], text)
        else:
            for index, piece, _ in mixed.pieces[i]:
                add(index, piece)
    return "".join(
        span_markup(Span(text, runs[i].bold, runs[i].italic, runs[i].link))
        for i, text in stretches
    )
