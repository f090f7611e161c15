"""One rule for text a user types or a command line passes: the same everywhere it is stored.

`clean_text` strips it, normalises it (Unicode NFC, so "é" typed two ways is stored one way),
and refuses with a sentence: text over the field's length, control characters and NUL
(newlines and tabs are allowed only in multi-line fields), and lone surrogates, which is how
Python carries bytes that are not valid UTF-8 in a command-line argument.

`for_display` neutralises the bidirectional override characters that can make text shown to
a user read differently from what is stored.

Core module: standard library and `app.errors` only.
"""

from __future__ import annotations

import unicodedata

from app.errors import UserError

# Explicit embedding, override and isolate controls (they can reorder what a reader sees).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_MULTILINE_ALLOWED = frozenset("\n\t")


class TextRefused(UserError):
    """Text that cannot be stored as it is; nothing was changed."""


def clean_text(
    value: str,
    *,
    label: str,
    max_length: int,
    multiline: bool = False,
    required: bool = False,
) -> str:
    """`value` as it would be stored, or `TextRefused` with a sentence naming `label`."""
    if not isinstance(value, str):
        raise TextRefused(f"{label} must be text.")
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise TextRefused(
            f"{label} contains characters that could not be read (it is not valid UTF-8 "
            "text). Type it again."
        )
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = unicodedata.normalize("NFC", value.strip())
    if required and not value:
        raise TextRefused(f"{label} cannot be empty. Type something in it.")
    if len(value) > max_length:
        raise TextRefused(f"{label} is too long; keep it under {max_length} characters.")
    allowed = _MULTILINE_ALLOWED if multiline else frozenset()
    for ch in value:
        if ch in allowed:
            continue
        if unicodedata.category(ch) == "Cc" or ch in ("\u2028", "\u2029"):
            if multiline:
                raise TextRefused(f"{label} cannot contain control characters.")
            raise TextRefused(f"{label} cannot contain line breaks or control characters.")
    return value


def for_display(value: str) -> str:
    """`value` with bidirectional override characters made visible instead of obeyed."""
    return "".join(
        f"<U+{ord(ch):04X}>" if ch in BIDI_CONTROLS else ch for ch in value
    )
