"""Line breaking for TextFlow with reportlab's arithmetic, and cutting words wider than a line."""

from __future__ import annotations

from collections.abc import Iterable

from app.reports.render.pdf.measure import WidthOf

FUZZ = 1e-6  # as platypus: narrower than this is no room at all

Lines = tuple[list[int], list[float]]  # first word of each line, spare width of each


def break_lines(
    widths: list[float],
    max_width: float,
    shrink: float,
    space: float,
    gap_width: list[float] | None,
) -> Lines | None:
    """Greedy lines as (first word of each, spare width of each); None if a word is
    wider than the line (reportlab would split it across lines).

    `gap_width` is the width of the space after each word when the paragraph mixes runs;
    None for a paragraph in one run, whose spaces are all `space` wide.
    """
    if max(widths) > max_width:
        return None
    starts = [0]
    spares: list[float] = []
    first = 0
    if gap_width is None:
        # reportlab's single-style arithmetic, same sums in the same order.
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


def line_ranges(
    starts: list[int], spares: list[float], words: int
) -> Iterable[tuple[int, int, float]]:
    """Each line as (first word, word after its last, spare width)."""
    return zip(starts, [*starts[1:], words], spares, strict=True)


def cut_wide_words(
    texts: list[str],
    widths: list[float],
    max_width: float,
    space: float,
    cache: dict[str, float],
    measure_text: WidthOf,
    size: float,
) -> tuple[list[str], list[float], list[bool]]:
    """The words of a one-run paragraph with those wider than the line cut into pieces, and
    for each whether it continues the word before without a space (is glued to it).

    reportlab re-measures an over-long word character by character every time the
    paragraph is split across a page, which makes a long unbroken string quadratic; here
    each character is measured once (cached) and each piece once. Like reportlab, the
    first piece fills the rest of its line and the others whole lines.
    """
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
    return out_texts, out_widths, glued


def pieces_start_lines(glued: list[bool] | None, starts: list[int]) -> bool:
    """A continued piece must start a line, or a space would appear inside its word."""
    if glued is None:
        return True
    first = set(starts)
    return all(i in first for i, joined in enumerate(glued) if joined)


def _cut_word(
    word: str,
    room: float,
    max_width: float,
    cache: dict[str, float],
    measure_text: WidthOf,
    size: float,
) -> Iterable[tuple[str, float]]:
    """`word` as pieces: the first fits `room`, the rest `max_width` (one pass, linear)."""
    limit = room
    start, total = 0, 0.0
    for i, char in enumerate(word):
        char_width = cache.get(char)
        if char_width is None:
            char_width = cache[char] = measure_text(char, size)
        if total + char_width > limit - FUZZ:  # a margin for sums vs one measurement
            if i == start:  # not even one character fits the rest of the line: next line
                if limit < max_width:
                    limit = max_width
                    if total + char_width <= limit - FUZZ:
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


def whole_words(
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
