"""Parsing XML from a draft safely with lxml: no DTD, no entities, no network.

Office programs never write a document type declaration, and one is how "billion laughs"
and external-entity attacks start, so a part whose prolog has one is refused before
parsing. The parser itself loads no DTD, resolves no entity and never fetches anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from app.archives import HostileXml


def hostile(name: str) -> HostileXml:
    return HostileXml(
        f"“{name}” contains XML that Office programs never write and that can be used to "
        "attack a computer, so it was not opened."
    )


def refuse_dtd(data: bytes, name: str) -> None:
    """Raise `HostileXml` if the XML prolog (before the root element) declares a DTD."""
    position = 0
    if data.startswith(b"\xef\xbb\xbf"):
        position = 3
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16 XML: look for the declaration in the decoded text instead.
        head = data.decode("utf-16", errors="ignore")
        if "<!DOCTYPE" in head[:65536] or "<!ENTITY" in head[:65536]:
            raise hostile(name)
        return
    size = len(data)
    while position < size:
        while position < size and data[position] in b" \t\r\n":
            position += 1
        if data.startswith(b"<?", position):
            end = data.find(b"?>", position)
            position = size if end < 0 else end + 2
        elif data.startswith(b"<!--", position):
            end = data.find(b"-->", position)
            position = size if end < 0 else end + 3
        elif data.startswith(b"<!", position):
            raise hostile(name)
        else:
            return


def _parser_options() -> dict[str, Any]:
    return {"resolve_entities": False, "no_network": True, "load_dtd": False,
            "huge_tree": False, "dtd_validation": False}


def parse(data: bytes, name: str) -> Any:
    """The element tree of one XML part (lxml), or a `HostileXml` / `DraftRefused`."""
    from lxml import etree

    refuse_dtd(data, name)
    parser = etree.XMLParser(remove_comments=True, remove_pis=True, **_parser_options())
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise damaged(name) from exc
    if root.getroottree().docinfo.doctype:
        raise hostile(name)
    return root


def iterparse(data: bytes, name: str, *, events: tuple[str, ...],
              tag: str | tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    """Events from one part, parsed as a stream with the same guards as `parse`.

    The bytes are fed in slices, so the caller can drop each finished element and the tree
    never holds the whole part (lxml's pull parser: faster than `iterparse` on a file).
    """
    from lxml import etree

    refuse_dtd(data, name)
    parser = etree.XMLPullParser(events=events, tag=tag, **_parser_options())
    try:
        for offset in range(0, len(data), _SLICE):
            parser.feed(data[offset:offset + _SLICE])
            yield from parser.read_events()
        parser.close()
        yield from parser.read_events()
    except etree.XMLSyntaxError as exc:
        raise damaged(name) from exc


_SLICE = 256 * 1024


def damaged(name: str) -> Exception:
    from app.proofing.errors import DraftRefused

    return DraftRefused(
        f"“{name}” is damaged: part of it is not well-formed, so it was not read. Open it in "
        "Word or LibreOffice, save it again and retry."
    )
