"""Text from the store made safe for every output format, in one place.

The store accepts any Python string; Word and Excel files are XML, which forbids most
control characters, lone surrogates and U+FFFE/U+FFFF, and PDF fonts cannot draw them
either. Bidi override, embedding and isolate characters are legal but let a pasted name
reorder the text around it on the page (the "Trojan Source" trick), so they are removed
too; the ordinary left-to-right and right-to-left marks stay, since they only hint.
Every renderer passes the report through `clean_report` first, so no renderer fails on
a character and all three show the same text.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from datetime import date, datetime
from typing import Any, TypeVar

# XML 1.0 forbids C0 controls but tab, newline and carriage return; surrogate code points
# (only ever "lone" in a Python str); and the non-characters U+FFFE and U+FFFF.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_UNSAFE = re.compile(f"{XML_ILLEGAL.pattern[:-1]}{BIDI_CONTROLS.pattern[1:]}")

ELLIPSIS = "…"
WORD_PROPERTY_LIMIT = 255  # Word's limit on a core property (title, author, subject...)
EXCEL_CELL_LIMIT = 32_767  # Excel refuses to open a file with a longer cell

T = TypeVar("T")


def safe_text(text: str) -> str:
    """`text` without XML-illegal characters or bidi overrides (unchanged when it has none)."""
    if _UNSAFE.search(text) is None:  # the common case costs one scan and no copy
        return text
    return _UNSAFE.sub("", text)


def fit(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, ending in an ellipsis when it was cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + ELLIPSIS


def clean_report(report: T) -> T:
    """A copy of a report (or any part of one) with every string passed through `safe_text`.

    Walks the frozen dataclasses of the report model; parts with nothing to clean are
    returned as they are, so a clean report costs one scan of its text.
    """
    return _clean(report)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, tuple):
        cleaned = tuple(_clean(item) for item in value)
        return value if all(a is b for a, b in zip(cleaned, value, strict=True)) else cleaned
    names = _init_fields(type(value))
    if names:
        changes = {}
        for name in names:
            old = getattr(value, name)
            if type(old) in _PLAIN:
                continue
            new = _clean(old)
            if new is not old:
                changes[name] = new
        return replace(value, **changes) if changes else value
    return value  # numbers, dates, enums, None


# Values with no text in them (a report has thousands of numbers and dates).
_PLAIN = frozenset({int, float, bool, type(None), date, datetime})


_FIELDS: dict[type, tuple[str, ...]] = {}


def _init_fields(cls: type) -> tuple[str, ...]:
    """The fields a dataclass is built from (none for other types); worked out once per
    class."""
    found = _FIELDS.get(cls)
    if found is None:
        found = tuple(spec.name for spec in fields(cls) if spec.init) if is_dataclass(cls) else ()
        _FIELDS[cls] = found
    return found
