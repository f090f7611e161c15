"""Keyboard mnemonics (the '&' letters) for labels whose text is only known at run time."""

from __future__ import annotations


def free_mnemonic(label: str, used: set[str]) -> str:
    """`label` with '&' before its first letter not in `used` (unchanged if none is free)."""
    letter = next((c for c in label if c.isalpha() and c.lower() not in used), "")
    return with_mnemonic(label, letter)


def mnemonic_letter(text: str) -> str | None:
    index = text.replace("&&", "").find("&")
    cleaned = text.replace("&&", "")
    return cleaned[index + 1].lower() if 0 <= index < len(cleaned) - 1 else None


def with_mnemonic(label: str, letter: str) -> str:
    """`label` with '&' before `letter` (same case first, then any case); unchanged if absent."""
    label = label.replace("&", "&&")
    if not letter:
        return label
    index = label.find(letter)
    if index < 0:
        index = label.lower().find(letter.lower())
    return label if index < 0 else f"{label[:index]}&{label[index:]}"
